import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { ChangeFeed } from '../changes.js';
import type { Clock } from '../clock.js';
import { SharedLock } from '../lock.js';
import type { Redactor } from '../privacy/redactor.js';
import {
  NumberIndex,
  nextSequence,
  put,
  readRecord,
  readRecords,
  type Change,
  type Collection,
  type Storage,
} from '../storage.js';
import { businessTimeBetween, type BusinessCalendar } from '../time/business-hours.js';
import { doctorAnswer } from './doctor.js';
import {
  DayFigures,
  Inquiry,
  emptyDay,
  inquiryId,
  type DoctorOutcome,
  type InquiryNudge,
  type PatientChannel,
  type WantsDoctor,
} from './model.js';
import type { NervousPatients } from './nervous.js';

export interface NewInquiry {
  channel: PatientChannel;
  patientRef?: string | undefined;
  contact?: string | undefined;
  summary?: string | undefined;
  receivedAt?: Date | undefined;
  /** logged after the fact without the time it arrived: left out of response times */
  arrivalUnknown?: boolean | undefined;
  origin: Inquiry['origin'];
  loggedBy: string;
  /** where it already sits in chat (an inbox message) */
  chatChannelId?: string | undefined;
  chatMessageId?: string | undefined;
  link?: string | undefined;
  /** the sender's own id (intake `id`): the same one twice makes one inquiry */
  externalId?: string | undefined;
  /** the patient's own words: read for emergency signs, never stored */
  message?: string | undefined;
  /** the patient asked for the provider, and how Tact knows */
  wantsDoctor?: WantsDoctor['how'] | undefined;
  /** the patient is nervous after treatment (also true when the patient reference is marked so) */
  nervous?: boolean | undefined;
}

export type InquiryChange =
  | { ok: true; inquiry: Inquiry; changed: boolean }
  | { ok: false; problem: 'not-found' | 'already-answered' | 'needs-provider' };

export interface InquiryDeps {
  storage: Storage;
  clock: Clock;
  redactor: Redactor;
  calendar: () => BusinessCalendar;
  slaMs: () => number;
  /** the emergency signs a text shows (labels), which page the person on call */
  urgentSigns: (text: string) => readonly string[];
  /** the reply goal for nervous patients, real time (TACT_URGENT_REPLY_SLA) */
  urgentSlaMs?: () => number;
  /** whether a person speaks for the provider now: a provider, or on call */
  isProvider?: (actor: string) => boolean;
  /** patients marked nervous after treatment */
  nervous?: NervousPatients;
}

const OPEN_INDEX = 'inquiry-index:open';
/** The store's note that every open inquiry has its channel's index row (see `fillChannelIndexes`). */
const CHANNEL_INDEX_MARKER = 'inquiry-channel-index';

/** The open inquiries of one patient channel, beside the index of all open ones. */
export function channelIndexName(channel: PatientChannel): string {
  return `${OPEN_INDEX}:${channel}`;
}

type IndexedInquiry = Pick<Inquiry, 'number' | 'channel' | 'status'>;

const isOpen = (inquiry: IndexedInquiry): boolean => inquiry.status !== 'answered';

/**
 * The index rows that move when an inquiry goes from `before` (undefined: it did not exist) to
 * `after`: the open index and its channel's, so that they always change in the record's own write.
 * The bench builds its stores with it too.
 */
export function indexMoves(before: IndexedInquiry | undefined, after: IndexedInquiry): Change[] {
  const wasOpen = before !== undefined && isOpen(before);
  const open = isOpen(after);
  const rows = (kind: 'add' | 'remove', inquiry: IndexedInquiry): Change[] => [
    { kind, index: OPEN_INDEX, member: inquiry.number },
    { kind, index: channelIndexName(inquiry.channel), member: inquiry.number },
  ];
  if (!wasOpen) return open ? rows('add', after) : [];
  if (!open) return rows('remove', before);
  if (before.channel === after.channel) return [];
  return [
    { kind: 'remove', index: channelIndexName(before.channel), member: after.number },
    { kind: 'add', index: channelIndexName(after.channel), member: after.number },
  ];
}

/**
 * Inbound patient messages `I-n`: who owns each, whether it was answered, how fast. An index of open
 * inquiries and per-day counters keep reminders, the digest and the figures in proportion to what is
 * open, never to history.
 */
