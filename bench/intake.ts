/**
 * Intake under load (issue 9): 3,000 patient messages on POST /intake/messages at 50 a second, with
 * nobody answering, so the open backlog grows to 3,000. Each new message used to make the scheduler
 * re-read every open record; now it schedules its two reminders on the job table, so the answer time
 * must stay flat: p99 under 100 ms in every slice of 500, and the last slice's p50 within 2x of the
 * first.
 *
 * Tact runs in this process as `npm start` would (SQLite store in a temporary folder, HTTP on a free
 * loopback port, no chat platform, so reminders would go to a discarded console stream); requests are
 * paced on a fixed 20 ms schedule over a keep-alive agent, each timed from send to the full answer.
 * Environment: BENCH_INTAKE_N (default 3000), BENCH_INTAKE_RATE (per second, default 50).
 * Exit code 1 when a message was not stored (an answer other than 201); missed targets are printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { freePort, postgresAvailable, startPostgres } from '../test/doubles/postgres-server.js';
import { start } from '../src/main.js';
import { cleanupOnce } from './cleanup.js';
import { summarize } from './stats.js';

const SLICE = 500;
const P99_TARGET_MS = 100;
const P50_GROWTH_LIMIT = 2;
const TOKEN = 'bench-intake-token-0123456789';

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

function post(port: number, agent: Agent, body: string): Promise<{ status: number; ms: number }> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/intake/messages',
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - began }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** On the SQLite default, then on a real PostgreSQL started on loopback (when the machine has one). */
export async function runIntakeBench(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'tact-bench-intake-'));
  let code = 0;
  try {
    code = await runIntakeOn('SQLite', { TACT_STORE: `sqlite://${join(dir, 'tact.sqlite')}` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (!postgresAvailable()) {
    process.stdout.write('PostgreSQL is not installed here: the intake bench ran on SQLite only\n');
    return code;
  }
  const server = await startPostgres();
  try {
    return Math.max(
      code,
      await runIntakeOn('PostgreSQL', {
        TACT_STORE: server.url,
        TACT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      }),
    );
  } finally {
    await server.destroy();
  }
}

async function runIntakeOn(storeName: string, store: Record<string, string>): Promise<number> {
  const total = positive('BENCH_INTAKE_N', 3_000);
  const rate = positive('BENCH_INTAKE_RATE', 50);
  const port = await freePort();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const running = await start(
    { ...store, PORT: String(port), TACT_INTAKE_TOKEN: TOKEN, TACT_LOG_LEVEL: 'error', TACT_MANAGERS: 'U0MANAGER1' },
    { print: () => undefined, writeLog: () => undefined, consoleOutput: discard },
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const cleanup = cleanupOnce(async () => {
    agent.destroy();
    await running.stop().catch(() => undefined);
  });
  try {
    const samples: number[] = new Array<number>(total);
    let failed = 0;
    const began = performance.now();
    const pending: Array<Promise<void>> = [];
    for (let n = 0; n < total && !cleanup.aborted; n += 1) {
      // a fixed schedule: a slow answer does not slow the senders down (an open-loop load)
      const due = began + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const body = JSON.stringify({
        id: `bench-${n}`,
        channel: n % 2 ? 'text' : 'voicemail',
        from: `+1 555 010 ${String(n % 10_000).padStart(4, '0')}`,
        text: 'please call me back about my appointment',
      });
      pending.push(
        post(port, agent, body).then(({ status, ms }) => {
          samples[n] = ms;
          if (status !== 201) failed += 1;
        }),
      );
    }
    await Promise.all(pending);
    const open = await running.services.inquiries.openCount();
    const out = [
      '',
      `Intake under load: ${total} messages at ${rate}/s on POST /intake/messages, nobody answering (Node ${process.version}, ${storeName})`,
      '',
    ];
    out.push(`${'messages'.padEnd(12)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}`);
    const slices = [];
    for (let from = 0; from < total; from += SLICE) {
      const slice = summarize(samples.slice(from, from + SLICE));
      slices.push(slice);
      out.push(
        `${`${from + 1}-${Math.min(from + SLICE, total)}`.padEnd(12)}${slice.p50.toFixed(1).padStart(10)}${slice.p99.toFixed(1).padStart(10)}${slice.max.toFixed(1).padStart(10)}`,
      );
    }
    let misses = 0;
    const worstP99 = Math.max(...slices.map((s) => s.p99));
    const growth = (slices.at(-1)?.p50 ?? 0) / (slices[0]?.p50 ?? 1);
    if (worstP99 >= P99_TARGET_MS) misses += 1;
    if (growth > P50_GROWTH_LIMIT) misses += 1;
    out.push(
      '',
      `target  p99 under ${P99_TARGET_MS} ms in every slice of ${SLICE}: worst ${worstP99.toFixed(1)} ms  ${worstP99 < P99_TARGET_MS ? 'PASS' : 'MISS'}`,
    );
    out.push(
      `target  last slice p50 within ${P50_GROWTH_LIMIT}x of the first: ${growth.toFixed(2)}x  ${growth <= P50_GROWTH_LIMIT ? 'PASS' : 'MISS'}`,
    );
    out.push(`stored ${total - failed} of ${total}; ${open} open at the end`);
    if (misses) out.push(`${misses} target(s) missed`);
    process.stdout.write(out.join('\n') + '\n');
    return failed || open !== total ? 1 : 0;
  } finally {
    await cleanup.finish();
  }
}
