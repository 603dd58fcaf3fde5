import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage.js';
import { StoredList } from './stored-list.js';

/**
 * Days the clinic is shut besides its weekly hours: a holiday week, a staff day, a move. Managers add
 * them in chat (`/tact closed 2026-12-24..2026-12-26 Christmas`); reply goals, nudges, step due times
 * and the digest skip them. Kept as a StoredList (one record and one index row each).
 */
export const Closure = z.object({
  number: z.number().int().positive(),
  /** local dates, `yyyy-MM-dd`, both included */
  from: z.string(),
  to: z.string(),
  reason: z.string().optional(),
  addedBy: z.string(),
  addedAt: z.iso.datetime(),
});
export type Closure = z.infer<typeof Closure>;

/** A closure longer than this is a mistake (a wrong year) rather than a plan. */
export const MAX_CLOSURE_DAYS = 92;
export const MAX_REASON_LENGTH = 100;

export type ClosureProblem = 'ends-before-it-starts' | 'too-long' | 'reason-too-long';
export type AddClosureResult = { ok: true; closure: Closure } | { ok: false; problem: ClosureProblem };

const DAY_MS = 86_400_000;

export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export class ClosureService {
  private readonly entries: StoredList<Closure>;

  constructor(private readonly deps: { storage: Storage; clock: Clock }) {
    this.entries = new StoredList(
      deps.storage,
      'closures',
      Closure,
      (a, b) => a.from.localeCompare(b.from) || a.number - b.number,
    );
  }

  load(): Promise<void> {
    return this.entries.load();
  }

  /** Picks up closures added or removed on another instance (one read when nothing moved). */
  refresh(): Promise<void> {
    return this.entries.refresh();
  }

  /** Called after the list changed, here or on another instance: due times that skip closed days move. */
  onChange(listener: () => void): void {
    this.entries.onChange(listener);
  }

  /** Every closure, by first day. */
  list(): readonly Closure[] {
    return this.entries.list();
  }

  /** The closure covering a local date (`yyyy-MM-dd`), if any. */
  on(localDate: string): Closure | undefined {
    return this.list().find((c) => c.from <= localDate && localDate <= c.to);
  }

  async add(
    entry: { from: string; to: string; reason?: string | undefined },
    actorId: string,
  ): Promise<AddClosureResult> {
    if (entry.to < entry.from) return { ok: false, problem: 'ends-before-it-starts' };
    if (daysIn(entry.from, entry.to) > MAX_CLOSURE_DAYS) return { ok: false, problem: 'too-long' };
    if ((entry.reason?.length ?? 0) > MAX_REASON_LENGTH) return { ok: false, problem: 'reason-too-long' };
    const closure = await this.entries.add((number) => ({
      number,
      from: entry.from,
      to: entry.to,
      ...(entry.reason ? { reason: entry.reason } : {}),
      addedBy: actorId,
      addedAt: this.deps.clock.now().toISOString(),
    }));
    return { ok: true, closure };
  }

  remove(number: number): Promise<Closure | undefined> {
    return this.entries.remove(number);
  }
}
