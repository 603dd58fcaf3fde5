import type { z } from 'zod';
import { ErrorCode, TactError } from './errors.js';

/**
 * The storage port the domain sees. Adapters (src/adapters/store) implement it on keyv; tests may
 * use the in-memory one. Keys never carry patient data: they are ids, hashes or fixed names.
 */
export interface Collection {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface Storage {
  /** a human description for the banner, e.g. `SQLite data/tact.sqlite` */
  readonly description: string;
  collection(name: string): Collection;
  /** Atomic set-if-absent across processes. True for the first caller, false ever after (until ttl). */
  claim(key: string, ttlMs?: number): Promise<boolean>;
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
 * Hands out 1, 2, 3... per sequence, without gaps or repeats across processes: each number is
 * claimed atomically; the collection only keeps a hint of the last one to start the search from.
 */
export async function nextSequence(storage: Storage, sequence: string): Promise<number> {
  const hints = storage.collection('sequences');
  const hint = Number((await hints.get(sequence)) ?? 0);
  for (let candidate = hint + 1; ; candidate += 1) {
    if (await storage.claim(`seq:${sequence}:${candidate}`)) {
      await hints.set(sequence, candidate);
      return candidate;
    }
  }
}

/** The last number handed out (0 when none). */
export async function lastSequence(storage: Storage, sequence: string): Promise<number> {
  return Number((await storage.collection('sequences').get(sequence)) ?? 0);
}
