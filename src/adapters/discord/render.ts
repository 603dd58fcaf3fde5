import { ownRawId, shownId } from '../../chat/ids.js';
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  PermissionFlagsBits,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIModalInteractionResponseCallbackData,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, Subcommand } from '../../chat/command.js';
import type { FormSpec } from '../../chat/form.js';
import { filesNote, type Field, type Reply, type Section } from '../../chat/reply.js';

/**
 * Discord rendering: application commands generated from commands/ (never written twice), replies as
 * Markdown messages within Discord's limits, forms as modals, actions as buttons. User text is
 * escaped, and every message goes out with `allowed_mentions: { parse: [] }`, so nothing pings.
 */
export const LIMITS = {
  message: 2000,
  buttonsPerRow: 5,
  rows: 5,
  modalFields: 5,
  modalTitle: 45,
  inputLabel: 45,
  placeholder: 100,
  customId: 100,
  optionDescription: 100,
  choices: 25,
  buttonLabel: 80,
} as const;

/** The name the command's default form gets where every subcommand must be named. */
export const DEFAULT_SUBCOMMAND = 'log';

/** Commands only managers use are hidden by default; Tact still checks roles itself. */
const MANAGEMENT_COMMANDS = new Set(['tact']);

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Markdown and mention syntax in user text shown as typed. */
export function escapeText(text: string): string {
  return text
    .replace(/([\\*_~`|[\]])/g, '\\$1')
    .replace(/^(\s*)([>#-])/gm, '$1\\$2')
    .replace(/<(?=[@#][!&]?\d+>|a?:\w+:\d+>|t:\d+)/g, '<\u200b')
    .replace(/@(?=(everyone|here)\b)/gi, '@\u200b');
}

export function optionName(argName: string): string {
  return argName.replace(/:$/, '').toLowerCase();
}

export function subcommandName(subcommand: Subcommand): string {
  return subcommand.name || DEFAULT_SUBCOMMAND;
}

function subcommandJson(command: Command, subcommand: Subcommand) {
  // A default subcommand whose command has a form may be called with nothing (it opens the form),
  // so its options are optional; without a form (/inquiry, /review) they are as declared.
  const isDefault = subcommand.name === '';
  const opensForm = isDefault && command.form !== undefined;
  const options = subcommand.args.map((arg) => ({
    type: ApplicationCommandOptionType.String as const,
    name: optionName(arg.name),
    description: truncate(arg.description, LIMITS.optionDescription),
    required: !opensForm && !arg.optional,
    ...(arg.choices ? { choices: arg.choices.slice(0, LIMITS.choices).map((c) => ({ name: c, value: c })) } : {}),
  }));
  // Discord wants required options before optional ones; text is rebuilt in declared order anyway.
  options.sort((a, b) => Number(b.required) - Number(a.required));
  const summary = isDefault && command.form ? `${subcommand.summary} (leave empty for a form)` : subcommand.summary;
  return {
    type: ApplicationCommandOptionType.Subcommand as const,
    name: subcommandName(subcommand),
    description: truncate(summary, LIMITS.optionDescription),
    options,
  };
}

export function applicationCommands(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => ({
    name: command.name,
    description: truncate(command.summary, LIMITS.optionDescription),
    options: [
      ...command.subcommands.map((s) => subcommandJson(command, s)),
      { type: ApplicationCommandOptionType.Subcommand, name: 'help', description: `what /${command.name} can do` },
    ],
    ...(MANAGEMENT_COMMANDS.has(command.name)
      ? { default_member_permissions: String(PermissionFlagsBits.ManageGuild) }
      : {}),
    dm_permission: false,
  }));
}

function fieldLine(field: Field): string {
  const user = field.user ? ownRawId('discord', field.value) : undefined;
  const value =
    user && /^\d{5,25}$/.test(user) ? `<@${user}>` : escapeText(field.user ? shownId(field.value) : field.value);
  return `**${escapeText(field.label)}:** ${value}`;
}

function sectionText(section: Section): string {
  switch (section.kind) {
    case 'heading':
      return `**${escapeText(section.text)}**`;
    case 'text':
      return escapeText(section.text);
    case 'preformatted':
      return '```\n' + section.text.replace(/```/g, "'''") + '\n```';
    case 'fields':
      return section.fields.map(fieldLine).join('\n');
    case 'list': {
      const items = (section.items.length ? section.items : ['(none)']).map((item) => `- ${escapeText(item)}`);
      return [...(section.title ? [`**${escapeText(section.title)}**`] : []), ...items].join('\n');
    }
  }
}

/** Splits on line ends so each piece fits one message; a code block is closed and reopened. */
export function paginate(text: string, max: number = LIMITS.message): string[] {
  const pages: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const pieces = line.length > max - 10 ? (line.match(new RegExp(`[\\s\\S]{1,${max - 10}}`, 'g')) ?? []) : [line];
    for (const piece of pieces) {
      const next = current ? `${current}\n${piece}` : piece;
      if (next.length <= max - 4) {
        current = next;
        continue;
      }
      const open = (current.match(/```/g) ?? []).length % 2 === 1;
      pages.push(open ? `${current}\n\`\`\`` : current);
      current = open ? `\`\`\`\n${piece}` : piece;
    }
  }
  if (current) pages.push(current);
  return pages.length ? pages : [''];
}

export interface DiscordMessage {
  content: string;
  components: Array<APIActionRowComponent<APIButtonComponent>>;
  allowed_mentions: { parse: [] };
}

const BUTTON_STYLES = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger } as const;

/** Buttons carry `act|<action id>|<value>`; the adapter routes them back to the command. */
export function actionCustomId(actionId: string, value: string): string {
  return truncate(`act|${actionId}|${value}`, LIMITS.customId);
}

export function renderReply(reply: Reply): DiscordMessage[] {
  const pages = paginate([...reply.sections, ...filesNote(reply)].map(sectionText).join('\n'));
  const buttons: APIButtonComponent[] = (reply.actions ?? [])
    .slice(0, LIMITS.buttonsPerRow * LIMITS.rows)
    .map((action) => ({
      type: ComponentType.Button,
      style: action.style ? BUTTON_STYLES[action.style] : ButtonStyle.Secondary,
      label: truncate(action.label, LIMITS.buttonLabel),
      custom_id: actionCustomId(action.id, action.value),
    }));
  const rows: Array<APIActionRowComponent<APIButtonComponent>> = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return pages.map((content, i) => ({
    content,
    components: i === pages.length - 1 ? rows : [],
    allowed_mentions: { parse: [] },
  }));
}

/**
 * A form as a modal: text inputs only, at most five. Required fields come first; a choice field
 * lists its choices in the placeholder and the answer is matched like a typed choice.
 */
export function renderModal(form: FormSpec): APIModalInteractionResponseCallbackData {
  const fields = [...form.fields.filter((f) => !f.optional), ...form.fields.filter((f) => f.optional)].slice(
    0,
    LIMITS.modalFields,
  );
  return {
    custom_id: truncate(`form|${form.id}|${form.context ?? ''}`, LIMITS.customId),
    title: truncate(form.title, LIMITS.modalTitle),
    components: fields.map((field) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: field.id,
          label: truncate(field.label, LIMITS.inputLabel),
          style: field.kind === 'longtext' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: !field.optional,
          ...(field.maxLength ? { max_length: Math.min(field.maxLength, 4000) } : {}),
          ...(field.choices
            ? { placeholder: truncate(field.choices.map((c) => c.value).join(', '), LIMITS.placeholder) }
            : field.placeholder
              ? { placeholder: truncate(field.placeholder, LIMITS.placeholder) }
              : {}),
        },
      ],
    })),
  };
}