export class InquiryService {
  private readonly records: Collection;
  private readonly lookups: Collection;
  private readonly days: Collection;
  private readonly openIndex: NumberIndex;
  private readonly lock: SharedLock;
  /** every inquiry created or changed, after it is written (reminders are planned from it) */
  readonly changes = new ChangeFeed<Inquiry>();

  constructor(private readonly deps: InquiryDeps) {
    this.lock = new SharedLock(deps.storage);
    this.records = deps.storage.collection('inquiries');
    this.lookups = deps.storage.collection('inquiry-lookups');
    this.days = deps.storage.collection('inquiry-days');
    this.openIndex = new NumberIndex(deps.storage, OPEN_INDEX);
  }

  /** The clinic-local date of an instant, the key of its day counters. */
  dayOf(at: Date): string {
    return format(new TZDate(at.getTime(), this.deps.calendar().zone), 'yyyy-MM-dd');
  }

  async create(
    entry: NewInquiry,
  ): Promise<{ inquiry: Inquiry; created: boolean } | { duplicateOf: number | undefined }> {
    const externalKey = entry.externalId
      ? `external:${createHash('sha256').update(entry.externalId).digest('hex').slice(0, 40)}`
      : undefined;
    if (externalKey && !(await this.deps.storage.claim(`inquiry:${externalKey}`))) {
      const existing = await this.lookups.get(externalKey);
      return { duplicateOf: typeof existing === 'number' ? existing : undefined };
    }
    try {
      const now = this.deps.clock.now();
      const received = entry.receivedAt && entry.receivedAt.getTime() <= now.getTime() ? entry.receivedAt : now;
      const nervous = entry.nervous === true || ((await this.deps.nervous?.isNervous(entry.patientRef)) ?? false);
      const number = await nextSequence(this.deps.storage, 'inquiry');
      const redact = (text: string) => this.deps.redactor.redact(text);
      const signs = this.deps.urgentSigns([entry.message, entry.summary].filter(Boolean).join('\n'));
      const inquiry: Inquiry = {
        id: inquiryId(number),
        number,
        channel: entry.channel,
        ...(entry.patientRef ? { patientRef: redact(entry.patientRef) } : {}),
        ...(entry.contact ? { contact: maskContact(redact(entry.contact)) } : {}),
        ...(entry.summary ? { summary: redact(entry.summary) } : {}),
        receivedAt: received.toISOString(),
        ...(entry.arrivalUnknown ? { arrivalUnknown: true } : {}),
        ...(signs.length ? { signs: [...signs] } : {}),
        ...(entry.chatChannelId ? { chatChannelId: entry.chatChannelId } : {}),
        ...(entry.chatMessageId ? { chatMessageId: entry.chatMessageId } : {}),
        ...(entry.link ? { link: entry.link } : {}),
        origin: entry.origin,
        loggedBy: entry.loggedBy,
        status: 'open',
        nudged: {},
        ...(entry.wantsDoctor
          ? { wantsDoctor: { at: now.toISOString(), by: entry.loggedBy, how: entry.wantsDoctor } }
          : {}),
        ...(nervous ? { nervous: true } : {}),
        history: [
          { at: now.toISOString(), by: entry.loggedBy, what: `received by ${entry.origin}` },
          ...(entry.wantsDoctor
            ? [{ at: now.toISOString(), by: entry.loggedBy, what: `wants the doctor (${entry.wantsDoctor})` }]
            : []),
          ...(nervous ? [{ at: now.toISOString(), by: entry.loggedBy, what: 'nervous patient after treatment' }] : []),
        ],
      };
      const lookups: Change[] = [
        ...(externalKey ? [put(this.lookups, externalKey, number)] : []),
        ...(entry.chatChannelId && entry.chatMessageId
          ? [put(this.lookups, `msg:${entry.chatChannelId}:${entry.chatMessageId}`, number)]
          : []),
      ];
      await this.deps.storage.write([
        put(this.records, String(number), inquiry),
        ...indexMoves(undefined, inquiry),
        ...lookups,
      ]);
      await this.count(this.dayOf(received), (day) => {
        const channel = day.byChannel[inquiry.channel] ?? { received: 0, answered: 0 };
        return {
          ...day,
          received: day.received + 1,
          loggedAfter: day.loggedAfter + (inquiry.origin === 'command' ? 1 : 0),
          wantsDoctor: day.wantsDoctor + (inquiry.wantsDoctor ? 1 : 0),
          nervous: day.nervous + (inquiry.nervous ? 1 : 0),
          byChannel: { ...day.byChannel, [inquiry.channel]: { ...channel, received: channel.received + 1 } },
        };
      });
      await this.changes.emit(inquiry);
      return { inquiry, created: true };
    } catch (error) {
      if (externalKey) await this.deps.storage.release(`inquiry:${externalKey}`).catch(() => undefined);
      throw error;
    }
  }

