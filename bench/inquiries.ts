/**
 * Patient-message scale bench (issue 5): the daily digest and one reminder-scheduler pass must cost
 * time in proportion to what is open, not to history.
 *
 * For 1,000, 10,000 and 100,000 open inquiries, each with 10,000 and then 200,000 closed (answered) ones behind
 * them, on a SQLite store in a temporary folder, it times:
 *   - digest:    `digestReply` from commands/digest/digest.ts (what the 08:00 job and `/tact digest now` build);
 *   - plan:      the start-up reconciliation that plans every open record's jobs once (src/jobs/timed-work.ts);
 *   - scheduler: one job-queue pass with nothing due, on the SQLite job table (src/jobs/local-queue.ts);
 *   - open():    InquiryService.open() alone, the read both of the above start with.
 * Each figure is the median of BENCH_INQ_RUNS runs (default 7) after one warm-up run.
 *
 * The records are real: every one is a valid `Inquiry` (checked with its zod schema), stored under
 * the keys InquiryService uses, with the open index rows (all open, and per channel: `indexMoves`, as the service writes them), per-day counters, message lookups and the
 * sequence beside them. They are written in bulk through `Storage.write` (one transaction per 2,000
 * changes, encrypted like every record), because one write per record would take many minutes. History is added to the
 * same store between the two measurements, so the second one reads the very store that grew. At the
 * end a new inquiry is created and answered through InquiryService on each store, to show the bulk
 * records and the service agree (numbering continues, the open index and counters move).
 *
 * Clock: Monday 2 March 2026, 10:00 in New York, Mon-Fri 09:00-18:00 and Sat 09:00-14:00, reply goal
 * 15 minutes. Open inquiries older than the goal already had their reminders (as they would have), the
 * newest ones have reminders still ahead, so nothing is due and the pass only reads and plans.
 *
 * Environment: BENCH_INQ_RUNS (runs per figure, default 7), BENCH_INQ_OPEN (comma-separated open
 * counts, default 1000,10000,100000), BENCH_INQ_CLOSED (two closed counts, default 10000,200000).
 * Exit code 1 when the data could not be built or checked; missed targets are printed, not failed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { digestReply } from '../commands/digest/digest.js';
import { jobViews } from '../commands/job-views.js';
import type { Notifier } from '../src/chat/outbox.js';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { inquiryNudges } from '../src/jobs/inquiry-nudges.js';
import { postOnce } from '../src/jobs/post-once.js';
import { createLogger } from '../src/log.js';
import { buildCore, type Core } from '../src/main.js';
import type { Change } from '../src/storage.js';
import { DayFigures, Inquiry, emptyDay, inquiryId, type PatientChannel } from '../src/inquiries/model.js';
import { indexMoves } from '../src/inquiries/service.js';
import {
  addBusinessTime,
  businessTimeBetween,
  openIntervals,
  type BusinessCalendar,
} from '../src/time/business-hours.js';
import { cleanupOnce } from './cleanup.js';

const TARGET_MS = 200;
/** A pass with nothing due, at every size (issue 9). */
const PASS_TARGET_MS = 5;
/** "Flat": the figure with 200,000 closed stays within this factor (plus a small absolute slack) of the one with 10,000. */
const FLAT_FACTOR = 1.5;
const FLAT_SLACK_MS = 5;
const NOW = new Date('2026-03-02T15:00:00.000Z'); // Monday 10:00 EST
const ZONE = 'America/New_York';
const HOURS = 'Mon-Fri 09:00-18:00; Sat 09:00-14:00';
const SLA_MS = 15 * 60_000;
const MANAGERS = 'U0MANAGER1,U0MANAGER2';
const INBOX = 'C0INBOX';
const STAFF = ['U0ANNA', 'U0BOB', 'U0CARLA', 'U0DEV', 'U0EMMA'];
const CHANNELS: PatientChannel[] = [
  'text',
  'phone',
  'voicemail',
  'email',
  'web-form',
  'facebook',
  'instagram',
  'google',
  'walk-in',
];
const ROWS_PER_WRITE = 2_000;

