import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { z } from 'zod';
import { defineSubcommand, type CommandContext } from '../../src/chat/command.js';
import { shownId } from '../../src/chat/ids.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import {
  MAX_CLOSURE_DAYS,
  MAX_REASON_LENGTH,
  daysIn,
  type Closure,
  type ClosureProblem,
} from '../../src/settings/closures.js';

/**
 * `/tact closed`: days the clinic is shut besides its weekly hours. Reply goals, reminders, step due
 * times and the digest skip them; urgent matters never wait for the calendar.
 */
const USAGE =
  'write /tact closed 2026-12-24..2026-12-26 [reason], /tact closed 2026-12-31 [reason], /tact closed list or /tact closed remove <number>';
const REMOVE_USAGE = 'write the closure number shown by /tact closed list, e.g. /tact closed remove 3';
/** How far ahead the listing looks for public holidays. */
const HOLIDAYS_AHEAD_DAYS = 60;

const RANGE = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|–|—|\bto\b|\buntil\b)\s*(\d{4}-\d{2}-\d{2}))?(?:\s+([\s\S]*))?$/i;

/** A real calendar date written `yyyy-MM-dd` (not 2026-02-30). */
function isDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

function parseClosed(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const [verb = '', ...rest] = trimmed.split(/\s+/);
  if (trimmed === '' || verb.toLowerCase() === 'list') return { action: 'list' };
  if (verb.toLowerCase() === 'remove') return { action: 'remove', number: rest.join(' ') };
  const match = RANGE.exec(trimmed);
  if (!match) return { action: 'add' };
  const reason = match[3]?.trim();
  return { action: 'add', from: match[1], to: match[2] ?? match[1], ...(reason ? { reason } : {}) };
}

const dateField = z
  .string({ error: USAGE })
  .refine(isDate, { message: 'that is not a date of the calendar; write it as yyyy-mm-dd, e.g. 2026-12-24' });

const PROBLEMS: Record<ClosureProblem, string> = {
  'ends-before-it-starts':
    'The closure ends before it starts: put the first day first, e.g. /tact closed 2026-12-24..2026-12-26.',
  'too-long': `A closure is at most ${MAX_CLOSURE_DAYS} days; for a longer one, change the business hours instead (/tact settings set business-hours ...).`,
  'reason-too-long': `Keep the reason under ${MAX_REASON_LENGTH} characters (it is shown in lists, nothing more).`,
};

function days(from: string, to: string): string {
  const show = (date: string) => format(new Date(`${date}T12:00:00Z`), 'EEE d MMM yyyy');
  const count = daysIn(from, to);
  return from === to ? show(from) : `${show(from)} – ${show(to)} (${count} days)`;
}

function closureLine(closure: Closure): string {
  return [
    `#${closure.number}`,
    days(closure.from, closure.to),
    closure.reason ?? '',
    `added by ${shownId(closure.addedBy)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

function today(ctx: CommandContext): string {
  return format(new TZDate(ctx.services.clock.now().getTime(), ctx.services.settings.current().timezone), 'yyyy-MM-dd');
}

/** Public holidays the clinic closes on over the next weeks (none when it has not opted in). */
function upcomingHolidays(ctx: CommandContext, from: string): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset < HOLIDAYS_AHEAD_DAYS; offset += 1) {
    const date = format(addDays(new Date(`${from}T12:00:00Z`), offset), 'yyyy-MM-dd');
    const why = ctx.services.calendar.closedReason(date);
    if (why?.kind === 'holiday') lines.push(`${days(date, date)} · ${why.name}`);
  }
  return lines;
}

function listing(ctx: CommandContext): Reply {
  const from = today(ctx);
  const closures = ctx.services.closures.list().filter((c) => c.to >= from);
  const region = ctx.services.settings.current().holidays;
  const holidays = region ? upcomingHolidays(ctx, from) : [];
  return reply.private(`Closures: ${closures.length}`, [
    { kind: 'heading', text: 'Days the clinic is closed' },
    {
      kind: 'list',
      title: `Closures (${closures.length})`,
      items: closures.length ? closures.map(closureLine) : ['none planned'],
    },
    region
      ? {
          kind: 'list',
          title: `Public holidays (${region}), next ${HOLIDAYS_AHEAD_DAYS} days`,
          items: holidays.length ? holidays : ['none'],
        }
      : {
          kind: 'text',
          text: 'Public holidays are not followed: /tact settings set holidays US-NY (your country and region) to close on them.',
        },
    {
      kind: 'text',
      text: `Add one with /tact closed 2026-12-24..2026-12-26 [reason]; remove one with /tact closed remove <number>.`,
    },
  ]);
}

export const closed = defineSubcommand({
  name: 'closed',
  summary:
    'days the clinic is shut: `<yyyy-mm-dd>[..<yyyy-mm-dd>] [reason]` adds a closure, `list` shows them and the coming public holidays, `remove <number>`',
  args: [
    {
      name: 'days',
      description: 'yyyy-mm-dd or yyyy-mm-dd..yyyy-mm-dd, list, or remove <number>',
      kind: 'word',
      optional: true,
    },
    { name: 'reason', description: 'why the clinic is closed (optional)', kind: 'rest', optional: true },
  ],
  audience: 'managers',
  parse: parseClosed,
  schema: z
    .object({
      action: z.enum(['list', 'add', 'remove'], { error: USAGE }),
      from: dateField.optional(),
      to: dateField.optional(),
      reason: z.string({ error: 'write the reason as text after the dates' }).optional(),
      number: z.coerce
        .number({ error: REMOVE_USAGE })
        .int({ error: REMOVE_USAGE })
        .positive({ error: REMOVE_USAGE })
        .optional(),
    })
    .refine((c) => c.action !== 'add' || (c.from && c.to), { message: USAGE, path: ['from'] })
    .refine((c) => c.action !== 'remove' || c.number !== undefined, { message: REMOVE_USAGE, path: ['number'] }),
  async run(input, ctx) {
    if (input.action === 'list') return [listing(ctx)];
    if (input.action === 'remove') {
      const removed = await ctx.services.closures.remove(input.number ?? 0);
      if (!removed) return [reply.private(`There is no closure #${input.number ?? ''}; /tact closed list shows them.`)];
      return [
        reply.private(
          `Removed closure #${removed.number} (${days(removed.from, removed.to)}): those days follow the business hours again.`,
        ),
      ];
    }
    const from = input.from ?? '';
    const to = input.to ?? from;
    if (to < today(ctx))
      return [reply.private(`${days(from, to)} is already past: nothing was saved. Check the year.`)];
    const result = await ctx.services.closures.add({ from, to, reason: input.reason }, ctx.actor.id);
    if (!result.ok) return [reply.private(`Nothing was saved. ${PROBLEMS[result.problem]}`)];
    return [
      reply.private(
        `Closed ${days(from, to)}${input.reason ? ` (${input.reason})` : ''}: reply goals, reminders and step due times skip these days, and no digest is posted on them. Closure #${result.closure.number}; /tact closed remove ${result.closure.number} undoes it.`,
      ),
    ];
  },
});
