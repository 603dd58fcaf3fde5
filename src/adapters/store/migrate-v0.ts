import { copyFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { ErrorCode, TactError } from '../../errors.js';
import { decrypt, isEncrypted } from './secrets.js';
import { SCHEMA, type ValueCodec } from './sql.js';

/**
 * Tact 0.1 kept everything in keyv's table `keyv` (key `<collection>:<key>`, value keyv's JSON
 * `{"value": ...}`, encrypted as a whole when TACT_ENCRYPTION_KEY was set) and claims in
 * `tact_claims`. This moves such a file into today's tables in one transaction: records and settings
 * re-encoded (so plain values are encrypted on the way), the `*-index` lists turned into index rows,
 * sequences into counters. The file is copied to `<file>.v0-backup` first; the old tables are dropped
 * and the file vacuumed, so no plain text stays behind in the store itself.
 */
export const BACKUP_SUFFIX = '.v0-backup';

/** Collections that were bookkeeping of the old layout and are rebuilt, not copied. */
const NOT_COPIED = new Set(['health']);
const OLD_MARKER = 'meta:encryption';
const OLD_FINGERPRINT = 'meta:key-fingerprint';

/** The meta collection was never encrypted in 0.1. */
function oldValueText(text: string): unknown {
  return (JSON.parse(text) as { value?: unknown }).value;
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** keyv wrote a string starting with ":" with one more ":" in front, and a Buffer as ":base64:...". */
function keyvUnescape(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith(':')) return value;
  return value.startsWith(':base64:') ? Buffer.from(value.slice(':base64:'.length), 'base64') : value.slice(1);
}

const NEEDS_KEY = 'This store is encrypted: set TACT_ENCRYPTION_KEY to the key it was created with';

function oldValue(text: string, oldKey: Buffer | undefined): unknown {
  if (isEncrypted(text) && !oldKey) throw new TactError(ErrorCode.StoreUnavailable, NEEDS_KEY);
  const json = isEncrypted(text) && oldKey ? decrypt(oldKey, text) : text;
  return (JSON.parse(json, keyvUnescape) as { value?: unknown }).value;
}

/** Whether the key opens the old store's key check (Tact 0.1 wrote one encrypted marker). */
function opens(check: unknown, key: Buffer | undefined): boolean {
  if (!key || typeof check !== 'string') return false;
  try {
    return decrypt(key, check) === 'tact-key-check';
  } catch {
    return false;
  }
}

/** True when the file held the old layout and was migrated. */
export function migrateV0(
  db: Database.Database,
  file: string,
  codec: ValueCodec,
  oldKey: Buffer | undefined,
  fingerprint: string | undefined,
): boolean {
  if (!hasTable(db, 'keyv') || hasTable(db, 'tact_kv')) return false;
  const marker = db.prepare('SELECT value FROM keyv WHERE key = ?').get(OLD_MARKER) as { value: string } | undefined;
  const old = marker
    ? (JSON.parse(marker.value) as { value?: { encrypted?: unknown; check?: unknown } }).value
    : undefined;
  if (old?.encrypted === true && !opens(old.check, oldKey)) throw new TactError(ErrorCode.StoreUnavailable, NEEDS_KEY);
  // Another master key (TACT_ENCRYPTION_KEY set for a store whose aliases were hashed with tact.key)
  // would migrate the records under a key that then fails the fingerprint check: refuse first.
  const stored = db.prepare('SELECT value FROM keyv WHERE key = ?').get(OLD_FINGERPRINT) as
    | { value: string }
    | undefined;
  if (fingerprint && stored && oldValueText(stored.value) !== fingerprint) {
    throw new TactError(
      ErrorCode.StoreUnavailable,
      'This Tact 0.1 store was made with another key: start it with the key it was made with (its tact.key beside it, or its TACT_ENCRYPTION_KEY); nothing was migrated',
    );
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  try {
    // A backup left by a failed earlier try is of the same unmigrated file (the migration is one transaction).
    copyFileSync(file, file + BACKUP_SUFFIX);
  } catch (error) {
    throw new TactError(
      ErrorCode.StoreUnavailable,
      `Cannot back up ${file} to ${file}${BACKUP_SUFFIX} before migrating it`,
      { cause: error },
    );
  }
  const rows = db.prepare('SELECT key, value FROM keyv').all() as Array<{ key: string; value: string }>;
  if (!hasTable(db, 'tact_claims')) db.prepare('CREATE TABLE tact_claims (key TEXT PRIMARY KEY, expires BIGINT)').run();
  const claims = db
    .prepare("SELECT key, expires FROM tact_claims WHERE key NOT LIKE 'seq:%' AND key NOT LIKE 'health:%'")
    .all() as Array<{ key: string; expires: number | null }>;
  db.transaction(() => {
    db.prepare('ALTER TABLE tact_claims RENAME TO tact_claims_v0').run();
    for (const sql of SCHEMA) db.prepare(sql).run();
    const setValue = db.prepare('INSERT INTO tact_kv (collection, key, value) VALUES (?, ?, ?)');
    const addMember = db.prepare('INSERT INTO tact_index (name, member) VALUES (?, ?) ON CONFLICT DO NOTHING');
    const setSequence = db.prepare('INSERT INTO tact_sequences (name, value) VALUES (?, ?)');
    const addClaim = db.prepare('INSERT INTO tact_claims (key, expires) VALUES (?, ?)');
    for (const row of rows) {
      const split = row.key.indexOf(':');
      const collection = row.key.slice(0, split);
      const key = row.key.slice(split + 1);
      if (NOT_COPIED.has(collection) || row.key === OLD_MARKER) continue;
      const value = oldValue(row.value, oldKey);
      if (collection === 'sequences') setSequence.run(key, Number(value));
      else if (collection.endsWith('-index') && Array.isArray(value))
        for (const member of value) addMember.run(`${collection}:${key}`, Number(member));
      else setValue.run(collection, key, codec.encode(collection, value));
    }
    for (const claim of claims) addClaim.run(claim.key, claim.expires);
    db.prepare('DROP TABLE keyv').run();
    db.prepare('DROP TABLE tact_claims_v0').run();
  })();
  // The dropped pages still hold the old bytes until the file is rewritten.
  db.exec('VACUUM');
  return true;
}
