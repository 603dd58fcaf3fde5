import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage.js';
import { onCallAt, type OnCallNow, type OnCallWeek } from '../time/oncall.js';
import { StoredList } from './stored-list.js';

/**
 * The on-call rota as the clinic keeps it: the weekly pattern and the backups are settings; one-off
 * overrides ("Dr B covers Fri 18:00 to Mon 08:00") are a StoredList. It answers who is on call now
 * and who is paged in turn when nobody acknowledges: on call, then the backups, then the managers.
 */
export const OnCallOverride = z.object({
  number: z.number().int().positive(),
  person: z.string(),
  /** instants, ISO */
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  reason: z.string().optional(),
  addedBy: z.string(),
  addedAt: z.iso.datetime(),
});
export type OnCallOverride = z.infer<typeof OnCallOverride>;

/** An override longer than this is a mistake (a wrong month) rather than cover. */
export const MAX_OVERRIDE_DAYS = 31;

export interface OnCallSettings {
  onCall: OnCallWeek;
  onCallBackup: readonly string[];
  managers: readonly string[];
  timezone: string;
}

export type EscalationLevel = { level: 'on-call' | 'backup' | 'managers'; people: readonly string[] };
export type AddOverrideResult =
  | { ok: true; override: OnCallOverride }
  | { ok: false; problem: 'ends-before-it-starts' | 'too-long' | 'already-over' };

export class OnCallService {
  private readonly overrides: StoredList<OnCallOverride>;

  constructor(private readonly deps: { storage: Storage; clock: Clock; settings: () => OnCallSettings }) {
    this.overrides = new StoredList(
      deps.storage,
      'oncall-overrides',
      OnCallOverride,
      (a, b) => a.from.localeCompare(b.from) || a.number - b.number,
    );
  }

  load(): Promise<void> {
    return this.overrides.load();
  }

  refresh(): Promise<void> {
    return this.overrides.refresh();
  }

  /** Overrides not yet over, by start. */
  upcoming(): readonly OnCallOverride[] {
    const now = this.deps.clock.now().getTime();
    return this.overrides.list().filter((o) => Date.parse(o.to) > now);
  }

  /** Who is on call at an instant (now by default), undefined when the rota has a gap. */
  now(at: Date = this.deps.clock.now()): OnCallNow {
    const settings = this.deps.settings();
    return onCallAt(settings.onCall, this.overrides.list(), settings.timezone, at);
  }

  /**
   * Who is paged, level after level, when nobody acknowledges: the person on call, the backups, then
   * the managers. Empty levels and people already paged at an earlier level are left out.
   */
  escalation(at: Date = this.deps.clock.now()): EscalationLevel[] {
    const settings = this.deps.settings();
    const onCall = this.now(at)?.person;
    const seen = new Set<string>();
    const fresh = (people: readonly string[]) =>
      people.filter((person) => {
        if (seen.has(person)) return false;
        seen.add(person);
        return true;
      });
    const levels: EscalationLevel[] = [
      { level: 'on-call', people: fresh(onCall ? [onCall] : []) },
      { level: 'backup', people: fresh(settings.onCallBackup) },
      { level: 'managers', people: fresh(settings.managers) },
    ];
    return levels.filter((l) => l.people.length > 0);
  }

  async addOverride(
    entry: { person: string; from: Date; to: Date; reason?: string | undefined },
    actorId: string,
  ): Promise<AddOverrideResult> {
    if (entry.to.getTime() <= entry.from.getTime()) return { ok: false, problem: 'ends-before-it-starts' };
    if (entry.to.getTime() - entry.from.getTime() > MAX_OVERRIDE_DAYS * 86_400_000)
      return { ok: false, problem: 'too-long' };
    if (entry.to.getTime() <= this.deps.clock.now().getTime()) return { ok: false, problem: 'already-over' };
    const override = await this.overrides.add((number) => ({
      number,
      person: entry.person,
      from: entry.from.toISOString(),
      to: entry.to.toISOString(),
      ...(entry.reason ? { reason: entry.reason } : {}),
      addedBy: actorId,
      addedAt: this.deps.clock.now().toISOString(),
    }));
    return { ok: true, override };
  }

  removeOverride(number: number): Promise<OnCallOverride | undefined> {
    return this.overrides.remove(number);
  }
}
