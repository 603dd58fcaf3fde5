/**
 * `npm run bench` runs these benches, one after the other:
 *   1. `/complaint` acknowledgement latency (below);
 *   2. patient messages at scale (bench/inquiries.ts): digest and reminder-scheduler time for 1,000
 *      and 10,000 open inquiries with 10,000 and 200,000 closed ones behind them;
 *   3. the redactor (bench/redactor.ts): time per text with 10,000 registered names;
 *   4. the audit trail (bench/audit.ts): recording a read, and `/tact audit` over a long trail;
 *   5. two instances on one PostgreSQL (bench/instances.ts): 1,000 complaints across both at once;
 *   6. intake under load (bench/intake.ts): 3,000 patient messages at 50/s, nobody answering;
 *   7. time to page (bench/pages.ts): a complication to the on-call provider's DM, SQLite and pg-boss.
 * Run one part only with `npm run bench -- --only <part>` (ack, inquiries, redactor, audit,
 * instances, intake, pages), or BENCH_ONLY=<part>.
 *
 * Acknowledgement latency of `/complaint P-<n> billing: charged twice` through Tact's
 * real Bolt HTTP stack (SQLite store, processBeforeResponse false as in production), next to a bare
 * Bolt app that acks the same request at once, in the same run and the same process.
 *
 * Both apps talk to a fake Slack (Web API + response_url) on 127.0.0.1, run in a child process so that
 * receiving Tact's response_url posts does not cost Tact's event loop. Requests are signed like
 * Slack's, sent one at a time over a keep-alive agent, in alternating blocks (ABBA order) so drift
 * and GC hit both apps alike. After each Tact block the bench waits for Tact's response_url posts,
 * so the bare app is never timed while Tact's after-ack work is still running; at the end it checks
 * that every post arrived and every complaint was stored.
 *
 * Environment: BENCH_N (measured requests per app, default 500), BENCH_WARMUP (default 50 per app),
 * BENCH_BLOCK (requests per block; without it both 1 and 25 are run: 1 times each Tact ack with no earlier command's work
 * still running, i.e. the ack path alone). Exit code 1 only when the work did not happen
 * (a non-200 ack, a missing response_url post, a complaint not stored); a missed target is printed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, LogLevel } from '@slack/bolt';
import { start, type Running } from '../src/main.js';
import { cleanupOnce } from './cleanup.js';
import { runAuditBench } from './audit.js';
import { runInquiryBench } from './inquiries.js';
import { runInstancesBench } from './instances.js';
import { runRedactorBench } from './redactor.js';
import { runIntakeBench } from './intake.js';
import { runPagesBench } from './pages.js';
import { startFakeSlackProcess, type FakeSlack } from './fake-slack.js';
import { commandBody, postSigned } from './slack-request.js';
import { summarize, type Summary } from './stats.js';
import { slackOf } from '../test/doubles/chat-adapters.js';

const TARGET_P50_RATIO = 1.5;
const TARGET_P99_MS = 50;
const DRAIN_TIMEOUT_MS = 15_000;
const FINAL_WAIT_MS = 30_000;

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-bench-0000-0000';
const REPORTER = 'U0STAFF01';
const MANAGER = 'U0MANAGER1';
const SPOKESPERSON = 'U0PRESS01';
const CHANNEL = 'C0FRONTDESK';

type AppName = 'tact' | 'bare';

interface Target {
  name: AppName;
  label: string;
  port: number;
  agent: Agent;
  sent: number;
  samples: number[];
}

function positiveInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`bench: ${name}="${text}" is not a positive whole number\n`);
    process.exit(2);
  }
  return value;
}

/** Tact's log level name of one JSON log line (Tact logs one JSON object a line). */
function levelOf(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    const level = typeof parsed === 'object' && parsed !== null ? (parsed as { level?: unknown }).level : undefined;
    return typeof level === 'string' ? level : 'unknown';
  } catch {
    return 'unknown';
  }
}

async function startBare(apiUrl: string): Promise<{ app: App; port: number }> {
  const app = new App({
    signingSecret: SIGNING_SECRET,
    token: BOT_TOKEN,
    botId: 'B1',
    botUserId: 'U1',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl },
  });
  app.command('/complaint', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { app, port: (server.address() as AddressInfo).port };
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(2) : '-').padStart(8);
const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

function table(bare: Summary, tact: Summary): string[] {
  const row = (label: string, s: Summary) =>
    `${label.padEnd(12)}${fmt(s.p50)}${fmt(s.p90)}${fmt(s.p99)}${fmt(s.max)}${fmt(s.mean)}`;
  const p50 = ratio(tact.p50, bare.p50);
  const p99 = ratio(tact.p99, bare.p99);
  return [
    `${'ms'.padEnd(12)}${'p50'.padStart(8)}${'p90'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}${'mean'.padStart(8)}`,
    row('bare Bolt', bare),
    row('Tact', tact),
    `${'Tact/bare'.padEnd(12)}${(p50.toFixed(2) + 'x').padStart(8)}${''.padStart(8)}${(p99.toFixed(2) + 'x').padStart(8)}`,
    '',
    `target  p50 within ${TARGET_P50_RATIO}x of bare Bolt: ${p50.toFixed(2)}x  ${p50 <= TARGET_P50_RATIO ? 'PASS' : 'MISS'}`,
    `target  Tact p99 under ${TARGET_P99_MS} ms:          ${tact.p99.toFixed(2)} ms  ${tact.p99 < TARGET_P99_MS ? 'PASS' : 'MISS'}`,
  ];
}

