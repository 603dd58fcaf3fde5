import { webApi } from '@slack/bolt';

/**
 * Sends to Slack one queue per channel. Slack's Web API client, left to itself, answers a
 * `429 Retry-After` by pausing its one queue for every call, so one busy channel held back direct
 * messages to everyone else. The client is built with `rejectRateLimitedCalls` (it throws instead of
 * pausing) and the retry happens here, in the queue of the channel that was limited: that channel
 * waits what Slack asked and keeps its order, every other channel carries on.
 */
export interface ChannelQueueOptions {
  /** waits before a rate-limited call is tried again; tests pass one they release by hand */
  wait?: ((ms: number) => Promise<void>) | undefined;
  /** tries per call, the first included */
  maxAttempts?: number;
  /** a longer Retry-After than this fails the call at once (a reply that late is worse than an error) */
  maxWaitMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_MAX_WAIT_MS = 60_000;

/** A timer that does not keep the process alive on shutdown. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The wait Slack asked for, when the error is the client's rate-limit rejection. */
export function retryAfterMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== webApi.ErrorCode.RateLimitedError || typeof retryAfter !== 'number') return undefined;
  return Math.max(0, retryAfter) * 1000;
}

export class ChannelQueues {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly wait: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly maxWaitMs: number;

  constructor(options: ChannelQueueOptions = {}) {
    this.wait = options.wait ?? sleep;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  }

  /** Runs `call` after the earlier calls to `channel` (whatever their outcome), retrying it on 429. */
  run<T>(channel: string, call: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(channel) ?? Promise.resolve()).then(() => this.withRetries(call));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(channel, tail);
    // An idle channel leaves nothing behind.
    void tail.then(() => {
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
    });
    return result;
  }

  private async withRetries<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const waitMs = retryAfterMs(error);
        if (waitMs === undefined || attempt >= this.maxAttempts || waitMs > this.maxWaitMs) throw error;
        await this.wait(waitMs);
      }
    }
  }
}
