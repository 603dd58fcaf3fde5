import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Collection, Storage } from '../storage.js';

/**
 * Nervous patients after treatment: staff mark a patient as needing extra hand-holding, and for
 * `days()` days (TACT_NERVOUS_DAYS) every message of theirs gets the urgent reply goal. The patient
 * is kept under a keyed hash of the reference (`patientKey`), never the reference itself; the mark
 * lapses by itself.
 */
const NervousMark = z.object({ until: z.iso.datetime(), setBy: z.string(), setAt: z.iso.datetime() });
export type NervousMark = z.infer<typeof NervousMark>;

export type ClearResult = 'cleared' | 'not-set' | 'not-allowed';

export class NervousPatients {
  private readonly marks: Collection;

  constructor(
    private readonly deps: {
      storage: Storage;
      clock: Clock;
      patientKey: (patientRef: string) => string;
      days: () => number;
    },
  ) {
    this.marks = deps.storage.collection('nervous-patients');
  }

  /** Marks the patient (again: the days start over); the write is awaited. */
  async mark(patientRef: string, actor: string): Promise<NervousMark> {
    const now = this.deps.clock.now();
    const mark = {
      until: new Date(now.getTime() + this.deps.days() * 86_400_000).toISOString(),
      setBy: actor,
      setAt: now.toISOString(),
    };
    await this.marks.set(this.deps.patientKey(patientRef), mark);
    return mark;
  }

  /** The mark in force, undefined when none or lapsed. */
  async markOf(patientRef: string): Promise<NervousMark | undefined> {
    const parsed = NervousMark.safeParse(await this.marks.get(this.deps.patientKey(patientRef)));
    if (!parsed.success) return undefined;
    return Date.parse(parsed.data.until) > this.deps.clock.now().getTime() ? parsed.data : undefined;
  }

  async isNervous(patientRef: string | undefined): Promise<boolean> {
    return patientRef !== undefined && (await this.markOf(patientRef)) !== undefined;
  }

  /** Managers, and the person who set the mark, may clear it. */
  async clear(patientRef: string, actor: string, isManager: boolean): Promise<ClearResult> {
    const mark = await this.markOf(patientRef);
    if (!mark) return 'not-set';
    if (!isManager && mark.setBy !== actor) return 'not-allowed';
    await this.marks.delete(this.deps.patientKey(patientRef));
    return 'cleared';
  }
}
