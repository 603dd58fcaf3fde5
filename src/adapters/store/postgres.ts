import pg from 'pg';
import { ErrorCode, TactError } from '../../errors.js';
import { SCHEMA, type Row, type SqlDriver, type Statement } from './sql.js';
import { safeUrl } from './url.js';

/**
 * Time limits, so that a lost or stalled server turns into an answer ("nothing was saved") within
 * 15 s instead of a wait: connecting, each statement on the server, and each query on the client.
 */
export const CONNECT_TIMEOUT_MS = 5_000;
export const QUERY_TIMEOUT_MS = 8_000;
/** any number works, as long as every instance takes the same lock to create the tables */
const SCHEMA_LOCK = 7_305_111;

const placeholders = new Map<string, string>();

/** `?` → `$1, $2...` (Tact's statements hold no `?` inside literals). */
function numbered(sql: string): string {
  let text = placeholders.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${(n += 1)}`);
    placeholders.set(sql, text);
  }
  return text;
}

export class PostgresDriver implements SqlDriver {
  constructor(readonly pool: pg.Pool) {
    // An idle client whose server went away emits `error` on the pool; unheard, it would end the
    // process. The pool drops that client and opens a new one on the next query: that is the
    // recovery. The statements that fail meanwhile report the fault to their callers.
    pool.on('error', () => undefined);
  }

  async all(sql: string, params: readonly unknown[]): Promise<Row[]> {
    return (await this.pool.query(numbered(sql), [...params])).rows as Row[];
  }

  async batch(statements: readonly Statement[]): Promise<void> {
    if (statements.length === 1 && statements[0]) {
      await this.all(statements[0].sql, statements[0].params);
      return;
    }
    const client = await this.pool.connect();
    // A checked-out client's errors are not the pool's: heard here, the query in flight rejects.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      for (const s of statements) await client.query(numbered(s.sql), [...s.params]);
      await client.query('COMMIT');
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', ignore);
      // a client that failed mid-transaction is thrown away rather than reused
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    // pg's end() throws when called twice; a core and a test may both close the same store
    if (!this.pool.ended) await this.pool.end();
  }
}

export async function openPostgresPool(url: string): Promise<PostgresDriver> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    statement_timeout: QUERY_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'tact',
  });
  const driver = new PostgresDriver(pool);
  try {
    // Two instances starting at once would race on CREATE TABLE IF NOT EXISTS; the lock orders them.
    await driver.batch([
      { sql: 'SELECT pg_advisory_xact_lock(?)', params: [SCHEMA_LOCK] },
      ...SCHEMA.map((sql) => ({ sql, params: [] })),
    ]);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new TactError(ErrorCode.StoreUnavailable, `Cannot use PostgreSQL at ${safeUrl(url)}: ${plainReason(error)}`);
  }
  return driver;
}

/** One line without the URL or password in it (pg's own messages never hold the password). */
export function plainReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused (is the server running, and on that host and port?)';
  if (/timeout/i.test(error.message)) return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s (${error.message})`;
  if (error instanceof AggregateError && error.errors[0] instanceof Error) return plainReason(error.errors[0]);
  return error.message;
}
