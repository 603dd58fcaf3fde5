import { z } from 'zod';
import { defineSubcommand, type CommandContext } from '../../src/chat/command.js';
import { shownId } from '../../src/chat/ids.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import type { Sign } from '../../src/urgent/signs.js';
import { SIGN_LINE_FORMAT } from '../../src/urgent/signs.js';

/**
 * `/tact signs`: the words that page the on-call provider (blurred vision, white skin, trouble
 * breathing...). The built-in list is summarised; the clinic adds its own lines, checks a sample text
 * against the whole list, and removes lines. The sample is never stored or logged.
 */
const ADD_USAGE = `write /tact signs add <label>: <pattern>, as ${SIGN_LINE_FORMAT}`;
const REMOVE_USAGE = 'write the line number shown by /tact signs list, e.g. /tact signs remove 2';
const CHECK_USAGE = 'write a sample message after check, e.g. /tact signs check my lip has gone white';
const USAGE = 'use /tact signs list, add <label>: <pattern>, remove <number> or check <sample text>';

function parseSigns(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const [verb = '', ...rest] = trimmed.split(/\s+/);
  const tail = trimmed.slice(verb.length).trim();
  const action = verb.toLowerCase() || 'list';
  if (action === 'remove') return { action, number: rest.join(' ') };
  return { action, ...(tail ? { text: tail } : {}) };
}

/** "vision changes (27 lines)": a list's labels, each once, with how many lines it has. */
function labelCounts(signs: readonly Sign[]): string[] {
  const counts = new Map<string, number>();
  for (const sign of signs) counts.set(sign.label, (counts.get(sign.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${label} (${n} line${n === 1 ? '' : 's'})`);
}

function listing(ctx: CommandContext): Reply {
  const signs = ctx.services.signs;
  const own = signs.list().map((e) => `#${e.number} · ${e.line} · added by ${shownId(e.addedBy)}`);
  const fromFile = signs.fromFile();
  return reply.private(`Urgent signs: ${labelCounts(signs.builtIn()).length} built in, ${own.length} of the clinic's`, [
    { kind: 'heading', text: 'Urgent signs: words that page the on-call provider' },
    { kind: 'list', title: 'Built in (prompts/urgent-signs.txt)', items: labelCounts(signs.builtIn()) },
    ...(fromFile.length
      ? [{ kind: 'list' as const, title: 'From TACT_URGENT_SIGNS_FILE', items: labelCounts(fromFile) }]
      : []),
    { kind: 'list', title: `The clinic's own (${own.length})`, items: own.length ? own : ['none yet'] },
    {
      kind: 'text',
      text: `Add one with /tact signs add <label>: <pattern>, e.g. /tact signs add numb lip: lip|lips ~3 numb|numbness. Format: ${SIGN_LINE_FORMAT} Try a message with /tact signs check <text>; remove a line with /tact signs remove <number>.`,
    },
  ]);
}

export const signs = defineSubcommand({
  name: 'signs',
  summary:
    'the words that page the on-call provider: `list`, `add <label>: <pattern>`, `remove <number>`, `check <sample text>`',
  args: [
    {
      name: 'action',
      description: 'list (default), add, remove or check',
      kind: 'word',
      choices: ['list', 'add', 'remove', 'check'],
      optional: true,
    },
    {
      name: 'details',
      description: '<label>: <pattern> (add), a number (remove) or a sample message (check)',
      kind: 'rest',
      optional: true,
    },
  ],
  audience: 'managers',
  parse: parseSigns,
  schema: z
    .object({
      action: z.enum(['list', 'add', 'remove', 'check'], { error: USAGE }),
      text: z.string({ error: 'write the line or the sample as text' }).optional(),
      number: z.coerce
        .number({ error: REMOVE_USAGE })
        .int({ error: REMOVE_USAGE })
        .positive({ error: REMOVE_USAGE })
        .optional(),
    })
    .refine((s) => s.action !== 'add' || s.text, { message: ADD_USAGE, path: ['text'] })
    .refine((s) => s.action !== 'check' || s.text, { message: CHECK_USAGE, path: ['text'] })
    .refine((s) => s.action !== 'remove' || s.number !== undefined, { message: REMOVE_USAGE, path: ['number'] }),
  async run(input, ctx) {
    const service = ctx.services.signs;
    if (input.action === 'list') return [listing(ctx)];
    if (input.action === 'check') {
      // The sample is a patient's words, maybe: it is read here and nowhere kept.
      const found = service.detect(input.text ?? '');
      return [
        reply.private(
          found.length
            ? `That message would page the on-call provider for: ${found.join(', ')}.`
            : 'That message would not page anyone: no urgent sign in it.',
        ),
      ];
    }
    if (input.action === 'remove') {
      const removed = await service.remove(input.number ?? 0);
      if (!removed) return [reply.private(`There is no line #${input.number ?? ''}; /tact signs list shows them.`)];
      return [reply.private(`Removed line #${removed.number} (${removed.line}): those words no longer page.`)];
    }
    const result = await service.add(input.text ?? '', ctx.actor.id);
    if (!result.ok) return [reply.private(`Nothing was saved: ${result.problem}. Write ${SIGN_LINE_FORMAT}`)];
    return [
      reply.private(
        `Added line #${result.entry.number} (${result.label}): messages with these words now page the on-call provider, on every instance within a second. Try one with /tact signs check <text>; /tact signs remove ${result.entry.number} undoes it.`,
      ),
    ];
  },
});
