import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateStore, openStorage } from '../../../src/adapters/store/index.js';
import { TactError } from '../../../src/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tact-open-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<TactError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TactError);
  return error as TactError;
}

describe('locateStore', () => {
  it('reads each backend from the URL', () => {
    expect(locateStore('memory://')).toEqual({ backend: 'memory', url: 'memory://' });
    expect(locateStore('sqlite://data/t.sqlite')).toMatchObject({ backend: 'sqlite', file: resolve('data/t.sqlite') });
    expect(locateStore('sqlite:///tmp/x.sqlite').file).toBe('/tmp/x.sqlite');
    expect(locateStore('postgres://u@db/tact').backend).toBe('postgres');
    expect(locateStore('postgresql://u@db/tact').backend).toBe('postgres');
  });

  it('refuses URLs it cannot use, with a config error', () => {
    for (const url of ['sqlite://', 'mysql://db', 'data/tact.sqlite', 'redis://localhost:6379']) {
      let caught: unknown;
      try {
        locateStore(url);
      } catch (error) {
        caught = error;
      }
      expect(caught, url).toBeInstanceOf(TactError);
      expect((caught as TactError).code).toBe('TACT_CONFIG_INVALID');
    }
  });
});

describe('openStorage', () => {
  it('keeps collections apart and deletes', async () => {
    const storage = await openStorage('memory://');
    try {
      await storage.collection('a').set('k', { v: 1 });
      await storage.collection('b').set('k', { v: 2 });
      expect(await storage.collection('a').get('k')).toEqual({ v: 1 });
      expect(await storage.collection('b').get('k')).toEqual({ v: 2 });
      expect(await storage.collection('a').delete('k')).toBe(true);
      expect(await storage.collection('a').get('k')).toBeUndefined();
      expect(await storage.collection('b').get('k')).toEqual({ v: 2 });
      expect(storage.description).toMatch(/^memory/);
    } finally {
      await storage.close();
    }
  });

  it('SQLite: creates the folder, keeps records and claims across a reopen, keeps collections apart', async () => {
    const file = join(dir, 'nested', 'deeper', 'tact.sqlite');
    const first = await openStorage(`sqlite://${file}`);
    expect(first.description).toBe(`SQLite ${file}`);
    await first.collection('complaints').set('1', { id: 'C-1', text: 'x' });
    await first.collection('other').set('1', 'not a complaint');
    expect(await first.claim('delivery:1')).toBe(true);
    await first.close();

    const second = await openStorage(`sqlite://${file}`);
    try {
      expect(await second.collection('complaints').get('1')).toEqual({ id: 'C-1', text: 'x' });
      expect(await second.collection('other').get('1')).toBe('not a complaint');
      expect(await second.claim('delivery:1')).toBe(false);
      await second.ping();
    } finally {
      await second.close();
    }
  });

  it('two open handles on one SQLite file share claims, sequences and index rows (two processes)', async () => {
    const file = join(dir, 'shared.sqlite');
    const a = await openStorage(`sqlite://${file}`);
    const b = await openStorage(`sqlite://${file}`);
    try {
      const results = await Promise.all([a.claim('job'), b.claim('job'), a.claim('job'), b.claim('job')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const numbers = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).next('complaint')));
      expect(numbers.sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      await Promise.all(numbers.map((n) => (n % 2 ? a : b).write([{ kind: 'add', index: 'open', member: n }])));
      expect(await a.members('open')).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rejects with TACT_STORE_UNAVAILABLE when the SQLite folder sits under a regular file', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const error = await rejection(openStorage(`sqlite://${join(blocker, 'sub', 't.sqlite')}`));
    expect(error.code).toBe('TACT_STORE_UNAVAILABLE');
    expect(error.message).toContain(blocker);
  });

  it('rejects with TACT_STORE_UNAVAILABLE when the SQLite path is a folder', async () => {
    const error = await rejection(openStorage(`sqlite://${dir}`));
    expect(error.code).toBe('TACT_STORE_UNAVAILABLE');
  });

  it('rejects a store URL it cannot read before touching anything', async () => {
    const error = await rejection(openStorage('mysql://db'));
    expect(error.code).toBe('TACT_CONFIG_INVALID');
  });
});
