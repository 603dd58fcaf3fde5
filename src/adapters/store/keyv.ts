import { chmod, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import KeyvPostgres from '@keyv/postgres';
import KeyvRedis from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { ErrorCode, TactError } from '../../errors.js';
import type { Collection, Storage } from '../../storage.js';
import { decrypt, encrypt, isEncrypted } from './secrets.js';
import { safeUrl } from './url.js';

/**
 * keyv behind the Storage port. `TACT_STORE` alone picks the backend:
 * `sqlite://path` (default, folder created), `memory://`, `redis://...`, `postgres://...`.
 * keyv swallows errors by default; here every failure throws with a stable code.
 */
type Backend = 'sqlite' | 'memory' | 'redis' | 'postgres';

interface Claims {
  claim(key: string, expiresAt: number | undefined, now: number): Promise<boolean>;
  release(key: string): Promise<void>;
}

/** keyv's serialize hooks; with a key, every value is encrypted before it reaches the backend. */
export interface Codec {
  serialize(data: unknown): string;
  deserialize(text: string): { value?: unknown; expires?: number } | undefined;
}

function encryptingCodec(key: Buffer): Codec {
  return {
    serialize: (data) => encrypt(key, JSON.stringify(data)),
    deserialize: (text) => JSON.parse(decrypt(key, text)) as { value?: unknown; expires?: number },
  };
}

/**
 * keyv's own text format, as its default serializer writes it, written and read faster. The default
 * serializer walks every value in JavaScript and the default deserializer runs JSON.parse with a
 * reviver: for a value that grows, such as the open-complaints index read and rewritten by every
 * `/complaint`, that was ten times JSON's own cost (about 0.1 ms of main-thread work per command
 * with a few hundred open complaints). The format is JSON, except that keyv writes a string that
 * starts with ":" with one more ":" in front, and a Buffer as ":base64:<data>". Such a string value
 * always shows in the JSON text as `":` right after `[`, `,` or `:`; text without that (and without
 * a Buffer) has nothing to escape or unescape, so plain JSON gives exactly keyv's result. The rest,
 * rare (Tact stores no Buffers and few strings starting with ":"), follows keyv's rules below.
 */
const MAYBE_ESCAPED = /[[,:]\s*":/;

function keyvEscape(this: unknown, key: string, value: unknown): unknown {
  // `this[key]` is the value before its toJSON: keyv escapes strings and Buffers, not toJSON results
  const raw: unknown = (this as Record<string, unknown>)[key];
  if (Buffer.isBuffer(raw)) return `:base64:${raw.toString('base64')}`;
  return typeof raw === 'string' && raw.startsWith(':') ? `:${raw}` : value;
}

function keyvUnescape(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith(':')) return value;
  return value.startsWith(':base64:') ? Buffer.from(value.slice(':base64:'.length), 'base64') : value.slice(1);
}

export const keyvTextCodec: Codec = {
  serialize(data) {
    const text = JSON.stringify(data);
    return MAYBE_ESCAPED.test(text) || text.includes('"type":"Buffer"') ? JSON.stringify(data, keyvEscape) : text;
  },
  deserialize(text) {
    return JSON.parse(text, MAYBE_ESCAPED.test(text) ? keyvUnescape : undefined) as { value?: unknown; expires?: number };
  },
};

/** Collections whose values are never encrypted: they hold no patient data and tell how to read the rest. */
const PLAIN_COLLECTIONS = new Set(['meta']);

export interface StoreLocation {
  backend: Backend;
  url: string;
  /** SQLite file path, resolved */
  file?: string;
}

export function locateStore(url: string): StoreLocation {
  if (url === 'memory://' || url === 'memory') return { backend: 'memory', url };
  if (url.startsWith('sqlite://')) {
    const file = url.slice('sqlite://'.length);
    if (!file) throw new TactError(ErrorCode.ConfigInvalid, 'TACT_STORE: sqlite:// needs a file path, e.g. sqlite://data/tact.sqlite');
    return { backend: 'sqlite', url, file: resolve(file) };
  }
  if (/^rediss?:\/\//.test(url)) return { backend: 'redis', url };
  if (/^postgres(ql)?:\/\//.test(url)) return { backend: 'postgres', url };
  throw new TactError(
    ErrorCode.ConfigInvalid,
    `TACT_STORE="${safeUrl(url)}" is not a store URL: expected sqlite://path, memory://, redis://host or postgres://host`,
  );
}

function describe(location: StoreLocation): string {
  switch (location.backend) {
    case 'sqlite':
      return `SQLite ${location.file ?? ''}`;
    case 'memory':
      return 'memory (nothing survives a restart)';
    case 'redis':
      return `Redis ${safeUrl(location.url)}`;
    case 'postgres':
      return `PostgreSQL ${safeUrl(location.url)}`;
  }
}

const STORE_TIMEOUT_MS = 10_000;

/** A network store that does not answer must fail start-up and health checks, not hang them. */
function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${STORE_TIMEOUT_MS / 1000} s`)), STORE_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function failure(code: ErrorCode, what: string, cause: unknown): TactError {
  return new TactError(code, what, { cause });
}

const GET_MANY_CHUNK = 500;

class KeyvCollection implements Collection {
  constructor(
    private readonly keyv: Keyv,
    private readonly name: string,
  ) {}

  async get(key: string): Promise<unknown> {
    try {
      return await this.keyv.get(key);
    } catch (error) {
      throw failure(ErrorCode.StoreReadFailed, `Could not read ${this.name}/${key}`, error);
    }
  }

  async getMany(keys: readonly string[]): Promise<unknown[]> {
    const values: unknown[] = [];
    try {
      // Chunks keep each query's parameter list small (SQLite and Postgres limits).
      for (let i = 0; i < keys.length; i += GET_MANY_CHUNK) values.push(...(await this.keyv.getMany([...keys.slice(i, i + GET_MANY_CHUNK)])));
    } catch (error) {
      throw failure(ErrorCode.StoreReadFailed, `Could not read ${keys.length} records from ${this.name}`, error);
    }
    return values;
  }

  async set(key: string, value: unknown): Promise<void> {
    try {
      const ok = await this.keyv.set(key, value);
      if (!ok) throw new Error('the store refused the write');
    } catch (error) {
      throw failure(ErrorCode.StoreWriteFailed, `Could not write ${this.name}/${key}`, error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return await this.keyv.delete(key);
    } catch (error) {
      throw failure(ErrorCode.StoreWriteFailed, `Could not delete ${this.name}/${key}`, error);
    }
  }
}

class KeyvStorage implements Storage {
  private readonly collections = new Map<string, KeyvCollection>();
  private readonly adapters: KeyvStoreAdapter[] = [];

  constructor(
    readonly description: string,
    private readonly makeAdapter: () => KeyvStoreAdapter | undefined,
    private readonly claims: Claims,
    private readonly closeExtra: () => Promise<void>,
    private readonly codec: Codec | undefined,
  ) {}

  collection(name: string): Collection {
    let collection = this.collections.get(name);
    if (!collection) {
      // One adapter per namespace: a shared adapter's namespace is overwritten by the last Keyv.
      const adapter = this.makeAdapter();
      if (adapter) this.adapters.push(adapter);
      const codec = (PLAIN_COLLECTIONS.has(name) ? undefined : this.codec) ?? keyvTextCodec;
      const keyv = new Keyv({
        ...(adapter ? { store: adapter } : {}),
        serialize: codec.serialize,
        deserialize: codec.deserialize,
        namespace: name,
        throwOnErrors: true,
      } as ConstructorParameters<typeof Keyv>[0]);
      keyv.on('error', () => undefined); // errors are thrown to the caller (throwOnErrors); don't crash on the event
      collection = new KeyvCollection(keyv, name);
      this.collections.set(name, collection);
    }
    return collection;
  }

  async claim(key: string, ttlMs?: number): Promise<boolean> {
    const now = Date.now();
    try {
      return await this.claims.claim(key, ttlMs === undefined ? undefined : now + ttlMs, now);
    } catch (error) {
      throw failure(ErrorCode.StoreWriteFailed, `Could not claim ${key}`, error);
    }
  }

  async release(key: string): Promise<void> {
    try {
      await this.claims.release(key);
    } catch (error) {
      throw failure(ErrorCode.StoreWriteFailed, `Could not release ${key}`, error);
    }
  }

  async ping(): Promise<void> {
    const probe = this.collection('health');
    await withTimeout(
      probe.set('ping', Date.now()).then(() => probe.get('ping')),
      'the store',
    );
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.adapters.map(async (a) => a.disconnect?.()));
    await this.closeExtra();
  }
}

function memoryClaims(): Claims {
  const held = new Map<string, number | undefined>();
  return {
    async claim(key, expiresAt, now) {
      const current = held.get(key);
      if (held.has(key) && (current === undefined || current > now)) return false;
      held.set(key, expiresAt);
      return true;
    },
    async release(key) {
      held.delete(key);
    },
  };
}

type SqlQuery = (sql: string, ...params: unknown[]) => Promise<unknown[]>;

/** The claim table lives beside keyv's; the upsert only wins when the row is absent or expired. */
function sqlClaims(query: SqlQuery, dialect: 'sqlite' | 'postgres'): Claims {
  const ready = query(
    `CREATE TABLE IF NOT EXISTS tact_claims (key VARCHAR(255) PRIMARY KEY, expires BIGINT)`,
  );
  const insert =
    dialect === 'sqlite'
      ? `INSERT INTO tact_claims (key, expires) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET expires = excluded.expires
         WHERE tact_claims.expires IS NOT NULL AND tact_claims.expires <= ? RETURNING key`
      : `INSERT INTO tact_claims (key, expires) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET expires = excluded.expires
         WHERE tact_claims.expires IS NOT NULL AND tact_claims.expires <= $3 RETURNING key`;
  return {
    async claim(key, expiresAt, now) {
      await ready;
      const rows =
        dialect === 'sqlite'
          ? await query(insert, key, expiresAt ?? null, now)
          : await query(insert, [key, expiresAt ?? null, now]);
      return rows.length === 1;
    },
    async release(key) {
      await ready;
      if (dialect === 'sqlite') await query('DELETE FROM tact_claims WHERE key = ?', key);
      else await query('DELETE FROM tact_claims WHERE key = $1', [key]);
    },
  };
}

async function openSqlite(location: StoreLocation, codec: Codec | undefined): Promise<Storage> {
  const file = location.file ?? '';
  try {
    // Patient records live here: only the owner of the process may read the folder.
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw failure(ErrorCode.StoreUnavailable, `Cannot create the folder for ${file}`, error);
  }
  const make = () => new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5_000 });
  const admin = make();
  // @keyv/sqlite types `query` as `any`-shaped; this is its real signature (sqlite3's `all`, promisified).
  const query = admin.query as unknown as SqlQuery;
  try {
    // WAL lets readers and the writer work at once; the setting persists in the file.
    await query('PRAGMA journal_mode=WAL');
    // sqlite creates its files with the process umask (often world-readable): narrow them to the owner.
    await Promise.all(['', '-wal', '-shm'].map((suffix) => chmod(file + suffix, 0o600).catch(() => undefined)));
  } catch (error) {
    throw failure(ErrorCode.StoreUnavailable, `Cannot open the SQLite store at ${file}`, error);
  }
  return new KeyvStorage(describe(location), make, sqlClaims(query, 'sqlite'), async () => admin.disconnect(), codec);
}

async function openRedis(location: StoreLocation, codec: Codec | undefined): Promise<Storage> {
  const make = () => new KeyvRedis(location.url);
  const admin = make();
  // Without a listener an 'error' event (a dropped connection) would crash the process; the failing
  // call still rejects and is reported where it happened.
  admin.on('error', () => undefined);
  const claims: Claims = {
    async claim(key, expiresAt, now) {
      const options = expiresAt === undefined ? { NX: true as const } : { NX: true as const, PX: Math.max(1, expiresAt - now) };
      return (await admin.client.set(`tact:claim:${key}`, '1', options)) === 'OK';
    },
    async release(key) {
      await admin.client.del(`tact:claim:${key}`);
    },
  };
  return new KeyvStorage(describe(location), make, claims, async () => admin.disconnect(), codec);
}

async function openPostgres(location: StoreLocation, codec: Codec | undefined): Promise<Storage> {
  const make = () => new KeyvPostgres({ uri: location.url });
  const admin = make();
  admin.on('error', () => undefined);
  // @keyv/postgres's `query(sql, values)` resolves to the rows, as `SqlQuery` says.
  const query = admin.query as unknown as SqlQuery;
  return new KeyvStorage(describe(location), make, sqlClaims(query, 'postgres'), async () => admin.disconnect(), codec);
}

const MARKER_KEY = 'encryption';
const MARKER_CHECK = 'tact-key-check';

/**
 * The store says whether it was written encrypted. A store written with a key refuses to open
 * without it or with another key; a plain store refuses a key, rather than mixing the two.
 */
async function checkEncryption(storage: Storage, key: Buffer | undefined): Promise<void> {
  const meta = storage.collection('meta');
  const marker = await meta.get(MARKER_KEY);
  if (marker === undefined) {
    await meta.set(MARKER_KEY, key ? { encrypted: true, check: encrypt(key, MARKER_CHECK) } : { encrypted: false });
    return;
  }
  const check = typeof marker === 'object' && marker !== null ? (marker as { encrypted?: unknown; check?: unknown }) : {};
  if (check.encrypted === true) {
    if (!key) {
      throw new TactError(ErrorCode.StoreUnavailable, 'This store is encrypted: set TACT_ENCRYPTION_KEY to the key it was created with');
    }
    const ok = typeof check.check === 'string' && isEncrypted(check.check) && safeDecrypt(key, check.check) === MARKER_CHECK;
    if (!ok) throw new TactError(ErrorCode.StoreUnavailable, 'TACT_ENCRYPTION_KEY is not the key this store was encrypted with');
  } else if (key) {
    throw new TactError(
      ErrorCode.StoreUnavailable,
      'This store holds unencrypted records; TACT_ENCRYPTION_KEY can only be used with a new, empty store (point TACT_STORE at one)',
    );
  }
}

function safeDecrypt(key: Buffer, text: string): string | undefined {
  try {
    return decrypt(key, text);
  } catch {
    return undefined;
  }
}

/** Opens the store and proves it works; a store that cannot be used stops start-up with the cause. */
export async function openStorage(url: string, options: { encryptionKey?: Buffer | undefined } = {}): Promise<Storage> {
  const location = locateStore(url);
  const codec = options.encryptionKey ? encryptingCodec(options.encryptionKey) : undefined;
  const storage =
    location.backend === 'sqlite'
      ? await openSqlite(location, codec)
      : location.backend === 'redis'
        ? await openRedis(location, codec)
        : location.backend === 'postgres'
          ? await openPostgres(location, codec)
          : new KeyvStorage(describe(location), () => undefined, memoryClaims(), async () => undefined, codec);
  try {
    await storage.ping();
    await storage.claim('health:open', 1);
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw failure(ErrorCode.StoreUnavailable, `Cannot use the store ${describe(location)}`, error);
  }
  try {
    await checkEncryption(storage, options.encryptionKey);
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
  return storage;
}
