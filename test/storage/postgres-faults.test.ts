import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresAvailable,
  startPostgres,
  startStalledServer,
  type PostgresServer,
} from '../doubles/postgres-server.js';
import { tactRunner } from '../doubles/console-process.js';
import { MANAGERS, startTact, stopStarted, type TactUnderTest } from '../adapters/slack/harness.js';
import { slackOf } from '../doubles/chat-adapters.js';

/**
 * A real PostgreSQL lost while Tact runs, and back; one that accepts connections and never answers;
 * one that refuses. Through the whole app: Slack commands over HTTP, /healthz, the start-up line.
 */
const KEY = randomBytes(32).toString('base64');
const NOT_SAVED = 'Anything not confirmed was not saved';
let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterEach(stopStarted);
afterAll(async () => {
  await server?.destroy();
});

async function health(tact: TactUnderTest): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${slackOf(tact.running)?.routesPort ?? 0}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe.runIf(postgresAvailable())('PostgreSQL faults', () => {
  it('lost while running: commands answer that nothing was saved, /healthz says 503, and Tact recovers by itself when the server is back', async () => {
    const tact = await startTact({ store: await server.database('lost'), env: { TACT_ENCRYPTION_KEY: KEY } });
    const manager = MANAGERS[0];
    expect((await tact.command(manager, 'P-1 billing: charged twice')).text).toContain('Logged C-1');
    expect(await health(tact)).toMatchObject({ status: 200, body: { ok: true, store: 'ok', jobs: { ok: true } } });

    await server.kill();
    const during = await tact.command(manager, 'P-2 billing: charged again');
    expect(during.text).toContain(NOT_SAVED);
    expect(during.text).not.toContain('Logged');
    expect(await health(tact)).toMatchObject({ status: 503, body: { ok: false, store: 'unreachable' } });

    await server.start();
    // The store answers at once; the job engine finds its database again on its next fetch.
    await expect
      .poll(() => health(tact), { timeout: 20_000, interval: 250 })
      .toMatchObject({ status: 200, body: { ok: true, store: 'ok', jobs: { ok: true } } });
    const after = await tact.command(manager, 'P-3 billing: charged a third time');
    expect(after.text, JSON.stringify(tact.logs.slice(-3))).toContain('Logged C-2');
    const list = (await tact.command(manager, 'list all')).text;
    expect(list).toContain('All complaints: 2');
    expect(list).not.toContain('P-2');
  }, 60_000);

  it('stopped cleanly and started again: the same, with no restart of Tact', async () => {
    const tact = await startTact({ store: await server.database('stopped'), env: { TACT_ENCRYPTION_KEY: KEY } });
    const manager = MANAGERS[0];
    await server.stop();
    expect((await tact.command(manager, 'P-4 billing: charged twice')).text).toContain(NOT_SAVED);
    await server.start();
    expect((await tact.command(manager, 'P-4 billing: charged twice')).text).toContain('Logged C-1');
  }, 60_000);
});

describe('a PostgreSQL that cannot be used at start-up', () => {
  const runTact = tactRunner();

  it('a stalled server (accepts, never answers) stops start-up with one line, no password, well within 20 s', async () => {
    const stalled = await startStalledServer();
    try {
      const result = await runTact({ TACT_STORE: stalled.url, TACT_ENCRYPTION_KEY: KEY }, []);
      expect(result.code).not.toBe(0);
      const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^Tact cannot start: TACT_STORE_UNAVAILABLE: Cannot use PostgreSQL at postgres:\/\/127\.0\.0\.1:\d+\/tact: no answer within 5 s/,
      );
      expect(result.stderr + result.stdout).not.toContain('secret-password');
    } finally {
      await stalled.close();
    }
  }, 40_000);

  it('a refused connection stops start-up with one line, not a pg-pool stack trace', async () => {
    const result = await runTact(
      { TACT_STORE: 'postgres://tact:hunter2@127.0.0.1:1/tact', TACT_ENCRYPTION_KEY: KEY },
      [],
    );
    expect(result.code).not.toBe(0);
    const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual([
      'Tact cannot start: TACT_STORE_UNAVAILABLE: Cannot use PostgreSQL at postgres://127.0.0.1:1/tact: connection refused (is the server running, and on that host and port?)',
    ]);
    expect(result.stderr).not.toContain('hunter2');
  }, 40_000);
});
