import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { JobHandler, JobQueue, JobSpec, QueueHealth } from './queue.js';

/** A job taken by one run: `token` proves the run still owns it when it finishes. */
export interface ClaimedJob extends JobSpec {
  token: string;
}

/**
 * Where an in-process runner keeps its jobs, ordered by an index on due time. A claim moves the
 * job's due time to the end of its lease, so a run that crashed simply comes due again.
 */
export interface JobTable {
  upsert(job: JobSpec): void;
  remove(key: string): void;
  /** Takes the earliest job due at `now`, leased until `leaseUntil`; undefined when nothing is due. */
  claimDue(now: number, leaseUntil: number, token: string): ClaimedJob | undefined;
  /** Moves the lease of a running job on (the run is still alive). */
  extend(key: string, token: string, leaseUntil: number): void;
  /** Deletes a finished job, unless it was scheduled again while it ran. */
  finish(key: string, token: string): void;
  /** A failed job comes due again at `at`, unless it was scheduled again while it ran. */
  retry(key: string, token: string, at: number): void;
  /** The earliest due time (leases included), or undefined when the table is empty. */
  nextAt(): number | undefined;
}

/** A crashed run is retried within a minute; a live one renews its lease long before that. */
export const LEASE_MS = 60_000;
const HEARTBEAT_MS = 20_000;
const RETRY_MS = 30_000;
/** A pass gives the event loop back after this many jobs (a large backlog, a job that re-plans itself). */
const JOBS_PER_PASS = 200;
/** setTimeout's limit: a longer delay fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The in-process runner behind the embedded default (and tests): one timer armed for the earliest
 * due job, re-armed when an earlier one is scheduled. Each pass claims due jobs one at a time from
 * the table's index, so a pass with nothing due is one indexed read whatever the backlog.
 */
export class LocalJobQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor: number | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;
  private started = false;
  private stopped = false;
  private problem: string | undefined;

  constructor(
    private readonly table: JobTable,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly engine: string,
  ) {}

  async schedule(job: JobSpec): Promise<void> {
    this.guard(() => this.table.upsert(job));
    if (this.started && (this.armedFor === undefined || job.at.getTime() < this.armedFor)) this.arm(job.at.getTime());
  }

  async cancel(key: string): Promise<void> {
    this.guard(() => this.table.remove(key));
  }

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  start(): Promise<void> {
    this.started = true;
    this.stopped = false;
    return this.runDue();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.stopped = true;
    this.disarm();
    await this.running;
  }

  health(): QueueHealth {
    return { engine: this.engine, ok: this.problem === undefined, ...(this.problem ? { problem: this.problem } : {}) };
  }

  /**
   * Runs every job due now, then (once started) arms the timer for the next. Concurrent calls
   * coalesce. Tests with a hand-set clock call it after moving the clock.
   */
  runDue(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.rerun && this.started) {
        this.rerun = false;
        void this.runDue();
      }
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    let next: number | undefined;
    try {
      for (let count = 0; count < JOBS_PER_PASS; count += 1) {
        const now = this.clock.now().getTime();
        const job = this.guard(() => this.table.claimDue(now, now + LEASE_MS, randomUUID()));
        if (!job) break;
        await this.run(job);
        if (this.stopped) return;
      }
      next = this.guard(() => this.table.nextAt());
    } catch (error) {
      this.logger.error('the job table could not be read; trying again shortly', { error: describeError(error) });
      next = this.clock.now().getTime() + RETRY_MS;
    }
    this.arm(next);
  }

  private async run(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      this.logger.warn('a job of an unknown kind was dropped', { job: job.key, kind: job.kind });
      this.guard(() => this.table.finish(job.key, job.token));
      return;
    }
    const heartbeat = setInterval(() => {
      const leaseUntil = this.clock.now().getTime() + LEASE_MS;
      try {
        this.table.extend(job.key, job.token, leaseUntil);
      } catch (error) {
        this.logger.warn('could not renew a job lease', { job: job.key, error: describeError(error) });
      }
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      await handler(job);
      this.guard(() => this.table.finish(job.key, job.token));
      this.logger.info('job done', { job: job.key });
    } catch (error) {
      this.logger.error('job failed; it will be retried', { job: job.key, error: describeError(error) });
      this.guard(() => this.table.retry(job.key, job.token, this.clock.now().getTime() + RETRY_MS));
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Table calls go through here: health reports the last failure until a call succeeds again. */
  private guard<T>(call: () => T): T {
    try {
      const result = call();
      this.problem = undefined;
      return result;
    } catch (error) {
      this.problem = describeError(error);
      throw error;
    }
  }

  private arm(next: number | undefined): void {
    this.disarm();
    if (!this.started || next === undefined) return;
    const delay = Math.min(Math.max(next - this.clock.now().getTime(), 0), MAX_TIMER_MS);
    this.armedFor = next;
    this.timer = setTimeout(() => void this.runDue(), delay);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
  }
}
