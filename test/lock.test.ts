import { describe, expect, it } from 'vitest';
import { SharedLock, type Leases } from '../src/lock.js';

/** Leases as the store keeps them: set-if-absent, taken again once expired. */
function leases(): Leases & { held: Map<string, number> } {
  const held = new Map<string, number>();
  return {
    held,
    async claim(key, ttlMs) {
      const expires = held.get(key);
      if (expires !== undefined && expires > Date.now()) return false;
      held.set(key, Date.now() + (ttlMs ?? Infinity));
      return true;
    },
    async release(key) {
      held.delete(key);
    },
  };
}

describe('SharedLock', () => {
  it('runs work for one key one at a time across two locks on one store (two instances)', async () => {
    const store = leases();
    const [a, b] = [new SharedLock(store), new SharedLock(store)];
    let value = 0;
    const bump = async () => {
      const read = value;
      await new Promise((r) => setTimeout(r, 3));
      value = read + 1;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).run('complaint:1', bump)));
    expect(value).toBe(20);
    expect(store.held.size).toBe(0);
  });

  it('takes over a key whose holder died once its lease runs out', async () => {
    const store = leases();
    await store.claim('lock:complaint:2', 30); // an instance that died holding the record
    const lock = new SharedLock(store, { leaseMs: 1_000, waitMs: 2_000 });
    await expect(lock.run('complaint:2', async () => 'done')).resolves.toBe('done');
  });

  it('gives up with TACT_STORE_WRITE_FAILED when the key stays busy, and frees the key after a failed work', async () => {
    const store = leases();
    await store.claim('lock:complaint:3', 60_000);
    const lock = new SharedLock(store, { leaseMs: 1_000, waitMs: 50 });
    await expect(lock.run('complaint:3', async () => 'never')).rejects.toMatchObject({
      code: 'TACT_STORE_WRITE_FAILED',
    });
    await expect(lock.run('complaint:4', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(store.held.has('lock:complaint:4')).toBe(false);
  });
});
