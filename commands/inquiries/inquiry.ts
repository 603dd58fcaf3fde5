import { z } from 'zod';
import {
  defineSubcommand,
  readPositional,
  type Command,
  type CommandContext,
  type Outcome,
} from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { describeError } from '../../src/errors.js';
import { LIMITS } from '../../src/complaints/model.js';
import {
  CHANNEL_LABELS,
  CHANNEL_WORDS,
  REPLY_IN_KIND,
  INQUIRY_LIMITS,
  PATIENT_CHANNELS,
  INQUIRY_IDS,
  inquiryId,
  parseInquiryId,
  type Inquiry,
  type PatientChannel,
} from '../../src/inquiries/model.js';
import type { InquiryChange } from '../../src/inquiries/service.js';
import type { Services } from '../../src/services.js';
import { businessTimeBetween } from '../../src/time/business-hours.js';
import { pagedReplies } from '../urgent/pages.js';
import { formatDuration } from '../../src/time/duration.js';
import { idArgument, recordButton } from '../shared/ids.js';
import { patientRef, refProblem } from '../shared/patient-ref.js';
import { readOutcome } from '../../src/inquiries/doctor.js';
import { asksForDoctor } from '../../src/inquiries/wants-doctor.js';
import type { DoctorOutcome } from '../../src/inquiries/model.js';
import { flagDoctorButton, flagNervousButton, routeAndSay, takeFlags, urgentGoal } from './doctor.js';
import { needsProviderWords } from './doctor-view.js';
import { nervous } from './nervous.js';
import { inquiryNotice, listLine } from './inquiry-view.js';
import { shownId } from '../../src/chat/ids.js';
import { readArrival } from '../../src/time/when.js';
import { historyLines, saidBack } from '../shared/format.js';
import { arrivalProblem, takeArrival } from './arrival.js';

/** `/inquiry`: calls, voicemails and walk-ins that did not arrive in an inbox channel. */

const LIST_LIMIT = 100;

/** Business time an inquiry has waited so far. */
export function waited(inquiry: Inquiry, services: Services): number {
  return businessTimeBetween(services.calendar.current(), new Date(inquiry.receivedAt), services.clock.now());
}

/**
 * Puts an inquiry where staff will see it: a notice in the first inbox channel, whose thread then
 * carries the claim, the answer and the reminders. Without an inbox channel the notice goes where
 * the command was typed.
 */
export async function announce(inquiry: Inquiry, services: Services): Promise<boolean> {
  const channelId = services.settings.current().inboxChannels[0];
  if (!channelId) return false;
  const delivered = await services.outbox.send(inquiryNotice(inquiry, urgentGoal(inquiry, services)), { channelId });
  if (!delivered) return false;
  await services.inquiries.attachChat(inquiry.number, delivered.channelId, delivered.messageId, delivered.link);
  // An urgent message: everyone watching the inbox sees who is paged and what to tell the patient.
  for (const notice of await pagedReplies(inquiry.id, services))
    await services.outbox.send(
      { ...notice, visibility: 'thread' },
      { channelId: delivered.channelId, threadId: delivered.messageId },
    );
  return true;
}

const PROBLEMS = {
  'not-found': (id: string) => `There is no inquiry ${id}. See /inquiry list.`,
  'already-answered': (id: string) => `${id} is already answered.`,
  'needs-provider': needsProviderWords,
} as const;

export function changeWords(result: InquiryChange, number: number, done: (inquiry: Inquiry) => string): Reply[] {
  if (!result.ok) return [reply.private(PROBLEMS[result.problem](inquiryId(number)))];
  return [reply.private(done(result.inquiry))];
}

export async function claimInquiry(number: number, ctx: CommandContext): Promise<Reply[]> {
  const result = await ctx.services.inquiries.claim(number, ctx.actor.id);
  return changeWords(result, number, (i) =>
    i.owner === ctx.actor.id
      ? `You own ${i.id}: ${REPLY_IN_KIND[i.channel]}.`
      : `${i.id} is already owned by ${i.owner ? shownId(i.owner) : 'someone'}.`,
  );
}