  /** Records where Tact posted the notice it tracks the inquiry by (intake and /inquiry). */
  async attachChat(number: number, channelId: string, messageId: string, link?: string): Promise<void> {
    await this.change(
      number,
      'tact',
      (current) => ({ ...current, chatChannelId: channelId, chatMessageId: messageId, ...(link ? { link } : {}) }),
      undefined,
    );
    await this.lookups.set(`msg:${channelId}:${messageId}`, number);
  }

  async get(number: number): Promise<Inquiry | undefined> {
    return readRecord(this.records, String(number), Inquiry);
  }

  async findByMessage(channelId: string, messageId: string): Promise<Inquiry | undefined> {
    const number = await this.lookups.get(`msg:${channelId}:${messageId}`);
    return typeof number === 'number' ? this.get(number) : undefined;
  }

  async open(): Promise<Inquiry[]> {
    return readRecords(this.records, (await this.openIndex.list()).map(String), Inquiry);
  }

  /** How many inquiries are open, counted in the store without reading them. */
  openCount(): Promise<number> {
    return this.openIndex.count();
  }

  /**
   * How many of one channel's inquiries are open, and the `limit` oldest of them: the cost follows
   * `limit`, not the backlog. Oldest means lowest number, and numbers are handed out in arrival
   * order; that is approximate where a message arrives carrying an earlier `receivedAt` (intake of
   * a message the source system held back), which then ranks by when Tact heard of it.
   */
  /** The `limit` oldest open inquiries (lowest numbers), read without touching the rest. */
  async oldestOpen(limit: number): Promise<Inquiry[]> {
    return readRecords(this.records, (await this.openIndex.first(limit)).map(String), Inquiry);
  }

  async openInChannel(channel: PatientChannel, limit: number): Promise<{ count: number; oldest: Inquiry[] }> {
    const index = new NumberIndex(this.deps.storage, channelIndexName(channel));
    const [count, numbers] = await Promise.all([index.count(), index.first(limit)]);
    return { count, oldest: await readRecords(this.records, numbers.map(String), Inquiry) };
  }

  /**
   * Stores written before the per-channel indexes existed (and Tact 0.1 stores migrated into
   * today's layout) have only the index of all open inquiries: gives every open one its channel's
   * row, once, in one transaction with the marker that says it was done. Two instances starting at
   * once both write the same rows, which is harmless. True when it filled them.
   */
  async fillChannelIndexes(): Promise<boolean> {
    const meta = this.deps.storage.collection('meta');
    if ((await meta.get(CHANNEL_INDEX_MARKER)) !== undefined) return false;
    const rows = (await this.open()).map(
      (inquiry): Change => ({ kind: 'add', index: channelIndexName(inquiry.channel), member: inquiry.number }),
    );
    await this.deps.storage.write([
      ...rows,
      put(meta, CHANNEL_INDEX_MARKER, { filledAt: this.deps.clock.now().toISOString() }),
    ]);
    return true;
  }

  /**
   * Takes an inquiry. One that wants the doctor, taken by someone who is not a provider, is taken
   * to triage until the provider is free: they are recorded as having triaged it.
   */
  async claim(number: number, actor: string): Promise<InquiryChange> {
    const triage = !(this.deps.isProvider?.(actor) ?? false) && (await this.get(number))?.wantsDoctor !== undefined;
    return this.change(
      number,
      actor,
      (current) => {
        if (current.owner) return current;
        const triaged = current.wantsDoctor && triage ? { ...current.wantsDoctor, triagedBy: actor } : undefined;
        return { ...current, owner: actor, status: 'claimed', ...(triaged ? { wantsDoctor: triaged } : {}) };
      },
      triage ? 'claimed to triage, waiting for the provider' : 'claimed',
    );
  }

