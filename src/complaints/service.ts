import { ChangeFeed } from '../changes.js';
import type { Clock } from '../clock.js';
import { SharedLock } from '../lock.js';
import type { Redactor } from '../privacy/redactor.js';
import {
  NumberIndex,
  lastSequence,
  nextSequence,
  put,
  readRecord,
  readRecords,
  type Collection,
  type Storage,
} from '../storage.js';
import type { BusinessCalendar } from '../time/business-hours.js';
import { grade } from './grading.js';
import {
  Complaint,
  STATUS_LABELS,
  complaintId,
  isOpen,
  type Category,
  type Source,
  type Status,
  type Tier,
  type Want,
} from './model.js';
import { planSteps, replanForCategory } from './pathway.js';

export interface NewComplaint {
  patientRef: string;
  category: Category;
  categoryGuessed: boolean;
  text: string;
  source?: Source | undefined;
  wants?: Want | undefined;
  provider?: string | undefined;
}

export type ComplaintChange =
  | { kind: 'status'; status: Status; note?: string | undefined }
  | { kind: 'note'; note: string }
  | { kind: 'tier'; tier: Tier; note?: string | undefined }
  | { kind: 'category'; category: Category }
  | { kind: 'step'; step: number; note?: string | undefined }
  /** a correction of what was typed; the old value stays in the history */
  | { kind: 'text'; text: string }
  | { kind: 'patient'; patientRef: string }
  /** logged by mistake: kept, with the reason, out of every count */
  | { kind: 'void'; reason: string };

export type UpdateResult =
  | { ok: true; complaint: Complaint }
  | { ok: false; problem: 'not-found' | 'no-such-step' | 'step-already-done' | 'unchanged' | 'voided' };

export interface ComplaintDeps {
  storage: Storage;
  clock: Clock;
  redactor: Redactor;
  calendar: () => BusinessCalendar;
  /** keyed hash of a patient reference: index keys never hold patient data */
  patientKey: (patientRef: string) => string;
  /** the emergency signs a text shows (labels), which page the person on call */
  urgentSigns: (text: string) => readonly string[];
}

const SEQUENCE = 'complaint';

/**
 * The complaint log: records `C-n`, an index of open complaints and one of complaints by patient,
 * so listing open work and grading repeats cost time in proportion to what matters, not to history.
 */
export class ComplaintService {
  private readonly records: Collection;
  private readonly openIndex: NumberIndex;
  private readonly lock: SharedLock;
  /** every complaint logged or changed, after it is written (step reminders are planned from it) */
  readonly changes = new ChangeFeed<Complaint>();

  constructor(private readonly deps: ComplaintDeps) {
    this.lock = new SharedLock(deps.storage);
    this.records = deps.storage.collection('complaints');
    this.openIndex = new NumberIndex(deps.storage, 'complaint-index:open');
  }

  async log(entry: NewComplaint, reporter: string): Promise<{ complaint: Complaint; earlier: number }> {
    const now = this.deps.clock.now();
    // Stored redacted too: a phone number or a registered name typed as the reference must not sit
    // in the record. Keyed on the redacted reference, so a VIP typed by name and by alias is one patient.
    const patientRef = this.deps.redactor.redact(entry.patientRef);
    const patientIndexKey = this.patientIndexKey(patientRef);
    const patientIndex = new NumberIndex(this.deps.storage, patientIndexKey);
    const logged = await this.lock.run(patientIndexKey, async () => {
      const earlierNumbers = await patientIndex.list();
      const earlier = await this.getMany(earlierNumbers);
      const { tier, reasons } = grade({ category: entry.category, text: entry.text, earlier, now });
      const signs = this.deps.urgentSigns(entry.text);
      const number = await nextSequence(this.deps.storage, SEQUENCE);
      const complaint: Complaint = {
        id: complaintId(number),
        number,
        reporter,
        createdAt: now.toISOString(),
        patientRef,
        ...(entry.source ? { source: entry.source } : {}),
        category: entry.category,
        categoryGuessed: entry.categoryGuessed,
        text: this.deps.redactor.redact(entry.text),
        ...(entry.wants ? { wants: entry.wants } : {}),
        ...(entry.provider ? { provider: this.deps.redactor.redact(entry.provider) } : {}),
        tier,
        reasons,
        ...(signs.length ? { signs: [...signs] } : {}),
        steps: planSteps(entry.category, tier, now, this.deps.calendar()),
        status: 'open',
        history: [{ at: now.toISOString(), by: reporter, what: `logged as ${tier}` }],
      };
      await this.deps.storage.write([
        put(this.records, String(number), complaint),
        patientIndex.adding(number),
        this.openIndex.adding(number),
      ]);
      return { complaint, earlier: earlier.length };
    });
    await this.changes.emit(logged.complaint);
    return logged;
  }

