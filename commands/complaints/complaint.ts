import { addDays } from 'date-fns';
import { z } from 'zod';
import { defineSubcommand, isManager, tokenize, type Command, type CommandContext } from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { managersToAlert, needsManager } from '../../src/complaints/alerts.js';
import { guessCategory } from '../../src/complaints/grading.js';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  CATEGORY_WORDS,
  LIMITS,
  SOURCES,
  SOURCE_LABELS,
  STATUS_WORDS,
  TIERS,
  WANTS,
  WANT_LABELS,
  COMPLAINT_IDS,
  complaintId,
  type Complaint,
} from '../../src/complaints/model.js';
import type { ComplaintChange } from '../../src/complaints/service.js';
import { computeTrends } from '../../src/complaints/trends.js';
import { parseDays } from '../../src/time/duration.js';
import {
  complaintCard,
  listLine,
  loggedForManager,
  loggedReceipt,
  receiptOf,
  summaryFields,
  trendSections,
  whySection,
} from './complaint-view.js';
import { afterAudit } from '../clinic/audit-view.js';
import { complaintChart } from '../digest/charts.js';
import { clinicDate } from '../shared/format.js';
import { pagedReplies } from '../urgent/pages.js';
import { idArgument } from '../shared/ids.js';
import { patientRef, refProblem } from '../shared/patient-ref.js';
import { complaintsCsv, historyLine, strayVerbWords } from './records-view.js';
import { exportFileName } from '../../src/export/csv.js';
import { takeFlags } from '../inquiries/doctor.js';
import { nervousMarkedWords } from '../inquiries/nervous.js';
import { contactSentenceEnd } from '../../src/settings/practice-contact.js';

/** `/complaint`: log, grade, follow the pathway, see trends, draft a termination letter. */

const NOTICE_DAYS = 30;
const LIST_LIMIT = 100;

const categoryWord = z
  .string({ error: `give the category as one word, one of: ${CATEGORIES.join(', ')}` })
  .transform((word, ctx) => {
    const category = CATEGORY_WORDS[word.toLowerCase().replace(/:$/, '').replace(/_/g, '-')];
    if (!category) {
      ctx.addIssue({ code: 'custom', message: `unknown category "${word}"; use one of: ${CATEGORIES.join(', ')}` });
      return z.NEVER;
    }
    return category;
  });

const text = z
  .string({ error: 'say what happened after the patient reference' })
  .min(3, 'say what happened after the patient reference')
  .max(LIMITS.text, `the description is longer than ${LIMITS.text} characters; shorten it`);

const complaintArg = idArgument(COMPLAINT_IDS, 'a complaint');
const complaintNumber = complaintArg.schema;

