import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteJobTable } from '../../src/adapters/jobs/sqlite-table.js';
import { LEASE_MS, LocalJobQueue, type JobTable } from '../../src/jobs/local-queue.js';
import { MemoryJobTable } from '../../src/jobs/memory-table.js';
import type { JobSpec } from '../../src/jobs/queue.js';
import { createLogger } from '../../src/log.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/**
 * The in-process runner on both of its tables (memory for tests, SQLite for the embedded default),
 * with a hand-set clock: due jobs run once in due order, a key scheduled again moves, a failed job
 * comes back, one timer is armed for the earliest job. On SQLite: a restart never repeats a finished
 * job, a run that died with its process is retried within a minute, two queues on one file share.
 */
const dirs: string[] = [];
const queues: LocalJobQueue[] = [];
const handles: Database.Database[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
  vi.useRealTimers();
});
afterAll(async () => {
  for (const db of handles.splice(0)) db.close();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function sqliteFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tact-jobs-'));
  dirs.push(dir);
  return join(dir, 'jobs.sqlite');
}

function sqliteTable(file: string): SqliteJobTable {
  const db = new Database(file);
  handles.push(db);
  return new SqliteJobTable(db);
}

interface Setup {
  clock: FixedClock;
  lines: Array<Record<string, unknown>>;
  queue(table?: JobTable): LocalJobQueue;
}

function setup(makeTable: () => JobTable): Setup {
  const clock = new FixedClock('2026-06-01T16:00:00.000Z');
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'debug',
    redact: (t) => t,
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const shared = makeTable();
  return {
    clock,
    lines,
    queue(table = shared) {
      const queue = new LocalJobQueue(table, clock, logger, 'test');
      queues.push(queue);
      return queue;
    },
  };
}

const job = (key: string, at: string, data: JobSpec['data'] = {}): JobSpec => ({
  key,
  kind: 'test',
  at: new Date(at),
  data,
});

describe.each([
  ['memory', async () => () => new MemoryJobTable()],
  [
    'SQLite',
    async () => {
      const file = await sqliteFile();
      return () => sqliteTable(file);
    },
  ],
] as const)('the runner on its %s table', (_name, table) => {
  it('runs due jobs once each, earliest first, and waits for the others', async () => {
    const s = setup(await table());
    const q = s.queue();
    const ran: string[] = [];
    q.handle('test', async (j) => void ran.push(j.key));
    await q.schedule(job('late', '2026-06-01T15:59:00Z'));
    await q.schedule(job('early', '2026-06-01T15:00:00Z'));
    await q.schedule(job('future', '2026-06-01T16:05:00Z'));
    await q.runDue();
    await q.runDue();
    expect(ran).toEqual(['early', 'late']);
    s.clock.advance(5 * 60_000);
    await q.runDue();
    await q.runDue();
    expect(ran).toEqual(['early', 'late', 'future']);
  });

  it('a key scheduled again moves to its new time and data; a cancelled key never runs', async () => {
    const s = setup(await table());
    const q = s.queue();
    const ran: JobSpec[] = [];
    q.handle('test', async (j) => void ran.push(j));
    await q.schedule(job('moved', '2026-06-01T15:00:00Z', { n: 1 }));
    await q.schedule(job('moved', '2026-06-01T17:00:00Z', { n: 2 }));
    await q.schedule(job('gone', '2026-06-01T15:00:00Z'));
    await q.cancel('gone');
    await q.cancel('never-scheduled');
    await q.runDue();
    expect(ran).toEqual([]);
    s.clock.set('2026-06-01T17:00:00Z');
    await q.runDue();
    expect(ran.map((j) => [j.key, j.data, j.at.toISOString()])).toEqual([
      ['moved', { n: 2 }, '2026-06-01T17:00:00.000Z'],
    ]);
  });

  it('a failed job is logged and tried again 30 s later, until it succeeds; one failure does not stop the next job', async () => {
    const s = setup(await table());
    const q = s.queue();
    let attempts = 0;
    const good = vi.fn(async () => undefined);
    q.handle('test', async (j) => {
      if (j.key === 'good') return good();
      attempts += 1;
      if (attempts < 3) throw new Error(`delivery failed (attempt ${attempts})`);
    });
    await q.schedule(job('flaky', '2026-06-01T15:00:00Z'));
    await q.schedule(job('good', '2026-06-01T15:30:00Z'));
    await q.runDue();
    expect([attempts, good.mock.calls.length]).toEqual([1, 1]);
    const failed = s.lines.filter((l) => l['message'] === 'job failed; it will be retried');
    expect(failed[0]).toMatchObject({ level: 'error', job: 'flaky' });
    expect(String(failed[0]?.['error'])).toContain('delivery failed (attempt 1)');
    s.clock.advance(29_000);
    await q.runDue();
    expect(attempts).toBe(1);
    s.clock.advance(1_000);
    await q.runDue();
    s.clock.advance(30_000);
    await q.runDue();
    s.clock.advance(30_000);
    await q.runDue();
    expect(attempts).toBe(3);
    expect(s.lines.filter((l) => l['message'] === 'job done').map((l) => l['job'])).toEqual(['good', 'flaky']);
  });

  it('a job of a kind nobody handles is dropped with a warning, not retried for ever', async () => {
    const s = setup(await table());
    const q = s.queue();
    await q.schedule({ ...job('orphan', '2026-06-01T15:00:00Z'), kind: 'retired-kind' });
    await q.runDue();
    const ran = vi.fn(async () => undefined);
    q.handle('retired-kind', ran);
    s.clock.advance(LEASE_MS * 2);
    await q.runDue();
    expect(ran).not.toHaveBeenCalled();
    expect(s.lines.find((l) => l['message'] === 'a job of an unknown kind was dropped')).toMatchObject({
      job: 'orphan',
      kind: 'retired-kind',
    });
  });

  it('arms one timer for the earliest job, re-arms it when an earlier one is scheduled, and stop() disarms it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const s = setup(await table());
    const q = s.queue();
    const ran: string[] = [];
    q.handle('test', async (j) => void ran.push(j.key));
    await q.schedule(job('second', '2026-06-01T16:00:30Z'));
    await q.start();
    await q.schedule(job('first', '2026-06-01T16:00:10Z'));
    s.clock.advance(9_000);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(ran).toEqual([]);
    s.clock.advance(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ran).toEqual(['first']);
    await q.stop();
    s.clock.advance(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ran).toEqual(['first']);
  });

  it('reports a table that cannot be written in health() and recovers when it can', async () => {
    const s = setup(await table());
    let broken = true;
    const real = new MemoryJobTable();
    const flaky: JobTable = {
      ...Object.fromEntries(
        ['remove', 'claimDue', 'extend', 'finish', 'retry', 'nextAt'].map((m) => [
          m,
          (...args: never[]) => (real[m as keyof MemoryJobTable] as (...a: never[]) => unknown).apply(real, args),
        ]),
      ),
      upsert: (j: JobSpec) => {
        if (broken) throw new Error('disk I/O error');
        real.upsert(j);
      },
    } as JobTable;
    const q = s.queue(flaky);
    await expect(q.schedule(job('a', '2026-06-01T15:00:00Z'))).rejects.toThrow('disk I/O error');
    expect(q.health()).toMatchObject({ ok: false, problem: expect.stringContaining('disk I/O error') });
    broken = false;
    await q.schedule(job('a', '2026-06-01T15:00:00Z'));
    expect(q.health()).toEqual({ engine: 'test', ok: true });
  });
});

