import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/adapters/store/index.js';
import { healthRoute, startHttpServer } from '../../../src/adapters/http/routes.js';
import type { QueueHealth } from '../../../src/jobs/queue.js';

/** /healthz tells the store's and the job engine's state: 503 when either is down. */
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function health(queue: QueueHealth, storeDown = false): Promise<{ status: number; body: unknown }> {
  const storage = await openStorage('memory://');
  if (storeDown) storage.ping = async () => Promise.reject(new Error('connection refused'));
  server = await startHttpServer([healthRoute(storage, { health: () => queue })], 0);
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('/healthz', () => {
  it('answers 200 with the job engine named when the store and the engine are up', async () => {
    expect(await health({ engine: 'pg-boss 10 (PostgreSQL)', ok: true })).toEqual({
      status: 200,
      body: { ok: true, store: 'ok', jobs: { engine: 'pg-boss 10 (PostgreSQL)', ok: true } },
    });
  });

  it('answers 503 when the job engine has lost its database, without the error text (it may hold a host)', async () => {
    const { status, body } = await health({
      engine: 'pg-boss 10 (PostgreSQL)',
      ok: false,
      problem: 'connect ECONNREFUSED 10.0.0.5:5432',
    });
    expect(status).toBe(503);
    expect(body).toEqual({
      ok: false,
      store: 'ok',
      error: 'job engine unreachable',
      jobs: { engine: 'pg-boss 10 (PostgreSQL)', ok: false },
    });
  });

  it('answers 503 when the store is down', async () => {
    const { status, body } = await health({ engine: 'in-process (SQLite)', ok: true }, true);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, error: 'store unreachable' });
  });
});
