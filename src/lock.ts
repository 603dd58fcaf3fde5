import { ErrorCode, TactError } from './errors.js';

/** Serialises async work per key inside one process. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** The store's atomic set-if-absent with a time limit (Storage.claim / release). */
export interface Leases {
  claim(key: string, ttlMs?: number): Promise<boolean>;
  release(key: string): Promise<void>;
}

/**
 * A lease that outlives any update (a few store round trips) by far, yet frees a record soon after
 * the instance holding it died.
 */
const LEASE_MS = 15_000;
/** Longer than a normal holder needs, shorter than a command's answer may wait. */
const WAIT_MS = 10_000;
const FIRST_RETRY_MS = 2;
const LAST_RETRY_MS = 50;

/**
 * Serialises the read-modify-write of one record (a status change, a reminder mark, a day's counters)
 * across every instance sharing the store: work for a key queues in-process first, then holds a lease
 * in the store (`lock:<key>`), so two instances never both read the old value and write over each
 * other's change. A holder that dies frees the record when its lease runs out.
 */
export class SharedLock {
  private readonly local = new KeyedLock();

  constructor(
    private readonly leases: Leases,
    private readonly timing: { leaseMs: number; waitMs: number } = { leaseMs: LEASE_MS, waitMs: WAIT_MS },
  ) {}

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const lease = `lock:${key}`;
      await this.acquire(lease);
      try {
        return await work();
      } finally {
        await this.leases.release(lease).catch(() => undefined);
      }
    });
  }

  private async acquire(lease: string): Promise<void> {
    const deadline = Date.now() + this.timing.waitMs;
    for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, LAST_RETRY_MS)) {
      if (await this.leases.claim(lease, this.timing.leaseMs)) return;
      if (Date.now() >= deadline) {
        throw new TactError(
          ErrorCode.StoreWriteFailed,
          `Another instance kept ${lease} busy for ${this.timing.waitMs / 1000} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
