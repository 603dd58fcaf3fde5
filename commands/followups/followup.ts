import { z } from 'zod';
import { defineSubcommand, type Command, type CommandContext } from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { FOLLOWUP_IDS, FOLLOWUP_LIMITS, followUpId, type FollowUp } from '../../src/followups/model.js';
import type { FollowUpChange } from '../../src/followups/service.js';
import { CHANNEL_LABELS, CHANNEL_WORDS, PATIENT_CHANNELS, type PatientChannel } from '../../src/inquiries/model.js';
import { readWhen, splitWhen, type When } from '../../src/time/when.js';
import { clinicTime } from '../shared/format.js';
import { idArgument, recordButton, withRecordId } from '../shared/ids.js';
import { ownedBy, ownedList } from '../shared/owned.js';
import { patientRef, refProblem } from '../shared/patient-ref.js';
import { followUpLine, howToReach, typedEquivalents } from './followup-view.js';

/** `/followup`: plan a check-in with a patient at a time, by the channel they use; after-care sets. */

const EXAMPLES = '"tomorrow 10am", "in 2d", "next Monday", "Dec 24", "in 3 hours"';

function zone(ctx: CommandContext): string {
  return ctx.services.settings.current().timezone;
}

/** Why a wording of time did not work, and how to write it instead. */
export function whenProblem(when: When & { ok: false }, text: string): string {
  switch (when.code) {
    case 'unreadable':
      return `Tact could not read "${text}" as a time. Write it like ${EXAMPLES}.`;
    case 'past':
      return `${when.shown} has already passed. Try "${when.suggestion}".`;
    case 'too-far':
      return `${when.shown} is more than a year ahead; check the date.`;
    case 'no-open-day':
      return 'The business hours have no open day within a year to put that date on; give a clock time, e.g. "Dec 24 10am".';
  }
}

function channelOf(word: string | undefined): PatientChannel | undefined {
  return word ? CHANNEL_WORDS[word.toLowerCase()] : undefined;
}