  /** Flags an inquiry as wanting the doctor (a button); unchanged when it already is. */
  flagDoctor(number: number, actor: string, how: WantsDoctor['how']): Promise<InquiryChange> {
    const at = this.deps.clock.now().toISOString();
    return this.flagOnce(
      number,
      actor,
      'wantsDoctor',
      { wantsDoctor: { at, by: actor, how } },
      `wants the doctor (${how})`,
    );
  }

  /** Marks an inquiry's patient as nervous after treatment: the urgent goal from now on. */
  flagNervous(number: number, actor: string): Promise<InquiryChange> {
    return this.flagOnce(number, actor, 'nervous', { nervous: true }, 'nervous patient after treatment');
  }

  /** Sets a care flag once, and counts it on the day the inquiry was received. */
  private async flagOnce(
    number: number,
    actor: string,
    flag: 'wantsDoctor' | 'nervous',
    value: Pick<Inquiry, typeof flag>,
    what: string,
  ): Promise<InquiryChange> {
    const result = await this.change(
      number,
      actor,
      (current) => (current[flag] ? current : { ...current, ...value }),
      what,
    );
    if (result.ok && result.changed)
      await this.count(this.dayOf(new Date(result.inquiry.receivedAt)), (day) => ({ ...day, [flag]: day[flag] + 1 }));
    return result;
  }

  /** A line in the history (who a wants-the-doctor inquiry was sent to); the record as written. */
  async note(number: number, actor: string, what: string): Promise<Inquiry | undefined> {
    const result = await this.change(number, actor, (current) => ({ ...current }), what, true);
    return result.ok ? result.inquiry : undefined;
  }

  async setChannel(number: number, channel: PatientChannel, actor: string): Promise<InquiryChange> {
    return this.change(number, actor, (current) => ({ ...current, channel }), `channel set to ${channel}`);
  }

  /**
   * Marks an inquiry answered. One that wants the doctor is answered only when the provider called
   * back or the patient accepted the triage: a provider's "done" counts as the first; anyone else
   * must say which (`said`), or is refused with `needs-provider`.
   */
  async answer(number: number, actor: string, note?: string, said?: DoctorOutcome): Promise<InquiryChange> {
    const now = this.deps.clock.now();
    const before = await this.get(number);
    const rule = before ? doctorAnswer(before, this.deps.isProvider?.(actor) ?? false, said) : undefined;
    if (before && before.status !== 'answered' && rule && !rule.ok) return { ok: false, problem: 'needs-provider' };
    const outcome = rule?.ok && before?.wantsDoctor ? rule.outcome : undefined;
    const what = [
      outcome === 'provider-called' ? 'answered: the provider called back' : undefined,
      outcome === 'triage-accepted' ? 'answered: the patient accepted the triage' : undefined,
      outcome ? undefined : 'answered',
    ].find(Boolean);
    const result = await this.change(
      number,
      actor,
      (current) => {
        const firstResponseMs = businessTimeBetween(this.deps.calendar(), new Date(current.receivedAt), now);
        return {
          ...current,
          status: 'answered',
          owner: current.owner ?? actor,
          answeredAt: now.toISOString(),
          answeredBy: actor,
          firstResponseMs,
          ...(current.wantsDoctor && outcome ? { wantsDoctor: { ...current.wantsDoctor, outcome } } : {}),
        };
      },
      note ? `${what}: ${this.deps.redactor.redact(note)}` : what,
    );
    if (result.ok && result.changed) {
      const { inquiry } = result;
      // A nervous patient's goal is the urgent one, in real time; everyone else's, business time.
      const within = inquiry.nervous
        ? now.getTime() - Date.parse(inquiry.receivedAt) <= (this.deps.urgentSlaMs?.() ?? this.deps.slaMs())
        : (inquiry.firstResponseMs ?? 0) <= this.deps.slaMs();
      // Logged after the fact with no arrival time: answered, but no response time to count.
      const untimed = inquiry.arrivalUnknown === true;
      await this.count(this.dayOf(now), (day) => {
        const channel = day.byChannel[inquiry.channel] ?? { received: 0, answered: 0 };
        return {
          ...day,
          answered: day.answered + 1,
          untimed: day.untimed + (untimed ? 1 : 0),
          withinSla: day.withinSla + (within && !untimed ? 1 : 0),
          responseMs: untimed ? day.responseMs : [...day.responseMs, inquiry.firstResponseMs ?? 0],
          byChannel: { ...day.byChannel, [inquiry.channel]: { ...channel, answered: channel.answered + 1 } },
        };
      });
    }
    return result;
  }

