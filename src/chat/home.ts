/**
 * Keeps home views current without flooding the platform: the people who opened their home view
 * recently are shown it again after records change, at most once per `delayMs` each (changes in
 * between are folded into one refresh), and one refresh at a time with `spacingMs` between them, so
 * a burst of changes with many viewers stays within the platform's rate limit (Slack's
 * views.publish is Tier 4, about 100 a minute).
 */
export interface HomeRefresherOptions {
  /** how long after a change a viewer's home is refreshed; changes meanwhile share that refresh */
  delayMs: number;
  /** how long after opening it a person's home view is kept current */
  keepMs: number;
  /** the pause between two refreshes, whoever they are for */
  spacingMs: number;
  publish(userId: string): Promise<void>;
  onError(error: unknown, userId: string): void;
  now?: () => number;
}

export const HOME_REFRESH_DEFAULTS = { delayMs: 3_000, keepMs: 15 * 60_000, spacingMs: 600 } as const;

export class HomeRefresher {
  /** who opened their home view, and when (platform user ids) */
  private readonly viewers = new Map<string, number>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private lane: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: HomeRefresherOptions) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** The person is looking at their home view now (it is being shown to them by the caller). */
  opened(userId: string): void {
    this.viewers.set(userId, this.now());
  }

  /** A record changed: every recent viewer gets one refresh after `delayMs`. */
  changed(): void {
    if (this.stopped) return;
    const now = this.now();
    for (const [userId, openedAt] of this.viewers) {
      if (now - openedAt > this.options.keepMs) {
        this.viewers.delete(userId);
        continue;
      }
      if (this.pending.has(userId)) continue;
      const timer = setTimeout(() => {
        this.pending.delete(userId);
        this.enqueue(userId);
      }, this.options.delayMs);
      timer.unref?.();
      this.pending.set(userId, timer);
    }
  }

  private enqueue(userId: string): void {
    if (this.stopped) return;
    this.lane = this.lane
      .then(() => this.options.publish(userId))
      .catch((error: unknown) => this.options.onError(error, userId))
      .then(() => (this.options.spacingMs > 0 ? pause(this.options.spacingMs) : undefined));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
