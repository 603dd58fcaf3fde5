import { startPostgres, type PostgresServer } from '../doubles/postgres-server.js';

/**
 * vitest global setup: with TACT_TEST_STORE=postgres, one real PostgreSQL for the whole run
 * (test/doubles/test-store.ts makes a database per store on it); otherwise nothing.
 */
let server: PostgresServer | undefined;

export async function setup(): Promise<void> {
  if (process.env['TACT_TEST_STORE'] !== 'postgres') return;
  server = await startPostgres();
  process.env['TACT_TEST_PG_URL'] = server.url;
}

export async function teardown(): Promise<void> {
  await server?.destroy();
}