function positiveInt(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}="${text}" is not a positive whole number`);
  return value;
}

function intList(text: string | undefined, fallback: number[], name: string): number[] {
  if (text === undefined || text.trim() === '') return fallback;
  return text.split(',').map((part) => positiveInt(part, 0, name));
}

/** A small deterministic PRNG (mulberry32), so every run builds the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Writes changes through the store (so values are encrypted as Tact writes them), in transactions of ROWS_PER_WRITE. */
async function bulk(data: Dataset, changes: readonly Change[]): Promise<void> {
  for (let i = 0; i < changes.length; i += ROWS_PER_WRITE)
    await data.core.storage.write(changes.slice(i, i + ROWS_PER_WRITE));
}

const row = (collection: string, key: string, value: unknown): Change => ({ kind: 'set', collection, key, value });

interface Dataset {
  dir: string;
  core: Core;
  calendar: BusinessCalendar;
  days: Map<string, DayFigures>;
  rand: () => number;
  /** open-time intervals of the last ~400 days up to NOW, oldest first */
  intervals: Array<[number, number]>;
  dayOf(at: number): string;
}

const fixedClock: Clock = { now: () => new Date(NOW) };

async function openDataset(dir: string): Promise<Dataset> {
  const file = join(dir, 'bench.sqlite');
  const config = loadConfig({
    TACT_STORE: `sqlite://${file}`,
    TACT_TIMEZONE: ZONE,
    TACT_BUSINESS_HOURS: HOURS,
    TACT_REPLY_SLA: '15m',
    TACT_MANAGERS: MANAGERS,
    TACT_INBOX_CHANNELS: INBOX,
  });
  const core = await buildCore(config, { clock: fixedClock, logLevel: 'error', writeLog: () => undefined });
  const settings = core.services.settings.current();
  const calendar = { zone: settings.timezone, week: settings.businessHours };
  const intervals: Array<[number, number]> = [];
  for (const [open, close] of openIntervals(calendar, new Date(NOW.getTime() - 400 * 86_400_000), 420)) {
    if (open.getTime() >= NOW.getTime()) break;
    intervals.push([open.getTime(), Math.min(close.getTime(), NOW.getTime())]);
  }
  return {
    dir,
    core,
    calendar,
    days: new Map(),
    rand: random(file.length * 7919),
    intervals,
    dayOf: (at) => core.services.inquiries.dayOf(new Date(at)),
  };
}

function tally(data: Dataset, day: string, change: (d: DayFigures) => void): void {
  const current = data.days.get(day) ?? emptyDay();
  change(current);
  data.days.set(day, current);
}

function byChannel(d: DayFigures, channel: PatientChannel): { received: number; answered: number } {
  const entry = d.byChannel[channel] ?? { received: 0, answered: 0 };
  d.byChannel[channel] = entry;
  return entry;
}

/** A received time inside open hours: `intervalIndex` counts from the oldest interval. */
function receivedIn(data: Dataset, intervalIndex: number): number {
  const [open, close] = data.intervals[Math.min(Math.max(intervalIndex, 0), data.intervals.length - 1)] ?? [
    NOW.getTime(),
    NOW.getTime(),
  ];
  return open + Math.floor(data.rand() * Math.max(close - open - 60_000, 1));
}