describe('the SQLite table across processes', () => {
  it('a restart never repeats a finished job', async () => {
    const file = await sqliteFile();
    const s = setup(() => sqliteTable(file));
    const first = s.queue();
    const ran = vi.fn(async () => undefined);
    first.handle('test', ran);
    await first.schedule(job('once', '2026-06-01T15:00:00Z'));
    await first.runDue();
    await first.stop();
    const second = s.queue(sqliteTable(file));
    second.handle('test', ran);
    s.clock.advance(LEASE_MS * 10);
    await second.start();
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('a run that died with its process is retried within a minute by the next one, not before its lease ends', async () => {
    const file = await sqliteFile();
    const s = setup(() => sqliteTable(file));
    // The dead process claimed the job and never finished it.
    const dead = sqliteTable(file);
    await s.queue(dead).schedule(job('interrupted', '2026-06-01T15:59:00Z'));
    expect(dead.claimDue(s.clock.now().getTime(), s.clock.now().getTime() + LEASE_MS, 'dead-run')?.key).toBe(
      'interrupted',
    );

    const next = s.queue(sqliteTable(file));
    const ran = vi.fn(async () => undefined);
    next.handle('test', ran);
    await next.runDue();
    expect(ran).not.toHaveBeenCalled();
    s.clock.advance(LEASE_MS);
    await next.runDue();
    expect(ran).toHaveBeenCalledTimes(1);
    expect(dead.nextAt()).toBeUndefined();
  });

  it('two queues on one file run each job once', async () => {
    const file = await sqliteFile();
    const s = setup(() => sqliteTable(file));
    const ran: string[] = [];
    const a = s.queue(sqliteTable(file));
    const b = s.queue(sqliteTable(file));
    for (const q of [a, b]) q.handle('test', async (j) => void ran.push(j.key));
    for (let n = 0; n < 20; n += 1) await (n % 2 ? a : b).schedule(job(`j${n}`, '2026-06-01T15:00:00Z'));
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    expect(ran.sort()).toEqual(Array.from({ length: 20 }, (_, n) => `j${n}`).sort());
  });

  it('a job scheduled again unchanged while it runs is finished, not run twice', async () => {
    const file = await sqliteFile();
    const s = setup(() => sqliteTable(file));
    const q = s.queue();
    let runs = 0;
    q.handle('test', async (j) => {
      runs += 1;
      // start-up or a settings change plans the same job again meanwhile
      await q.schedule(j);
    });
    await q.schedule(job('same', '2026-06-01T15:00:00Z', { n: 1 }));
    await q.runDue();
    s.clock.advance(LEASE_MS * 2);
    await q.runDue();
    expect(runs).toBe(1);
  });
});
