import { ownRawId, shownId } from '../../chat/ids.js';
import type { KnownBlock, ModalView, SectionBlock, View } from '@slack/types';
import type { FormSpec, FormValues } from '../../chat/form.js';
import { filesNote, type Field, type Reply, type Section } from '../../chat/reply.js';

/**
 * Replies as Block Kit, within Slack's limits: 50 blocks a message, 3,000 characters a section,
 * 150 a header, 10 fields a section, and about 12k characters of blocks a message (beyond that
 * Slack answers msg_blocks_too_long), so long replies become several messages.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  header: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  charsPerMessage: 11_000,
  fallbackText: 300,
  modalTitle: 24,
  buttonText: 75,
} as const;

/**
 * Escapes text for mrkdwn: `<`, `>` and `&` are Slack's control characters (`<!channel>`, `<@U1>`,
 * `<!subteam^S1>`, links), and a word joiner after "@" keeps "@here" and friends from reading as
 * broadcasts in any client that links plain names.
 */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(here|channel|everyone)\b)/gi, '@\u2060');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits on line ends where possible so each piece fits one section. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest.length) pieces.push(rest);
  return pieces;
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function fieldText(field: Field): string {
  const user = field.user ? ownRawId('slack', field.value) : undefined;
  const value =
    user && /^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : escapeText(field.user ? shownId(field.value) : field.value);
  return truncate(`*${escapeText(field.label)}*\n${value}`, LIMITS.fieldText);
}

function sectionBlocks(part: Section): KnownBlock[] {
  switch (part.kind) {
    case 'heading':
      return [{ type: 'header', text: { type: 'plain_text', text: truncate(part.text, LIMITS.header) } }];
    case 'text':
      return splitText(escapeText(part.text), LIMITS.sectionText).map(section);
    case 'preformatted':
      return splitText(escapeText(part.text.replace(/```/g, "'''")), LIMITS.sectionText - 8).map((t) =>
        section('```' + t + '```'),
      );
    case 'fields': {
      const blocks: KnownBlock[] = [];
      for (let i = 0; i < part.fields.length; i += LIMITS.fieldsPerSection) {
        const fields = part.fields
          .slice(i, i + LIMITS.fieldsPerSection)
          .map((f) => ({ type: 'mrkdwn' as const, text: fieldText(f) }));
        blocks.push({ type: 'section', fields });
      }
      return blocks;
    }
    case 'list': {
      const items = (part.items.length ? part.items : ['(none)']).map((item) => `• ${escapeText(item)}`);
      const title = part.title ? `*${escapeText(part.title)}*\n` : '';
      return splitText(title + items.join('\n'), LIMITS.sectionText).map(section);
    }
  }
}

function actionBlock(reply: Reply): KnownBlock[] {
  if (!reply.actions?.length) return [];
  return [
    {
      type: 'actions',
      elements: reply.actions.slice(0, 25).map((action) => ({
        type: 'button' as const,
        action_id: action.id,
        value: action.value,
        text: { type: 'plain_text' as const, text: truncate(action.label, LIMITS.buttonText) },
        ...(action.style ? { style: action.style } : {}),
      })),
    },
  ];
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** One or more messages, each within the block and size limits. */
export function renderReply(reply: Reply): SlackMessage[] {
  const blocks = [...[...reply.sections, ...filesNote(reply)].flatMap(sectionBlocks), ...actionBlock(reply)];
  const messages: KnownBlock[][] = [[]];
  let size = 0;
  for (const block of blocks) {
    const blockSize = JSON.stringify(block).length;
    const current = messages[messages.length - 1] ?? [];
    if (
      current.length >= LIMITS.blocksPerMessage ||
      (current.length > 0 && size + blockSize > LIMITS.charsPerMessage)
    ) {
      messages.push([block]);
      size = blockSize;
    } else {
      current.push(block);
      size += blockSize;
    }
  }
  const text = truncate(escapeText(reply.summary), LIMITS.fallbackText);
  return messages.map((chunk, i) => ({
    text: i === 0 ? text : `${text} (${i + 1}/${messages.length})`,
    blocks: chunk,
  }));
}

/** A form as a modal; `private_metadata` carries where the command was typed. */
export function renderModal(form: FormSpec, metadata: string): View {
  const view: ModalView = {
    type: 'modal',
    callback_id: form.id,
    private_metadata: metadata,
    title: { type: 'plain_text', text: truncate(form.title, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: truncate(form.submitLabel, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: form.fields.map((field) => ({
      type: 'input' as const,
      block_id: field.id,
      optional: field.optional ?? false,
      label: { type: 'plain_text' as const, text: field.label },
      element:
        field.kind === 'choice'
          ? {
              type: 'static_select' as const,
              action_id: 'value',
              options: (field.choices ?? []).map((c) => ({
                text: { type: 'plain_text' as const, text: c.label },
                value: c.value,
              })),
            }
          : {
              type: 'plain_text_input' as const,
              action_id: 'value',
              multiline: field.kind === 'longtext',
              ...(field.maxLength ? { max_length: field.maxLength } : {}),
              ...(field.placeholder ? { placeholder: { type: 'plain_text' as const, text: field.placeholder } } : {}),
            },
    })),
  };
  return view;
}

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
}

/** Values of a submitted modal, by field id. */
export function readModal(form: FormSpec, state: Record<string, Record<string, StateValue>>): FormValues {
  const values: Record<string, string | undefined> = {};
  for (const field of form.fields) {
    const input = state[field.id]?.['value'];
    values[field.id] = input?.selected_option?.value ?? input?.value ?? undefined;
  }
  return values;
}
