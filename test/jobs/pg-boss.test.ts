import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgBossJobQueue } from '../../src/adapters/jobs/pg-boss.js';
import type { JobSpec } from '../../src/jobs/queue.js';
import { createLogger } from '../../src/log.js';
import { postgresAvailable, startPostgres, type PostgresServer } from '../doubles/postgres-server.js';
import { REPO_ROOT } from '../doubles/services.js';

/**
 * The PostgreSQL job engine (pg-boss 10) on a real server started by the test: several queue
 * instances on one database share the work and run each job once; a key scheduled again moves; an
 * instance killed with SIGKILL while it holds a job loses it to another within a minute; a server
 * that goes away is reported by health() without ending the process, and work resumes when it is back.
 */
let server: PostgresServer;
const queues: PgBossJobQueue[] = [];
const children: ChildProcess[] = [];
let database = 0;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});
afterAll(async () => {
  await server?.destroy();
});

function queue(url: string, lines: string[] = []): PgBossJobQueue {
  const q = new PgBossJobQueue(
    url,
    createLogger({ level: 'warn', redact: (t) => t, write: (line) => lines.push(line) }),
  );
  queues.push(q);
  return q;
}

/** A fresh database per test, so no test sees another's jobs. */
async function freshUrl(): Promise<string> {
  database += 1;
  return server.database(`jobs${database}`);
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const now = (key: string, data: JobSpec['data'] = {}): JobSpec => ({
  key,
  kind: 'test',
  at: new Date(Date.now() - 1_000),
  data,
});

describe.skipIf(!postgresAvailable())('pg-boss on a real PostgreSQL', () => {
  it('three instances on one database run each of 60 jobs exactly once', async () => {
    const url = await freshUrl();
    const ran: Array<[string, string]> = [];
    const instances = ['a', 'b', 'c'].map((name) => {
      const q = queue(url);
      q.handle('test', async (job) => void ran.push([job.key, name]));
      return q;
    });
    await Promise.all(instances.map((q) => q.start()));
    for (let n = 0; n < 60; n += 1) await instances[n % 3]!.schedule(now(`job-${n}`));
    await until(() => ran.length >= 60, '60 jobs');
    // a few more polls: nothing runs a second time
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const keys = ran.map(([key]) => key);
    expect(keys).toHaveLength(60);
    expect(new Set(keys).size).toBe(60);
  }, 90_000);

  it('a key scheduled again moves to its new time and data; a cancelled key never runs', async () => {
    const url = await freshUrl();
    const q = queue(url);
    const ran: JobSpec[] = [];
    q.handle('test', async (job) => void ran.push(job));
    await q.start();
    await q.schedule({ key: 'moved', kind: 'test', at: new Date(Date.now() + 3_600_000), data: { n: 1 } });
    await q.schedule(now('moved', { n: 2 }));
    // due in a second, not now: a job due now is fetched at once (a page must not wait for the poll),
    // and a cancel can only stop a job not yet taken
    await q.schedule({ key: 'gone', kind: 'test', at: new Date(Date.now() + 1_000), data: {} });
    await q.cancel('gone');
    await q.schedule(now('marker'));
    await until(
      () => ran.some((j) => j.key === 'marker') && ran.some((j) => j.key === 'moved'),
      'the moved job and the marker',
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(ran.map((j) => j.key).sort()).toEqual(['marker', 'moved']);
    expect(ran.find((j) => j.key === 'moved')?.data).toEqual({ n: 2 });
  }, 60_000);

  it('a job held by an instance killed with SIGKILL is run by another within a minute', async () => {
    const url = await freshUrl();
    // node itself runs the worker (the tsx CLI would run it in a grandchild that SIGKILL misses)
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/jobs/pg-boss-worker.ts', url], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await until(() => out.includes('ready'), 'the worker process', 60_000);

    const survivor = queue(url);
    const ran: string[] = [];
    // Not working yet: the worker process must be the one holding the job.
    await survivor.schedule(now('held'));
    await until(() => out.includes('took held'), 'the worker to take the job');
    child.kill('SIGKILL');
    survivor.handle('test', async (job) => void ran.push(job.key));
    await survivor.start();
    await until(() => ran.includes('held'), 'the survivor to take the job over', 60_000);
    expect(ran).toEqual(['held']);
  }, 150_000);

  it('a server that goes away is reported by health() and the process keeps running; work resumes when it is back', async () => {
    const url = await freshUrl();
    const lines: string[] = [];
    const q = queue(url, lines);
    const ran: string[] = [];
    q.handle('test', async (job) => void ran.push(job.key));
    await q.start();
    expect(q.health()).toMatchObject({ ok: true });
    // a fast shutdown: the server closes every connection under the pool
    await server.stop();
    await until(() => !q.health().ok, 'health() to report the lost server');
    expect(lines.join('\n')).toContain('the PostgreSQL job engine reported an error');
    await server.start();
    await until(() => q.health().ok, 'health() to recover', 30_000);
    await q.schedule(now('after'));
    await until(() => ran.includes('after'), 'a job after the server came back');
  }, 120_000);
});
