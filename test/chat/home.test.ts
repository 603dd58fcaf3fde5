import { afterEach, describe, expect, it, vi } from 'vitest';
import { HomeRefresher } from '../../src/chat/home.js';

/**
 * Home views are refreshed after changes for the people who opened them recently: one refresh per
 * person per interval however many changes came, none for people who never opened it or opened it
 * long ago, and one refresh at a time, spaced, so the platform's rate limit holds.
 */
afterEach(() => {
  vi.useRealTimers();
});

function refresher(options: { delayMs?: number; keepMs?: number; spacingMs?: number } = {}) {
  const published: Array<{ user: string; at: number }> = [];
  const errors: string[] = [];
  const home = new HomeRefresher({
    delayMs: options.delayMs ?? 3_000,
    keepMs: options.keepMs ?? 60_000,
    spacingMs: options.spacingMs ?? 0,
    now: () => Date.now(),
    publish: async (user) => {
      if (user === 'UBROKEN') throw new Error('views.publish failed');
      published.push({ user, at: Date.now() });
    },
    onError: (_error, user) => errors.push(user),
  });
  return { home, published, errors };
}

describe('HomeRefresher', () => {
  it('folds a burst of changes into one refresh per viewer, after the delay', async () => {
    vi.useFakeTimers({ now: 0 });
    const { home, published } = refresher();
    home.opened('U1');
    home.opened('U2');
    for (let i = 0; i < 20; i += 1) {
      home.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(published).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(published.map((p) => p.user).sort()).toEqual(['U1', 'U2']);
    expect(published.every((p) => p.at === 3_000)).toBe(true);
    // a later change is a new refresh
    home.changed();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(published).toHaveLength(4);
  });

  it('refreshes nobody who has not opened it, and forgets viewers after a while', async () => {
    vi.useFakeTimers({ now: 0 });
    const { home, published } = refresher({ keepMs: 10_000 });
    home.changed();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(published).toHaveLength(0);
    home.opened('U1');
    await vi.advanceTimersByTimeAsync(11_000);
    home.changed();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(published).toHaveLength(0);
  });

  it('spaces refreshes for many viewers, and a failed one does not stop the others', async () => {
    vi.useFakeTimers({ now: 0 });
    const { home, published, errors } = refresher({ delayMs: 1_000, spacingMs: 600 });
    for (const user of ['U1', 'UBROKEN', 'U2', 'U3']) home.opened(user);
    home.changed();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(errors).toEqual(['UBROKEN']);
    expect(published.map((p) => p.at)).toEqual([1_000, 2_200, 2_800]);
  });

  it('stops: waiting refreshes are dropped', async () => {
    vi.useFakeTimers({ now: 0 });
    const { home, published } = refresher();
    home.opened('U1');
    home.changed();
    home.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(published).toHaveLength(0);
  });
});
