import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { defineSubcommand, type CommandContext } from '../../src/chat/command.js';
import { shownId } from '../../src/chat/ids.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { MAX_OVERRIDE_DAYS, type AddOverrideResult, type OnCallOverride } from '../../src/settings/on-call.js';
import { settingDefinition } from '../../src/settings/definitions.js';
import { clinicTime } from '../shared/format.js';

/**
 * `/tact oncall`: who is on call (urgent matters page them at any hour), the weekly rota, the
 * backups paged next, and one-off cover. The rota and the backups are settings; cover is a list.
 */
const ROTA_EXAMPLE = 'Mon-Fri 18:00-08:00 U012ABC; Sat-Sun U034DEF';
const USAGE = `write /tact oncall, /tact oncall set ${ROTA_EXAMPLE}, /tact oncall backup <user ids>, /tact oncall cover <user id> 2026-12-24 18:00..2026-12-28 08:00 [reason] or /tact oncall remove <number>`;
const ACTIONS = ['show', 'set', 'backup', 'cover', 'remove'] as const;
const COVER =
  /^(\S+)\s+(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})\s*(?:\.\.|–|—|\bto\b|\buntil\b)\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?:\s+([\s\S]*))?$/i;

function parseOnCall(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const [verb = '', ...rest] = trimmed.split(/\s+/);
  const action = verb.toLowerCase() || 'show';
  const tail = rest.join(' ');
  if (action !== 'cover') return { action, ...(tail ? { value: tail } : {}) };
  const match = COVER.exec(tail);
  if (!match) return { action };
  const [, person, fromDay, fh, fm, toDay, th, tm, reason] = match;
  return {
    action,
    person,
    from: `${fromDay} ${fh}:${fm}`,
    to: `${toDay} ${th}:${tm}`,
    ...(reason?.trim() ? { reason: reason.trim() } : {}),
  };
}

/** `yyyy-MM-dd HH:MM` on the clinic's clock as an instant; undefined when it is no real time. */
function clinicInstant(text: string, zone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  const local = new TZDate(y, mo - 1, d, h, mi, zone);
  return local.getDate() === d ? new Date(local.getTime()) : undefined;
}

const COVER_PROBLEMS: Record<Exclude<AddOverrideResult, { ok: true }>['problem'], string> = {
  'ends-before-it-starts': 'The cover ends before it starts: put the start first.',
  'too-long': `Cover is at most ${MAX_OVERRIDE_DAYS} days; for longer, change the rota (/tact oncall set ...).`,
  'already-over': 'That cover is already over: check the dates.',
};

function coverLine(override: OnCallOverride, zone: string): string {
  return [
    `#${override.number}`,
    shownId(override.person),
    `${clinicTime(override.from, zone)} → ${clinicTime(override.to, zone)}`,
    override.reason ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function overview(ctx: CommandContext): Reply {
  const settings = ctx.services.settings.current();
  const zone = settings.timezone;
  const now = ctx.services.onCall.now();
  const chain = ctx.services.onCall.escalation();
  const nowLine = now
    ? `On call now: ${shownId(now.person)}${now.source === 'override' ? ' (cover)' : ''}`
    : 'Nobody is on call now: urgent matters page the backups, then the practice managers.';
  const cover = ctx.services.onCall.upcoming().map((o) => coverLine(o, zone));
  return reply.private(nowLine, [
    { kind: 'heading', text: 'On call' },
    { kind: 'text', text: nowLine },
    {
      kind: 'list',
      title: 'Weekly rota',
      items: [settings.onCallText || `none set: /tact oncall set ${ROTA_EXAMPLE}`],
    },
    { kind: 'list', title: `Cover (${cover.length})`, items: cover.length ? cover : ['none planned'] },
    {
      kind: 'list',
      title: 'Paged in turn when nobody acknowledges',
      items: chain.length
        ? chain.map((l) => `${l.level}: ${l.people.map(shownId).join(', ')}`)
        : ['nobody: set the rota, the backups or the managers'],
    },
  ]);
}

async function setSetting(ctx: CommandContext, name: 'oncall' | 'oncall-backup', value: string): Promise<Reply> {
  const result = await ctx.services.settings.set(name, value, ctx.actor.id);
  if (!result.ok)
    return reply.private(`Nothing was changed: expected ${settingDefinition(name)?.expected ?? 'a valid value'}.`);
  return overview(ctx);
}

export const oncall = defineSubcommand({
  name: 'oncall',
  summary: `who is on call: \`show\`, \`set <rota>\` (e.g. ${ROTA_EXAMPLE}), \`backup <user ids>\`, \`cover <user id> <from>..<to> [reason]\`, \`remove <number>\``,
  args: [
    { name: 'action', description: ACTIONS.join(', '), kind: 'word', choices: ACTIONS, optional: true },
    {
      name: 'details',
      description: 'the rota, the backups, or who covers from when to when',
      kind: 'rest',
      optional: true,
    },
  ],
  audience: 'managers',
  readsRawText: false,
  parse: parseOnCall,
  schema: z
    .object({
      action: z.enum(ACTIONS, { error: USAGE }),
      value: z.string({ error: USAGE }).optional(),
      person: z
        .string({ error: USAGE })
        .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'write who covers as a chat user id, e.g. U012ABC' })
        .optional(),
      from: z.string({ error: USAGE }).optional(),
      to: z.string({ error: USAGE }).optional(),
      reason: z.string({ error: USAGE }).optional(),
    })
    .refine((o) => o.action !== 'cover' || (o.person && o.from && o.to), { message: USAGE, path: ['person'] })
    .refine((o) => !['set', 'backup', 'remove'].includes(o.action) || (o.value ?? '') !== '', {
      message: USAGE,
      path: ['value'],
    }),
  async run(input, ctx) {
    switch (input.action) {
      case 'show':
        return [overview(ctx)];
      case 'set':
        return [await setSetting(ctx, 'oncall', input.value ?? '')];
      case 'backup':
        return [await setSetting(ctx, 'oncall-backup', input.value ?? '')];
      case 'remove': {
        const number = Number(input.value);
        const removed =
          Number.isInteger(number) && number > 0 ? await ctx.services.onCall.removeOverride(number) : undefined;
        if (!removed) return [reply.private(`There is no cover #${input.value ?? ''}; /tact oncall lists them.`)];
        return [reply.private(`Removed cover #${removed.number} (${shownId(removed.person)}).`), overview(ctx)];
      }
      case 'cover': {
        const zone = ctx.services.settings.current().timezone;
        const from = clinicInstant(input.from ?? '', zone);
        const to = clinicInstant(input.to ?? '', zone);
        if (!from || !to)
          return [reply.private(`Nothing was saved: write times as yyyy-mm-dd HH:MM on the clinic's clock. ${USAGE}.`)];
        const result = await ctx.services.onCall.addOverride(
          { person: ctx.services.settings.readId(input.person ?? ''), from, to, reason: input.reason },
          ctx.actor.id,
        );
        if (!result.ok) return [reply.private(`Nothing was saved. ${COVER_PROBLEMS[result.problem]}`)];
        return [reply.private(`Cover #${result.override.number}: ${coverLine(result.override, zone)}.`), overview(ctx)];
      }
    }
  },
});
