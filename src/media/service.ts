import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { ChangeFeed } from '../changes.js';
import type { Clock } from '../clock.js';
import { SharedLock } from '../lock.js';
import { maskContacts, type Redactor } from '../privacy/redactor.js';
import { NumberIndex, nextSequence, put, readRecord, readRecords, type Collection, type Storage } from '../storage.js';
import { readDeadline, type DeadlineReading } from '../time/deadline.js';
import { MediaInquiry, isUnanswered, mediaId, type MediaStatus, type NudgeKind } from './model.js';

export interface NewMediaInquiry {
  outlet: string;
  question: string;
  reporterName?: string | undefined;
  reporterContact?: string | undefined;
  deadline?: string | undefined;
}

export type MediaChangeResult =
  | { ok: true; inquiry: MediaInquiry }
  | { ok: false; problem: 'not-found' | 'already-closed' | 'already-claimed'; owner?: string | undefined };

export interface MediaDeps {
  storage: Storage;
  clock: Clock;
  redactor: Redactor;
  zone: () => string;
}

const SEQUENCE = 'media';

/**
 * Press inquiries `M-n`: logged by any staff member, owned by the one spokesperson. Free text is
 * redacted before it is stored; the reporter's contact (a journalist's business line) is kept masked
 * for everyone and whole for the press audience.
 */
export class MediaService {
  private readonly records: Collection;
  private readonly openIndex: NumberIndex;
  private readonly lock: SharedLock;
  /** every press inquiry logged or changed, after it is written (reminders are planned from it) */
  readonly changes = new ChangeFeed<MediaInquiry>();

  constructor(private readonly deps: MediaDeps) {
    this.lock = new SharedLock(deps.storage);
    this.records = deps.storage.collection('media');
    this.openIndex = new NumberIndex(deps.storage, 'media-index:open');
  }

  async log(entry: NewMediaInquiry, actor: string): Promise<MediaInquiry> {
    const now = this.deps.clock.now();
    const redact = (text: string) => this.deps.redactor.redact(text);
    const reading = entry.deadline ? readDeadline(entry.deadline, now, this.deps.zone()) : undefined;
    const deadline = reading?.ok ? reading.at : undefined;
    const number = await nextSequence(this.deps.storage, SEQUENCE);
    const inquiry: MediaInquiry = {
      id: mediaId(number),
      number,
      outlet: redact(entry.outlet),
      ...(entry.reporterName ? { reporterName: redact(entry.reporterName) } : {}),
      // Masked even if the text does not look like a phone or email: a contact is only ever shown masked.
      ...(entry.reporterContact
        ? {
            reporterContact: maskAnyContact(redact(entry.reporterContact)),
            reporterContactWhole: entry.reporterContact.trim(),
          }
        : {}),
      question: redact(entry.question),
      ...(deadline ? { deadline: deadline.toISOString() } : {}),
      ...(entry.deadline && !deadline ? { deadlineText: redact(entry.deadline) } : {}),
      status: 'new',
      loggedBy: actor,
      createdAt: now.toISOString(),
      nudged: {},
      history: [{ at: now.toISOString(), by: actor, what: 'logged' }],
    };
    await this.deps.storage.write([put(this.records, String(number), inquiry), this.openIndex.adding(number)]);
    await this.changes.emit(inquiry);
    return inquiry;
  }

  async get(number: number): Promise<MediaInquiry | undefined> {
    return readRecord(this.records, String(number), MediaInquiry);
  }

  async open(): Promise<MediaInquiry[]> {
    return readRecords(this.records, (await this.openIndex.list()).map(String), MediaInquiry);
  }

  async claim(number: number, actor: string): Promise<MediaChangeResult> {
    return this.change(
      number,
      actor,
      (current) => {
        if (!isUnanswered(current.status)) return { ok: false, problem: 'already-closed' };
        if (current.status === 'claimed') return { ok: false, problem: 'already-claimed', owner: current.owner };
        return { ok: true, inquiry: { ...current, status: 'claimed', owner: actor } };
      },
      'claimed',
    );
  }

