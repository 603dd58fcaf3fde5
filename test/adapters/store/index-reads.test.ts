import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/adapters/store/index.js';
import type { Storage } from '../../../src/storage.js';
import { POSTGRES_MODE, freshStore, keyFor } from '../../doubles/test-store.js';

/**
 * countMembers and firstMembers, the reads that let the digest cost what it shows: the same answers
 * on memory, SQLite and (with TACT_TEST_STORE=postgres) PostgreSQL, in number order, not insertion order.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tact-index-reads-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stores(): Promise<Array<[string, () => Promise<Storage>]>> {
  const list: Array<[string, () => Promise<Storage>]> = [
    ['memory', () => openStorage('memory://')],
    ['SQLite', () => openStorage(`sqlite://${join(dir, `s-${Math.random().toString(36).slice(2)}.sqlite`)}`)],
  ];
  if (POSTGRES_MODE) {
    const url = await freshStore();
    const key = keyFor(url)['TACT_ENCRYPTION_KEY'];
    list.push(['PostgreSQL', () => openStorage(url, { encryptionKey: key ? Buffer.from(key, 'base64') : undefined })]);
  }
  return list;
}

describe('counting an index and reading its lowest members', () => {
  it('gives the count and the first N ascending, and follows adds and removes', async () => {
    for (const [name, open] of await stores()) {
      const storage = await open();
      try {
        // added out of order, and numbers past 9 so a text sort ("10" < "9") would show
        await storage.write([12, 3, 100, 9, 1, 10].map((member) => ({ kind: 'add' as const, index: 'a', member })));
        await storage.write([{ kind: 'add', index: 'b', member: 2 }]);
        expect(await storage.countMembers('a'), name).toBe(6);
        expect(await storage.firstMembers('a', 4), name).toEqual([1, 3, 9, 10]);
        expect(await storage.firstMembers('a', 50), name).toEqual([1, 3, 9, 10, 12, 100]);
        expect(await storage.firstMembers('b', 5), name).toEqual([2]);

        // adding a member twice counts it once; removing it leaves both reads
        await storage.write([
          { kind: 'add', index: 'a', member: 3 },
          { kind: 'remove', index: 'a', member: 1 },
        ]);
        expect(await storage.countMembers('a'), name).toBe(5);
        expect(await storage.firstMembers('a', 2), name).toEqual([3, 9]);

        expect(await storage.countMembers('never-written'), name).toBe(0);
        expect(await storage.firstMembers('never-written', 25), name).toEqual([]);
        expect(await storage.firstMembers('a', 0), name).toEqual([]);
      } finally {
        await storage.close();
      }
    }
  });
});