function baseRecord(data: Dataset, number: number, received: number): Inquiry {
  const channel = CHANNELS[Math.floor(data.rand() * CHANNELS.length)] ?? 'text';
  const origin = data.rand() < 0.7 ? 'inbox' : data.rand() < 0.5 ? 'intake' : 'command';
  const ts = `${Math.floor(received / 1000)}.${String(number % 1_000_000).padStart(6, '0')}`;
  const at = new Date(received).toISOString();
  return {
    id: inquiryId(number),
    number,
    channel,
    ...(data.rand() < 0.4 ? { patientRef: `P-${1000 + Math.floor(data.rand() * 90_000)}` } : {}),
    ...(origin !== 'command'
      ? { contact: `***-***-${String(Math.floor(data.rand() * 10_000)).padStart(4, '0')}` }
      : {}),
    ...(origin === 'command' ? { summary: 'wants to reschedule' } : {}),
    receivedAt: at,
    chatChannelId: INBOX,
    chatMessageId: ts,
    link: `https://slack.com/archives/${INBOX}/p${ts.replace('.', '')}`,
    origin,
    loggedBy:
      origin === 'inbox'
        ? 'B0RINGCENTRAL'
        : origin === 'intake'
          ? 'intake'
          : (STAFF[number % STAFF.length] ?? 'U0ANNA'),
    status: 'open',
    nudged: {},
    history: [{ at, by: 'B0RINGCENTRAL', what: `received by ${origin}` }],
  };
}

/** Rows for one record: the record, its open index rows (as InquiryService writes them) and its message lookup. */
function rowsFor(record: Inquiry, rows: Change[]): void {
  const valid = Inquiry.parse(record);
  rows.push(row('inquiries', String(valid.number), valid), ...indexMoves(undefined, valid));
  if (valid.chatChannelId && valid.chatMessageId)
    rows.push(row('inquiry-lookups', `msg:${valid.chatChannelId}:${valid.chatMessageId}`, valid.number));
}

/** Closed (answered) inquiries numbered `from..to`, received over the clinic days before the open window. */
async function addClosed(data: Dataset, from: number, to: number, total: number): Promise<void> {
  const rows: Change[] = [];
  // closed history sits before the last 5 days; number n lands at the n-th share of that span
  const span = Math.max(data.intervals.length - 30, 1);
  for (let n = from; n <= to; n += 1) {
    const received = receivedIn(data, Math.floor(((n - 1) / total) * span));
    const record = baseRecord(data, n, received);
    const minutes = data.rand() < 0.8 ? 1 + Math.floor(data.rand() * 14) : 15 + Math.floor(data.rand() * 120);
    const answered = addBusinessTime(data.calendar, new Date(received), minutes * 60_000).getTime();
    const firstResponseMs = businessTimeBetween(data.calendar, new Date(received), new Date(answered));
    const owner = STAFF[n % STAFF.length] ?? 'U0ANNA';
    const nudged: Inquiry['nudged'] = {};
    if (firstResponseMs > SLA_MS)
      nudged.thread = addBusinessTime(data.calendar, new Date(received), SLA_MS).toISOString();
    if (firstResponseMs > 2 * SLA_MS)
      nudged.managers = addBusinessTime(data.calendar, new Date(received), 2 * SLA_MS).toISOString();
    const answeredAt = new Date(answered).toISOString();
    const closed: Inquiry = {
      ...record,
      status: 'answered',
      owner,
      answeredAt,
      answeredBy: owner,
      firstResponseMs,
      nudged,
      history: [
        ...record.history,
        ...(nudged.thread ? [{ at: nudged.thread, by: 'tact', what: 'reminder sent: thread' }] : []),
        { at: answeredAt, by: owner, what: 'answered' },
      ],
    };
    rowsFor(closed, rows);
    tally(data, data.dayOf(received), (d) => {
      d.received += 1;
      byChannel(d, closed.channel).received += 1;
    });
    tally(data, data.dayOf(answered), (d) => {
      d.answered += 1;
      if (firstResponseMs <= SLA_MS) d.withinSla += 1;
      d.responseMs.push(firstResponseMs);
      byChannel(d, closed.channel).answered += 1;
    });
    if (nudged.thread) tally(data, data.dayOf(Date.parse(nudged.thread)), (d) => void (d.breaches += 1));
  }
  await bulk(data, rows);
}

/**
 * Open inquiries numbered `from..to`, received over the last days; the 50 newest within the last
 * 14 minutes (no reminder yet), the 50 before them 15-29 minutes ago (thread reminder sent); older ones
 * had both reminders. A third are claimed.
 */
