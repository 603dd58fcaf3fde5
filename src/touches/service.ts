import { ChangeFeed } from '../changes.js';
import type { Clock } from '../clock.js';
import { SharedLock } from '../lock.js';
import type { Redactor } from '../privacy/redactor.js';
import { NumberIndex, nextSequence, put, readRecord, readRecords, type Collection, type Storage } from '../storage.js';
import type { BusinessCalendar } from '../time/business-hours.js';
import { birthdayPlan, localDateOf, shiftDate, type Planned } from './dates.js';
import type { TouchDraft, TouchDrafting } from './draft.js';
import { Touch, touchId, type MonthDay, type TouchKind } from './model.js';

export interface NewTouch {
  kind: TouchKind;
  patientRef: string;
  note: string;
  birthday?: MonthDay | undefined;
  plan: Planned;
  owner: string;
}

export type TouchChange =
  | { ok: true; touch: Touch }
  | { ok: false; problem: 'not-found' | 'closed'; touch?: Touch | undefined };

export interface TouchDeps {
  storage: Storage;
  clock: Clock;
  redactor: Redactor;
  calendar: () => BusinessCalendar;
  drafting: TouchDrafting;
}

const OPEN_INDEX = 'touch-index:open';

/**
 * Personal touches `T-n`: thank-yous, event wishes and birthdays, each reminded to its owner on the
 * day. Free text is redacted before it is stored; open ones sit in an index, so reminders, lists and
 * the digest cost what is open, never history. A birthday stays open and moves to next year after
 * each reminder; a thank-you or an event is done once reminded.
 */
export class TouchService {
  private readonly records: Collection;
  private readonly openIndex: NumberIndex;
  private readonly lock: SharedLock;
  /** every touch created or changed, after it is written (its reminder is planned from it) */
  readonly changes = new ChangeFeed<Touch>();

  constructor(private readonly deps: TouchDeps) {
    this.records = deps.storage.collection('touches');
    this.openIndex = new NumberIndex(deps.storage, OPEN_INDEX);
    this.lock = new SharedLock(deps.storage);
  }

  async create(entry: NewTouch): Promise<Touch> {
    const now = this.deps.clock.now().toISOString();
    const number = await nextSequence(this.deps.storage, 'touch');
    const touch: Touch = {
      id: touchId(number),
      number,
      kind: entry.kind,
      patientRef: this.deps.redactor.redact(entry.patientRef),
      note: this.deps.redactor.redact(entry.note),
      occasionDate: entry.plan.occasionDate,
      ...(entry.birthday ? { birthday: entry.birthday } : {}),
      dueAt: entry.plan.dueAt.toISOString(),
      owner: entry.owner,
      createdAt: now,
      status: 'open',
      history: [{ at: now, by: entry.owner, what: 'recorded' }],
    };
    await this.deps.storage.write([put(this.records, String(number), touch), this.openIndex.adding(number)]);
    await this.changes.emit(touch);
    return touch;
  }

  get(number: number): Promise<Touch | undefined> {
    return readRecord(this.records, String(number), Touch);
  }

  async open(): Promise<Touch[]> {
    return readRecords(this.records, (await this.openIndex.list()).map(String), Touch);
  }

  /** Open touches whose reminder falls on the clinic's local date `date` (`yyyy-MM-dd`). */
  async remindingOn(date: string, zone: string): Promise<Touch[]> {
    return (await this.open()).filter((t) => localDateOf(new Date(t.dueAt), zone) === date);
  }

  draft(touch: Touch): Promise<TouchDraft> {
    return this.deps.drafting.draft(touch);
  }

  cancel(number: number, actor: string): Promise<TouchChange> {
    return this.change(number, actor, 'cancelled', (current) => ({ ...current, status: 'cancelled' }));
  }

  /**
   * The reminder for `dueAt` went out: a birthday moves to its next year (from the day after the one
   * just wished), anything else is done. A stale `dueAt` changes nothing.
   */
  reminded(number: number, dueAt: string): Promise<TouchChange> {
    return this.change(number, 'tact', 'reminded', (current) => {
      if (current.dueAt !== dueAt) return current;
      if (current.kind !== 'birthday' || !current.birthday) return { ...current, status: 'done' };
      const next = birthdayPlan(
        this.deps.calendar(),
        current.birthday,
        this.deps.clock.now(),
        shiftDate(current.occasionDate, 1),
      );
      return { ...current, occasionDate: next.occasionDate, dueAt: next.dueAt.toISOString() };
    });
  }

  private async change(
    number: number,
    actor: string,
    what: string,
    apply: (current: Touch) => Touch,
  ): Promise<TouchChange> {
    const result = await this.lock.run(`touch:${number}`, async (): Promise<TouchChange> => {
      const current = await this.get(number);
      if (!current) return { ok: false, problem: 'not-found' };
      if (current.status !== 'open') return { ok: false, problem: 'closed', touch: current };
      const applied = apply(current);
      if (applied === current) return { ok: true, touch: current };
      const at = this.deps.clock.now().toISOString();
      const next = { ...applied, history: [...current.history, { at, by: actor, what }] };
      const closes = next.status !== 'open' ? [this.openIndex.removing(number)] : [];
      await this.deps.storage.write([put(this.records, String(number), next), ...closes]);
      return { ok: true, touch: next };
    });
    if (result.ok) await this.changes.emit(result.touch);
    return result;
  }
}
