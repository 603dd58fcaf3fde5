import {
  ButtonStyle,
  ComponentType,
  Events,
  GatewayDispatchEvents,
  MessageFlags,
  Routes,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageReactionAddDispatchData,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { ATTACHMENT_ONLY } from '../../../commands/messages.js';
import type { ChatAdapter } from '../../chat/adapter.js';
import { commandForms, type Command } from '../../chat/command.js';
import { matchChoice, problemLines, type FormSpec, type FormValues } from '../../chat/form.js';
import type { Envelope, Inbound, Responder } from '../../chat/inbound.js';
import type { Pipeline } from '../../chat/pipeline.js';
import { ErrorCode, TactError, describeError, errorCodeOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Answerable, DiscordOutbound } from './outbound.js';
import { DEFAULT_SUBCOMMAND, optionName, renderModal, renderReply, subcommandName } from './render.js';

/**
 * Turns discord.js interactions and raw gateway events into the pipeline's neutral events. Slash
 * command options are rebuilt into the text the other adapters parse. An interaction gets its first
 * answer within Discord's 3 seconds: a quick result (a form) answers directly, slow work is deferred.
 */
const QUICK_MS = 1_500;

export interface DiscordWiring {
  client: Client;
  pipeline: Pipeline;
  adapter: ChatAdapter;
  out: DiscordOutbound;
  logger: Logger;
  botUserId: () => string | undefined;
}

export function registerDiscord(w: DiscordWiring): void {
  w.client.on(Events.InteractionCreate, (interaction) => onInteraction(w, interaction));
  // Raw gateway dispatches: they need no cache of channels or messages (MessageContent intent required).
  w.client.ws.on(
    GatewayDispatchEvents.MessageCreate,
    (data: GatewayMessageCreateDispatchData) => void onMessage(w, data),
  );
  w.client.ws.on(
    GatewayDispatchEvents.MessageReactionAdd,
    (data: GatewayMessageReactionAddDispatchData) => void onReaction(w, data),
  );
}

function envelope(interaction: Interaction): Envelope {
  return {
    platform: 'discord',
    actor: { id: interaction.user.id, roles: rolesOf(interaction) },
    place: { channelId: interaction.channelId ?? undefined, guildId: interaction.guildId ?? undefined },
    deliveryId: `interaction:${interaction.id}`,
  };
}

async function onInteraction(w: DiscordWiring, interaction: Interaction): Promise<void> {
  const catalogue = w.pipeline.catalogue();
  if (interaction.isChatInputCommand()) {
    const command = catalogue.commands.find((c) => c.name === interaction.commandName);
    if (!command) return;
    const text = textFromOptions(command, interaction);
    const event: Inbound = { ...envelope(interaction), kind: 'command', command: command.name, text };
    await w.pipeline.handle(w.adapter, event, responder(w, interaction, text === '' || text === DEFAULT_SUBCOMMAND));
  } else if (interaction.isButton() && interaction.customId.startsWith(`${REOPEN}|`)) {
    await reopenForm(interaction);
  } else if (interaction.isButton()) {
    const [, actionId = '', ...rest] = interaction.customId.split('|');
    if (!catalogue.actionIds.includes(actionId)) return;
    await w.pipeline.handle(
      w.adapter,
      { ...envelope(interaction), kind: 'action', actionId, value: rest.join('|') },
      responder(w, interaction, true),
    );
  } else if (interaction.isModalSubmit()) {
    const [, formId = '', context = ''] = interaction.customId.split('|');
    const command = catalogue.commands.find((c) => commandForms(c).some((f) => f.spec.id === formId));
    if (!command) return;
    const event: Inbound = {
      ...envelope(interaction),
      kind: 'form',
      formId,
      values: readModal(command, formId, interaction),
      context: context || undefined,
    };
    await w.pipeline.handle(w.adapter, event, responder(w, interaction, false));
  }
}

/** A refused form's typed values, kept a while for the button that opens it again (this instance only). */
const REOPEN = 'form-again';
const KEEP_TYPED_MS = 30 * 60_000;
const typedForms = new Map<string, { form: FormSpec; values: FormValues; userId: string; at: number }>();

function keepTyped(id: string, kept: { form: FormSpec; values: FormValues; userId: string }): void {
  const now = Date.now();
  for (const [key, old] of typedForms) if (now - old.at > KEEP_TYPED_MS) typedForms.delete(key);
  typedForms.set(id, { ...kept, at: now });
}

async function reopenForm(interaction: ButtonInteraction): Promise<void> {
  const [, id = ''] = interaction.customId.split('|');
  const kept = typedForms.get(id);
  if (!kept || kept.userId !== interaction.user.id || Date.now() - kept.at > KEEP_TYPED_MS) {
    await interaction.reply({
      content: 'That form is no longer kept here: run the command again; what you typed is in the message above.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  await interaction.showModal(renderModal(kept.form, kept.values));
}

/** What only an interaction can do: ephemeral answers, a modal as the first answer, a deferred reply. */
function responder(w: DiscordWiring, interaction: Answerable, mayBeForm: boolean): Responder {
  const untouched = () => !interaction.deferred && !interaction.replied;
  return {
    answerPrivately: (reply) => w.out.answerPrivately(interaction, reply),
    async rejectForm(errors, form, values) {
      // A modal cannot stay open with errors on Discord: the problems come privately, with what was
      // typed and a button that opens the form again filled in, so nothing is lost.
      const typed = form.fields
        .filter((f) => values[f.id] !== undefined)
        .map((f) => `${f.label}: ${values[f.id] ?? ''}`);
      const [message] = renderReply({
        visibility: 'private',
        summary: 'Not saved: please correct the form and send it again.',
        sections: [
          { kind: 'text', text: 'Not saved: please correct the form and send it again.' },
          { kind: 'list', items: problemLines(form, errors) },
          ...(typed.length ? [{ kind: 'list' as const, title: 'What you typed', items: typed }] : []),
        ],
      });
      keepTyped(interaction.id, { form, values, userId: interaction.user.id });
      const again = {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: 'Open the form again',
            custom_id: `${REOPEN}|${interaction.id}`,
          },
        ],
      } as const;
      await interaction.reply({
        content: message?.content ?? 'Not saved.',
        components: [again],
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    },
    async openForm(form) {
      if (interaction.isModalSubmit() || !untouched())
        throw new TactError(ErrorCode.HandlerFailed, 'a form can only be the first answer to a command or button');
      await interaction.showModal(renderModal(form));
    },
    async done() {
      if (interaction.deferred && !interaction.replied)
        await interaction.editReply({ content: 'Done.', allowedMentions: { parse: [] } });
      // Every interaction needs an answer, or Discord shows "This interaction failed": a button
      // whose result is posted elsewhere (a thread) is acknowledged without changing its message.
      else if (untouched() && interaction.isMessageComponent()) await interaction.deferUpdate();
      else if (untouched())
        await interaction.reply({ content: 'Done.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    },
    async duplicate() {
      if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
    },
    // A result ready in time (a form, a quick reply) is the first answer; otherwise the reply is deferred, privately.
    async settle<T>(running: Promise<T>): Promise<T> {
      const late = Symbol('late');
      const timer = new Promise<typeof late>((resolve) => setTimeout(() => resolve(late), QUICK_MS).unref());
      const first = mayBeForm ? await Promise.race([running, timer]) : late;
      if (first !== late) return first;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      return running;
    },
  };
}

/** Discord has no ephemeral messages outside interactions: private notes go by direct message. */
function byDirectMessage(w: DiscordWiring, userId: string): Responder {
  return { answerPrivately: async (reply) => void (await w.out.send({ ...reply, visibility: 'dm', to: userId }, {})) };
}

async function onMessage(w: DiscordWiring, data: GatewayMessageCreateDispatchData): Promise<void> {
  if (data.type !== 0 && data.type !== 19) return;
  const text = data.content || (data.attachments.length > 0 ? ATTACHMENT_ONLY : '');
  if (!text) return;
  const self = w.botUserId();
  // The pipeline skips Tact's own posts too; here they are dropped before a REST call for the thread's parent.
  if (data.author.id === self) return;
  let event: Inbound;
  try {
    event = await messageEvent(w, data, text, self);
  } catch (error) {
    w.logger.error('channel message listener failed', { code: errorCodeOf(error), error: describeError(error) });
    return;
  }
  await w.pipeline.handle(w.adapter, event, byDirectMessage(w, data.author.id));
}

/** A gateway message as a neutral event: a mention of Tact, or a message in a channel or thread. */
async function messageEvent(
  w: DiscordWiring,
  data: GatewayMessageCreateDispatchData,
  text: string,
  self: string | undefined,
): Promise<Inbound> {
  const parent = data.guild_id ? await w.out.parentOf(data.channel_id) : undefined;
  const channelId = parent ?? data.channel_id;
  const threadId = parent ? data.channel_id : undefined;
  const base = {
    platform: 'discord',
    actor: { id: data.author.id },
    place: { channelId, threadId: threadId ?? data.id, guildId: data.guild_id },
    eventId: `message:${data.id}`,
    authorIds: [data.author.id],
    selfIds: self ? [self] : [],
  };
  if (data.mentions.some((m) => m.id === self)) {
    // "@Tact shorter" in a review's thread, as on Slack; the thread's id is its first message's.
    const readThreadStart = async () => {
      if (!threadId) return undefined;
      const first = (await w.client.rest.get(Routes.channelMessage(channelId, threadId))) as {
        content?: string;
        author?: { bot?: boolean; username?: string };
      };
      if (!first.content) return undefined;
      return {
        text: first.content,
        messageId: threadId,
        fromIntegration: first.author?.bot === true,
        integrationName: first.author?.username,
      };
    };
    return {
      ...base,
      kind: 'mention',
      mention: { text: text.replace(/<@!?\d+>/g, ''), channelId, threadId },
      readThreadStart,
    };
  }
  const link = data.guild_id
    ? `https://discord.com/channels/${data.guild_id}/${data.channel_id}/${data.id}`
    : undefined;
  const fromIntegration = data.author.bot === true || data.webhook_id !== undefined;
  const message = {
    text,
    channelId,
    messageId: data.id,
    threadId,
    fromIntegration,
    integrationName: data.author.username,
    link,
  };
  return { ...base, kind: 'message', message };
}

async function onReaction(w: DiscordWiring, data: GatewayMessageReactionAddDispatchData): Promise<void> {
  const name = REACTION_NAMES[data.emoji.name ?? ''] ?? data.emoji.name ?? '';
  const self = w.botUserId();
  const event: Inbound = {
    platform: 'discord',
    actor: { id: data.user_id },
    place: { channelId: data.channel_id, threadId: data.message_id, guildId: data.guild_id },
    eventId: `reaction:${data.message_id}:${data.user_id}:${name}`,
    authorIds: [data.user_id],
    selfIds: self ? [self] : [],
    kind: 'reaction',
    reaction: { name, channelId: data.channel_id, messageId: data.message_id },
  };
  await w.pipeline.handle(w.adapter, event, byDirectMessage(w, data.user_id));
}

function rolesOf(interaction: Interaction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

function readModal(command: Command, formId: string, interaction: ModalSubmitInteraction): FormValues {
  const form = commandForms(command).find((f) => f.spec.id === formId);
  const values: Record<string, string | undefined> = {};
  for (const field of form?.spec.fields ?? []) {
    const value = interaction.fields.fields.has(field.id) ? interaction.fields.getTextInputValue(field.id).trim() : '';
    values[field.id] = value === '' ? undefined : field.kind === 'choice' ? matchChoice(field, value) : value;
  }
  return values;
}

/** Quotes a word that holds spaces, so the text parser reads it as one argument. */
function word(value: string): string {
  return /\s/.test(value) && !value.includes('"') ? `"${value}"` : value;
}

/** Slash-command options back into the text `/complaint ...` would carry on Slack or the console. */
export function textFromOptions(command: Command, interaction: ChatInputCommandInteraction): string {
  const name = interaction.options.getSubcommand(false) ?? 'help';
  if (name === 'help') return 'help';
  const subcommand = command.subcommands.find((s) => subcommandName(s) === name);
  if (!subcommand) return name;
  const parts = subcommand.name ? [subcommand.name] : [];
  for (const arg of subcommand.args) {
    const value = interaction.options.getString(optionName(arg.name), false)?.trim();
    if (!value) continue;
    if (arg.kind === 'rest') parts.push(value);
    else parts.push(arg.name.endsWith(':') ? `${value}:` : word(value));
  }
  return parts.join(' ');
}

/** Discord sends the emoji itself; the core speaks Slack's names for them. */
const REACTION_NAMES: Record<string, string> = {
  '👀': 'eyes',
  '✅': 'white_check_mark',
  '✔️': 'heavy_check_mark',
  '☑️': 'ballot_box_with_check',
};