async function addOpen(data: Dataset, from: number, to: number): Promise<number[]> {
  const rows: Change[] = [];
  const count = to - from + 1;
  const numbers: number[] = [];
  const recentWindow = data.intervals.slice(-30);
  for (let n = from; n <= to; n += 1) {
    const position = n - from; // 0 = oldest
    const fromNewest = count - 1 - position;
    let received: number;
    if (fromNewest < 50) received = NOW.getTime() - (1 + (fromNewest % 13)) * 60_000 - Math.floor(data.rand() * 50_000);
    else if (fromNewest < 100)
      received = NOW.getTime() - (16 + (fromNewest % 13)) * 60_000 - Math.floor(data.rand() * 50_000);
    else {
      const index = Math.floor((position / count) * (recentWindow.length - 1));
      const [open, close] = recentWindow[index] ?? [NOW.getTime() - 86_400_000, NOW.getTime() - 86_400_000 + 3_600_000];
      received = open + Math.floor(data.rand() * Math.max(close - open - 60 * 60_000, 60_000));
    }
    const record = baseRecord(data, n, received);
    const waited = businessTimeBetween(data.calendar, new Date(received), NOW);
    const nudged: Inquiry['nudged'] = {};
    if (waited >= SLA_MS) nudged.thread = addBusinessTime(data.calendar, new Date(received), SLA_MS).toISOString();
    if (waited >= 2 * SLA_MS)
      nudged.managers = addBusinessTime(data.calendar, new Date(received), 2 * SLA_MS).toISOString();
    const owner = data.rand() < 0.33 ? STAFF[n % STAFF.length] : undefined;
    const open: Inquiry = { ...record, ...(owner ? { owner, status: 'claimed' as const } : {}), nudged };
    rowsFor(open, rows);
    numbers.push(n);
    tally(data, data.dayOf(received), (d) => {
      d.received += 1;
      byChannel(d, open.channel).received += 1;
    });
    if (nudged.thread) tally(data, data.dayOf(Date.parse(nudged.thread)), (d) => void (d.breaches += 1));
  }
  await bulk(data, rows);
  return numbers;
}

async function writeCounters(data: Dataset, lastNumber: number): Promise<void> {
  await bulk(
    data,
    [...data.days].map(([day, figures]) => row('inquiry-days', day, DayFigures.parse(figures))),
  );
  const { engine } = data.core.storage;
  if (engine.kind === 'sqlite')
    engine.db.prepare('INSERT OR REPLACE INTO tact_sequences (name, value) VALUES (?, ?)').run('inquiry', lastNumber);
}

interface Measure {
  open: number;
  closed: number;
  digestMs: number;
  /** InquiryService.open() alone: reading the open records */
  readMs: number;
  /** the start-up reconciliation: every open record's jobs planned once */
  reconcileMs: number;
  passMs: number;
  planned: number;
}

