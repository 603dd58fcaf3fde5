import { ChangeFeed } from '../changes.js';
import type { Clock } from '../clock.js';
import type { PatientChannel } from '../inquiries/model.js';
import { SharedLock } from '../lock.js';
import type { Redactor } from '../privacy/redactor.js';
import { StoredList } from '../settings/stored-list.js';
import { NumberIndex, nextSequence, put, readRecord, readRecords, type Collection, type Storage } from '../storage.js';
import {
  AfterCareSet,
  FollowUp,
  LastChannel,
  followUpId,
  type FollowUpNudge,
  type FollowUpStatus,
  type SetStep,
} from './model.js';

export interface NewFollowUp {
  patientRef: string;
  /** left out: the channel the patient last used, else `unknown` */
  channel?: PatientChannel | undefined;
  what: string;
  dueAt: Date;
  owner: string;
  set?: { name: string; step: number } | undefined;
}

export type FollowUpChange =
  | { ok: true; followUp: FollowUp }
  | { ok: false; problem: 'not-found' | 'closed'; followUp?: FollowUp | undefined };

export interface FollowUpDeps {
  storage: Storage;
  clock: Clock;
  redactor: Redactor;
  /** the keyed hash of a patient reference (src/privacy/patient-key.ts): store keys hold no patient data */
  patientKey: (patientRef: string) => string;
}

const OPEN_INDEX = 'followup-index:open';

/**
 * Follow-ups `F-n`: check-ins with patients at a planned time. Free text is redacted before it is
 * stored; open ones sit in an index, so reminders, lists and the digest cost what is open, never
 * history. Also keeps, per patient (by keyed hash), the channel they last used, and the clinic's
 * after-care sets.
 */
export class FollowUpService {
  private readonly records: Collection;
  private readonly channels: Collection;
  private readonly openIndex: NumberIndex;
  private readonly lock: SharedLock;
  private readonly sets: StoredList<AfterCareSet>;
  /** every follow-up created or changed, after it is written (its reminders are planned from it) */
  readonly changes = new ChangeFeed<FollowUp>();

  constructor(private readonly deps: FollowUpDeps) {
    this.records = deps.storage.collection('followups');
    this.channels = deps.storage.collection('patient-channels');
    this.openIndex = new NumberIndex(deps.storage, OPEN_INDEX);
    this.lock = new SharedLock(deps.storage);
    this.sets = new StoredList(deps.storage, 'followup-sets', AfterCareSet, (a, b) => a.name.localeCompare(b.name));
  }

  async create(entry: NewFollowUp): Promise<FollowUp> {
    const now = this.deps.clock.now().toISOString();
    const patientRef = this.deps.redactor.redact(entry.patientRef);
    const last = entry.channel ? undefined : await this.lastChannel(patientRef);
    const channel = entry.channel ?? last?.channel ?? 'unknown';
    const channelFrom = entry.channel ? 'given' : last ? 'last-used' : 'unknown';
    const number = await nextSequence(this.deps.storage, 'followup');
    const followUp: FollowUp = {
      id: followUpId(number),
      number,
      patientRef,
      channel,
      channelFrom,
      what: this.deps.redactor.redact(entry.what),
      dueAt: entry.dueAt.toISOString(),
      owner: entry.owner,
      createdAt: now,
      status: 'open',
      ...(entry.set ? { set: entry.set } : {}),
      nudged: {},
      history: [{ at: now, by: entry.owner, what: 'planned' }],
    };
    await this.deps.storage.write([put(this.records, String(number), followUp), this.openIndex.adding(number)]);
    await this.changes.emit(followUp);
    return followUp;
  }

  get(number: number): Promise<FollowUp | undefined> {
    return readRecord(this.records, String(number), FollowUp);
  }

  async open(): Promise<FollowUp[]> {
    return readRecords(this.records, (await this.openIndex.list()).map(String), FollowUp);
  }

