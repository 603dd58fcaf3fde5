import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStorage } from '../../src/adapters/store/index.js';
import { Scheduler, type DueItem, type DueSource } from '../../src/jobs/scheduler.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { Storage } from '../../src/storage.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/**
 * The scheduler with a fixed clock: due work runs once per occurrence key (claimed durably), work
 * that fails gives its claim back and runs again, one source that cannot list its work does not stop
 * the others, and a single timer is armed for the earliest item still ahead.
 */
let storage: Storage;
let clock: FixedClock;
let lines: Array<{ level: string; message: string; [k: string]: unknown }>;
let logger: Logger;
const schedulers: Scheduler[] = [];

beforeEach(async () => {
  storage = await openStorage('memory://');
  clock = new FixedClock('2026-06-01T16:00:00.000Z');
  lines = [];
  logger = createLogger({ level: 'debug', redact: (t) => t, write: (line) => lines.push(JSON.parse(line)) });
});
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  vi.useRealTimers();
  await storage.close();
});

function scheduler(sources: DueSource[], store: Storage = storage): Scheduler {
  const s = new Scheduler(store, clock, logger);
  s.register(...sources);
  schedulers.push(s);
  return s;
}

/** A source whose items stay pending (as a source that has not yet recorded the work would). */
function source(name: string, items: () => DueItem[]): DueSource {
  return { name, pending: async () => items() };
}

function item(key: string, at: Date | string, run: () => Promise<void>): DueItem {
  return { key, at: new Date(at), run };
}

describe('due items', () => {
  it('run once, even when their source keeps listing them', async () => {
    const run = vi.fn(async () => undefined);
    const s = scheduler([source('test', () => [item('a', '2026-06-01T15:59:00Z', run), item('b', '2026-06-01T16:00:00Z', run)])]);
    await s.start();
    expect(run).toHaveBeenCalledTimes(2);
    await s.poke();
    await s.poke();
    expect(run).toHaveBeenCalledTimes(2);
    expect(lines.filter((l) => l.message === 'job done').map((l) => l['job'])).toEqual(['a', 'b']);
  });

  it('run in order of their due time', async () => {
    const order: string[] = [];
    const record = (key: string) => async () => void order.push(key);
    const s = scheduler([
      source('test', () => [
        item('late', '2026-06-01T15:59:00Z', record('late')),
        item('early', '2026-06-01T15:00:00Z', record('early')),
        item('middle', '2026-06-01T15:30:00Z', record('middle')),
      ]),
    ]);
    await s.start();
    expect(order).toEqual(['early', 'middle', 'late']);
  });

  it('wait until they are due', async () => {
    const run = vi.fn(async () => undefined);
    const s = scheduler([source('test', () => [item('later', '2026-06-01T16:05:00Z', run)])]);
    await s.start();
    expect(run).not.toHaveBeenCalled();
    clock.advance(4 * 60_000);
    await s.poke();
    expect(run).not.toHaveBeenCalled();
    clock.advance(60_000);
    await s.poke();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('run once across two schedulers on one store (a restart, or a second instance)', async () => {
    const run = vi.fn(async () => undefined);
    const listed = () => [item('shared', '2026-06-01T15:00:00Z', run)];
    await scheduler([source('one', listed)]).start();
    await scheduler([source('two', listed)]).start();
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('failures', () => {
  it('a failing item is logged, its claim released, and it runs again on the next pass until it succeeds', async () => {
    let attempts = 0;
    const run = vi.fn(async () => {
      attempts += 1;
      if (attempts < 3) throw new Error(`delivery failed (attempt ${attempts})`);
    });
    const s = scheduler([source('test', () => [item('flaky', '2026-06-01T15:00:00Z', run)])]);
    await s.start();
    expect(run).toHaveBeenCalledTimes(1);
    const failed = lines.filter((l) => l.message === 'job failed; it will be retried');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', job: 'flaky' });
    expect(String(failed[0]?.['error'])).toContain('delivery failed (attempt 1)');
    // The claim was given back: another instance could take it now.
    expect(await storage.claim('job:flaky')).toBe(true);
    await storage.release('job:flaky');

    await s.poke();
    await s.poke();
    expect(run).toHaveBeenCalledTimes(3);
    await s.poke();
    expect(run).toHaveBeenCalledTimes(3);
    expect(lines.filter((l) => l.message === 'job done')).toHaveLength(1);
  });

  it('one failing item does not stop the next one in the same pass', async () => {
    const good = vi.fn(async () => undefined);
    const s = scheduler([
      source('test', () => [
        item('bad', '2026-06-01T15:00:00Z', async () => {
          throw new Error('boom');
        }),
        item('good', '2026-06-01T15:30:00Z', good),
      ]),
    ]);
    await s.start();
    expect(good).toHaveBeenCalledTimes(1);
  });

  it('a source whose pending() throws is logged and the other sources still run', async () => {
    const run = vi.fn(async () => undefined);
    const broken: DueSource = {
      name: 'broken source',
      pending: async () => {
        throw new Error('index unreadable');
      },
    };
    const s = scheduler([broken, source('healthy', () => [item('ok', '2026-06-01T15:00:00Z', run)])]);
    await s.start();
    expect(run).toHaveBeenCalledTimes(1);
    const logged = lines.find((l) => l.message === 'scheduler could not read pending work');
    expect(logged).toMatchObject({ level: 'error', source: 'broken source' });
    expect(String(logged?.['error'])).toContain('index unreadable');
  });
});

describe('the timer', () => {
  it('is armed for the earliest pending item and runs it when it is due; stop() disarms it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const first = vi.fn(async () => undefined);
    const second = vi.fn(async () => undefined);
    const s = scheduler([
      source('test', () => [item('first', '2026-06-01T16:00:10Z', first), item('second', '2026-06-01T16:00:30Z', second)]),
    ]);
    await s.start();
    expect(first).not.toHaveBeenCalled();

    clock.advance(9_000);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(first).not.toHaveBeenCalled();
    clock.advance(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();

    // Re-armed for the next one; stopping disarms it.
    await s.stop();
    clock.advance(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(second).not.toHaveBeenCalled();
  });

  it('retries a failed item after a while without anyone poking', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let attempts = 0;
    const run = vi.fn(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('first attempt fails');
    });
    const s = scheduler([source('test', () => [item('retry', '2026-06-01T15:00:00Z', run)])]);
    await s.start();
    expect(run).toHaveBeenCalledTimes(1);
    clock.advance(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('concurrent pokes coalesce: an item is never run twice at once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const run = vi.fn(async () => gate);
    const s = scheduler([source('test', () => [item('slow', '2026-06-01T15:00:00Z', run)])]);
    const passes = [s.start(), s.poke(), s.poke()];
    release();
    await Promise.all(passes);
    await s.poke();
    expect(run).toHaveBeenCalledTimes(1);
  });
});