const days = (fallback: number) =>
  z
    .string({ error: 'write the period as days, such as 30d or 90d' })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback;
      const parsed = parseDays(value);
      if (parsed === undefined || parsed > 3650) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not a period; write days such as 30d or 90d` });
        return z.NEVER;
      }
      return parsed;
    });

/** The arguments of a subcommand that takes only a period (`30d`), `fallback` days when left out. */
function periodOnly(fallback: number) {
  return {
    args: [
      {
        name: 'period',
        description: `a number of days such as 30d (default ${fallback}d)`,
        kind: 'word' as const,
        optional: true,
      },
    ],
    schema: z.object({ period: days(fallback) }),
  };
}

/** Complaints logged in the last `n` days, newest first. */
function loggedInLast(ctx: CommandContext, n: number): Promise<Complaint[]> {
  return ctx.services.complaints.since(new Date(ctx.services.clock.now().getTime() - n * 86_400_000));
}

const LogInput = z.object({
  patientRef,
  nervous: z.boolean().optional(),
  category: categoryWord.optional(),
  text,
  source: z.enum(SOURCES, { error: `how it reached us: one of ${SOURCES.join(', ')}` }).optional(),
  wants: z.enum(WANTS, { error: `what the patient wants: one of ${WANTS.join(', ')}` }).optional(),
  provider: z
    .string({ error: 'name the provider involved, or leave it out' })
    .max(LIMITS.provider, `the provider is longer than ${LIMITS.provider} characters`)
    .optional(),
  /** the word typed after the reference, so "Maria Lopez" is refused as the full name it is */
  followedBy: z.string().optional(),
});

/**
 * Verbs people try after /complaint that are not subcommands ("delete C-7", "close C-3"): answered
 * with the right command, never logged as a complaint about a patient called "delete".
 */
export const STRAY_VERBS = {
  delete: 'void',
  remove: 'void',
  cancel: 'void',
  erase: 'void',
  undo: 'void',
  close: 'resolve',
  resolve: 'resolve',
  resolved: 'resolve',
  closed: 'resolve',
  done: 'resolve',
  finish: 'resolve',
  reopen: 'reopen',
  edit: 'correct',
  change: 'correct',
  fix: 'correct',
  correct: 'correct',
  modify: 'correct',
  amend: 'correct',
} as const;
export type StrayIntent = (typeof STRAY_VERBS)[keyof typeof STRAY_VERBS];

const StrayInput = z.object({
  stray: z.enum(Object.keys(STRAY_VERBS) as [keyof typeof STRAY_VERBS]),
  target: z.string(),
});

/** Quick entry or a stray verb; the log's own messages are kept when it does not read. */
const QuickInput = z.unknown().transform((raw, ctx) => {
  const stray = StrayInput.safeParse(raw);
  if (stray.success)
    return { kind: 'stray' as const, intent: STRAY_VERBS[stray.data.stray], target: stray.data.target };
  const parsed = LogInput.safeParse(raw);
  if (parsed.success) return { kind: 'log' as const, ...parsed.data };
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

/** "delete C-7", "close 3", "resolve" alone: a verb then at most a complaint id. */
function strayVerb(input: string): { stray: string; target: string } | undefined {
  const match = /^(\p{L}+)(?:\s+(?:#|c-?)?(\d{1,9}))?\s*$/iu.exec(input.trim());
  const verb = match?.[1]?.toLowerCase();
  if (!match || !verb || !(verb in STRAY_VERBS)) return undefined;
  return { stray: verb, target: match[2] ? complaintId(Number(match[2])) : 'C-<number>' };
}

/** Straight or curly double quotes: phones and word processors turn "P-10" into “P-10”. */
const QUOTED_REF = /^["“”]([^"“”]+)["“”]$/;

/** `<patient ref> [category:] <what happened>`; the reference may be quoted. */
function parseQuickEntry(input: string): Record<string, unknown> {
  const match = /^(["“”][^"“”]+["“”]|\S+)\s*(?:([\p{L}_-]+(?: effect)?):\s*)?([\s\S]*)$/u.exec(input.trim());
  if (!match) return {};
  const [, ref = '', category, rest = ''] = match;
  const next = category ? undefined : /^\S+/.exec(rest)?.[0];
  return {
    patientRef: QUOTED_REF.exec(ref)?.[1] ?? ref,
    ...(category ? { category } : {}),
    ...(rest ? { text: rest } : {}),
    ...(next ? { followedBy: next } : {}),
  };
}

function managers(ctx: CommandContext): readonly string[] {
  return ctx.services.settings.current().managers;
}

function zone(ctx: CommandContext): string {
  return ctx.services.settings.current().timezone;
}

function notFound(id: number): Reply {
  return reply.private(`There is no complaint ${complaintId(id)}. See /complaint list for the open ones.`);
}

function alertManagers(complaint: Complaint, ctx: CommandContext): Reply[] {
  return managersToAlert(complaint, managers(ctx), ctx.actor.id).map((id) =>
    reply.dm(id, `Complaint ${complaint.id} needs a manager: ${complaint.tier}`, [
      { kind: 'heading', text: `${complaint.id} needs a manager · ${complaint.tier}` },
      summaryFields(complaint),
      { kind: 'fields', fields: [{ label: 'Logged by', value: complaint.reporter, user: true }] },
      whySection(complaint),
      { kind: 'text', text: `Open it with /complaint show ${complaint.id}` },
    ]),
  );
}

const log = defineSubcommand({
  name: '',
  summary: 'log a complaint at once; the category is guessed when left out',
  args: [
    { name: 'patient-ref', description: 'alias or chart number, never a full name', kind: 'word' },
    {
      name: 'category:',
      description: `optional, one of ${CATEGORIES.join(', ')} followed by a colon`,
      kind: 'word',
      optional: true,
    },
    { name: 'what-happened', description: `what happened, up to ${LIMITS.text} characters`, kind: 'rest' },
  ],
  schema: QuickInput,
  parse: (text) => {
    const stray = strayVerb(text);
    if (stray) return stray;
    // `--nervous` anywhere: the patient needs extra hand-holding after treatment (see /inquiry nervous)
    const flags = takeFlags(text);
    return { ...parseQuickEntry(flags.text), ...(flags.nervous ? { nervous: true } : {}) };
  },
  async run(quick, ctx) {
    if (quick.kind === 'stray') return [reply.private(strayVerbWords(quick.intent, quick.target))];
    const { nervous, followedBy, kind: _kind, ...input } = quick;
    const refused = refProblem(input.patientRef, followedBy, ctx);
    if (refused) return [reply.private(refused)];
    const category = input.category ?? guessCategory(input.text) ?? 'other';
    const { complaint } = await ctx.services.complaints.log(
      { ...input, category, categoryGuessed: input.category === undefined },
      ctx.actor.id,
    );
    if (nervous) await ctx.services.nervous.mark(input.patientRef, ctx.actor.id);
    const now = ctx.services.clock.now();
    const alerts = alertManagers(complaint, ctx);
    const alertNote = !needsManager(complaint.tier)
      ? []
      : alerts.length
        ? ['The practice managers have been sent this complaint.']
        : managers(ctx).length
          ? []
          : ['No practice managers are set (TACT_MANAGERS), so nobody was alerted: tell a manager yourself.'];
    // The person who logged it learns nothing of the patient's history unless the log is theirs to read.
    const confirmation = isManager(ctx)
      ? loggedForManager(complaint, zone(ctx), now, alertNote)
      : loggedReceipt(receiptOf(complaint), zone(ctx), now, alertNote);
    const marked = nervous ? [reply.private(nervousMarkedWords(input.patientRef, ctx))] : [];
    return [...(await pagedReplies(complaint.id, ctx.services)), confirmation, ...marked, ...alerts];
  },
});

const list = defineSubcommand({
  name: 'list',
  summary: 'open complaints, or all of them, newest first; optionally only the last N days',
  args: [
    { name: 'scope', description: 'open (default) or all', kind: 'word', choices: ['open', 'all'], optional: true },
    { name: 'period', description: 'a number of days such as 30d', kind: 'word', optional: true },
  ],
  audience: 'managers',
  schema: z.object({
    scope: z.enum(['open', 'all'], { error: 'choose open or all' }).default('open'),
    period: days(0),
  }),
  parse: (input) => {
    const words = tokenize(input);
    const scope = words.find((w) => !/^\d+d$/i.test(w));
    const period = words.find((w) => /^\d+d$/i.test(w));
    return {
      ...(scope ? { scope: scope.toLowerCase() } : {}),
      ...(period ? { period } : {}),
      ...(words.length > 2 ? { _extra: words.slice(2).join(' ') } : {}),
    };
  },
  async run(input, ctx) {
    const now = ctx.services.clock.now();
    const from = input.period ? new Date(now.getTime() - input.period * 86_400_000) : undefined;
    const complaints =
      input.scope === 'open'
        ? (await ctx.services.complaints.openComplaints()).filter(
            (c) => !from || Date.parse(c.createdAt) >= from.getTime(),
          )
        : await ctx.services.complaints.since(from ?? new Date(0));
    const shown = complaints.slice(0, LIST_LIMIT);
    const title = `${input.scope === 'open' ? 'Open complaints' : 'All complaints'}${input.period ? `, last ${input.period} days` : ''}`;
    const more =
      complaints.length > shown.length
        ? [`…and ${complaints.length - shown.length} older; narrow with a period such as 30d`]
        : [];
    const read = {
      read: 'complaint.list' as const,
      records: shown.map((c) => c.id),
      ...(input.period ? { days: input.period } : {}),
    };
    return afterAudit(ctx, read, () => [
      reply.private(`${title}: ${complaints.length}`, [
        { kind: 'heading', text: `${title}: ${complaints.length}` },
        { kind: 'list', items: shown.length ? [...shown.map((c) => listLine(c, now, zone(ctx))), ...more] : ['none'] },
      ]),
    ]);
  },
});

const show = defineSubcommand({
  name: 'show',
  summary: 'one complaint with its reasons, pathway and history',
  args: [complaintArg.arg],
  audience: 'managers',
  schema: z.object({ id: complaintNumber }),
  async run(input, ctx) {
    const complaint = await ctx.services.complaints.get(input.id);
    if (!complaint) return [notFound(input.id)];
    return afterAudit(ctx, { read: 'complaint.show', records: [complaint.id] }, () => [
      reply.private(
        `${complaint.id} (${complaint.tier})`,
        complaintCard(complaint, zone(ctx), ctx.services.clock.now()),
      ),
    ]);
  },
});

const UPDATE_KINDS = ['note', 'tier', 'category', 'step', 'text', 'patient'] as const;
const UpdateInput = z
  .object({
    id: complaintNumber,
    change: z.string({ error: 'say what to change: a status, note, tier, category or step' }),
    details: z.string({ error: 'write the details as text after the change' }).optional(),
  })
  .transform((input, ctx): { id: number; change: ComplaintChange } => {
    const word = input.change.toLowerCase();
    const value = input.details?.trim() ?? '';
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    const [first = '', ...others] = value.split(/\s+/);
    const rest = others.join(' ') || undefined;
    // Every kind of update refuses a note that is too long, as a plain note does: cutting it
    // short would keep less than the manager wrote without telling them.
    const tooLong = `the note is longer than ${LIMITS.note} characters; shorten it`;
    const status = STATUS_WORDS[word];
    if (status) {
      if (value.length > LIMITS.note) return fail(tooLong);
      return { id: input.id, change: { kind: 'status', status, note: value || undefined } };
    }
    if ((word === 'tier' || word === 'step') && rest !== undefined && rest.length > LIMITS.note) return fail(tooLong);
    switch (word as (typeof UPDATE_KINDS)[number]) {
      case 'note':
        if (!value) return fail('write the note after "note"');
        if (value.length > LIMITS.note) return fail(tooLong);
        return { id: input.id, change: { kind: 'note', note: value } };
      case 'tier': {
        const tier = TIERS.find((t) => t === first.toLowerCase());
        if (!tier) return fail(`unknown tier "${first}"; use one of: ${TIERS.join(', ')}`);
        return { id: input.id, change: { kind: 'tier', tier, note: rest } };
      }
      case 'category': {
        const category = CATEGORY_WORDS[first.toLowerCase().replace(/:$/, '')];
        if (!category) return fail(`unknown category "${first}"; use one of: ${CATEGORIES.join(', ')}`);
        return { id: input.id, change: { kind: 'category', category } };
      }
      case 'text':
        if (value.length < 3) return fail('write the corrected text after "text"');
        if (value.length > LIMITS.text)
          return fail(`the description is longer than ${LIMITS.text} characters; shorten it`);
        return { id: input.id, change: { kind: 'text', text: value } };
      case 'patient': {
        const checked = patientRef.safeParse(value);
        if (!checked.success)
          return fail(checked.error.issues[0]?.message ?? 'write the corrected reference after "patient"');
        return { id: input.id, change: { kind: 'patient', patientRef: checked.data } };
      }
      case 'step': {
        const step = Number(first);
        if (!Number.isInteger(step) || step < 1) return fail('give the step number from /complaint show, e.g. step 2');
        return { id: input.id, change: { kind: 'step', step, note: rest } };
      }
      default:
        return fail(
          `"${input.change}" is not something to update; use a status (open, following-up, resolved, ended), note, tier, category, step, text or patient`,
        );
    }
  });

const UPDATE_PROBLEMS = {
  'not-found': (id: string) => `There is no complaint ${id}. See /complaint list for the open ones.`,
  'no-such-step': (id: string) => `${id} has no such step; /complaint show ${id} lists its steps.`,
  'step-already-done': (id: string) => `That step of ${id} is already done.`,
  unchanged: (id: string) => `${id} already has that value; nothing changed.`,
  voided: (id: string) => `${id} is voided (logged by mistake) and no longer changes; /complaint show ${id} has why.`,
} as const;

const update = defineSubcommand({
  name: 'update',
  summary:
    'change the status (open, following-up, resolved, ended), add a note, override the tier, fix the category, mark a step done, or correct the text or patient reference (the old value stays in the history)',
  args: [
    complaintArg.arg,
    { name: 'change', description: 'a status, or note | tier | category | step | text | patient', kind: 'word' },
    {
      name: 'details',
      description:
        'the note, the new tier or category, the step number then an optional note, the corrected text, or the corrected patient reference',
      kind: 'rest',
      optional: true,
    },
  ],
  audience: 'managers',
  schema: UpdateInput,
  async run(input, ctx) {
    if (input.change.kind === 'patient') {
      const refused = refProblem(input.change.patientRef, undefined, ctx);
      if (refused) return [reply.private(refused)];
    }
    const result = await ctx.services.complaints.update(input.id, input.change, ctx.actor.id);
    if (!result.ok) return [reply.private(UPDATE_PROBLEMS[result.problem](complaintId(input.id)))];
    const last = result.complaint.history.at(-1);
    return [
      reply.private(`Updated ${result.complaint.id}: ${last?.what ?? ''}`, [
        { kind: 'text', text: `Updated ${result.complaint.id}: ${last?.what ?? ''}` },
        summaryFields(result.complaint),
      ]),
    ];
  },
});

const trends = defineSubcommand({
  name: 'trends',
  summary: 'counts by category and tier against the previous period, repeat patients, what rose most',
  ...periodOnly(90),
  audience: 'managers',
  async run(input, ctx) {
    const now = ctx.services.clock.now();
    const complaints = await loggedInLast(ctx, 2 * input.period);
    const result = computeTrends(complaints, now, input.period);
    // Trends name repeat patients: a read of every complaint counted.
    const read = { read: 'complaint.trends' as const, records: complaints.map((c) => c.id), days: input.period };
    // The chart holds counts by category and tier only, never the repeat patients the text names.
    return afterAudit(ctx, read, () => [
      {
        ...reply.private(`Complaint trends, last ${input.period} days`, trendSections(result)),
        files: [complaintChart(result)],
      },
    ]);
  },
});

/** The letter itself, once the read is recorded; drafting it is noted in the complaint's history. */
async function draftLetter(complaint: Complaint, ctx: CommandContext): Promise<Reply[]> {
  const settings = ctx.services.settings.current();
  const now = ctx.services.clock.now();
  const body = ctx.services.prompts.render('termination-letter', {
    date: clinicDate(now, settings.timezone),
    patient_ref: complaint.patientRef,
    practice_name: settings.practiceName ?? '[Practice name]',
    notice_days: String(NOTICE_DAYS),
    effective_date: clinicDate(addDays(now, NOTICE_DAYS), settings.timezone),
    practice_contact: `If you have questions about this letter, please ${contactSentenceEnd(settings.practiceContact)}`,
  });
  await ctx.services.complaints.noteLetterDrafted(complaint.number, ctx.actor.id);
  const caution =
    complaint.tier === 'aggressive' || complaint.tier === 'escalating'
      ? []
      : [
          {
            kind: 'text' as const,
            text: `${complaint.id} is graded ${complaint.tier}. Ending a relationship is usually kept for escalating or aggressive cases; talk it over with the provider first.`,
          },
        ];
  return [
    reply.private(`Draft termination letter for ${complaint.id}`, [
      { kind: 'heading', text: `Draft letter for ${complaint.id} · review, sign and send it yourself` },
      ...caution,
      { kind: 'preformatted', text: body },
    ]),
  ];
}

const letter = defineSubcommand({
  name: 'letter',
  summary: 'a draft letter ending the relationship: notice, urgent care meanwhile, records, a new provider',
  args: [complaintArg.arg],
  audience: 'managers',
  schema: z.object({ id: complaintNumber }),
  async run(input, ctx) {
    const complaint = await ctx.services.complaints.get(input.id);
    if (!complaint) return [notFound(input.id)];
    return afterAudit(ctx, { read: 'complaint.letter', records: [complaint.id] }, () => draftLetter(complaint, ctx));
  },
});

const voidRecord = defineSubcommand({
  name: 'void',
  summary: 'void a complaint logged by mistake: kept with the reason, left out of counts, trends and reminders',
  args: [complaintArg.arg, { name: 'reason', description: 'why it was a mistake', kind: 'rest' }],
  audience: 'managers',
  schema: z.object({
    id: complaintNumber,
    reason: z
      .string({ error: 'say why it was logged by mistake, e.g. /complaint void C-7 logged twice' })
      .min(3, 'say why it was logged by mistake, e.g. /complaint void C-7 logged twice')
      .max(LIMITS.note, `the reason is longer than ${LIMITS.note} characters; shorten it`),
  }),
  async run(input, ctx) {
    const result = await ctx.services.complaints.update(input.id, { kind: 'void', reason: input.reason }, ctx.actor.id);
    if (!result.ok) return [reply.private(UPDATE_PROBLEMS[result.problem](complaintId(input.id)))];
    const id = result.complaint.id;
    // An urgent page still going out about it stops: the manager who voided it has dealt with it.
    await ctx.services.pages.acknowledge(id, ctx.actor.id, { manager: true });
    return [
      reply.private(
        `Voided ${id}: it stays in the log with your reason, and is left out of counts, trends, the digest and reminders.`,
      ),
    ];
  },
});

const history = defineSubcommand({
  name: 'history',
  summary: "a patient's complaints, newest first (voided ones marked)",
  args: [{ name: 'patient-ref', description: 'alias or chart number', kind: 'word' }],
  audience: 'managers',
  schema: z.object({ 'patient-ref': patientRef }),
  async run(input, ctx) {
    const ref = input['patient-ref'];
    const refused = refProblem(ref, undefined, ctx);
    if (refused) return [reply.private(refused)];
    const found = await ctx.services.complaints.forPatient(ref);
    const shown = found.slice(0, LIST_LIMIT);
    const now = ctx.services.clock.now();
    const counted = found.filter((c) => c.status !== 'voided').length;
    const title = `Complaints about ${ref}: ${counted}${counted === found.length ? '' : ` (and ${found.length - counted} voided)`}`;
    return afterAudit(ctx, { read: 'complaint.history', records: shown.map((c) => c.id) }, () => [
      reply.private(title, [
        { kind: 'heading', text: title },
        {
          kind: 'list',
          items: shown.length ? shown.map((c) => historyLine(c, zone(ctx), now)) : ['none'],
        },
      ]),
    ]);
  },
});

const exportLog = defineSubcommand({
  name: 'export',
  summary: 'the log as a CSV file for a spreadsheet: ids, dates, patient references, category, tier, status (no text)',
  ...periodOnly(90),
  audience: 'managers',
  async run(input, ctx) {
    const now = ctx.services.clock.now();
    const complaints = await loggedInLast(ctx, input.period);
    const name = exportFileName('complaints', now, zone(ctx), input.period);
    const file = complaintsCsv(complaints, zone(ctx), (text) => ctx.services.redactor.redact(text));
    const read = { read: 'complaint.export' as const, records: complaints.map((c) => c.id), days: input.period };
    return afterAudit(ctx, read, () => [
      {
        ...reply.private(
          `Complaints, last ${input.period} days: ${complaints.length} ${complaints.length === 1 ? 'row' : 'rows'} in ${name} (patient references only, no complaint text).`,
        ),
        files: [{ name, mime: 'text/csv', title: 'Complaints export (CSV)', bytes: file }],
      },
    ]);
  },
});

export const complaint: Command = {
  name: 'complaint',
  summary: 'Log patient complaints, grade them, follow the pathway, see trends, and draft termination letters.',
  subcommands: [log, list, show, history, update, voidRecord, trends, letter, exportLog],
  form: {
    subcommand: '',
    spec: {
      id: 'complaint',
      title: 'Log a complaint',
      submitLabel: 'Log it',
      fields: [
        {
          id: 'patientRef',
          label: 'Patient reference',
          kind: 'text',
          placeholder: 'alias or chart number, never a full name',
          maxLength: LIMITS.patientRef,
        },
        {
          id: 'source',
          label: 'How it reached us',
          kind: 'choice',
          choices: SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] })),
        },
        {
          id: 'category',
          label: 'Category',
          kind: 'choice',
          choices: CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
        },
        { id: 'text', label: 'What happened', kind: 'longtext', maxLength: LIMITS.text },
        {
          id: 'wants',
          label: 'What the patient wants',
          kind: 'choice',
          optional: true,
          choices: WANTS.map((w) => ({ value: w, label: WANT_LABELS[w] })),
        },
        { id: 'provider', label: 'Provider involved', kind: 'text', optional: true, maxLength: LIMITS.provider },
      ],
    },
    toInput: (values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')),
  },
};
