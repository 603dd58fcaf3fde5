import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ChannelQueues, retryAfterMs } from '../../../src/adapters/slack/channel-queue.js';

/** The queue on its own: retries only rate limits, a bounded number of times, in order per channel. */
const rateLimited = (seconds: number) =>
  Object.assign(new Error('rate limited'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: seconds });

describe('ChannelQueues', () => {
  it('retries a rate-limited call after the wait Slack asked for', async () => {
    const waits: number[] = [];
    const queues = new ChannelQueues({ wait: async (ms) => void waits.push(ms) });
    let calls = 0;
    const result = await queues.run('C1', async () => {
      calls += 1;
      if (calls < 3) throw rateLimited(2);
      return 'sent';
    });
    expect(result).toBe('sent');
    expect(waits).toEqual([2_000, 2_000]);
  });

  it('gives up after the last attempt and rethrows the rate limit', async () => {
    const queues = new ChannelQueues({ wait: async () => undefined, maxAttempts: 3 });
    let calls = 0;
    const failing = queues.run('C1', async () => {
      calls += 1;
      throw rateLimited(1);
    });
    await expect(failing).rejects.toMatchObject({ retryAfter: 1 });
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    const queues = new ChannelQueues({ wait: async () => undefined });
    let calls = 0;
    await expect(
      queues.run('C1', async () => {
        calls += 1;
        throw new Error('channel_not_found');
      }),
    ).rejects.toThrow('channel_not_found');
    expect(calls).toBe(1);
  });

  it('a failed call does not stop the next one in its channel, and order holds', async () => {
    const queues = new ChannelQueues({ wait: async () => undefined });
    const order: string[] = [];
    const first = queues.run('C1', async () => {
      order.push('first');
      throw new Error('boom');
    });
    const second = queues.run('C1', async () => void order.push('second'));
    await expect(first).rejects.toThrow('boom');
    await second;
    expect(order).toEqual(['first', 'second']);
  });

  it('reads only the client rate-limit error', () => {
    expect(retryAfterMs(rateLimited(3))).toBe(3_000);
    expect(retryAfterMs(new Error('x'))).toBeUndefined();
    expect(retryAfterMs({ code: 'slack_webapi_platform_error', retryAfter: 3 })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
