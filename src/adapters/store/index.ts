import { resolve } from 'node:path';
import type BetterSqlite from 'better-sqlite3';
import type pg from 'pg';
import { ErrorCode, TactError } from '../../errors.js';
import type { Storage } from '../../storage.js';
import { MemoryStorage } from './memory.js';
import { migrateV0 } from './migrate-v0.js';
import { openPostgresPool, plainReason } from './postgres.js';
import { decrypt, encrypt, isEncrypted } from './secrets.js';
import { SqlStorage, ValueCodec } from './sql.js';
import { SqliteDriver, createSchema, openSqliteFile } from './sqlite.js';
import { safeUrl } from './url.js';

/**
 * Opens the store `TACT_STORE` names: `sqlite://path` (default, folder created), `postgres://...`
 * or `memory://`. Every failure throws with a stable code.
 */
type Backend = 'sqlite' | 'memory' | 'postgres';

/**
 * The database under the Storage port, for adapters that need the same connection (the job
 * engine's tables); never for the domain.
 */
export type StoreEngine =
  | { kind: 'sqlite'; db: BetterSqlite.Database; file: string }
  | { kind: 'postgres'; pool: pg.Pool; url: string }
  | { kind: 'memory' };

export type OpenedStorage = Storage & { readonly engine: StoreEngine; readonly migrated: boolean };

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
    if (!file)
      throw new TactError(
        ErrorCode.ConfigInvalid,
        'TACT_STORE: sqlite:// needs a file path, e.g. sqlite://data/tact.sqlite',
      );
    return { backend: 'sqlite', url, file: resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { backend: 'postgres', url };
  throw new TactError(
    ErrorCode.ConfigInvalid,
    `TACT_STORE="${safeUrl(url)}" is not a store URL: expected sqlite://path, memory:// or postgres://host`,
  );
}

const PING_TIMEOUT_MS = 10_000;

/** A store that does not answer must fail start-up and health checks, not hang them. */
function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${PING_TIMEOUT_MS / 1000} s`)),
      PING_TIMEOUT_MS,
    );
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
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
  const check =
    typeof marker === 'object' && marker !== null ? (marker as { encrypted?: unknown; check?: unknown }) : {};
  if (check.encrypted === true) {
    if (!key)
      throw new TactError(
        ErrorCode.StoreUnavailable,
        'This store is encrypted: set TACT_ENCRYPTION_KEY to the key it was created with',
      );
    const ok =
      typeof check.check === 'string' && isEncrypted(check.check) && safeDecrypt(key, check.check) === MARKER_CHECK;
    if (!ok) {
      throw new TactError(
        ErrorCode.StoreUnavailable,
        'The encryption key (TACT_ENCRYPTION_KEY, or when it is unset the key file tact.key beside the store) is not the key this store was encrypted with: set TACT_ENCRYPTION_KEY to the key it was created with, or restore its key file',
      );
    }
  } else if (key) {
    throw new TactError(
      ErrorCode.StoreUnavailable,
      'This store holds unencrypted records; an encryption key can only be used with a new, empty store (point TACT_STORE at one)',
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

function attach(storage: Storage, engine: StoreEngine, migrated: boolean): OpenedStorage {
  return Object.assign(storage, { engine, migrated });
}

function openSqlite(
  file: string,
  codec: ValueCodec,
  key: Buffer | undefined,
  fingerprint: string | undefined,
): OpenedStorage {
  const db = openSqliteFile(file);
  try {
    const migrated = migrateV0(db, file, codec, key, fingerprint);
    createSchema(db);
    return attach(
      new SqlStorage(`SQLite ${file}`, new SqliteDriver(db), codec),
      { kind: 'sqlite', db, file },
      migrated,
    );
  } catch (error) {
    db.close();
    throw error instanceof TactError
      ? error
      : new TactError(ErrorCode.StoreUnavailable, `Cannot open the SQLite store at ${file}`, { cause: error });
  }
}

async function openPostgres(url: string, codec: ValueCodec): Promise<OpenedStorage> {
  const driver = await openPostgresPool(url);
  return attach(
    new SqlStorage(`PostgreSQL ${safeUrl(url)}`, driver, codec),
    { kind: 'postgres', pool: driver.pool, url },
    false,
  );
}

/**
 * Opens the store and proves it works; a store that cannot be used stops start-up with one line
 * saying why. With `encryptionKey` every value but the store's own metadata is encrypted.
 */
export interface OpenOptions {
  encryptionKey?: Buffer | undefined;
  /** the master key's fingerprint: a Tact 0.1 file made with another key is not migrated */
  keyFingerprint?: string | undefined;
}

export async function openStorage(url: string, options: OpenOptions = {}): Promise<OpenedStorage> {
  const location = locateStore(url);
  const codec = new ValueCodec(options.encryptionKey);
  const storage =
    location.backend === 'sqlite'
      ? openSqlite(location.file ?? '', codec, options.encryptionKey, options.keyFingerprint)
      : location.backend === 'postgres'
        ? await openPostgres(location.url, codec)
        : attach(new MemoryStorage(), { kind: 'memory' }, false);
  try {
    await withTimeout(storage.ping(), 'the store');
    await storage.claim('health:open', 1);
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw new TactError(
      ErrorCode.StoreUnavailable,
      `Cannot use the store ${storage.description}: ${plainReason(error instanceof TactError && error.cause ? error.cause : error)}`,
    );
  }
  try {
    await checkEncryption(storage, options.encryptionKey);
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
  return storage;
}