  private patientIndexKey(redactedRef: string): string {
    return `complaint-index:patient:${this.deps.patientKey(redactedRef)}`;
  }

  /** A patient's complaints, newest first, voided ones included (the history view marks them). */
  async forPatient(patientRef: string): Promise<Complaint[]> {
    const key = this.patientIndexKey(this.deps.redactor.redact(patientRef));
    const found = await this.getMany(await new NumberIndex(this.deps.storage, key).list());
    return found.sort((a, b) => b.number - a.number);
  }

  async get(number: number): Promise<Complaint | undefined> {
    return readRecord(this.records, String(number), Complaint);
  }

  private async getMany(numbers: readonly number[]): Promise<Complaint[]> {
    return readRecords(this.records, numbers.map(String), Complaint);
  }

  async openComplaints(): Promise<Complaint[]> {
    const found = await this.getMany(await this.openIndex.list());
    // newest first by number: a reopened complaint is appended to the index but keeps its age
    return found.sort((a, b) => b.number - a.number);
  }

  /** Newest first, walking back from the last id until the window closes (ids follow time). */
  async since(from: Date): Promise<Complaint[]> {
    const result: Complaint[] = [];
    for (let n = await lastSequence(this.deps.storage, SEQUENCE); n >= 1; n -= 1) {
      const complaint = await this.get(n);
      if (!complaint) continue;
      if (Date.parse(complaint.createdAt) < from.getTime()) break;
      result.push(complaint);
    }
    return result;
  }

  async update(number: number, change: ComplaintChange, actor: string): Promise<UpdateResult> {
    const result = await this.lock.run(`complaint:${number}`, async (): Promise<UpdateResult> => {
      const current = await this.get(number);
      if (!current) return { ok: false, problem: 'not-found' };
      if (current.status === 'voided') return { ok: false, problem: 'voided' };
      const applied = this.apply(current, change, actor);
      if (!applied.ok) return applied;
      const reopened = isOpen(applied.complaint.status);
      const indexChange =
        reopened === isOpen(current.status)
          ? []
          : [reopened ? this.openIndex.adding(number) : this.openIndex.removing(number)];
      const write = async () => {
        // A corrected patient moves between the per-patient indexes in the same write as the record.
        const moved =
          applied.complaint.patientRef === current.patientRef
            ? []
            : [
                new NumberIndex(this.deps.storage, this.patientIndexKey(current.patientRef)).removing(number),
                new NumberIndex(this.deps.storage, this.patientIndexKey(applied.complaint.patientRef)).adding(number),
              ];
        await this.deps.storage.write([put(this.records, String(number), applied.complaint), ...indexChange, ...moved]);
      };
      // The new patient's index is held as logging holds it, so a complaint logged meanwhile grades against it.
      if (applied.complaint.patientRef === current.patientRef) await write();
      else await this.lock.run(this.patientIndexKey(applied.complaint.patientRef), write);
      return applied;
    });
    if (result.ok) await this.changes.emit(result.complaint);
    return result;
  }

  /** Records that the managers were told a step is overdue (so they are told once). */
  async markStepNudged(number: number, step: number): Promise<void> {
    const marked = await this.lock.run(`complaint:${number}`, async () => {
      const current = await this.get(number);
      if (!current) return undefined;
      const at = this.deps.clock.now().toISOString();
      const steps = current.steps.map((s, i) => (i === step - 1 ? { ...s, nudgedAt: at } : s));
      const complaint = { ...current, steps };
      await this.records.set(String(number), complaint);
      return complaint;
    });
    if (marked) await this.changes.emit(marked);
  }