async function measure(data: Dataset, open: number, closed: number, runs: number): Promise<Measure> {
  const { services } = data.core;
  let sent = 0;
  const notifier: Notifier = { send: async () => void (sent += 1) };
  const logger = createLogger({ level: 'error', redact: (x) => x, write: () => undefined });
  const post = postOnce({ storage: services.storage, notifier, clock: fixedClock });
  const work = inquiryNudges({
    inquiries: services.inquiries,
    settings: services.settings,
    calendar: () => services.calendar.current(),
    post,
    clock: fixedClock,
    logger,
    views: jobViews,
  });
  // sanity: the service sees exactly the open ones, and nothing is due
  const listed = await services.inquiries.open();
  if (listed.length !== open) throw new Error(`expected ${open} open inquiries, the service lists ${listed.length}`);
  // the per-channel rows the digest counts agree with the records themselves
  for (const channel of CHANNELS) {
    const expected = listed.filter((i) => i.channel === channel).length;
    const { count } = await services.inquiries.openInChannel(channel, 0);
    if (count !== expected) throw new Error(`the ${channel} open index counts ${count}, the records say ${expected}`);
  }
  const items = listed.flatMap((inquiry) => work.plan(inquiry)).filter((job) => job.at !== undefined);
  const due = items.filter((i) => (i.at?.getTime() ?? Infinity) <= NOW.getTime());
  if (due.length) throw new Error(`${due.length} reminders are due; the bench wants a pass with nothing due`);
  // The records were written in bulk, past the services' change events: the start-up
  // reconciliation plans their jobs on the SQLite job table, once.
  const planning = performance.now();
  await data.core.timedWork.reconcile();
  const reconcileMs = performance.now() - planning;
  const { runDue } = data.core.jobs;
  if (!runDue) throw new Error('the bench expects the in-process SQLite job queue');
  let counted = '';
  const digestMs = await timeRuns(runs, async () => {
    const reply = await digestReply(services, 'channel');
    counted = reply.summary;
  });
  // The digest lists the oldest few per channel; its count must still cover every open inquiry.
  if (!counted.includes(`${open} patient messages waiting`))
    throw new Error(`the digest says "${counted}" for ${open} open inquiries`);
  const readMs = await timeRuns(runs, () => services.inquiries.open());
  const passMs = await timeRuns(runs, () => runDue());
  if (sent) throw new Error(`the scheduler pass sent ${sent} messages; nothing was due`);
  return { open, closed, digestMs, readMs, reconcileMs, passMs, planned: items.length };
}

/** One real create and answer through the service: the bulk records and the service agree. */
async function checkService(data: Dataset, open: number, lastNumber: number): Promise<void> {
  const { inquiries } = data.core.services;
  const created = await inquiries.create({
    channel: 'text',
    contact: '555-867-0142',
    origin: 'intake',
    loggedBy: 'intake',
  });
  if (!('inquiry' in created) || created.inquiry.number !== lastNumber + 1)
    throw new Error(`the service did not continue the numbering after I-${lastNumber}`);
  if ((await inquiries.open()).length !== open + 1) throw new Error('the new inquiry is not in the open index');
  const answered = await inquiries.answer(created.inquiry.number, 'U0ANNA');
  if (!answered.ok || (await inquiries.open()).length !== open)
    throw new Error('answering did not leave the open index');
  const sample = await inquiries.get(Math.max(1, lastNumber - open - 5));
  if (sample?.status !== 'answered') throw new Error('a closed record did not read back as answered');
  const today = await inquiries.figures(inquiries.dayOf(NOW));
  if (today.received < 1 || today.answered < 1) throw new Error("today's counters did not move");
}

const fmt = (ms: number) => ms.toFixed(1).padStart(12);

