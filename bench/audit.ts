/**
 * Audit trail bench (issue 11): what recording a read adds before a restricted record is shown, and
 * what `/tact audit` costs when the trail is long.
 *
 * On a SQLite store in a temporary folder, through the real StoredAuditTrail (src/privacy/audit.ts):
 *   - record: one `record()` (the sequence claim, its hint and the entry), BENCH_AUDIT_SAMPLES times
 *     one after the other (default 500), as p50 / p99;
 *   - listing: `recent(days, 50)`, what `/tact audit <days>d` reads, for 1, 7 and 30 days, over a trail
 *     of BENCH_AUDIT_PER_DAY reads a day (default 500) for BENCH_AUDIT_DAYS clinic days (default 30),
 *     median of 5 runs after one warm-up. The listing reads only the days asked for, so 1 day should
 *     cost a fraction of 30 however long the trail is.
 * Exit code 1 when a listing does not return what was written.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStorage } from '../src/adapters/store/index.js';
import type { Clock } from '../src/clock.js';
import { StoredAuditTrail } from '../src/privacy/audit.js';
import { cleanupOnce } from './cleanup.js';
import { summarize } from './stats.js';

const ZONE = 'America/New_York';
/** Tuesday 1 December 2026, 12:00 in New York. */
const NOW = Date.parse('2026-12-01T17:00:00.000Z');
const DAY_MS = 86_400_000;
const LIMIT = 50;

function count(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function runAuditBench(): Promise<number> {
  const samples = count('BENCH_AUDIT_SAMPLES', 500);
  const perDay = count('BENCH_AUDIT_PER_DAY', 500);
  const days = count('BENCH_AUDIT_DAYS', 30);
  const dir = await mkdtemp(join(tmpdir(), 'tact-bench-audit-'));
  const storage = await openStorage(`sqlite://${join(dir, 'tact.sqlite')}`);
  const cleanup = cleanupOnce(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });
  try {
    let now = NOW - (days - 1) * DAY_MS;
    const clock: Clock = { now: () => new Date(now) };
    const trail = new StoredAuditTrail({ storage, clock, zone: () => ZONE });
    process.stdout.write(
      `\naudit trail on SQLite: ${perDay} reads a day for ${days} days, then ${samples} timed reads\n`,
    );
    // The history: perDay reads spread over each clinic day, oldest day first.
    for (let day = 0; day < days - 1 && !cleanup.aborted; day += 1) {
      const start = now;
      for (let i = 0; i < perDay; i += 1) {
        now = start + Math.floor((i * DAY_MS) / (perDay + 1));
        await trail.record({ actor: 'U0MANAGER1', read: 'complaint.show', records: [`C-${day * perDay + i + 1}`] });
      }
      now = start + DAY_MS;
    }
    // Today: the timed reads.
    const times: number[] = [];
    for (let i = 0; i < samples && !cleanup.aborted; i += 1) {
      now += 1_000;
      const started = performance.now();
      await trail.record({ actor: 'U0MANAGER2', read: 'complaint.list', records: ['C-1', 'C-2', 'C-3'], days: 30 });
      times.push(performance.now() - started);
    }
    const record = summarize(times);
    process.stdout.write(
      `record(): p50 ${record.p50.toFixed(2)} ms, p99 ${record.p99.toFixed(2)} ms (n=${record.n})\n`,
    );

    let problems = 0;
    process.stdout.write('| period | reads in it | listing (median of 5) |\n|---|---|---|\n');
    for (const period of [1, 7, 30].filter((p) => p <= days)) {
      await trail.recent(period, LIMIT);
      const runs: number[] = [];
      let total = 0;
      for (let run = 0; run < 5; run += 1) {
        const started = performance.now();
        const listing = await trail.recent(period, LIMIT);
        runs.push(performance.now() - started);
        total = listing.entries.length + listing.more;
        if (listing.entries.length !== Math.min(LIMIT, total)) problems += 1;
      }
      process.stdout.write(`| ${period}d | ${total} | ${median(runs).toFixed(1)} ms |\n`);
      if (total < samples) problems += 1;
    }
    if (problems)
      process.stderr.write(`bench: the audit listing did not return what was written (${problems} problems)\n`);
    return problems ? 1 : 0;
  } finally {
    await cleanup.finish();
  }
}
