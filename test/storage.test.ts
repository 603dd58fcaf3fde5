import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { openStorage } from '../src/adapters/store/index.js';
import { TactError } from '../src/errors.js';
import { POSTGRES_MODE, freshStore } from './doubles/test-store.js';
import { NumberIndex, lastSequence, nextSequence, readRecord, runOnce, type Storage } from '../src/storage.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tact-storage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

const backends: Array<[string, () => Promise<string>]> = [
  ['memory', async () => 'memory://'],
  ['sqlite', async () => `sqlite://${join(dir, `s-${Math.random().toString(36).slice(2)}.sqlite`)}`],
  // TACT_TEST_STORE=postgres: the same checks on a real PostgreSQL
  ...(POSTGRES_MODE ? [['postgres', () => freshStore()] as [string, () => Promise<string>]] : []),
];

describe.each(backends)('on %s', (_name, url) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openStorage(await url());
  });
  afterAll(async () => {
    await storage.close();
  });

  it('nextSequence hands out 1, 2, 3 in order', async () => {
    expect(await lastSequence(storage, 'plain')).toBe(0);
    expect(await nextSequence(storage, 'plain')).toBe(1);
    expect(await nextSequence(storage, 'plain')).toBe(2);
    expect(await nextSequence(storage, 'plain')).toBe(3);
    expect(await lastSequence(storage, 'plain')).toBe(3);
    // sequences are independent
    expect(await nextSequence(storage, 'other')).toBe(1);
  });

  it('nextSequence never repeats or skips under concurrency', async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => nextSequence(storage, 'busy')));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // the hint readers start from (lists, trends) must not lag behind the numbers handed out
    expect(await lastSequence(storage, 'busy')).toBe(20);
    expect(await nextSequence(storage, 'busy')).toBe(21);
  });

  it('claim is true once, then false', async () => {
    expect(await storage.claim('once')).toBe(true);
    expect(await storage.claim('once')).toBe(false);
    expect(await storage.claim('once', 60_000)).toBe(false);
    expect(await storage.claim('twice')).toBe(true);
  });

  it('a claim with a ttl can be taken again after it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T16:00:00.000Z'));
    expect(await storage.claim('lease', 60_000)).toBe(true);
    vi.setSystemTime(new Date('2026-06-01T16:00:59.000Z'));
    expect(await storage.claim('lease', 60_000)).toBe(false);
    vi.setSystemTime(new Date('2026-06-01T16:01:00.001Z'));
    expect(await storage.claim('lease', 60_000)).toBe(true);
    expect(await storage.claim('lease', 60_000)).toBe(false);
  });

  it('release gives a claim back', async () => {
    expect(await storage.claim('given-back')).toBe(true);
    await storage.release('given-back');
    expect(await storage.claim('given-back')).toBe(true);
    expect(await storage.claim('given-back')).toBe(false);
  });

  it('readRecord returns the parsed record, undefined when absent, and throws on a bad one', async () => {
    const records = storage.collection('records');
    const Schema = z.object({ n: z.number() });
    await records.set('good', { n: 1 });
    await records.set('bad', { n: 'one' });
    expect(await readRecord(records, 'good', Schema)).toEqual({ n: 1 });
    expect(await readRecord(records, 'absent', Schema)).toBeUndefined();
    const error = await readRecord(records, 'bad', Schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TactError);
    expect((error as TactError).code).toBe('TACT_STORE_RECORD_INVALID');
    expect((error as TactError).message).toContain('"bad"');
  });

  it('NumberIndex adds once, removes, and keeps concurrent adds', async () => {
    const index = new NumberIndex(storage, 'open');
    await Promise.all([5, 2, 3, 1, 4].map((n) => storage.write([index.adding(n)])));
    await storage.write([index.adding(3)]);
    expect(await index.list()).toEqual([1, 2, 3, 4, 5]);
    await storage.write([index.removing(2)]);
    expect(await index.list()).toEqual([1, 3, 4, 5]);
  });
});

describe('runOnce', () => {
  it('runs work once per key, and gives the claim back when the work fails', async () => {
    const storage = await openStorage('memory://');
    let runs = 0;
    const work = async () => (runs += 1);
    expect(await runOnce(storage, 'k', undefined, work)).toEqual({ ran: true, value: 1 });
    expect(await runOnce(storage, 'k', undefined, work)).toEqual({ ran: false });
    await expect(runOnce(storage, 'f', undefined, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await runOnce(storage, 'f', undefined, work)).toEqual({ ran: true, value: 2 });
    await storage.close();
  });
});