export async function answerInquiry(
  number: number,
  ctx: CommandContext,
  note?: string,
  said?: DoctorOutcome,
): Promise<Reply[]> {
  const result = await ctx.services.inquiries.answer(number, ctx.actor.id, note, said);
  return changeWords(result, number, (i) => {
    const how =
      i.wantsDoctor?.outcome === 'provider-called'
        ? ' (the provider called back)'
        : i.wantsDoctor?.outcome === 'triage-accepted'
          ? ' (the patient accepted the triage)'
          : '';
    return `${i.id} is marked answered${how}. Thank you.`;
  });
}

export async function setInquiryChannel(value: string, ctx: CommandContext): Promise<Outcome> {
  const [id = '', channel = ''] = value.split(':');
  const number = parseInquiryId(id);
  const known = PATIENT_CHANNELS.find((c) => c === channel);
  if (number === undefined || !known)
    return { kind: 'replies', replies: [reply.private('That button no longer matches an inquiry.')] };
  const result = await ctx.services.inquiries.setChannel(number, known, ctx.actor.id);
  return {
    kind: 'replies',
    replies: changeWords(result, number, (i) => `${i.id} came by ${CHANNEL_LABELS[i.channel]}: reply the same way.`),
  };
}

const channelWord = z
  .string({ error: `start with the channel: ${Object.keys(CHANNEL_WORDS).slice(0, 12).join(', ')}...` })
  .transform((word, ctx): PatientChannel => {
    const channel = CHANNEL_WORDS[word.toLowerCase()];
    if (!channel) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown channel "${word}"; use call, voicemail, walk-in, text, email, form, facebook, instagram or google`,
      });
      return z.NEVER;
    }
    return channel;
  });

const inquiryArg = idArgument(INQUIRY_IDS, 'an inquiry');

const LOG_ARGS = [
  {
    name: 'channel',
    description: 'how the patient reached us: call, voicemail, walk-in, text, email, form, facebook, instagram, google',
    kind: 'word',
  },
  { name: 'patient-ref', description: 'alias or chart number, never a full name', kind: 'word' },
  {
    name: 'summary',
    description: `a short note, up to ${INQUIRY_LIMITS.summary} characters; --doctor anywhere: the patient wants the doctor; --nervous: a nervous patient after treatment`,
    kind: 'rest',
  },
] as const;

const log = defineSubcommand({
  name: '',
  summary:
    'log a call, voicemail or walk-in so someone owns the answer; add --doctor (wants the doctor) or --nervous (nervous after treatment)',
  args: LOG_ARGS,
  // `--doctor` and `--nervous` may stand anywhere in the text
  parse: (text) => {
    const flags = takeFlags(text);
    const read = readPositional(flags.text, LOG_ARGS);
    const arrival = typeof read['summary'] === 'string' ? takeArrival(read['summary']) : undefined;
    return {
      ...read,
      ...(arrival ? { summary: arrival.rest || undefined, arrived: arrival.when } : {}),
      doctor: flags.doctor,
      nervous: flags.nervous,
    };
  },
  schema: z
    .object({
      doctor: z.boolean().default(false),
      nervous: z.boolean().default(false),
      arrived: z.string().max(40).optional(),
      channel: channelWord,
      'patient-ref': patientRef,
      summary: z
        .string({ error: 'add a short note of what they need' })
        .min(2, 'add a short note of what they need')
        .max(INQUIRY_LIMITS.summary, `the note is longer than ${INQUIRY_LIMITS.summary} characters`)
        .optional(),
    })
    .superRefine((input, ctx) => {
      // a flag says enough on its own: "/inquiry call P-12 --doctor"
      if (input.summary === undefined && !input.doctor && !input.nervous)
        ctx.addIssue({ code: 'custom', path: ['summary'], message: 'add a short note of what they need' });
    }),
  async run(input, ctx) {
    const refused = refProblem(input['patient-ref'], input.summary?.split(/\s+/)[0], ctx);
    if (refused) return [reply.private(refused)];
    const now = ctx.services.clock.now();
    const zone = ctx.services.settings.current().timezone;
    const arrival = input.arrived === undefined ? undefined : readArrival(input.arrived, now, zone);
    if (arrival && !arrival.ok) return [reply.private(arrivalProblem(input.arrived ?? '', arrival.code))];
    if (input.nervous) await ctx.services.nervous.mark(input['patient-ref'], ctx.actor.id);
    const created = await ctx.services.inquiries.create({
      channel: input.channel,
      patientRef: input['patient-ref'],
      summary: input.summary,
      ...(arrival?.ok ? { receivedAt: arrival.at } : { arrivalUnknown: true }),
      origin: 'command',
      loggedBy: ctx.actor.id,
      wantsDoctor: input.doctor ? 'flag' : asksForDoctor(input.summary ?? '') ? 'words' : undefined,
      nervous: input.nervous,
    });
    if (!('inquiry' in created)) return [reply.private('That inquiry was already logged.')];
    const inquiry = created.inquiry;
    const care = [
      inquiry.nervous
        ? `Nervous patient after treatment: reply goal ${formatDuration(ctx.services.settings.current().urgentReplySlaMs)}, real time.`
        : '',
      inquiry.wantsDoctor ? `Wants the doctor. ${await routeAndSay(inquiry, ctx.services)}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    // the time Tact read is said back; without one, the figures leave this inquiry's response time out
    const arrived = arrival?.ok
      ? ` Arrived ${saidBack(arrival.at, zone, now)}.`
      : ` No arrival time given, so its response time is left out of the figures (to give one: /inquiry ${input.channel} ${inquiry.patientRef ?? '<ref>'} at 9:40 ...).`;
    const logged = `Logged ${inquiry.id} (${CHANNEL_LABELS[inquiry.channel]})${care ? ` [${care}]` : ''}`;
    // who is paged, and the line for the patient, first: they may still be on the phone
    const urgent = await pagedReplies(inquiry.id, ctx.services);
    if (ctx.services.settings.current().inboxChannels.length === 0) {
      // No shared place to post it: the person who took the call owns it, and reminders come to them.
      await ctx.services.inquiries.claim(inquiry.number, ctx.actor.id);
      return [
        ...urgent,
        reply.private(
          `${logged}. No inbox channel is set, so it is yours: ${REPLY_IN_KIND[inquiry.channel]}. Reminders will come to you directly.${arrived}`,
        ),
      ];
    }
    try {
      await announce(inquiry, ctx.services);
    } catch (error) {
      // The inquiry is saved; only the notice failed. Saying "not saved" would invite a duplicate.
      ctx.services.logger.warn('could not post an inquiry notice', {
        inquiry: inquiry.id,
        error: describeError(error),
      });
      return [
        ...urgent,
        reply.private(
          `${logged}, but Tact could not post it in the inbox channel (is Tact a member there?). It is saved, and reminders still apply.${arrived}`,
        ),
      ];
    }
    return [...urgent, reply.private(`${logged}, posted in the inbox channel, where its thread tracks it.${arrived}`)];
  },
});

