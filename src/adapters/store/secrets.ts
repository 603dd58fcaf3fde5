import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { Storage } from '../../storage.js';
import { dirname } from 'node:path';
import { ErrorCode, TactError } from '../../errors.js';

/**
 * Key material: `TACT_ENCRYPTION_KEY` (32 bytes, base64) when given; otherwise a key file created
 * on first start beside the SQLite database, readable by its owner only. Purpose-specific keys are
 * derived from it (HKDF), so the alias hashes and the record encryption never share a key.
 */
export interface MasterKey {
  key: Buffer;
  source: 'environment' | 'key file' | 'ephemeral';
  file?: string;
}

export function decodeKey(text: string): Buffer | undefined {
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(text.trim()) ? key : undefined;
}

export async function loadMasterKey(options: {
  environmentKey?: string | undefined;
  keyFile?: string | undefined;
}): Promise<MasterKey> {
  if (options.environmentKey !== undefined) {
    const key = decodeKey(options.environmentKey);
    if (!key)
      throw new TactError(
        ErrorCode.ConfigInvalid,
        'TACT_ENCRYPTION_KEY: expected 32 bytes, base64-encoded (openssl rand -base64 32)',
      );
    return { key, source: 'environment' };
  }
  const file = options.keyFile;
  if (!file) return { key: randomBytes(32), source: 'ephemeral' };
  try {
    const existing = await readFile(file, 'utf8');
    const key = decodeKey(existing);
    if (!key)
      throw new TactError(ErrorCode.StoreUnavailable, `The key file ${file} does not hold a 32-byte base64 key`);
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return { key, source: 'key file', file };
  } catch (error) {
    if (error instanceof TactError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new TactError(ErrorCode.StoreUnavailable, `Cannot read the key file ${file}`, { cause: error });
    }
  }
  const key = randomBytes(32);
  try {
    // the folder holds the key and the records: only the owner of the process may read it
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw new TactError(ErrorCode.StoreUnavailable, `Cannot create the key file ${file}`, { cause: error });
  }
  return { key, source: 'key file', file };
}

export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `tact:${purpose}`, 32));
}

const PREFIX = 'tact-enc:v1:';

/** AES-256-GCM with a fresh 12-byte IV per value; the tag makes a wrong key fail loudly. */
export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function isEncrypted(text: string): boolean {
  return text.startsWith(PREFIX);
}

export function decrypt(key: Buffer, text: string): string {
  if (!isEncrypted(text)) {
    throw new TactError(
      ErrorCode.StoreRecordInvalid,
      'A stored value is not encrypted although TACT_ENCRYPTION_KEY is set',
    );
  }
  const raw = Buffer.from(text.slice(PREFIX.length), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new TactError(ErrorCode.StoreRecordInvalid, 'A stored value cannot be decrypted with TACT_ENCRYPTION_KEY', {
      cause: error,
    });
  }
}

/**
 * The store remembers a fingerprint of the key its alias hashes and patient index were made with.
 * A lost or replaced key file would otherwise go unnoticed: every registered name would silently
 * stop matching and every patient would look new. Start-up refuses instead, saying why.
 */
export function keyFingerprint(master: MasterKey): string {
  return createHmac('sha256', deriveKey(master.key, 'fingerprint')).update('tact').digest('hex');
}

export async function checkKeyFingerprint(storage: Storage, master: MasterKey): Promise<void> {
  if (master.source === 'ephemeral') return;
  const meta = storage.collection('meta');
  const fingerprint = keyFingerprint(master);
  const stored = await meta.get('key-fingerprint');
  if (stored === undefined) {
    await meta.set('key-fingerprint', fingerprint);
    return;
  }
  const same =
    typeof stored === 'string' &&
    stored.length === fingerprint.length &&
    timingSafeEqual(Buffer.from(stored), Buffer.from(fingerprint));
  if (!same) {
    const where = master.source === 'key file' ? `the key file ${master.file ?? ''}` : 'TACT_ENCRYPTION_KEY';
    throw new TactError(
      ErrorCode.StoreUnavailable,
      `This store was made with another key than ${where}: aliases and patient history would not match. Restore the original key (a backup of tact.key, or the original TACT_ENCRYPTION_KEY).`,
    );
  }
}
