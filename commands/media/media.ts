import { z } from 'zod';
import { defineSubcommand, type Command, type CommandContext } from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { MEDIA_IDS, MEDIA_LIMITS, mediaId } from '../../src/media/model.js';
import type { MediaChangeResult } from '../../src/media/service.js';
import { readDeadline } from '../../src/time/deadline.js';
import { afterAudit } from '../clinic/audit-view.js';
import { historyLines } from '../shared/format.js';
import { idArgument, withRecordId } from '../shared/ids.js';
import {
  HOLDING_LINE,
  deadlineSaidBack,
  deadlineText,
  listLine,
  mediaCard,
  pressContacts,
  setDeadlineHint,
  spokespersonAlert,
} from './media-view.js';
import { shownId } from '../../src/chat/ids.js';

/** `/media`: a journalist called. Log it, hand it to the one spokesperson, say nothing else. */

const pressArg = idArgument(MEDIA_IDS, 'an inquiry');
const mediaNumber = pressArg.schema;

const limited = (what: string, max: number) =>
  z.string({ error: `write ${what} as text` }).max(max, `${what} is longer than ${max} characters`);

const LogInput = z.object({
  outlet: z
    .string({ error: 'start with the outlet, then a colon: /media Daily News: what they asked' })
    .min(1)
    .max(MEDIA_LIMITS.outlet, `the outlet is longer than ${MEDIA_LIMITS.outlet} characters`),
  question: z
    .string({ error: 'say what they asked after the colon' })
    .min(3, 'say what they asked after the colon')
    .max(MEDIA_LIMITS.question, `what they asked is longer than ${MEDIA_LIMITS.question} characters`),
  reporterName: limited('the reporter name', MEDIA_LIMITS.reporter).optional(),
  reporterContact: limited('the contact', MEDIA_LIMITS.contact).optional(),
  deadline: limited('the deadline', MEDIA_LIMITS.deadline).optional(),
});

/**
 * How a closing "by ..." that means a deadline begins, even when it cannot be read as a time ("by
 * end of the week", "by Friday's show"): such a deadline is kept as text and flagged. A phrase that
 * only contains such a word further on ("treated by Dr. Lee on Monday", "hurt by 3 injections")
 * belongs to the question. Short day names that are also words ("reported by the Sun") are left to
 * readDeadline, which reads them only as a day.
 */
const TIME_LIKE =
  /^(?:(?:today|tonight|tomorrow|tmrw|tue|tues|thu|thur|thurs|fri|monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|midday|midnight|eod|cob|end|close|lunch|next|this|morning|afternoon|evening|asap|deadline)(?![\p{L}\p{N}])|\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)(?![\p{L}])|\d{1,2}:\d{2}(?!\d))/iu;

/**
 * Any fixed instant and zone will do: readDeadline fails on the words, never on the date or the
 * zone, and a parser runs before the command has the clinic's clock and zone (the service reads
 * the deadline against those when it logs the inquiry).
 */
const SHAPE_ONLY = new Date(0);

function readsAsDeadline(phrase: string): boolean {
  return readDeadline(phrase, SHAPE_ONLY, 'UTC').ok || TIME_LIKE.test(phrase);
}

/** `<outlet>: <what they asked> [by <deadline>]`; the deadline is a last "by ..." of a few words that reads as a time. */
function parseQuickEntry(text: string): Record<string, unknown> {
  const colon = text.indexOf(':');
  if (colon === -1) return { question: text };
  const outlet = text.slice(0, colon).trim();
  let question = text.slice(colon + 1).trim();
  const by = /\s+by\s+((?:\S+\s*){1,6})$/i.exec(question);
  const deadline = by?.[1]?.trim();
  const split = by !== null && deadline !== undefined && readsAsDeadline(deadline);
  if (split) question = question.slice(0, by.index).trim();
  return { ...(outlet ? { outlet } : {}), ...(question ? { question } : {}), ...(split ? { deadline } : {}) };
}

function zone(ctx: CommandContext): string {
  return ctx.services.settings.current().timezone;
}

const CHANGE_PROBLEMS = {
  'not-found': (id: string) => `There is no press inquiry ${id}. See /media list.`,
  'already-closed': (id: string) => `${id} is already answered or closed.`,
  'already-claimed': (id: string, owner?: string) => `${id} is already claimed${owner ? ` by ${shownId(owner)}` : ''}.`,
} as const;

function changeReply(result: MediaChangeResult, number: number, done: (id: string) => string): Reply[] {
  if (!result.ok) return [reply.private(CHANGE_PROBLEMS[result.problem](mediaId(number), result.owner))];
  return [reply.private(done(result.inquiry.id))];
}

