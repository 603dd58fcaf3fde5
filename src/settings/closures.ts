import { z } from 'zod';
import type { Clock } from '../clock.js';
import { NumberIndex, VersionRow, put, readRecords, type Storage } from '../storage.js';

/**
 * Days the clinic is shut besides its weekly hours: a holiday week, a staff day, a move. Managers add
 * them in chat (`/tact closed 2026-12-24..2026-12-26 Christmas`); reply goals, nudges, step due times
 * and the digest skip them. One record per closure and one index row each, so two instances adding at
 * once both keep theirs; a version row tells every instance to reload.
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
  private readonly collection;
  private readonly index: NumberIndex;
  private readonly version: VersionRow;
  private closures: readonly Closure[] = [];
  private loadedAt = -1;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly deps: { storage: Storage; clock: Clock }) {
    this.collection = deps.storage.collection('closures');
    this.index = new NumberIndex(deps.storage, 'closures:all');
    this.version = new VersionRow(deps.storage, 'closures');
  }

  async load(): Promise<void> {
    const version = await this.version.read();
    const numbers = await this.index.list();
    const records = await readRecords(this.collection, numbers.map(String), Closure);
    const first = this.loadedAt === -1;
    this.closures = [...records].sort((a, b) => a.from.localeCompare(b.from) || a.number - b.number);
    this.loadedAt = version;
    if (!first) for (const listener of this.listeners) listener();
  }

  /** Called after the list changed, here or on another instance: due times that skip closed days move. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Picks up closures added or removed on another instance (one read when nothing moved). */
  async refresh(): Promise<void> {
    if ((await this.version.read()) !== this.loadedAt) await this.load();
  }

  /** Every closure, by first day. */
  list(): readonly Closure[] {
    return this.closures;
  }

  /** The closure covering a local date (`yyyy-MM-dd`), if any. */
  on(localDate: string): Closure | undefined {
    return this.closures.find((c) => c.from <= localDate && localDate <= c.to);
  }

  async add(entry: { from: string; to: string; reason?: string | undefined }, actorId: string): Promise<AddClosureResult> {
    if (entry.to < entry.from) return { ok: false, problem: 'ends-before-it-starts' };
    if (daysIn(entry.from, entry.to) > MAX_CLOSURE_DAYS) return { ok: false, problem: 'too-long' };
    if ((entry.reason?.length ?? 0) > MAX_REASON_LENGTH) return { ok: false, problem: 'reason-too-long' };
    const number = await this.deps.storage.next('closure');
    const closure: Closure = {
      number,
      from: entry.from,
      to: entry.to,
      ...(entry.reason ? { reason: entry.reason } : {}),
      addedBy: actorId,
      addedAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.storage.write([put(this.collection, String(number), closure), this.index.adding(number)]);
    await this.changed();
    return { ok: true, closure };
  }

  async remove(number: number): Promise<Closure | undefined> {
    await this.refresh();
    const closure = this.closures.find((c) => c.number === number);
    if (!closure) return undefined;
    await this.deps.storage.write([{ kind: 'delete', collection: this.collection.name, key: String(number) }, this.index.removing(number)]);
    await this.changed();
    return closure;
  }

  private async changed(): Promise<void> {
    await this.version.bump();
    await this.load();
  }
}
