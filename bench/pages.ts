/**
 * Time to page (issue 10): from a `/complaint P-n complication: ...` sent to Tact's real Bolt HTTP
 * endpoint to the direct message reaching the provider on call (Slack's chat.postMessage on a fake
 * Web API), with the job queue running by itself as in production: the in-process runner on SQLite,
 * pg-boss on PostgreSQL (when installed here). One complication at a time; the target is every page
 * within 5 s.
 *
 * Environment: BENCH_PAGES_N (complications per store, default 20).
 * Exit code 1 when a page did not arrive within 15 s; a missed target is printed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { start } from '../src/main.js';
import { slackOf } from '../test/doubles/chat-adapters.js';
import { postgresAvailable, startPostgres } from '../test/doubles/postgres-server.js';
import { cleanupOnce } from './cleanup.js';
import { startFakeSlack } from './fake-slack.js';
import { commandBody, postSigned } from './slack-request.js';
import { summarize } from './stats.js';

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const TARGET_MS = 5_000;
const GIVE_UP_MS = 15_000;

export async function runPagesBench(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'tact-bench-pages-'));
  let code = 0;
  try {
    code = await runPagesOn('SQLite', { TACT_STORE: `sqlite://${join(dir, 'tact.sqlite')}` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (!postgresAvailable()) {
    process.stdout.write('PostgreSQL is not installed here: the paging bench ran on SQLite only\n');
    return code;
  }
  const server = await startPostgres();
  try {
    const key = { TACT_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    return Math.max(code, await runPagesOn('PostgreSQL (pg-boss)', { TACT_STORE: server.url, ...key }));
  } finally {
    await server.destroy();
  }
}

/** Polls the fake's count of chat.postMessage calls until it reaches `count`. */
async function pageArrived(fake: Awaited<ReturnType<typeof startFakeSlack>>, count: number): Promise<boolean> {
  const deadline = performance.now() + GIVE_UP_MS;
  while (performance.now() < deadline) {
    if (((await fake.stats()).apiCalls['chat.postMessage'] ?? 0) >= count) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return false;
}

async function runPagesOn(storeName: string, store: Record<string, string>): Promise<number> {
  const total = Number(process.env['BENCH_PAGES_N'] ?? 20);
  const fake = await startFakeSlack();
  const running = await start(
    {
      ...store,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench-0000-0000',
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      TACT_LOG_LEVEL: 'error',
      TACT_MANAGERS: 'U0MANAGER1',
      TACT_ONCALL: 'Sun-Sat U0DRONCALL',
    },
    { processBeforeResponse: false, print: () => undefined, writeLog: () => undefined },
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const cleanup = cleanupOnce(async () => {
    agent.destroy();
    await running.stop().catch(() => undefined);
    await fake.close();
  });
  try {
    const port = slackOf(running)?.routesPort;
    if (port === undefined) throw new Error('Tact did not start its Slack adapter');
    const samples: number[] = [];
    let lost = 0;
    for (let n = 1; n <= total && !cleanup.aborted; n += 1) {
      const before = (await fake.stats()).apiCalls['chat.postMessage'] ?? 0;
      const trigger = `${n}.${randomBytes(6).toString('hex')}`;
      const body = commandBody({
        command: '/complaint',
        text: `P-${n} complication: swelling and pain after filler`,
        userId: 'U0STAFF01',
        channelId: 'C0FRONTDESK',
        triggerId: trigger,
        responseUrl: fake.responseUrl('tact', trigger),
      });
      const began = performance.now();
      await postSigned(agent, port, SIGNING_SECRET, body);
      if (await pageArrived(fake, before + 1)) samples.push(performance.now() - began);
      else lost += 1;
    }
    const s = summarize(samples);
    const worst = s.max;
    process.stdout.write(
      [
        '',
        `Time to page: /complaint with a complication to the DM of the provider on call (Node ${process.version}, ${storeName}, ${total} one at a time)`,
        `ms          ${'p50'.padStart(8)}${'p90'.padStart(8)}${'max'.padStart(8)}`,
        `page        ${s.p50.toFixed(0).padStart(8)}${s.p90.toFixed(0).padStart(8)}${worst.toFixed(0).padStart(8)}`,
        `target  every page within ${TARGET_MS / 1000} s: worst ${(worst / 1000).toFixed(2)} s  ${worst < TARGET_MS && lost === 0 ? 'PASS' : 'MISS'}`,
        ...(lost ? [`${lost} page(s) did not arrive within ${GIVE_UP_MS / 1000} s`] : []),
        '',
      ].join('\n'),
    );
    return lost ? 1 : 0;
  } finally {
    await cleanup.finish();
  }
}
