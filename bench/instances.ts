/**
 * Two Tact instances on one real PostgreSQL (issue 9): 1,000 complaints sent across both at once.
 * Each instance has its own core and connection pool, as two processes would; the complaints go
 * through the command dispatcher (`/complaint P-<n> billing: ...`), alternating between the
 * instances, BENCH_PG_CONCURRENCY (default 50) in flight at a time. Checks: 1,000 records, ids
 * 1..1,000 with no gap or repeat, every one in `/complaint list all` on either instance. Prints the
 * wall time, complaints a second and the per-command p50/p99.
 *
 * Needs PostgreSQL 15's binaries (/usr/lib/postgresql/15/bin, or TACT_TEST_PG_BIN); the server runs
 * in a temp folder on loopback and is removed afterwards. Exit code 1 when a check fails; 0 and a
 * note when PostgreSQL is not installed.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { findCommand } from '../commands/index.js';
import type { CommandContext } from '../src/chat/command.js';
import { dispatch } from '../src/chat/dispatch.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { buildCore, type Core } from '../src/main.js';
import { postgresAvailable, startPostgres } from '../test/doubles/postgres-server.js';
import { cleanupOnce } from './cleanup.js';
import { summarize } from './stats.js';

const COMPLAINTS = 1_000;
const MANAGER = 'U0MANAGER1';

async function send(core: Core, text: string, user: string): Promise<string> {
  const command = findCommand('complaint');
  if (!command) throw new Error('no /complaint');
  const ctx: CommandContext = {
    actor: { id: user },
    place: { platform: 'slack', channelId: 'C0FRONTDESK' },
    services: core.services,
  };
  return JSON.stringify(await dispatch(command, text, ctx));
}

export async function runInstancesBench(): Promise<number> {
  if (!postgresAvailable()) {
    process.stdout.write('\n== Two instances on PostgreSQL: skipped (no PostgreSQL binaries) ==\n');
    return 0;
  }
  const concurrency = Number(process.env['BENCH_PG_CONCURRENCY'] ?? 50);
  const server = await startPostgres();
  const cores: Core[] = [];
  const cleanup = cleanupOnce(async () => {
    for (const core of cores) {
      await core.jobs.close().catch(() => undefined);
      await core.storage.close().catch(() => undefined);
    }
    await server.destroy();
  });
  try {
    const config = loadConfig({
      TACT_STORE: await server.database('bench'),
      TACT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TACT_MANAGERS: MANAGER,
    });
    for (let i = 0; i < 2; i += 1)
      cores.push(await buildCore(config, { clock: systemClock, logLevel: 'error', writeLog: () => undefined }));
    const samples: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let n = next++; n < COMPLAINTS; n = next++) {
        const at = performance.now();
        // a patient on each instance in turn: half of them log their second complaint on the other one
        const reply = await send(cores[n % 2] as Core, `P-${n % 500} billing: charged twice`, 'U0STAFF01');
        samples.push(performance.now() - at);
        if (!reply.includes('Logged C-')) failures.push(reply.slice(0, 200));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const wall = performance.now() - started;

    const problems = [...failures];
    const [a, b] = cores as [Core, Core];
    const numbers = (await a.services.complaints.openComplaints()).map((c) => c.number).sort((x, y) => x - y);
    const missing = Array.from({ length: COMPLAINTS }, (_, i) => i + 1).filter((n) => !numbers.includes(n));
    if (numbers.length !== COMPLAINTS || missing.length)
      problems.push(`open index holds ${numbers.length} complaints; missing ids: ${missing.slice(0, 10).join(', ')}`);
    for (const [name, core] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const listed = await send(core, 'list all', MANAGER);
      if (!listed.includes(`All complaints: ${COMPLAINTS}`))
        problems.push(`/complaint list all on ${name} does not list ${COMPLAINTS}`);
    }
    const stats = summarize(samples);
    process.stdout.write(
      `\n== Two instances on one PostgreSQL: ${COMPLAINTS} complaints, ${concurrency} in flight ==\n` +
        `  wall ${wall.toFixed(0)} ms (${((COMPLAINTS / wall) * 1000).toFixed(0)} complaints/s); per command p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms\n` +
        `  records ${numbers.length}, ids 1..${numbers.at(-1) ?? 0}, ${missing.length} missing; list all: ${problems.some((p) => p.includes('list all')) ? 'INCOMPLETE' : 'every one on both instances'}\n`,
    );
    for (const problem of problems.slice(0, 10)) process.stderr.write(`  problem: ${problem}\n`);
    return problems.length ? 1 : 0;
  } finally {
    await cleanup.finish();
  }
}
