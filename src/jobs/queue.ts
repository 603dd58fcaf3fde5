/**
 * The job queue port: timed work (reminders, escalations, step reminders, the digest) is a job with
 * a due time, found through an index on that time, so a pass with nothing due and a new record cost
 * the same whatever the backlog. Implementations: in-process runners on a job table (memory for
 * tests, SQLite for the embedded default) and pg-boss on PostgreSQL (src/adapters/jobs).
 */

/** What a handler needs to find its record again: numbers and names, never patient data. */
export type JobData = Readonly<Record<string, string | number>>;

export interface JobSpec {
  /** unique per occurrence, e.g. `media:M-3:spokesperson`; scheduling a key again moves its time */
  key: string;
  /** which handler runs it */
  kind: string;
  at: Date;
  data: JobData;
}

/** Throws to have the job tried again later; returns when its work is done (or no longer needed). */
export type JobHandler = (job: JobSpec) => Promise<void>;

export interface QueueHealth {
  /** e.g. `SQLite`, `pg-boss 10` */
  engine: string;
  ok: boolean;
  /** why not ok, without secrets */
  problem?: string | undefined;
}

export interface JobQueue {
  /** Upsert by key: a job already scheduled under this key moves to the new time and data. */
  schedule(job: JobSpec): Promise<void>;
  /** Forgets a job that is no longer needed (nothing happens when there is none). */
  cancel(key: string): Promise<void>;
  /** Registers the handler of a kind; call before start(). */
  handle(kind: string, handler: JobHandler): void;
  /** Starts running due jobs (those missed while down run at once). */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
  health(): QueueHealth;
}
