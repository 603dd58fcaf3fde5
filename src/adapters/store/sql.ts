import { ErrorCode, TactError } from '../../errors.js';
import type { Change, Collection, Storage } from '../../storage.js';
import { decrypt, encrypt } from './secrets.js';

/** One SQL statement, written with `?` placeholders (drivers translate them for their database). */
export interface Statement {
  sql: string;
  params: readonly unknown[];
}

export type Row = Record<string, unknown>;

/** What the SQL storage needs of a database: SQLite (better-sqlite3) and PostgreSQL (pg) give it. */
export interface SqlDriver {
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** runs the statements in one transaction: all of them or none */
  batch(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The tables, the same on both databases. Values are the only column that can hold patient data and
 * they are encrypted; collection names, keys, index names and members are ids, hashes or fixed names.
 */
export const SCHEMA: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS tact_kv (collection TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (collection, key))',
  'CREATE TABLE IF NOT EXISTS tact_index (name TEXT NOT NULL, member BIGINT NOT NULL, PRIMARY KEY (name, member))',
  'CREATE TABLE IF NOT EXISTS tact_sequences (name TEXT PRIMARY KEY, value BIGINT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS tact_claims (key TEXT PRIMARY KEY, expires BIGINT)',
];

const SET =
  'INSERT INTO tact_kv (collection, key, value) VALUES (?, ?, ?) ON CONFLICT (collection, key) DO UPDATE SET value = excluded.value';
const DELETE = 'DELETE FROM tact_kv WHERE collection = ? AND key = ?';
const ADD = 'INSERT INTO tact_index (name, member) VALUES (?, ?) ON CONFLICT DO NOTHING';
const REMOVE = 'DELETE FROM tact_index WHERE name = ? AND member = ?';
const NEXT =
  'INSERT INTO tact_sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = tact_sequences.value + 1 RETURNING value';
/** The upsert only wins when the row is absent or expired. */
const CLAIM = `INSERT INTO tact_claims (key, expires) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET expires = excluded.expires
  WHERE tact_claims.expires IS NOT NULL AND tact_claims.expires <= ? RETURNING key`;
const GET_MANY_CHUNK = 500;

/** Collections whose values are never encrypted: they hold no patient data and tell how to read the rest. */
const PLAIN_COLLECTIONS = new Set(['meta']);

/**
 * How many decrypted values the codec remembers. Decrypting costs about 20 µs a value (mostly
 * Node's cipher set-up), which made every read of a few hundred open records cost milliseconds of
 * main-thread time; a ciphertext always decrypts to the same text, so it is looked up instead.
 */
const PLAINTEXT_CACHE = 10_000;

/** Turns values into the text stored in `tact_kv.value`: JSON, encrypted with the records key. */
export class ValueCodec {
  /** ciphertext → its JSON text; the process holds the key and reads these records anyway */
  private readonly plain = new Map<string, string>();

  constructor(private readonly key: Buffer | undefined) {}

  encode(collection: string, value: unknown): string {
    const text = JSON.stringify(value);
    if (!this.key || PLAIN_COLLECTIONS.has(collection)) return text;
    const sealed = encrypt(this.key, text);
    this.remember(sealed, text);
    return sealed;
  }

  decode(collection: string, text: string): unknown {
    if (!this.key || PLAIN_COLLECTIONS.has(collection)) return JSON.parse(text) as unknown;
    let json = this.plain.get(text);
    if (json === undefined) {
      json = decrypt(this.key, text);
      this.remember(text, json);
    }
    return JSON.parse(json) as unknown;
  }

  private remember(sealed: string, json: string): void {
    // the oldest entry goes first (a Map iterates in insertion order)
    if (this.plain.size >= PLAINTEXT_CACHE) this.plain.delete(this.plain.keys().next().value ?? '');
    this.plain.set(sealed, json);
  }
}

function failure(code: ErrorCode, what: string, cause: unknown): TactError {
  return cause instanceof TactError && cause.code === code ? cause : new TactError(code, what, { cause });
}

async function reading<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw failure(ErrorCode.StoreReadFailed, `Could not read ${what}`, error);
  }
}

async function writing<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw failure(ErrorCode.StoreWriteFailed, `Could not write ${what}`, error);
  }
}

class SqlCollection implements Collection {
  constructor(
    private readonly storage: SqlStorage,
    readonly name: string,
  ) {}