  /** A line in the history from elsewhere (an urgent page about it), with nothing else changed. */
  async record(number: number, what: string, actor: string): Promise<void> {
    await this.lock.run(`complaint:${number}`, async () => {
      const current = await this.get(number);
      if (!current) return;
      const entry = { at: this.deps.clock.now().toISOString(), by: actor, what };
      await this.records.set(String(number), { ...current, history: [...current.history, entry] });
    });
  }

  /** Records in the history that someone drafted a termination letter. */
  async noteLetterDrafted(number: number, actor: string): Promise<void> {
    await this.update(number, { kind: 'note', note: 'termination letter drafted for review' }, actor);
  }

  private apply(current: Complaint, change: ComplaintChange, actor: string): UpdateResult {
    const at = this.deps.clock.now().toISOString();
    const note = 'note' in change && change.note ? this.deps.redactor.redact(change.note) : undefined;
    const withNote = (what: string) => (note ? `${what}: ${note}` : what);
    const history = (what: string) => [...current.history, { at, by: actor, what }];
    switch (change.kind) {
      case 'status': {
        if (change.status === current.status && !note) return { ok: false, problem: 'unchanged' };
        const what = withNote(`status ${STATUS_LABELS[current.status]} → ${STATUS_LABELS[change.status]}`);
        return { ok: true, complaint: { ...current, status: change.status, history: history(what) } };
      }
      case 'note':
        return { ok: true, complaint: { ...current, history: history(`note: ${note ?? ''}`) } };
      case 'tier': {
        if (change.tier === current.tier) return { ok: false, problem: 'unchanged' };
        const reasons = [
          { code: 'manager-override' as const, by: actor, ...(note ? { note } : {}) },
          ...current.reasons.filter((r) => r.code !== 'manager-override'),
        ];
        const what = withNote(`tier ${current.tier} → ${change.tier} (override)`);
        return { ok: true, complaint: { ...current, tier: change.tier, reasons, history: history(what) } };
      }
      case 'category': {
        if (change.category === current.category) return { ok: false, problem: 'unchanged' };
        const what = `category ${current.category} → ${change.category}; pathway steps updated`;
        const steps = replanForCategory(
          current.steps,
          current.category,
          change.category,
          new Date(at),
          this.deps.calendar(),
        );
        return {
          ok: true,
          complaint: { ...current, category: change.category, categoryGuessed: false, steps, history: history(what) },
        };
      }
      case 'text': {
        const text = this.deps.redactor.redact(change.text);
        if (text === current.text) return { ok: false, problem: 'unchanged' };
        // The old text was stored redacted, so the history keeps nothing the record did not.
        return {
          ok: true,
          complaint: { ...current, text, history: history(`text corrected; it read: ${current.text}`) },
        };
      }
      case 'patient': {
        const patientRef = this.deps.redactor.redact(change.patientRef);
        if (this.deps.patientKey(patientRef) === this.deps.patientKey(current.patientRef))
          return { ok: false, problem: 'unchanged' };
        const what = `patient reference corrected: ${current.patientRef} → ${patientRef}`;
        return { ok: true, complaint: { ...current, patientRef, history: history(what) } };
      }
      case 'void': {
        const reason = this.deps.redactor.redact(change.reason);
        const what = `voided (was ${STATUS_LABELS[current.status]}): ${reason}`;
        return { ok: true, complaint: { ...current, status: 'voided', history: history(what) } };
      }
      case 'step': {
        const step = current.steps[change.step - 1];
        if (!step) return { ok: false, problem: 'no-such-step' };
        if (step.doneAt) return { ok: false, problem: 'step-already-done' };
        const steps = current.steps.map((s, i) => (i === change.step - 1 ? { ...s, doneAt: at, doneBy: actor } : s));
        return { ok: true, complaint: { ...current, steps, history: history(withNote(`step ${change.step} done`)) } };
      }
    }
  }
}