const log = defineSubcommand({
  name: '',
  summary: 'log a press call and alert the spokesperson at once',
  args: [
    {
      name: 'outlet:',
      description: `the outlet, then a colon (up to ${MEDIA_LIMITS.outlet} characters)`,
      kind: 'word',
    },
    {
      name: 'what-they-asked',
      description: 'the question, optionally ending "by <deadline>" (5pm, tomorrow 10am, Friday noon)',
      kind: 'rest',
    },
  ],
  schema: LogInput,
  parse: parseQuickEntry,
  async run(input, ctx) {
    const inquiry = await ctx.services.media.log(input, ctx.actor.id);
    const settings = ctx.services.settings.current();
    const now = ctx.services.clock.now();
    const spokesperson = settings.spokesperson;
    // Read again against the very instant the service logged it at: the words match what was stored.
    const deadline =
      input.deadline === undefined
        ? undefined
        : deadlineSaidBack(
            readDeadline(input.deadline, new Date(inquiry.createdAt), zone(ctx)),
            input.deadline,
            inquiry.id,
            zone(ctx),
            now,
          );
    const staff: Reply = reply.private(
      `Logged ${inquiry.id}. ${deadline ?? 'Read the holding line to the reporter.'}`,
      [
        { kind: 'heading', text: `Logged press inquiry ${inquiry.id}` },
        { kind: 'text', text: `Read this to the reporter, word for word:\n"${HOLDING_LINE}"` },
        {
          kind: 'text',
          text: 'Then say nothing more: do not confirm or deny that anyone is a patient, and do not discuss this inquiry with anyone outside the practice.',
        },
        {
          kind: 'text',
          text: deadline ?? `No deadline given: ask the reporter for one, then ${setDeadlineHint(inquiry.id)}.`,
        },
        {
          kind: 'text',
          text: spokesperson
            ? 'The spokesperson has been sent this inquiry.'
            : settings.managers.length
              ? 'No media spokesperson is set up, so nobody owns this yet: the practice managers have been alerted. Ask a manager to set one (/tact settings set spokesperson <user id>).'
              : 'No media spokesperson and no practice managers are set up, so Tact could alert nobody: tell your practice manager now. The inquiry is kept.',
        },
      ],
    );
    if (spokesperson) return [staff, spokespersonAlert(inquiry, spokesperson, zone(ctx), now)];
    const alerts = settings.managers.map((manager) => ({
      ...spokespersonAlert(inquiry, manager, zone(ctx), now),
      summary: `Press inquiry ${inquiry.id} and no spokesperson is set up`,
    }));
    return [staff, ...alerts];
  },
});

const list = defineSubcommand({
  name: 'list',
  summary: 'press inquiries not yet answered, oldest first',
  args: [],
  audience: 'press',
  schema: z.object({}),
  async run(_input, ctx) {
    const now = ctx.services.clock.now();
    const open = (await ctx.services.media.open()).sort((a, b) => a.number - b.number);
    return afterAudit(ctx, { read: 'media.list', records: open.map((m) => m.id) }, () => [
      reply.private(`Open press inquiries: ${open.length}`, [
        { kind: 'heading', text: `Open press inquiries: ${open.length}` },
        { kind: 'list', items: open.map((m) => listLine(m, zone(ctx), now)) },
      ]),
    ]);
  },
});

const show = defineSubcommand({
  name: 'show',
  summary: 'one press inquiry with its history',
  args: [pressArg.arg],
  audience: 'press',
  schema: z.object({ id: mediaNumber }),
  async run(input, ctx) {
    const inquiry = await ctx.services.media.get(input.id);
    if (!inquiry) return [reply.private(CHANGE_PROBLEMS['not-found'](mediaId(input.id)))];
    return afterAudit(ctx, { read: 'media.show', records: [inquiry.id] }, () => [
      // `show` is for the press audience only, and answers privately: the reporter's line is whole
      {
        ...reply.private(`Press inquiry ${inquiry.id}`, [
          ...mediaCard(inquiry, zone(ctx), ctx.services.clock.now(), true),
          { kind: 'list', title: 'History', items: historyLines(inquiry.history, zone(ctx)) },
        ]),
        ...pressContacts(inquiry),
      },
    ]);
  },
});

const claim = defineSubcommand({
  name: 'claim',
  summary: 'take ownership of an inquiry (stops the reminders)',
  args: [pressArg.arg],
  audience: 'press',
  schema: z.object({ id: mediaNumber }),
  run: (input, ctx) => claimPress(input.id, ctx),
});

/** Recorded before the claim is made, so a claim never stands without its entry in the trail. */
async function claimPress(number: number, ctx: CommandContext): Promise<Reply[]> {
  return afterAudit(ctx, { read: 'media.claim', records: [mediaId(number)] }, async () => {
    const result = await ctx.services.media.claim(number, ctx.actor.id);
    if (!result.ok) return changeReply(result, number, () => '');
    // the claimer is the press audience (claim is press-only) and the answer is private: the line is whole
    const { inquiry } = result;
    const line = inquiry.reporterContactWhole ?? inquiry.reporterContact;
    const back = line ? `Call the reporter back on ${line}` : 'Call the reporter back';
    const deadline = inquiry.deadline
      ? ` before the deadline (${deadlineText(inquiry, zone(ctx), ctx.services.clock.now())})`
      : ' before their deadline';
    return [
      {
        ...reply.private(
          `You own ${inquiry.id} now. ${back}${deadline}; mark it done when answered (/media done ${inquiry.id}).`,
        ),
        ...pressContacts(inquiry),
      },
    ];
  });
}