async function main(block: number): Promise<number> {
  const n = positiveInt('BENCH_N', 500);
  const warmup = positiveInt('BENCH_WARMUP', 50);
  const problems: string[] = [];
  const tactLog: string[] = [];

  const dir = await mkdtemp(join(tmpdir(), 'tact-bench-'));
  let fake: FakeSlack | undefined;
  let tact: Running | undefined;
  let bare: App | undefined;
  const agents: Agent[] = [];
  const cleanup = cleanupOnce(async () => {
    for (const agent of agents) agent.destroy();
    await tact?.stop().catch((e: unknown) => problems.push(`stopping Tact: ${String(e)}`));
    await bare?.stop().catch((e: unknown) => problems.push(`stopping bare Bolt: ${String(e)}`));
    await fake?.close().catch((e: unknown) => problems.push(`stopping the fake Slack: ${String(e)}`));
    await rm(dir, { recursive: true, force: true });
  });

  try {
    fake = await startFakeSlackProcess();
    tact = await start(
      {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        TACT_STORE: `sqlite://${join(dir, 'bench.sqlite')}`,
        TACT_MANAGERS: MANAGER,
        TACT_SPOKESPERSON: SPOKESPERSON,
        // warnings and errors only, kept off the terminal: counted, and a few shown at the end
        TACT_LOG_LEVEL: 'warn',
      },
      { processBeforeResponse: false, print: () => undefined, writeLog: (line) => tactLog.push(line) },
    );
    const tactPort = slackOf(tact)?.routesPort;
    if (tactPort === undefined) throw new Error('Tact did not start its Slack adapter');
    const bareStarted = await startBare(fake.apiUrl);
    bare = bareStarted.app;

    const target = (name: AppName, label: string, port: number): Target => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      return { name, label, port, agent, sent: 0, samples: [] };
    };
    const tactTarget = target('tact', 'Tact', tactPort);
    const bareTarget = target('bare', 'bare Bolt', bareStarted.port);

    let sequence = 0;
    const send = async (t: Target, measure: boolean) => {
      if (cleanup.aborted) throw new Error('interrupted');
      sequence += 1;
      const triggerId = `${sequence}.${Date.now()}.${randomBytes(8).toString('hex')}`;
      const body = commandBody({
        command: '/complaint',
        text: `P-${sequence} billing: charged twice`,
        userId: REPORTER,
        channelId: CHANNEL,
        triggerId,
        responseUrl: fake!.responseUrl(t.name, triggerId),
      });
      const result = await postSigned(t.agent, t.port, SIGNING_SECRET, body);
      t.sent += 1;
      if (result.status !== 200) problems.push(`${t.label}: HTTP ${result.status} ${result.body.slice(0, 200)}`);
      if (measure) t.samples.push(result.ms);
    };

    const drainTimes: number[] = [];
    const drainTact = async () => {
      const started = performance.now();
      const ok = await fake!.waitForResponses('tact', tactTarget.sent, DRAIN_TIMEOUT_MS);
      drainTimes.push(performance.now() - started);
      if (!ok)
        problems.push(`Tact: not all of ${tactTarget.sent} response_url posts arrived within ${DRAIN_TIMEOUT_MS} ms`);
    };

    /** `count` requests per app in blocks of `block`, ABBA order; Tact's after-ack work drained after each Tact block. */
    const run = async (count: number, measure: boolean) => {
      for (let round = 0, done = 0; done < count; round += 1) {
        const size = Math.min(block, count - done);
        const order = round % 2 === 0 ? [tactTarget, bareTarget] : [bareTarget, tactTarget];
        for (const t of order) {
          for (let i = 0; i < size; i += 1) await send(t, measure);
          if (t === tactTarget) await drainTact();
        }
        done += size;
      }
    };

    const began = performance.now();
    await run(warmup, false);
    drainTimes.length = 0;
    await run(n, true);
    const finalStarted = performance.now();
    const allArrived = await fake.waitForResponses('tact', tactTarget.sent, FINAL_WAIT_MS);
    const finalWait = performance.now() - finalStarted;
    const elapsed = performance.now() - began;

    // Count records one by one (ids are C-1, C-2, ...), and separately what Tact's own newest-first
    // walk (`since`, behind `/complaint list all`) finds: the two should agree.
    let stored = 0;
    for (let number = 1; number <= tactTarget.sent + 20; number += 1) {
      if (await tact.services.complaints.get(number)) stored += 1;
    }
    const listed = (await tact.services.complaints.since(new Date(0))).length;
    const fakeStats = await fake.stats();
    const posts = fakeStats.responses['tact'] ?? 0;
    const lastPost = fakeStats.last['tact'] ?? '';
    if (!allArrived) problems.push(`Tact: ${posts} of ${tactTarget.sent} response_url posts after ${FINAL_WAIT_MS} ms`);
    if (stored !== tactTarget.sent) problems.push(`Tact stored ${stored} complaints for ${tactTarget.sent} commands`);
    const notes: string[] = [];
    if (listed !== stored) {
      notes.push(
        `NOTE: complaints.since() lists ${listed} of the ${stored} stored complaints: the sequence hint went backwards under concurrent logs (nextSequence in src/storage.ts)`,
      );
    }
    if (!/Logged C-\d+/.test(lastPost))
      problems.push(`Tact's last response_url post is not a "Logged C-n" confirmation: ${lastPost.slice(0, 200)}`);
    if (fakeStats.responses['bare'])
      problems.push(`bare Bolt posted ${fakeStats.responses['bare']} times to response_url`);
    const errors = tactLog.filter((line) => levelOf(line) === 'error');
    if (errors.length) problems.push(`Tact logged ${errors.length} errors`);

    const bareStats = summarize(bareTarget.samples);
    const tactStats = summarize(tactTarget.samples);
    const drain = summarize(drainTimes);
    const apiCalls =
      Object.entries(fakeStats.apiCalls)
        .map(([method, count]) => `${method} ${count}`)
        .join(', ') || 'none';
    const out = [
      `/complaint ack latency, HTTP round trip on 127.0.0.1 (Node ${process.version}, ${process.platform}/${process.arch})`,
      `N=${n} measured per app after ${warmup} warm-up each, sequential, blocks of ${block} in ABBA order, keep-alive; Tact on ${tact.services.storage.description.replace(dir, '<tmp>')}, processBeforeResponse false`,
      '',
      ...table(bareStats, tactStats),
      '',
      `after the ack: ${posts}/${tactTarget.sent} Tact response_url posts arrived (final wait ${finalWait.toFixed(1)} ms); after the last ack of a Tact block its remaining work took p50 ${drain.p50.toFixed(1)} ms, max ${drain.max.toFixed(1)} ms`,
      `stored: ${stored} complaints for ${tactTarget.sent} Tact commands (warm-up included), read back by id; Web API calls: ${apiCalls}`,
      `total ${(elapsed / 1000).toFixed(1)} s; Tact warnings/errors logged: ${tactLog.length}`,
    ];
    process.stdout.write(out.join('\n') + '\n');
    for (const note of notes) process.stderr.write(`${note}\n`);
    for (const line of tactLog.slice(0, 5)) process.stderr.write(`  tact log: ${line.slice(0, 300)}\n`);
    for (const problem of problems.slice(0, 10)) process.stderr.write(`PROBLEM: ${problem}\n`);
    if (problems.length > 10) process.stderr.write(`...and ${problems.length - 10} more problems\n`);
    return problems.length ? 1 : 0;
  } finally {
    await cleanup.finish();
  }
}