  get(key: string): Promise<unknown> {
    return reading(`${this.name}/${key}`, async () => {
      const rows = await this.storage.driver.all('SELECT value FROM tact_kv WHERE collection = ? AND key = ?', [
        this.name,
        key,
      ]);
      const text = rows[0]?.value;
      return typeof text === 'string' ? this.storage.codec.decode(this.name, text) : undefined;
    });
  }

  getMany(keys: readonly string[]): Promise<unknown[]> {
    return reading(`${keys.length} records from ${this.name}`, async () => {
      const found = new Map<string, unknown>();
      // Chunks keep each statement's parameter list small (SQLite and PostgreSQL limits).
      for (let i = 0; i < keys.length; i += GET_MANY_CHUNK) {
        const chunk = keys.slice(i, i + GET_MANY_CHUNK);
        const sql = `SELECT key, value FROM tact_kv WHERE collection = ? AND key IN (${chunk.map(() => '?').join(', ')})`;
        for (const row of await this.storage.driver.all(sql, [this.name, ...chunk])) {
          found.set(String(row.key), this.storage.codec.decode(this.name, String(row.value)));
        }
      }
      return keys.map((key) => found.get(key));
    });
  }

  set(key: string, value: unknown): Promise<void> {
    return this.storage.write([{ kind: 'set', collection: this.name, key, value }]);
  }

  delete(key: string): Promise<boolean> {
    return writing(`${this.name}/${key}`, async () => {
      const rows = await this.storage.driver.all(`${DELETE} RETURNING key`, [this.name, key]);
      return rows.length > 0;
    });
  }
}

/** The Storage port on SQL tables (`SCHEMA`); every change is one statement, every write one transaction. */
export class SqlStorage implements Storage {
  private readonly collections = new Map<string, SqlCollection>();

  constructor(
    readonly description: string,
    readonly driver: SqlDriver,
    readonly codec: ValueCodec,
  ) {}

  collection(name: string): Collection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new SqlCollection(this, name);
      this.collections.set(name, collection);
    }
    return collection;
  }

  private statement(change: Change): Statement {
    switch (change.kind) {
      case 'set':
        return {
          sql: SET,
          params: [change.collection, change.key, this.codec.encode(change.collection, change.value)],
        };
      case 'delete':
        return { sql: DELETE, params: [change.collection, change.key] };
      case 'add':
        return { sql: ADD, params: [change.index, change.member] };
      case 'remove':
        return { sql: REMOVE, params: [change.index, change.member] };
    }
  }

  write(changes: readonly Change[]): Promise<void> {
    const what = changes.map((c) => ('collection' in c ? `${c.collection}/${c.key}` : c.index)).join(', ');
    return writing(what, () => this.driver.batch(changes.map((c) => this.statement(c))));
  }

  members(index: string): Promise<number[]> {
    return reading(`index ${index}`, async () => {
      const rows = await this.driver.all('SELECT member FROM tact_index WHERE name = ? ORDER BY member', [index]);
      return rows.map((row) => Number(row.member));
    });
  }

  countMembers(index: string): Promise<number> {
    return reading(`index ${index}`, async () => {
      const rows = await this.driver.all('SELECT count(*) AS n FROM tact_index WHERE name = ?', [index]);
      // PostgreSQL gives count(*) as a bigint, which pg hands over as a string
      return Number(rows[0]?.n ?? 0);
    });
  }

  firstMembers(index: string, limit: number): Promise<number[]> {
    return reading(`index ${index}`, async () => {
      const rows = await this.driver.all('SELECT member FROM tact_index WHERE name = ? ORDER BY member LIMIT ?', [
        index,
        limit,
      ]);
      return rows.map((row) => Number(row.member));
    });
  }

  next(sequence: string): Promise<number> {
    return writing(`sequence ${sequence}`, async () => Number((await this.driver.all(NEXT, [sequence]))[0]?.value));
  }

  last(sequence: string): Promise<number> {
    return reading(`sequence ${sequence}`, async () => {
      const rows = await this.driver.all('SELECT value FROM tact_sequences WHERE name = ?', [sequence]);
      return Number(rows[0]?.value ?? 0);
    });
  }

  claim(key: string, ttlMs?: number): Promise<boolean> {
    const now = Date.now();
    return writing(
      `claim ${key}`,
      async () => (await this.driver.all(CLAIM, [key, ttlMs === undefined ? null : now + ttlMs, now])).length === 1,
    );
  }

  release(key: string): Promise<void> {
    return writing(`claim ${key}`, async () => {
      await this.driver.all('DELETE FROM tact_claims WHERE key = ?', [key]);
    });
  }

  async ping(): Promise<void> {
    await reading('the store', () => this.driver.all('SELECT 1 AS ok', []));
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
