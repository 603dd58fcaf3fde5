import { z } from 'zod';
import { defineSubcommand } from '../../src/chat/command.js';
import { shownId } from '../../src/chat/ids.js';
import { reply } from '../../src/chat/reply.js';
import { FOLLOWUP_LIMITS, type AfterCareSet, type SetStep } from '../../src/followups/model.js';
import { CHANNEL_LABELS, CHANNEL_WORDS } from '../../src/inquiries/model.js';
import { parseBusinessHours } from '../../src/time/business-hours.js';
import { readWhen } from '../../src/time/when.js';
import { followup } from './followup.js';

/**
 * `/tact followups`: the clinic's after-care sets, named sequences of follow-ups
 * (`set filler: 1d call, 3d text, 14d text`). `/followup P-12 filler` plans every step; changing a
 * set later leaves follow-ups already planned as they are.
 */
const USAGE =
  'write /tact followups set <name>: 1d call, 3d text, 14d text, /tact followups list or /tact followups remove <name>';
const NAME = /^[\p{L}\p{N}_-]{1,30}$/u;
/**
 * Words a set may not be called: /followup's own subcommands (`/followup P-12 list` must not plan a
 * set) and words that begin a time.
 */
const RESERVED = new Set([
  ...followup.subcommands.map((s) => s.name).filter(Boolean),
  'help',
  'in',
  'next',
  'today',
  'tomorrow',
]);

/** `1d call` → { days: 1, channel: 'phone' }; also `1 day call`, `2w text`. */
export function readStep(text: string): SetStep | string {
  const match = /^(\d{1,3})\s*(d|days?|w|wks?|weeks?)\s+(\S+)$/i.exec(text.trim());
  if (!match) return `"${text.trim()}" is not a step; write each like "3d text" (days, then a channel)`;
  const days = Number(match[1]) * (/^w/i.test(match[2] ?? '') ? 7 : 1);
  const channel = CHANNEL_WORDS[(match[3] ?? '').toLowerCase()];
  if (!channel) return `"${match[3] ?? ''}" is not a channel; use call, text, email, facebook, instagram...`;
  if (days < 1 || days > 366) return `"${text.trim()}" must be 1 to 366 days after`;
  return { days, channel };
}

export function parseSets(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const [verb = '', ...rest] = trimmed.split(/\s+/);
  const action = verb.toLowerCase();
  if (trimmed === '' || action === 'list') return { action: 'list' };
  if (action === 'remove') return { action: 'remove', name: rest.join(' ') };
  if (action !== 'set') return { action: verb };
  const body = rest.join(' ');
  const colon = body.indexOf(':');
  if (colon < 0) return { action: 'set', name: body };
  return {
    action: 'set',
    name: body.slice(0, colon).trim(),
    steps: body
      .slice(colon + 1)
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

const name = z
  .string({ error: USAGE })
  .transform((n) => n.toLowerCase())
  .refine((n) => NAME.test(n), { message: 'a set name is one word (letters, digits, - or _), up to 30 characters' })
  .refine((n) => !RESERVED.has(n), { message: 'that word is taken by /followup itself; pick another name' })
  .refine((n) => !readsAsTime(n), {
    message: 'that name reads as a time (/followup P-12 <name> would be ambiguous); pick another name',
  });

/** Whether a word is one the time reader understands (`monday`, `dec`, `noon`), on any calendar. */
function readsAsTime(word: string): boolean {
  const week = parseBusinessHours('Mon-Sun 00:00-24:00') ?? [];
  const when = readWhen(word, new Date('2026-01-01T12:00:00Z'), { zone: 'UTC', week });
  return when.ok || when.code !== 'unreadable';
}

const steps = z
  .array(z.string(), { error: USAGE })
  .min(1, USAGE)
  .max(FOLLOWUP_LIMITS.setSteps, `a set has at most ${FOLLOWUP_LIMITS.setSteps} steps`)
  .transform((list, ctx): SetStep[] => {
    const read = list.map(readStep);
    const problem = read.find((r): r is string => typeof r === 'string');
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return read.filter((r): r is SetStep => typeof r !== 'string');
  });

export function setLine(set: AfterCareSet): string {
  const shown = set.steps.map((s) => `${s.days}d ${CHANNEL_LABELS[s.channel]}`).join(', ');
  return `${set.name}: ${shown} (by ${shownId(set.addedBy)})`;
}

export const followupSets = defineSubcommand({
  name: 'followups',
  summary: 'after-care sets: `set <name>: 1d call, 3d text, 14d text`, `list`, `remove <name>`',
  args: [
    { name: 'action', description: 'list (default), set or remove', kind: 'word', optional: true },
    { name: 'details', description: '<name>: <steps> for set, <name> for remove', kind: 'rest', optional: true },
  ],
  audience: 'managers',
  parse: parseSets,
  schema: z.discriminatedUnion(
    'action',
    [
      z.object({ action: z.literal('list') }),
      z.object({ action: z.literal('remove'), name }),
      z.object({ action: z.literal('set'), name, steps }),
    ],
    { error: USAGE },
  ),
  async run(input, ctx) {
    const { followups } = ctx.services;
    if (input.action === 'list') {
      const sets = await followups.afterCareSets();
      if (!sets.length)
        return [
          reply.private('No after-care sets yet. Add one: /tact followups set filler: 1d call, 3d text, 14d text'),
        ];
      return [
        reply.private(`After-care sets: ${sets.length}`, [
          { kind: 'heading', text: `After-care sets: ${sets.length}` },
          { kind: 'list', items: sets.map(setLine) },
          { kind: 'text', text: 'Plan one for a patient: /followup P-12 <set name>' },
        ]),
      ];
    }
    if (input.action === 'remove') {
      const removed = await followups.removeSet(input.name);
      if (!removed)
        return [reply.private(`There is no after-care set "${input.name}"; /tact followups list shows them.`)];
      return [reply.private(`Removed the ${removed.name} set. Follow-ups already planned from it stay as they are.`)];
    }
    const saved = await followups.defineSet(input.name, input.steps, ctx.actor.id);
    return [
      reply.private(
        `Saved ${setLine(saved)}. Plan it with /followup <patient ref> ${saved.name}; follow-ups already planned keep their times.`,
      ),
    ];
  },
});