const deadline = defineSubcommand({
  name: 'deadline',
  summary: "set or correct the reporter's deadline; it is said back in words",
  args: [pressArg.arg, { name: 'when', description: '5pm, today eod, tomorrow noon, Friday', kind: 'rest' }],
  schema: z.object({
    id: mediaNumber,
    when: z
      .string({ error: 'say when, e.g. /media deadline M-3 tomorrow 10am' })
      .min(1, 'say when, e.g. /media deadline M-3 tomorrow 10am')
      .max(MEDIA_LIMITS.deadline, `the deadline is longer than ${MEDIA_LIMITS.deadline} characters`),
  }),
  async run(input, ctx) {
    const { result, reading } = await ctx.services.media.setDeadline(input.id, input.when, ctx.actor.id);
    const id = mediaId(input.id);
    const now = ctx.services.clock.now();
    if (!result.ok && result.problem !== 'unreadable')
      return [reply.private(CHANGE_PROBLEMS[result.problem](id, 'owner' in result ? result.owner : undefined))];
    return [reply.private(`${id}: ${deadlineSaidBack(reading, input.when, id, zone(ctx), now)}`)];
  },
});

const finishSchema = z.object({ id: mediaNumber, note: limited('the note', MEDIA_LIMITS.note).optional() });

/** `done` (the reporter has had the answer) and `close` (nothing more to do) differ only in words. */
function finishing(name: 'done' | 'close', status: 'answered' | 'closed', summary: string, noteDescription: string) {
  return defineSubcommand({
    name,
    summary,
    args: [pressArg.arg, { name: 'note', description: noteDescription, kind: 'rest', optional: true }],
    audience: 'press',
    schema: finishSchema,
    async run(input, ctx) {
      const result = await ctx.services.media.finish(input.id, status, ctx.actor.id, input.note);
      return changeReply(result, input.id, (id) => `${id} is ${status === 'answered' ? 'marked answered' : 'closed'}.`);
    },
  });
}

const done = finishing(
  'done',
  'answered',
  'the reporter has had the practice answer; add a note of what was said',
  'what was said (optional)',
);
const close = finishing(
  'close',
  'closed',
  'close an inquiry that needs nothing more, with an optional note',
  'why (optional)',
);

const doneForm = {
  subcommand: 'done',
  spec: {
    id: 'media-done',
    title: 'Inquiry answered',
    submitLabel: 'Mark answered',
    fields: [
      {
        id: 'note',
        label: 'What was said (optional)',
        kind: 'longtext' as const,
        optional: true,
        maxLength: MEDIA_LIMITS.note,
      },
    ],
  },
  toInput: (values: Readonly<Record<string, string | undefined>>, context: string | undefined) => ({
    id: context,
    ...(values['note'] ? { note: values['note'] } : {}),
  }),
};

export const media: Command = {
  name: 'media',
  summary:
    'A journalist called: log it, hand it to the spokesperson, and read the holding line. Never confirm or deny that anyone is a patient.',
  subcommands: [log, list, show, claim, deadline, done, close],
  form: {
    subcommand: '',
    spec: {
      id: 'media',
      title: 'Press inquiry',
      submitLabel: 'Log it',
      fields: [
        { id: 'outlet', label: 'Outlet', kind: 'text', maxLength: MEDIA_LIMITS.outlet },
        { id: 'reporterName', label: 'Reporter name', kind: 'text', optional: true, maxLength: MEDIA_LIMITS.reporter },
        {
          id: 'reporterContact',
          label: 'Reporter phone or email',
          kind: 'text',
          optional: true,
          maxLength: MEDIA_LIMITS.contact,
        },
        { id: 'question', label: 'What they asked', kind: 'longtext', maxLength: MEDIA_LIMITS.question },
        {
          id: 'deadline',
          label: 'Their deadline',
          kind: 'text',
          optional: true,
          placeholder: '5pm, tomorrow 10am, Friday noon',
          maxLength: MEDIA_LIMITS.deadline,
        },
      ],
    },
    toInput: (values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')),
    // a journalist's business line, not patient data: stored whole (encrypted) beside a masked copy
    wholeFields: ['reporterContact'],
  },
  otherForms: [doneForm],
  actions: [
    {
      id: 'media.claim',
      audience: 'press',
      run: (value, ctx) =>
        withRecordId(MEDIA_IDS, value, async (number) => ({ kind: 'replies', replies: await claimPress(number, ctx) })),
    },
    {
      id: 'media.done',
      audience: 'press',
      run: (value) =>
        withRecordId(MEDIA_IDS, value, async (number) => ({
          kind: 'form',
          form: { ...doneForm.spec, context: mediaId(number) },
        })),
    },
  ],
};