export async function runInquiryBench(): Promise<number> {
  const runs = positiveInt(process.env['BENCH_INQ_RUNS'], 7, 'BENCH_INQ_RUNS');
  const opens = intList(process.env['BENCH_INQ_OPEN'], [1_000, 10_000, 100_000], 'BENCH_INQ_OPEN');
  const [smallHistory = 10_000, largeHistory = 200_000] = intList(
    process.env['BENCH_INQ_CLOSED'],
    [10_000, 200_000],
    'BENCH_INQ_CLOSED',
  );
  if (largeHistory < smallHistory) throw new Error('BENCH_INQ_CLOSED: give the smaller count first');

  const root = await mkdtemp(join(tmpdir(), 'tact-bench-inquiries-'));
  const datasets: Dataset[] = [];
  const cleanup = cleanupOnce(async () => {
    for (const data of datasets) {
      await data.core.storage.close().catch(() => undefined);
    }
    await rm(root, { recursive: true, force: true });
  });

  const results: Measure[] = [];
  const began = performance.now();
  const notes: string[] = [];
  try {
    for (const open of opens) {
      const dir = await mkdtemp(join(root, `open-${open}-`));
      const data = await openDataset(dir);
      datasets.push(data);
      // Numbers follow time: closed history 1..large (the newest `small` of it first), then the open ones.
      const lastNumber = largeHistory + open;
      let started = performance.now();
      await addClosed(data, largeHistory - smallHistory + 1, largeHistory, largeHistory);
      await addOpen(data, largeHistory + 1, lastNumber);
      await writeCounters(data, lastNumber);
      notes.push(
        `built ${open} open + ${smallHistory} closed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      results.push(await measure(data, open, smallHistory, runs));
      if (cleanup.aborted) break;

      started = performance.now();
      await addClosed(data, 1, largeHistory - smallHistory, largeHistory);
      await writeCounters(data, lastNumber);
      notes.push(
        `added ${largeHistory - smallHistory} closed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      results.push(await measure(data, open, largeHistory, runs));
      await checkService(data, open, lastNumber);
      if (cleanup.aborted) break;
    }
    const rows = results.map(
      (r) =>
        `${String(r.open).padStart(6)} ${String(r.closed).padStart(8)}${fmt(r.digestMs)}${fmt(r.readMs)}${fmt(r.reconcileMs)}${r.passMs.toFixed(2).padStart(12)}${String(r.planned).padStart(12)}`,
    );
    const out = [
      '',
      `Patient messages: digest and reminder-scheduler cost by open inquiries and closed history (Node ${process.version}, SQLite, median of ${runs} runs after a warm-up)`,
      '',
      `${'open'.padStart(6)} ${'closed'.padStart(8)}${'digest ms'.padStart(12)}${'open() ms'.padStart(12)}${'plan ms'.padStart(12)}${'pass ms'.padStart(12)}${'reminders'.padStart(12)}`,
      ...rows,
      '',
      '  digest = commands/digest/digest.ts digestReply; open() = InquiryService.open() alone (reading the open records, part of both others);',
      '  plan = the start-up reconciliation (every open record planned once, onto the SQLite job table; never per event);',
      '  pass = one job-queue pass with nothing due (an indexed read of tact_jobs); reminders = jobs planned (ahead, not due)',
      '',
    ];
    let misses = 0;
    const largest = Math.max(...opens);
    for (const r of results.filter((x) => x.open === largest)) {
      const ok = r.digestMs < TARGET_MS;
      if (!ok) misses += 1;
      out.push(
        `target  digest with ${r.open} open, ${r.closed} closed under ${TARGET_MS} ms: ${r.digestMs.toFixed(1)} ms  ${ok ? 'PASS' : 'MISS'}`,
      );
    }
    for (const r of results) {
      const ok = r.passMs < PASS_TARGET_MS;
      if (!ok) misses += 1;
      out.push(
        `target  scheduler pass with ${r.open} open, ${r.closed} closed under ${PASS_TARGET_MS} ms: ${r.passMs.toFixed(2)} ms  ${ok ? 'PASS' : 'MISS'}`,
      );
    }
    for (const open of opens) {
      const small = results.find((r) => r.open === open && r.closed === smallHistory);
      const large = results.find((r) => r.open === open && r.closed === largeHistory);
      if (!small || !large) continue;
      for (const [name, a, b] of [
        ['digest', small.digestMs, large.digestMs],
        ['scheduler pass', small.passMs, large.passMs],
      ] as const) {
        const flat = b <= a * FLAT_FACTOR + FLAT_SLACK_MS;
        if (!flat) misses += 1;
        out.push(
          `flat    ${name} with ${open} open, ${smallHistory} -> ${largeHistory} closed: ${a.toFixed(1)} -> ${b.toFixed(1)} ms (${(b / a).toFixed(2)}x)  ${flat ? 'PASS' : 'MISS'}`,
        );
      }
    }
    out.push('', `${notes.join('; ')}; total ${((performance.now() - began) / 1000).toFixed(1)} s`);
    if (misses) out.push(`${misses} target(s) missed`);
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  } catch (error) {
    process.stderr.write(
      `PROBLEM: inquiry bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  } finally {
    await cleanup.finish();
  }
}
