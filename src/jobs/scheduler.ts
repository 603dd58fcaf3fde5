import type { Clock } from '../clock.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import { runOnce, type Storage } from '../storage.js';

/**
 * Runs time-based work (nudges, escalations, the digest) close to its due time: one timer armed for
 * the earliest due item, re-armed after each run, instead of a slow poll. Each occurrence is claimed
 * durably before it runs, so a restart or a second instance never repeats it; an occurrence whose
 * work fails gives its claim back and is tried again. Items due while the process was down run at
 * start-up, so nothing is lost.
 */
export interface DueItem {
  /** unique per occurrence, e.g. `media:M-3:sla`; no patient data */
  key: string;
  at: Date;
  run(): Promise<void>;
}

/** Something that knows which of its items are pending; it reads only open work. */
export interface DueSource {
  name: string;
  pending(): Promise<DueItem[]>;
}

/** A safety net, not the trigger: work that appears without a poke (a new clinic day) is still found. */
const MAX_TIMER_MS = 3_600_000;
const RETRY_MS = 30_000;
/**
 * A job's claim is a lease: if the process dies between claiming and finishing, another run may
 * take it after this long. Finished jobs are recorded by their sources (e.g. `nudged`), so an
 * expired lease on finished work changes nothing.
 */
const JOB_LEASE_MS = 10 * 60_000;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;
  private stopped = false;

  private readonly sources: DueSource[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  register(...sources: DueSource[]): void {
    this.sources.push(...sources);
  }

  /** Runs what is due now and arms the timer for the next item. */
  start(): Promise<void> {
    this.stopped = false;
    return this.poke();
  }

  /** Call after anything that may add or move a due item. Concurrent pokes coalesce. */
  poke(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.cycle().finally(() => {
      this.running = undefined;
      if (this.rerun && !this.stopped) {
        this.rerun = false;
        void this.poke();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: run every due item, then arm the timer for the earliest pending one. */
  private async cycle(): Promise<void> {
    let next: number | undefined;
    for (const source of this.sources) {
      let items: DueItem[];
      try {
        items = await source.pending();
      } catch (error) {
        this.logger.error('scheduler could not read pending work', { source: source.name, error: describeError(error) });
        next = Math.min(next ?? Infinity, this.clock.now().getTime() + RETRY_MS);
        continue;
      }
      for (const item of items.sort((a, b) => a.at.getTime() - b.at.getTime())) {
        if (this.stopped) return;
        if (item.at.getTime() > this.clock.now().getTime()) {
          next = Math.min(next ?? Infinity, item.at.getTime());
          continue;
        }
        const failed = await this.runItem(item);
        if (failed) next = Math.min(next ?? Infinity, this.clock.now().getTime() + RETRY_MS);
      }
    }
    this.arm(next);
  }

  /** Runs a due item unless another run (or instance) has it; true when it failed and should be retried. */
  private async runItem(item: DueItem): Promise<boolean> {
    try {
      const result = await runOnce(this.storage, `job:${item.key}`, JOB_LEASE_MS, item.run);
      if (result.ran) this.logger.info('job done', { job: item.key });
      return false;
    } catch (error) {
      this.logger.error('job failed; it will be retried', { job: item.key, error: describeError(error) });
      return true;
    }
  }

  private arm(next: number | undefined): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const delay = Math.min(Math.max((next ?? Infinity) - this.clock.now().getTime(), 0), MAX_TIMER_MS);
    this.timer = setTimeout(() => void this.poke(), delay);
    this.timer.unref();
  }
}