const list = defineSubcommand({
  name: 'list',
  summary: 'unanswered patient messages, oldest first',
  args: [],
  schema: z.object({}),
  async run(_input, ctx) {
    // Counted in the store and only the oldest read, so the list costs the same at any backlog.
    const [count, oldest] = await Promise.all([
      ctx.services.inquiries.openCount(),
      ctx.services.inquiries.oldestOpen(LIST_LIMIT),
    ]);
    const items = oldest
      .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt))
      .map((i) => listLine(i, waited(i, ctx.services)));
    if (count > LIST_LIMIT) items.push(`…and ${count - LIST_LIMIT} more`);
    return [
      reply.private(`Unanswered: ${count}`, [
        { kind: 'heading', text: `Unanswered patient messages: ${count}` },
        { kind: 'list', items },
      ]),
    ];
  },
});

const claim = defineSubcommand({
  name: 'claim',
  summary: 'take an inquiry: you will answer it',
  args: [inquiryArg.arg],
  schema: z.object({ id: inquiryArg.schema }),
  run: (input, ctx) => claimInquiry(input.id, ctx),
});

const done = defineSubcommand({
  name: 'done',
  summary:
    'the patient has had an answer; one that wants the doctor: done <id> provider-called, or done <id> triage-accepted',
  args: [
    inquiryArg.arg,
    {
      name: 'note',
      description: 'optional; for a patient who wants the doctor start it with provider-called or triage-accepted',
      kind: 'rest',
      optional: true,
    },
  ],
  schema: z.object({
    id: inquiryArg.schema,
    note: z
      .string({ error: 'write the note as text' })
      .max(LIMITS.note, `the note is longer than ${LIMITS.note} characters; shorten it`)
      .optional(),
  }),
  run: (input, ctx) => {
    const { outcome, note } = readOutcome(input.note);
    return answerInquiry(input.id, ctx, note, outcome);
  },
});

