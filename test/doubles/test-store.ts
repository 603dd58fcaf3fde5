import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The store a test gets when it does not name one. `TACT_TEST_STORE=postgres npm test` runs the
 * suite on PostgreSQL: test/setup/postgres.ts starts one real server, and each store made here is a
 * fresh database on it; otherwise a fresh SQLite file in the folder given, or memory without one.
 */
export const POSTGRES_MODE = process.env['TACT_TEST_STORE'] === 'postgres';

/** One key per test process: a test that restarts Tact on its database must bring the same key. */
const KEY = randomBytes(32).toString('base64');
let databases = 0;

export async function freshStore(folder?: string): Promise<string> {
  if (!POSTGRES_MODE) return folder === undefined ? 'memory://' : `sqlite://${join(folder, 'tact.sqlite')}`;
  const server = process.env['TACT_TEST_PG_URL'];
  if (!server)
    throw new Error(
      'TACT_TEST_STORE=postgres needs the global setup (test/setup/postgres.ts) to have started a server',
    );
  databases += 1;
  const name = `t_${process.pid}_${databases}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** What a PostgreSQL store needs beside its URL: every instance on it shares the key. */
export function keyFor(store: string): Record<string, string> {
  return /^postgres(ql)?:/.test(store) ? { TACT_ENCRYPTION_KEY: KEY } : {};
}
