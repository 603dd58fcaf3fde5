import type { z } from 'zod';
import { ErrorCode, TactError } from './errors.js';

/**
 * The storage port the domain sees. Adapters (src/adapters/store) implement it on SQLite, PostgreSQL
 * or memory. Keys, index names and members never carry patient data: they are ids, hashes or fixed
 * names; only values are patient data, and adapters encrypt them.
 */
export interface Collection {
  readonly name: string;
  get(key: string): Promise<unknown>;
  /** One round trip for many keys (a missing key gives undefined in its place). */
  getMany(keys: readonly string[]): Promise<unknown[]>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** One change inside `Storage.write`: all of a write's changes land together or none does. */
export type Change =
  | { kind: 'set'; collection: string; key: string; value: unknown }
  | { kind: 'delete'; collection: string; key: string }
  | { kind: 'add'; index: string; member: number }
  | { kind: 'remove'; index: string; member: number };

export interface Storage {
  /** a human description for the banner, e.g. `SQLite data/tact.sqlite` */
  readonly description: string;
  collection(name: string): Collection;
  /** Applies every change in one transaction. */
  write(changes: readonly Change[]): Promise<void>;
  /** Members of an index, ascending, read through the database's own index. */
  members(index: string): Promise<number[]>;
  /** How many members an index has, counted on the database's own index (no row is read out). */
  countMembers(index: string): Promise<number>;
  /** The `limit` lowest members of an index, ascending, read through the database's own index. */
  firstMembers(index: string, limit: number): Promise<number[]>;
  /** 1, 2, 3... per sequence: one atomic statement per number, no gap or repeat across instances. */
  next(sequence: string): Promise<number>;
  /** The last number handed out (0 when none). */
  last(sequence: string): Promise<number>;
  /** Atomic set-if-absent across processes. True for the first caller, false ever after (until ttl). */
  claim(key: string, ttlMs?: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded failed and should be tried again). */
  release(key: string): Promise<void>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function put(collection: Collection, key: string, value: unknown): Change {
  return { kind: 'set', collection: collection.name, key, value };
}

export async function readRecord<T>(collection: Collection, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const raw = await collection.get(key);
  if (raw === undefined) return undefined;
  return parseRecord(schema, raw, key);
}

function parseRecord<T>(schema: z.ZodType<T>, raw: unknown, key: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new TactError(ErrorCode.StoreRecordInvalid, `Stored record "${key}" does not match its schema`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Many records at once, in the order of the keys; missing ones are left out. */
export async function readRecords<T>(
  collection: Collection,
  keys: readonly string[],
  schema: z.ZodType<T>,
): Promise<T[]> {
  const raw = keys.length ? await collection.getMany(keys) : [];
  return raw.flatMap((value, i) =>
    value === undefined || value === null ? [] : [parseRecord(schema, value, keys[i] ?? '')],
  );
}

/**
 * Runs work at most once per key (a delivery, an event, a job occurrence), across processes. If the
 * work fails the claim is given back, so a retry is heard instead of silently ignored.
 */
export async function runOnce<T>(
  storage: Storage,
  key: string,
  ttlMs: number | undefined,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (!(await storage.claim(key, ttlMs))) return { ran: false };
  try {
    return { ran: true, value: await work() };
  } catch (error) {
    await storage.release(key).catch(() => undefined);
    throw error;
  }
}

export function nextSequence(storage: Storage, sequence: string): Promise<number> {
  return storage.next(sequence);
}

export function lastSequence(storage: Storage, sequence: string): Promise<number> {
  return storage.last(sequence);
}

/**
 * A counter for what each process keeps in memory (the alias table): whoever changes the data moves
 * it on; the others compare it with the one they loaded at, one cheap read, and reload when it moved.
 */
export class VersionRow {
  private readonly sequence: string;

  constructor(
    private readonly storage: Storage,
    name: string,
  ) {
    this.sequence = `version:${name}`;
  }

  read(): Promise<number> {
    return this.storage.last(this.sequence);
  }

  bump(): Promise<number> {
    return this.storage.next(this.sequence);
  }
}

/**
 * A set of record numbers (open complaints, open inquiries, one patient's complaints), one row per
 * member in the store: adding or removing one is a single statement, never a rewritten list.
 */
export class NumberIndex {
  constructor(
    private readonly storage: Storage,
    readonly name: string,
  ) {}

  list(): Promise<number[]> {
    return this.storage.members(this.name);
  }

  count(): Promise<number> {
    return this.storage.countMembers(this.name);
  }

  first(limit: number): Promise<number[]> {
    return this.storage.firstMembers(this.name, limit);
  }

  adding(member: number): Change {
    return { kind: 'add', index: this.name, member };
  }

  removing(member: number): Change {
    return { kind: 'remove', index: this.name, member };
  }
}