const QUOTED = /^["“”]([^"“”]+)["“”]\s*/;

/**
 * `<patient ref> <rest>`; the reference may be quoted, and so may the time after it (Discord sends
 * its `when` option quoted when it has spaces: `P-12 "tomorrow 10am" text ...`).
 */
function parseCreate(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const quotedRef = QUOTED.exec(trimmed);
  const patientRef = quotedRef ? quotedRef[1] : trimmed.split(/\s+/)[0];
  const rest = (quotedRef ? trimmed.slice(quotedRef[0].length) : trimmed.slice((patientRef ?? '').length)).trim();
  const quotedWhen = QUOTED.exec(rest);
  if (quotedWhen) return { patientRef, when: quotedWhen[1], rest: rest.slice(quotedWhen[0].length) };
  return { patientRef, rest };
}

const whatText = z
  .string({ error: 'say what the follow-up is about' })
  .max(FOLLOWUP_LIMITS.what, `the note is longer than ${FOLLOWUP_LIMITS.what} characters; shorten it`);

function planned(followUp: FollowUp, shown: string, extra = ''): string {
  return `Planned ${followUp.id}: patient ${followUp.patientRef}, ${shown}, ${howToReach(followUp)}. ${followUp.what}${extra}`;
}

async function scheduleSet(ref: string, name: string, note: string, ctx: CommandContext): Promise<Reply[]> {
  const set = await ctx.services.followups.afterCareSet(name);
  if (!set) return [];
  const { services } = ctx;
  const now = services.clock.now();
  const lines: string[] = [];
  for (const [index, step] of set.steps.entries()) {
    const when = readWhen(`in ${step.days} days`, now, services.calendar.current());
    if (!when.ok) return [reply.private(`Nothing more was planned: ${whenProblem(when, `${step.days}d`)}`)];
    const what = [`${set.name} after-care, step ${index + 1} of ${set.steps.length}`, note].filter(Boolean).join(': ');
    const followUp = await services.followups.create({
      patientRef: ref,
      channel: step.channel,
      what,
      dueAt: when.at,
      owner: ctx.actor.id,
      set: { name: set.name, step: index + 1 },
    });
    lines.push(`${followUp.id} · ${when.shown} · ${CHANNEL_LABELS[step.channel]}`);
  }
  return [
    reply.private(`Planned the ${set.name} after-care set for ${ref}: ${lines.length} follow-ups`, [
      { kind: 'text', text: `Planned the ${set.name} after-care set for patient ${ref}:` },
      { kind: 'list', items: lines },
    ]),
  ];
}

const create = defineSubcommand({
  name: '',
  summary: 'plan a follow-up: `<patient ref> <when> [channel] <what>`, or `<patient ref> <after-care set>`',
  args: [
    { name: 'patient-ref', description: 'alias or chart number, never a full name', kind: 'word' },
    { name: 'when', description: `when, e.g. ${EXAMPLES}`, kind: 'word' },
    {
      name: 'channel',
      description: 'call, text, email... (default: how the patient last reached us)',
      kind: 'word',
      optional: true,
    },
    { name: 'what', description: 'what to check', kind: 'rest' },
  ],
  parse: parseCreate,
  schema: z.object({
    patientRef,
    rest: z.string().optional(),
    /** from the form: each part in its own field */
    when: z.string().max(FOLLOWUP_LIMITS.when, 'the time is too long; write it like "tomorrow 10am"').optional(),
    channel: z.enum(PATIENT_CHANNELS, { error: 'pick a channel from the list' }).optional(),
    what: whatText.optional(),
  }),
  async run(input, ctx) {
    const refused = refProblem(input.patientRef, input.rest?.trim().split(/\s+/)[0], ctx);
    if (refused) return [reply.private(refused)];
    const { services } = ctx;
    const now = services.clock.now();
    const calendar = services.calendar.current();
    let when: When;
    let words: string[];
    if (input.when !== undefined) {
      when = readWhen(input.when, now, calendar);
      if (!when.ok) return [reply.private(whenProblem(when, input.when))];
      words = [input.channel ?? '', input.what ?? '', input.rest ?? ''].join(' ').split(/\s+/).filter(Boolean);
    } else {
      const rest = (input.rest ?? '').trim();
      const [first = '', ...after] = rest.split(/\s+/);
      const fromSet = first ? await scheduleSet(input.patientRef, first.toLowerCase(), after.join(' '), ctx) : [];
      if (fromSet.length) return fromSet;
      const split = rest ? splitWhen(rest, now, calendar) : undefined;
      if (!split) {
        // "/followup Rose Smith tomorrow ...": the time follows a second word, likely a surname
        const named = after.length > 0 && splitWhen(after.join(' '), now, calendar) !== undefined;
        const hint = named
          ? ` If "${input.patientRef} ${first}" is a person's name, use an alias (one word) or a chart number instead.`
          : '';
        return [
          reply.private(
            `Nothing was saved. Say when after the patient reference: /followup ${input.patientRef} tomorrow 10am text check swelling. Times like ${EXAMPLES}.${hint}`,
          ),
        ];
      }
      when = split.when;
      if (!when.ok) return [reply.private(whenProblem(when, split.whenText))];
      words = split.rest.split(/\s+/).filter(Boolean);
    }
    const channel = input.channel ?? channelOf(words[0]);
    const what = (channelOf(words[0]) ? words.slice(1) : words).join(' ').trim();
    const checked = whatText.min(2, 'say what the follow-up is about').safeParse(what);
    if (!checked.success)
      return [
        reply.private(
          `Nothing was saved: ${checked.error.issues[0]?.message ?? 'say what it is about'}. E.g. /followup ${input.patientRef} tomorrow 10am text check swelling after filler.`,
        ),
      ];
    const followUp = await services.followups.create({
      patientRef: input.patientRef,
      channel,
      what,
      dueAt: when.at,
      owner: ctx.actor.id,
    });
    const moved = when.movedFrom ? ` (the clinic is closed on ${when.movedFrom}, so the next open day)` : '';
    return [reply.private(planned(followUp, `${when.shown}${moved}`))];
  },
});

/** Owner or manager: anyone else hears it is not theirs, and nothing about it. */
async function mine(
  number: number,
  ctx: CommandContext,
): Promise<{ ok: true; followUp: FollowUp } | { ok: false; reply: Reply }> {
  const found = ownedBy(
    await ctx.services.followups.get(number),
    ctx,
    `There is no follow-up ${followUpId(number)}. See /followup list.`,
  );
  return found.ok ? { ok: true, followUp: found.record } : found;
}

function changeWords(result: FollowUpChange, number: number, done: (f: FollowUp) => string): Reply[] {
  if (result.ok) return [reply.private(done(result.followUp))];
  if (result.problem === 'not-found') return [reply.private(`There is no follow-up ${followUpId(number)}.`)];
  return [reply.private(`${followUpId(number)} is already ${result.followUp?.status ?? 'closed'}: nothing changed.`)];
}

export async function finishFollowUp(
  number: number,
  status: 'done' | 'skipped' | 'cancelled',
  ctx: CommandContext,
  note?: string,
): Promise<Reply[]> {
  const found = await mine(number, ctx);
  if (!found.ok) return [found.reply];
  const result = await ctx.services.followups.finish(number, status, ctx.actor.id, note);
  const words = { done: 'is done. Thank you.', skipped: 'is skipped: no more reminders.', cancelled: 'is cancelled.' };
  return changeWords(result, number, (f) => `${f.id} (patient ${f.patientRef}) ${words[status]}`);
}

export async function rescheduleFollowUp(
  number: number,
  whenText: string,
  verb: 'snoozed' | 'moved',
  ctx: CommandContext,
): Promise<Reply[]> {
  const found = await mine(number, ctx);
  if (!found.ok) return [found.reply];
  const when = readWhen(whenText, ctx.services.clock.now(), ctx.services.calendar.current());
  if (!when.ok) return [reply.private(whenProblem(when, whenText))];
  const result = await ctx.services.followups.reschedule(number, when.at, ctx.actor.id, verb);
  return changeWords(result, number, (f) => `${f.id} (patient ${f.patientRef}) ${verb} to ${when.shown}.`);
}

const followUpArg = idArgument(FOLLOWUP_IDS, 'a follow-up');
const note = z
  .string({ error: 'write the note as text' })
  .max(FOLLOWUP_LIMITS.note, `the note is longer than ${FOLLOWUP_LIMITS.note} characters; shorten it`)
  .optional();
const whenArg = z
  .string({ error: `say when, e.g. ${EXAMPLES}` })
  .min(1, `say when, e.g. ${EXAMPLES}`)
  .max(FOLLOWUP_LIMITS.when, 'the time is too long; write it like "tomorrow 10am"');

const list = defineSubcommand({
  name: 'list',
  summary: 'open follow-ups, soonest first: yours (managers see everyone’s)',
  args: [],
  schema: z.object({}),
  async run(_input, ctx) {
    const now = ctx.services.clock.now();
    return ownedList(
      await ctx.services.followups.open(),
      ctx,
      { mine: 'Your open follow-ups', everyone: 'Open follow-ups' },
      (f) => followUpLine(f, zone(ctx), now),
    );
  },
});

const show = defineSubcommand({
  name: 'show',
  summary: 'one follow-up and its history',
  args: [followUpArg.arg],
  schema: z.object({ id: followUpArg.schema }),
  async run(input, ctx) {
    const found = await mine(input.id, ctx);
    if (!found.ok) return [found.reply];
    const f = found.followUp;
    return [
      reply.private(`${f.id}: patient ${f.patientRef}`, [
        { kind: 'heading', text: `${f.id} · patient ${f.patientRef} · ${f.status}` },
        {
          kind: 'fields',
          fields: [
            { label: 'Due', value: clinicTime(f.dueAt, zone(ctx)) },
            { label: 'How', value: howToReach(f) },
            { label: 'What', value: f.what },
            { label: 'Owner', value: f.owner, user: true },
          ],
        },
        { kind: 'list', title: 'History', items: f.history.map((h) => `${clinicTime(h.at, zone(ctx))} · ${h.what}`) },
        ...(f.status === 'open' ? [{ kind: 'text' as const, text: typedEquivalents(f) }] : []),
      ]),
    ];
  },
});

const done = defineSubcommand({
  name: 'done',
  summary: 'the patient was reached',
  args: [followUpArg.arg, { name: 'note', description: 'optional', kind: 'rest', optional: true }],
  schema: z.object({ id: followUpArg.schema, note }),
  run: (input, ctx) => finishFollowUp(input.id, 'done', ctx, input.note),
});

function closing(name: string, summary: string, status: 'cancelled' | 'skipped') {
  return defineSubcommand({
    name,
    summary,
    args: [followUpArg.arg],
    schema: z.object({ id: followUpArg.schema }),
    run: (input, ctx) => finishFollowUp(input.id, status, ctx),
  });
}

const cancel = closing('cancel', 'it is no longer needed', 'cancelled');
const skip = closing('skip', 'let this one go (e.g. the patient came in)', 'skipped');

function rescheduling(verb: 'snoozed' | 'moved', name: string, summary: string) {
  return defineSubcommand({
    name,
    summary,
    args: [followUpArg.arg, { name: 'when', description: `e.g. ${EXAMPLES}`, kind: 'rest' }],
    schema: z.object({ id: followUpArg.schema, when: whenArg }),
    run: (input, ctx) => rescheduleFollowUp(input.id, input.when, verb, ctx),
  });
}

const move = rescheduling('moved', 'move', 'plan it for another time');
const snooze = rescheduling('snoozed', 'snooze', 'remind again later (in 1h, tomorrow, ...)');

const snoozeForm = {
  subcommand: 'snooze',
  spec: {
    id: 'followup-snooze',
    title: 'Snooze follow-up',
    submitLabel: 'Snooze',
    fields: [
      {
        id: 'when',
        label: 'Until when',
        kind: 'text' as const,
        placeholder: 'in 2 hours, tomorrow 10am, Monday',
        maxLength: FOLLOWUP_LIMITS.when,
      },
    ],
  },
  toInput: (values: Readonly<Record<string, string | undefined>>, context: string | undefined) => ({
    id: context,
    when: values['when'],
  }),
};

const button = (run: (number: number, ctx: CommandContext) => Promise<Reply[]>) => recordButton(FOLLOWUP_IDS, run);

export const followup: Command = {
  name: 'followup',
  summary:
    'Plan check-ins with patients after treatment, by the channel they use: Tact posts each when it falls due and reminds until it is done.',
  subcommands: [create, list, show, done, cancel, move, snooze, skip],
  form: {
    subcommand: '',
    spec: {
      id: 'followup',
      title: 'Plan a follow-up',
      submitLabel: 'Plan it',
      fields: [
        {
          id: 'patientRef',
          label: 'Patient reference',
          kind: 'text',
          placeholder: 'alias or chart number, never a full name',
          maxLength: 40,
        },
        {
          id: 'when',
          label: 'When',
          kind: 'text',
          placeholder: 'tomorrow 10am, in 2 days, Dec 24',
          maxLength: FOLLOWUP_LIMITS.when,
        },
        {
          id: 'channel',
          label: 'How to reach them (empty: as they last reached us)',
          kind: 'choice',
          optional: true,
          choices: PATIENT_CHANNELS.filter((c) => c !== 'unknown').map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
        },
        { id: 'what', label: 'What to check', kind: 'longtext', maxLength: FOLLOWUP_LIMITS.what },
      ],
    },
    toInput: (values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')),
  },
  otherForms: [snoozeForm],
  actions: [
    { id: 'followup.done', audience: 'anyone', run: button((n, ctx) => finishFollowUp(n, 'done', ctx)) },
    { id: 'followup.skip', audience: 'anyone', run: button((n, ctx) => finishFollowUp(n, 'skipped', ctx)) },
    {
      id: 'followup.snooze-hour',
      audience: 'anyone',
      run: button((n, ctx) => rescheduleFollowUp(n, 'in 1 hour', 'snoozed', ctx)),
    },
    {
      id: 'followup.snooze-tomorrow',
      audience: 'anyone',
      run: button((n, ctx) => rescheduleFollowUp(n, 'tomorrow', 'snoozed', ctx)),
    },
    {
      id: 'followup.snooze',
      audience: 'anyone',
      run: (value) =>
        withRecordId(FOLLOWUP_IDS, value, async (number) => ({
          kind: 'form',
          form: { ...snoozeForm.spec, context: followUpId(number) },
        })),
    },
  ],
};
