import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ErrorCode, TactError } from '../../errors.js';
import { SCHEMA, type Row, type SqlDriver, type Statement } from './sql.js';

/**
 * One turn of the event loop before each statement. better-sqlite3 answers synchronously, so without
 * it a long stretch of work over many records (a scheduler pass over every open item) would run as
 * one block of promise callbacks, and an HTTP request arriving meanwhile (a Slack command waiting for
 * its ack) would wait for all of it. With it, waiting requests are served between statements, as
 * they were with an asynchronous driver.
 */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * better-sqlite3 behind the SQL driver seam. It is synchronous: a statement on a local file costs
 * microseconds, less than a thread hand-off would, so there is no worker thread. Statements are
 * prepared once and kept.
 */
export class SqliteDriver implements SqlDriver {
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  private run(sql: string, params: readonly unknown[]): Row[] {
    const statement = this.prepare(sql);
    if (statement.reader) return statement.all(...params) as Row[];
    statement.run(...params);
    return [];
  }

  async all(sql: string, params: readonly unknown[]): Promise<Row[]> {
    await turn();
    return this.run(sql, params);
  }

  async batch(statements: readonly Statement[]): Promise<void> {
    await turn();
    if (statements.length === 1 && statements[0]) {
      this.run(statements[0].sql, statements[0].params);
      return;
    }
    this.db.transaction(() => {
      for (const s of statements) this.run(s.sql, s.params);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Opens (and creates) the file, owner-only, in WAL mode, with the tables in place. */
export function openSqliteFile(file: string): Database.Database {
  try {
    // Patient records live here: only the owner of the process may read the folder.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new TactError(ErrorCode.StoreUnavailable, `Cannot create the folder for ${file}`, { cause: error });
  }
  try {
    const db = new Database(file, { timeout: 5_000 });
    // WAL lets readers and the writer work at once; the setting persists in the file.
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode loses no committed transaction on a process crash, only on power loss.
    db.pragma('synchronous = NORMAL');
    // sqlite creates its files with the process umask (often world-readable): narrow them to the owner.
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        chmodSync(file + suffix, 0o600);
      } catch {
        // the -wal and -shm files exist only while a connection is open; nothing to narrow otherwise
      }
    }
    return db;
  } catch (error) {
    throw new TactError(ErrorCode.StoreUnavailable, `Cannot open the SQLite store at ${file}`, { cause: error });
  }
}

export function createSchema(db: Database.Database): void {
  db.transaction(() => {
    for (const sql of SCHEMA) db.prepare(sql).run();
  })();
}
