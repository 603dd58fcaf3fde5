import { afterAll, beforeAll } from 'vitest';
import { postgresAvailable, startPostgres, type PostgresServer } from './postgres-server.js';

/**
 * One real PostgreSQL for the test file that calls this (started before its tests, destroyed after),
 * and a fresh database on it for each call of the returned function.
 */
export function postgresPerFile(prefix: string): () => Promise<string> {
  let server: PostgresServer | undefined;
  let databases = 0;
  beforeAll(async () => {
    // the file's tests are skipped where PostgreSQL is not installed (describe.runIf)
    if (postgresAvailable()) server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
  });
  return async () => {
    if (!server) throw new Error('postgresPerFile: the server has not started (call it at the top of a test file)');
    databases += 1;
    return server.database(`${prefix}_${databases}`);
  };
}