/** The benches besides the acknowledgement latency (below), by the name `--only` takes. */
const OTHER_PARTS: Readonly<Record<string, () => Promise<number>>> = {
  inquiries: runInquiryBench,
  redactor: runRedactorBench,
  audit: runAuditBench,
  instances: runInstancesBench,
  intake: runIntakeBench,
  pages: runPagesBench,
};
const PARTS: readonly string[] = ['ack', ...Object.keys(OTHER_PARTS)];

/** `--only <part>` / `--only=<part>` or BENCH_ONLY=<part>; every part when neither is given. */
function selectedParts(): string[] {
  const args = process.argv.slice(2);
  const flag = args.findIndex((a) => a === '--only' || a.startsWith('--only='));
  const chosen =
    flag === -1
      ? process.env['BENCH_ONLY']
      : args[flag]?.includes('=')
        ? args[flag]?.slice('--only='.length)
        : args[flag + 1];
  if (chosen === undefined || chosen.trim() === '' || chosen === 'all') return [...PARTS];
  if (!PARTS.includes(chosen)) {
    process.stderr.write(`bench: unknown part "${chosen}"; use ${PARTS.join(', ')}\n`);
    process.exit(2);
  }
  return [chosen];
}

async function runAll(): Promise<number> {
  let code = 0;
  for (const part of selectedParts()) {
    const other = OTHER_PARTS[part];
    if (other) {
      code = Math.max(code, await other());
      continue;
    }
    // Two load shapes: one request at a time (each ack with no earlier command's work still running,
    // as a clinic's commands arrive) and bursts of 25 back to back (the work after each ack competes
    // with the next requests). BENCH_BLOCK picks one.
    const blocks = process.env['BENCH_BLOCK'] ? [positiveInt('BENCH_BLOCK', 25)] : [1, 25];
    for (const block of blocks) code = Math.max(code, await main(block));
  }
  return code;
}

runAll().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; if some library still holds a handle, do not hang.
    setTimeout(() => {
      process.stderr.write('bench: a handle stayed open after cleanup; exiting anyway\n');
      process.exit(code);
    }, 3_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