  /** `answered`: the reporter got the practice's answer; `closed`: nothing more to do. */
  async finish(
    number: number,
    status: Extract<MediaStatus, 'answered' | 'closed'>,
    actor: string,
    note?: string,
  ): Promise<MediaChangeResult> {
    const what = note ? `${status}: ${this.deps.redactor.redact(note)}` : status;
    return this.change(
      number,
      actor,
      (current) => {
        if (current.status === 'closed' || current.status === status) return { ok: false, problem: 'already-closed' };
        return { ok: true, inquiry: { ...current, status, owner: current.owner ?? actor } };
      },
      what,
    );
  }

  /**
   * Sets or corrects the deadline (`/media deadline M-3 <when>`), read against now in the clinic's
   * zone; a wording that cannot be read changes nothing. The reminders are planned again from it.
   */
  async setDeadline(
    number: number,
    text: string,
    actor: string,
  ): Promise<{ result: MediaChangeResult | { ok: false; problem: 'unreadable' }; reading: DeadlineReading }> {
    const reading = readDeadline(text, this.deps.clock.now(), this.deps.zone());
    if (!reading.ok) return { result: { ok: false, problem: 'unreadable' }, reading };
    const at = reading.at.toISOString();
    const result = await this.change(
      number,
      actor,
      (current) => {
        if (!isUnanswered(current.status)) return { ok: false, problem: 'already-closed' };
        const { deadlineText: _unread, ...rest } = current;
        // the deadline reminder goes again for a new deadline
        const { deadline: _sent, ...nudged } = current.nudged;
        return { ok: true, inquiry: { ...rest, deadline: at, nudged } };
      },
      `deadline set: ${format(new TZDate(reading.at.getTime(), this.deps.zone()), 'EEE d MMM yyyy HH:mm')}`,
    );
    return { result, reading };
  }

  /**
   * A reminder fell due. `reached` is how many people it went to: none (no spokesperson and no
   * managers set) is recorded as such, so whoever opens the record sees that nobody was told.
   */
  async markNudged(number: number, kind: NudgeKind, reached = 1): Promise<void> {
    await this.change(
      number,
      'tact',
      (current) => ({
        ok: true,
        inquiry: { ...current, nudged: { ...current.nudged, [kind]: this.deps.clock.now().toISOString() } },
      }),
      reached > 0 ? `reminder sent: ${kind}` : `${kind} reminder reached nobody: no spokesperson or managers set`,
    );
  }

  private async change(
    number: number,
    actor: string,
    apply: (current: MediaInquiry) => MediaChangeResult,
    what: string,
  ): Promise<MediaChangeResult> {
    const result = await this.lock.run(`media:${number}`, async (): Promise<MediaChangeResult> => {
      const current = await this.get(number);
      if (!current) return { ok: false, problem: 'not-found' };
      const result = apply(current);
      if (!result.ok) return result;
      const at = this.deps.clock.now().toISOString();
      const inquiry = { ...result.inquiry, history: [...current.history, { at, by: actor, what }] };
      const open = isUnanswered(inquiry.status);
      const indexChange =
        open === isUnanswered(current.status)
          ? []
          : [open ? this.openIndex.adding(number) : this.openIndex.removing(number)];
      await this.deps.storage.write([put(this.records, String(number), inquiry), ...indexChange]);
      return { ok: true, inquiry };
    });
    if (result.ok) await this.changes.emit(result.inquiry);
    return result;
  }
}

/** Keeps only the last four characters of anything that is not already a masked phone or email. */
function maskAnyContact(text: string): string {
  const masked = maskContacts(text);
  if (masked !== text || masked.includes('***')) return masked;
  return text.length <= 4 ? '****' : `***${text.slice(-4)}`;
}
