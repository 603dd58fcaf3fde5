import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMasterKey } from '../../../src/adapters/store/secrets.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('the key file of a new store', () => {
  it('is made owner-only in a folder only the owner can open', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tact-key-'));
    made.push(root);
    const file = join(root, 'data', 'tact.key');
    const key = await loadMasterKey({ keyFile: file });
    expect(key.source).toBe('key file');
    expect(((await stat(join(root, 'data'))).mode & 0o777).toString(8)).toBe('700');
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
  });
});