  /** Open follow-ups whose time has come, soonest first. */
  async due(now: Date): Promise<FollowUp[]> {
    return (await this.open())
      .filter((f) => Date.parse(f.dueAt) <= now.getTime())
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  /** done, skipped or cancelled: it leaves the open index and its reminders stop. */
  finish(
    number: number,
    status: Exclude<FollowUpStatus, 'open'>,
    actor: string,
    note?: string,
  ): Promise<FollowUpChange> {
    const what = note ? `${status}: ${this.deps.redactor.redact(note)}` : status;
    return this.change(number, actor, what, (current) => ({ ...current, status }));
  }

  /** A new due time (snooze, move): the reminders start again from it. */
  reschedule(number: number, dueAt: Date, actor: string, verb: 'snoozed' | 'moved'): Promise<FollowUpChange> {
    return this.change(number, actor, `${verb} to ${dueAt.toISOString()}`, (current) => ({
      ...current,
      dueAt: dueAt.toISOString(),
      nudged: {},
    }));
  }

  async markNudged(number: number, kind: FollowUpNudge): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    await this.change(number, 'tact', `reminder sent: ${kind}`, (current) => ({
      ...current,
      nudged: { ...current.nudged, [kind]: at },
    }));
  }

  /**
   * Reply in kind: the channel a patient last wrote or called by (from their inquiries), kept only
   * if it is newer than the one on record, so a change to an older inquiry (a claim, an answer)
   * does not bring back an older channel.
   */
  async rememberChannel(patientRef: string, channel: PatientChannel, receivedAt: Date): Promise<void> {
    if (channel === 'unknown' || patientRef.trim() === '') return;
    const key = this.deps.patientKey(patientRef);
    await this.lock.run(`patient-channel:${key}`, async () => {
      const current = await readRecord(this.channels, key, LastChannel);
      if (current && Date.parse(current.at) > receivedAt.getTime()) return;
      if (current?.channel === channel && current.at === receivedAt.toISOString()) return;
      const entry: LastChannel = { channel, at: receivedAt.toISOString() };
      await this.channels.set(key, entry);
    });
  }

  lastChannel(patientRef: string): Promise<LastChannel | undefined> {
    return readRecord(this.channels, this.deps.patientKey(patientRef), LastChannel);
  }

  async afterCareSets(): Promise<readonly AfterCareSet[]> {
    await this.sets.refresh();
    return this.sets.list();
  }

  async afterCareSet(name: string): Promise<AfterCareSet | undefined> {
    return (await this.afterCareSets()).find((s) => s.name === name.toLowerCase());
  }

  /** Defines or replaces a set; follow-ups already planned from it keep their times. */
  async defineSet(name: string, steps: readonly SetStep[], actor: string): Promise<AfterCareSet> {
    const existing = await this.afterCareSet(name);
    const added = await this.sets.add((number) => ({
      number,
      name: name.toLowerCase(),
      steps: [...steps],
      addedBy: actor,
      addedAt: this.deps.clock.now().toISOString(),
    }));
    if (existing) await this.sets.remove(existing.number);
    return added;
  }

  async removeSet(name: string): Promise<AfterCareSet | undefined> {
    const existing = await this.afterCareSet(name);
    return existing ? this.sets.remove(existing.number) : undefined;
  }

  private async change(
    number: number,
    actor: string,
    what: string,
    apply: (current: FollowUp) => FollowUp,
  ): Promise<FollowUpChange> {
    const result = await this.lock.run(`followup:${number}`, async (): Promise<FollowUpChange> => {
      const current = await this.get(number);
      if (!current) return { ok: false, problem: 'not-found' };
      if (current.status !== 'open') return { ok: false, problem: 'closed', followUp: current };
      const at = this.deps.clock.now().toISOString();
      const next = { ...apply(current), history: [...current.history, { at, by: actor, what }] };
      const closes = next.status !== 'open' ? [this.openIndex.removing(number)] : [];
      await this.deps.storage.write([put(this.records, String(number), next), ...closes]);
      return { ok: true, followUp: next };
    });
    if (result.ok) await this.changes.emit(result.followUp);
    return result;
  }
}
