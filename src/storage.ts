import type { z } from 'zod';
import { z as zod } from 'zod';
import { ErrorCode, TactError } from './errors.js';
import { KeyedLock } from './lock.js';

/**
 * The storage port the domain sees. Adapters (src/adapters/store) implement it on keyv; tests may
 * use the in-memory one. Keys never carry patient data: they are ids, hashes or fixed names.
 */
export interface Collection {
  get(key: string): Promise<unknown>;
  /** One round trip for many keys (a missing key gives undefined in its place). */
  getMany(keys: readonly string[]): Promise<unknown[]>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface Storage {
  /** a human description for the banner, e.g. `SQLite data/tact.sqlite` */
  readonly description: string;
  collection(name: string): Collection;
  /** Atomic set-if-absent across processes. True for the first caller, false ever after (until ttl). */
  claim(key: string, ttlMs?: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded failed and should be tried again). */
  release(key: string): Promise<void>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function readRecord<T>(collection: Collection, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const raw = await collection.get(key);
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new TactError(ErrorCode.StoreRecordInvalid, `Stored record "${key}" does not match its schema`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * Runs work at most once per key (a delivery, an event, a job occurrence), across processes. If the
 * work fails the claim is given back, so a retry is heard instead of silently ignored.
 */
export async function runOnce<T>(storage: Storage, key: string, ttlMs: number | undefined, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  if (!(await storage.claim(key, ttlMs))) return { ran: false };
  try {
    return { ran: true, value: await work() };
  } catch (error) {
    await storage.release(key).catch(() => undefined);
    throw error;
  }
}

const sequenceLock = new KeyedLock();

/** Many records at once, in the order of the keys; missing ones are left out. */
export async function readRecords<T>(collection: Collection, keys: readonly string[], schema: z.ZodType<T>): Promise<T[]> {
  const raw = keys.length ? await collection.getMany(keys) : [];
  return raw.flatMap((value, i) => {
    if (value === undefined || value === null) return [];
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new TactError(ErrorCode.StoreRecordInvalid, `Stored record "${keys[i] ?? ''}" does not match its schema`, { cause: parsed.error });
    }
    return [parsed.data];
  });
}

/**
 * Hands out 1, 2, 3... per sequence, without repeats across processes: each number is claimed
 * atomically; the collection keeps the last number as the place to start the next search. Within a
 * process the hand-out is serialised, so that hint only ever moves forward.
 */
export async function nextSequence(storage: Storage, sequence: string): Promise<number> {
  return sequenceLock.run(sequence, async () => {
    const hints = storage.collection('sequences');
    const hint = Number((await hints.get(sequence)) ?? 0);
    for (let candidate = hint + 1; ; candidate += 1) {
      if (await storage.claim(`seq:${sequence}:${candidate}`)) {
        await hints.set(sequence, candidate);
        return candidate;
      }
    }
  });
}

/** The last number handed out (0 when none). */
export async function lastSequence(storage: Storage, sequence: string): Promise<number> {
  return Number((await storage.collection('sequences').get(sequence)) ?? 0);
}

const Numbers = zod.array(zod.number().int().positive());

/**
 * A small set of record numbers kept as one value (open complaints, open inquiries, one patient's
 * complaints): the lists that let reads cost time in proportion to open work, not to history.
 */
export class NumberIndex {
  private static readonly lock = new KeyedLock();

  constructor(
    private readonly collection: Collection,
    private readonly key: string,
  ) {}

  async list(): Promise<number[]> {
    return (await readRecord(this.collection, this.key, Numbers)) ?? [];
  }

  async add(number: number): Promise<void> {
    await this.update((numbers) => (numbers.includes(number) ? numbers : [...numbers, number]));
  }

  /** Writes a list the caller has just read under its own lock (saves reading it again). */
  async replace(numbers: readonly number[]): Promise<void> {
    await NumberIndex.lock.run(this.key, () => this.collection.set(this.key, [...numbers]));
  }

  async remove(number: number): Promise<void> {
    await this.update((numbers) => numbers.filter((n) => n !== number));
  }

  private async update(change: (numbers: number[]) => number[]): Promise<void> {
    await NumberIndex.lock.run(this.key, async () => {
      await this.collection.set(this.key, change(await this.list()));
    });
  }
}