  /** A line in the history from elsewhere (an urgent page about it), answered or not, nothing else changed. */
  async record(number: number, what: string, actor: string): Promise<void> {
    await this.lock.run(`inquiry:${number}`, async () => {
      const current = await this.get(number);
      if (!current) return;
      const entry = { at: this.deps.clock.now().toISOString(), by: actor, what };
      await this.records.set(String(number), { ...current, history: [...current.history, entry] });
    });
  }

  /** A reminder went out; the first one is the moment the reply deadline was missed. */
  async markNudged(number: number, kind: InquiryNudge): Promise<void> {
    const now = this.deps.clock.now();
    await this.change(
      number,
      'tact',
      (current) => ({ ...current, nudged: { ...current.nudged, [kind]: now.toISOString() } }),
      `reminder sent: ${kind}`,
    );
    if (kind === 'thread') await this.count(this.dayOf(now), (day) => ({ ...day, breaches: day.breaches + 1 }));
  }

  async figures(day: string): Promise<DayFigures> {
    return (await readRecord(this.days, day, DayFigures)) ?? emptyDay();
  }

  private async count(day: string, change: (current: DayFigures) => DayFigures): Promise<void> {
    await this.lock.run(`day:${day}`, async () => {
      await this.days.set(day, change(await this.figures(day)));
    });
  }

  private async change(
    number: number,
    actor: string,
    apply: (current: Inquiry) => Inquiry,
    what: string | undefined,
    evenWhenAnswered = false,
  ): Promise<InquiryChange> {
    const result = await this.lock.run(`inquiry:${number}`, async (): Promise<InquiryChange> => {
      const current = await this.get(number);
      if (!current) return { ok: false, problem: 'not-found' } as const;
      if (current.status === 'answered' && what !== undefined && !what.startsWith('reminder') && !evenWhenAnswered) {
        return { ok: false, problem: 'already-answered' } as const;
      }
      const next = apply(current);
      if (next === current) return { ok: true, inquiry: current, changed: false } as const;
      const at = this.deps.clock.now().toISOString();
      const inquiry = what ? { ...next, history: [...current.history, { at, by: actor, what }] } : next;
      await this.deps.storage.write([put(this.records, String(number), inquiry), ...indexMoves(current, inquiry)]);
      return { ok: true, inquiry, changed: true } as const;
    });
    if (result.ok && result.changed) await this.changes.emit(result.inquiry);
    return result;
  }
}

/** What is stored instead of a sender's name: any part of a name can identify the person. */
export const NAME_WITHHELD = '(name withheld)';

/** A phone number or email the redactor has masked (maskPhone, maskEmail). */
const MASKED = /\*\*\*-\*\*\*-\d{4}|\S\*\*\*@\*\*\*\.\p{L}+/gu;

/**
 * Contacts are kept masked only: the full number or address stays in the source system. The
 * redactor has already masked the phone numbers and emails it recognises; those stay as they are,
 * without any name written beside them ("Bob Lee ***-***-0142"). What is left is either a number
 * in a form the redactor did not recognise (mostly digits: its last four are kept, as for a phone)
 * or a display name ("Bob Lee"), of which no part is kept.
 */
export function maskContact(text: string): string {
  const masked = text.match(MASKED);
  if (masked) return masked.join(' ');
  const compact = text.replace(/[\s()+.\-/]/g, '');
  const digits = compact.replace(/\D/g, '');
  const mostlyDigits = compact.length > 0 && digits.length / compact.length >= 0.75;
  if (!mostlyDigits) return NAME_WITHHELD;
  return digits.length <= 4 ? '****' : `***${digits.slice(-4)}`;
}
