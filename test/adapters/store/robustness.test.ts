import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/adapters/store/index.js';
import { safeUrl } from '../../../src/adapters/store/url.js';
import type { TactError } from '../../../src/errors.js';

/** Stores fail loudly and safely: no hang, no password in a message, no world-readable records. */
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('store robustness', () => {
  it('safeUrl removes the user and password from store URLs', () => {
    expect(safeUrl('postgres://tact:s3cret@db.local:5432/tact')).toBe('postgres://db.local:5432/tact');
    expect(safeUrl('redis://:s3cret@cache:6379')).toBe('redis://cache:6379');
    expect(safeUrl('sqlite://data/tact.sqlite')).toBe('sqlite://data/tact.sqlite');
  });

  it('the SQLite file and its folder are readable by the owner only', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tact-perms-'));
    const storage = await openStorage(`sqlite://${join(dir, 'db', 'tact.sqlite')}`);
    await storage.collection('x').set('a', 1);
    expect((await stat(join(dir, 'db', 'tact.sqlite'))).mode & 0o077).toBe(0);
    expect((await stat(join(dir, 'db'))).mode & 0o077).toBe(0);
    await storage.close();
  });

  it('a refused PostgreSQL fails start-up with one clear line, without the password', async () => {
    const attempt = openStorage('postgres://tact:s3cret@127.0.0.1:1/tact');
    await expect(attempt).rejects.toMatchObject({ code: 'TACT_STORE_UNAVAILABLE' });
    const error = (await attempt.catch((e: unknown) => e)) as TactError;
    expect(error.message).toBe(
      'Cannot use PostgreSQL at postgres://127.0.0.1:1/tact: connection refused (is the server running, and on that host and port?)',
    );
    expect(error.cause).toBeUndefined();
  }, 20_000);
});
