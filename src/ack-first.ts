/**
 * Acknowledgements before the work they promise. A chat platform wants each request answered at once
 * (Slack: 3 s), and the work after an answer (grading, redaction, encryption, store statements) runs
 * on the same event loop as the next request's answer. In a burst, every answer would wait behind the
 * work of those before it; here that work waits instead, until the inbound side has been quiet for a
 * moment, and never longer than a cap, so a steady stream of requests cannot starve it.
 *
 * Only the start of the work is gated: once released, work runs as before, side by side, so a slow
 * model call (I/O) holds nobody back. Waiters are released in the order they asked, which keeps the
 * order in which work for one record reaches its lock. A crash inside the wait loses only work whose
 * outcome nobody was told yet: an acknowledgement claims nothing.
 */
export interface LaneTimer {
  /** milliseconds on a monotonic clock (a pinned `Date` in tests must not freeze the lane) */
  now(): number;
  after(ms: number, fire: () => void): void;
}

export interface AckFirstTiming {
  /** how long the inbound side must be still before waiting work starts */
  quietMs: number;
  /** the longest any work waits, however busy the inbound side stays */
  maxWaitMs: number;
}

/**
 * Requests of one burst come well under a millisecond apart on a LAN, so 5 ms of quiet means it is
 * over; an answer 5 ms later is nothing a person notices. The cap keeps a steady stream's answers
 * within a fraction of a second.
 */
export const ACK_FIRST_TIMING: AckFirstTiming = { quietMs: 5, maxWaitMs: 150 };

const realTimer: LaneTimer = {
  now: () => performance.now(),
  after: (ms, fire) => void setTimeout(fire, ms),
};

interface Waiter {
  release: () => void;
  deadline: number;
}

export class AckFirst {
  private lastArrival = Number.NEGATIVE_INFINITY;
  private readonly waiting: Waiter[] = [];
  private armed = false;

  constructor(
    private readonly timing: AckFirstTiming = ACK_FIRST_TIMING,
    private readonly timer: LaneTimer = realTimer,
  ) {}

  /** An adapter calls this as each request comes in, before it answers it. */
  requestArrived(): void {
    this.lastArrival = this.timer.now();
  }

  /** Resolves when work after an acknowledgement may run: at once when nothing is coming in. */
  whenQuiet(): Promise<void> {
    if (this.waiting.length === 0 && this.isQuiet(this.timer.now())) return Promise.resolve();
    return new Promise((release) => {
      this.waiting.push({ release, deadline: this.timer.now() + this.timing.maxWaitMs });
      this.arm();
    });
  }

  private isQuiet(now: number): boolean {
    return now - this.lastArrival >= this.timing.quietMs;
  }

  /** One timer at most: arrivals only move a number, the timer looks again when it fires. */
  private arm(): void {
    if (this.armed) return;
    const head = this.waiting[0];
    if (!head) return;
    const now = this.timer.now();
    const at = Math.min(this.lastArrival + this.timing.quietMs, head.deadline);
    this.armed = true;
    this.timer.after(Math.max(0, at - now), () => {
      this.armed = false;
      this.releaseDue();
      this.arm();
    });
  }

  private releaseDue(): void {
    const now = this.timer.now();
    const quiet = this.isQuiet(now);
    // Deadlines grow with arrival order, so the ones past theirs are always a prefix: order holds.
    while (this.waiting.length && (quiet || (this.waiting[0]?.deadline ?? Infinity) <= now))
      this.waiting.shift()?.release();
  }
}
