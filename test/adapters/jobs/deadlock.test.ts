import { describe, expect, it } from 'vitest';
import { retryOnDeadlock } from '../../../src/adapters/jobs/pg-boss.js';

/** Instances starting together: a deadlock victim's queue creation runs again; other errors do not. */
const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryOnDeadlock', () => {
  it('runs the work again after a deadlock, and returns its result', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls += 1;
      if (calls < 3) throw deadlock();
      return 'created';
    });
    expect([result, calls]).toEqual(['created', 3]);
  });

  it('does not retry any other error', async () => {
    let calls = 0;
    const refused = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    await expect(
      retryOnDeadlock(async () => {
        calls += 1;
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('gives up after five deadlocks in a row', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls += 1;
        throw deadlock();
      }),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(calls).toBe(5);
  });
});