const button = (run: (number: number, ctx: CommandContext) => Promise<Reply[]>) => recordButton(INQUIRY_IDS, run);

/** `/inquiry show I-2`: what was typed at logging, the channel, the owner and the history; the patient reference only. */
const show = defineSubcommand({
  name: 'show',
  summary: 'one inquiry: its summary, channel, owner and history (patient reference only)',
  args: [inquiryArg.arg],
  schema: z.object({ id: inquiryArg.schema }),
  async run(input, ctx) {
    const found = await ctx.services.inquiries.get(input.id);
    if (!found) return [reply.private(`There is no inquiry ${inquiryId(input.id)}. See /inquiry list.`)];
    const zone = ctx.services.settings.current().timezone;
    const now = ctx.services.clock.now();
    const arrived = found.arrivalUnknown
      ? `not given (logged ${saidBack(found.receivedAt, zone, now)})`
      : saidBack(found.receivedAt, zone, now);
    return [
      reply.private(`Inquiry ${found.id}`, [
        { kind: 'heading', text: `Inquiry ${found.id} · ${CHANNEL_LABELS[found.channel]}` },
        {
          kind: 'fields',
          fields: [
            { label: 'Patient', value: found.patientRef ?? 'not given' },
            { label: 'Channel', value: CHANNEL_LABELS[found.channel] },
            { label: 'Status', value: found.status },
            { label: 'Owner', value: found.owner ? shownId(found.owner) : 'unclaimed' },
            { label: 'Arrived', value: arrived },
            { label: 'Logged by', value: shownId(found.loggedBy) },
          ],
        },
        { kind: 'text', text: `Summary: ${found.summary ?? 'none typed'}` },
        { kind: 'list', title: 'History', items: historyLines(found.history, zone) },
        { kind: 'text', text: `Typed: /inquiry claim ${found.id}, /inquiry done ${found.id} [note]` },
      ]),
    ];
  },
});

/** The "Wants the doctor" button, typed. */
const doctor = defineSubcommand({
  name: 'doctor',
  summary: 'mark an inquiry as wanting the doctor (the "Wants the doctor" button)',
  args: [inquiryArg.arg],
  schema: z.object({ id: inquiryArg.schema }),
  run: (input, ctx) => flagDoctorButton(input.id, ctx),
});

/** The channel buttons ("Came by ..."), typed. */
const channel = defineSubcommand({
  name: 'channel',
  summary: 'correct how the patient reached us (the channel buttons)',
  args: [inquiryArg.arg, { name: 'channel', description: 'call, voicemail, walk-in, text, email...', kind: 'word' }],
  schema: z.object({ id: inquiryArg.schema, channel: channelWord }),
  async run(input, ctx) {
    const outcome = await setInquiryChannel(`${inquiryId(input.id)}:${input.channel}`, ctx);
    return outcome.kind === 'replies' ? outcome.replies : [];
  },
});

export const inquiry: Command = {
  name: 'inquiry',
  summary:
    'Every patient message gets an answer, on the channel they used: log calls and walk-ins, claim, mark answered.',
  subcommands: [log, list, show, claim, done, doctor, channel, nervous],
  actions: [
    { id: 'inquiry.claim', audience: 'anyone', run: button(claimInquiry) },
    { id: 'inquiry.answer', audience: 'anyone', run: button((n, ctx) => answerInquiry(n, ctx)) },
    {
      id: 'inquiry.provider-called',
      audience: 'anyone',
      run: button((n, ctx) => answerInquiry(n, ctx, undefined, 'provider-called')),
    },
    {
      id: 'inquiry.triage-accepted',
      audience: 'anyone',
      run: button((n, ctx) => answerInquiry(n, ctx, undefined, 'triage-accepted')),
    },
    { id: 'inquiry.doctor', audience: 'anyone', run: button(flagDoctorButton) },
    { id: 'inquiry.nervous', audience: 'anyone', run: button(flagNervousButton) },
    { id: 'inquiry.channel', audience: 'anyone', run: setInquiryChannel },
  ],
};
