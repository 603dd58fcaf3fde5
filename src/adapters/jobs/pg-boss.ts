import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { ErrorCode, TactError, describeError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { JobHandler, JobQueue, JobSpec, QueueHealth } from '../../jobs/queue.js';

/**
 * Timed work on PostgreSQL, on pg-boss 10 (the last major for Node 20): every instance works one
 * queue, and pg-boss hands each due job to one of them (SKIP LOCKED). A job a crashed instance had
 * taken expires after EXPIRE_S and is retried by whoever polls next; pg-boss's maintenance, which
 * does that, runs every MAINTENANCE_S on some instance. Errors (a lost connection) are logged and
 * reported by health() until a fetch succeeds again; the pool reconnects by itself.
 */
const QUEUE = 'tact-jobs';
/**
 * Our jobs are one or two chat posts: a run still active after EXPIRE_S has died with its instance.
 * Expiry, the next maintenance and the retry delay add up to well under a minute before another
 * instance takes the job over.
 */
const EXPIRE_S = 20;
const MAINTENANCE_S = 10;
const POLL_MS = 2_000;
const RETRY_DELAY_S = 15;
const BATCH = 20;
/** pg-boss counts expiries as failures: a reminder keeps being retried while chat is down. */
const RETRY_LIMIT = 10_000;

const Stored = z.object({
  key: z.string(),
  kind: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** pg-boss ids are uuids: one derived from the key makes "schedule again" find the same job. */
export function jobIdOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const LIVE_STATES = new Set(['created', 'retry', 'active']);

/** jsonb does not keep key order: compare what the job means. */
function sameJob(stored: unknown, wanted: z.infer<typeof Stored>): boolean {
  const parsed = Stored.safeParse(stored);
  if (!parsed.success) return false;
  const canonical = (data: Record<string, string | number>) =>
    JSON.stringify(Object.entries(data).sort(([a], [b]) => a.localeCompare(b)));
  const job = parsed.data;
  return job.kind === wanted.kind && job.at === wanted.at && canonical(job.data) === canonical(wanted.data);
}

export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, JobHandler>();
  private problem: string | undefined;
  private ready: Promise<void> | undefined;
  private polling: Promise<void> | undefined;
  private stopping = false;
  /** ends the wait between two fetches (stop, a job due now) */
  private wake: (() => void) | undefined;
  /** a job due now was sent since the last fetch began: fetch again without waiting */
  private dueNow = false;

  constructor(
    connectionString: string,
    private readonly logger: Logger,
  ) {
    this.boss = new PgBoss({
      connectionString,
      max: 4,
      maintenanceIntervalSeconds: MAINTENANCE_S,
      monitorStateIntervalSeconds: 60,
      schedule: false,
    });
    // Without a listener an 'error' event would end the process (a lost connection, a failed poll).
    this.boss.on('error', (error) => this.report(error));
  }

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  start(): Promise<void> {
    this.ready ??= this.open();
    return this.ready;
  }

  private async open(): Promise<void> {
    try {
      await this.boss.start();
      await retryOnDeadlock(() => this.boss.createQueue(QUEUE, { name: QUEUE }));
      this.polling = this.poll();
    } catch (error) {
      throw new TactError(ErrorCode.JobQueueUnavailable, 'the PostgreSQL job engine (pg-boss) could not start', {
        cause: error,
      });
    }
  }

  /**
   * Our own fetch loop rather than boss.work(): pg-boss's worker completes and fails jobs without
   * awaiting them, so a connection lost at that moment is an unhandled rejection that ends the
   * process. Here every call is awaited and a failure is logged; a full batch is followed at once
   * by the next fetch, so a backlog keeps moving.
   */
  private async poll(): Promise<void> {
    while (!this.stopping) {
      let fetched = 0;
      this.dueNow = false;
      try {
        const jobs = (await this.boss.fetch<unknown>(QUEUE, { batchSize: BATCH })) ?? [];
        fetched = jobs.length;
        this.problem = undefined;
        for (const job of jobs) {
          try {
            await this.run(job.data);
            await this.boss.complete(QUEUE, job.id);
          } catch (error) {
            await this.boss
              .fail(QUEUE, job.id, { message: describeError(error) })
              .catch((failure: unknown) => this.report(failure));
          }
        }
      } catch (error) {
        this.report(error);
      }
      if (fetched < BATCH && !this.stopping && !this.dueNow) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private report(error: unknown): void {
    this.problem = describeError(error);
    this.logger.error('the PostgreSQL job engine reported an error; it keeps retrying', { error: this.problem });
  }

  private async run(raw: unknown): Promise<void> {
    const stored = Stored.parse(raw);
    const handler = this.handlers.get(stored.kind);
    if (!handler) {
      this.logger.warn('a job of an unknown kind was dropped', { job: stored.key, kind: stored.kind });
      return;
    }
    try {
      await handler({ key: stored.key, kind: stored.kind, at: new Date(stored.at), data: stored.data });
      this.logger.info('job done', { job: stored.key });
    } catch (error) {
      this.logger.error('job failed; it will be retried', { job: stored.key, error: describeError(error) });
      throw error;
    }
  }

  async schedule(job: JobSpec): Promise<void> {
    await this.start();
    const id = jobIdOf(job.key);
    const data = { key: job.key, kind: job.kind, at: job.at.toISOString(), data: job.data };
    const existing = await this.boss.getJobById<unknown>(QUEUE, id);
    // Planned again unchanged (start-up, a settings change): leave it, even while it runs.
    if (existing && LIVE_STATES.has(existing.state) && sameJob(existing.data, data)) return;
    await this.boss.deleteJob(QUEUE, id);
    await this.boss.send(QUEUE, data, {
      id,
      startAfter: job.at,
      expireInSeconds: EXPIRE_S,
      retryDelay: RETRY_DELAY_S,
      retryLimit: RETRY_LIMIT,
    });
    // Due now (an urgent page's first round) and runnable here: fetched at once, not at the next poll.
    if (job.at.getTime() <= Date.now() && this.handlers.has(job.kind)) {
      this.dueNow = true;
      this.wake?.();
    }
  }

  async cancel(key: string): Promise<void> {
    await this.start();
    await this.boss.deleteJob(QUEUE, jobIdOf(key));
  }

  async stop(): Promise<void> {
    if (!this.ready) return;
    await this.ready.catch(() => undefined);
    this.stopping = true;
    this.wake?.();
    await this.polling;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  health(): QueueHealth {
    return {
      engine: 'pg-boss 10 (PostgreSQL)',
      ok: this.problem === undefined,
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }
}

/** PostgreSQL's code for a deadlock: one of the transactions was rolled back and may simply run again. */
const DEADLOCK = '40P01';
const DEADLOCK_TRIES = 5;

/**
 * Several instances starting at once on a fresh database each create pg-boss's queue, and PostgreSQL
 * may pick one of them as a deadlock victim; the victim's work was rolled back whole, so it runs again
 * after a short, randomised pause.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: unknown }).code !== DEADLOCK || attempt >= DEADLOCK_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}
