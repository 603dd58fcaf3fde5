import type { Database, Statement } from 'better-sqlite3';
import type { ClaimedJob, JobTable } from '../../jobs/local-queue.js';
import type { JobData, JobSpec } from '../../jobs/queue.js';

/**
 * The embedded job table: `tact_jobs` in the store's own SQLite file, indexed on `at` (the due
 * time, or the end of a run's lease). Every change is one statement, so a claim is atomic even
 * with a second process on the file, and a claim survives a restart: a finished job is deleted, a
 * crashed run's job comes due again when its lease ends.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS tact_jobs (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  due INTEGER NOT NULL,
  at INTEGER NOT NULL,
  data TEXT NOT NULL,
  token TEXT
);
CREATE INDEX IF NOT EXISTS tact_jobs_at ON tact_jobs (at);
`;

interface Row {
  key: string;
  kind: string;
  due: number;
  data: string;
}

export class SqliteJobTable implements JobTable {
  private readonly upsertRow: Statement<[{ key: string; kind: string; due: number; data: string }]>;
  private readonly removeRow: Statement<[string]>;
  private readonly claimRow: Statement<[{ now: number; lease: number; token: string }], Row>;
  private readonly extendRow: Statement<[number, string, string]>;
  private readonly finishRow: Statement<[string, string]>;
  private readonly retryRow: Statement<[number, string, string]>;
  private readonly nextRow: Statement<[], { at: number }>;

  constructor(db: Database) {
    // Another connection (the record store) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.upsertRow = db.prepare(
      `INSERT INTO tact_jobs (key, kind, due, at, data, token) VALUES (@key, @kind, @due, @due, @data, NULL)
       ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, due = excluded.due, at = excluded.at, data = excluded.data, token = NULL
       WHERE kind IS NOT excluded.kind OR due IS NOT excluded.due OR data IS NOT excluded.data`,
    );
    this.removeRow = db.prepare('DELETE FROM tact_jobs WHERE key = ?');
    this.claimRow = db.prepare(
      `UPDATE tact_jobs SET at = @lease, token = @token
       WHERE key = (SELECT key FROM tact_jobs WHERE at <= @now ORDER BY at LIMIT 1)
       RETURNING key, kind, due, data`,
    );
    this.extendRow = db.prepare('UPDATE tact_jobs SET at = ? WHERE key = ? AND token = ?');
    this.finishRow = db.prepare('DELETE FROM tact_jobs WHERE key = ? AND token = ?');
    this.retryRow = db.prepare('UPDATE tact_jobs SET at = ?, token = NULL WHERE key = ? AND token = ?');
    this.nextRow = db.prepare('SELECT at FROM tact_jobs ORDER BY at LIMIT 1');
  }

  /** A job planned again unchanged (start-up, a settings change) is left as it is, even while it runs. */
  upsert(job: JobSpec): void {
    this.upsertRow.run({ key: job.key, kind: job.kind, due: job.at.getTime(), data: JSON.stringify(job.data) });
  }

  remove(key: string): void {
    this.removeRow.run(key);
  }

  claimDue(now: number, leaseUntil: number, token: string): ClaimedJob | undefined {
    const row = this.claimRow.get({ now, lease: leaseUntil, token });
    if (!row) return undefined;
    // Written by upsert() from a JobData object.
    const data = JSON.parse(row.data) as JobData;
    return { key: row.key, kind: row.kind, at: new Date(row.due), data, token };
  }

  extend(key: string, token: string, leaseUntil: number): void {
    this.extendRow.run(leaseUntil, key, token);
  }

  finish(key: string, token: string): void {
    this.finishRow.run(key, token);
  }

  retry(key: string, token: string, at: number): void {
    this.retryRow.run(at, key, token);
  }

  nextAt(): number | undefined {
    return this.nextRow.get()?.at;
  }
}
