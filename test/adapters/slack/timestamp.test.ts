import { describe, expect, it } from 'vitest';
import { MAX_SKEW_SECONDS, isFromTheFuture } from '../../../src/adapters/slack/timestamp.js';

describe('isFromTheFuture', () => {
  const now = Date.parse('2026-12-02T01:00:00.000Z');
  const seconds = Math.floor(now / 1000);

  it.each([
    [String(seconds + MAX_SKEW_SECONDS + 1), true],
    [String(seconds + 10 * 60), true],
    [[String(seconds + 3_600)], true],
    [String(seconds + MAX_SKEW_SECONDS), false],
    [String(seconds), false],
    [String(seconds - 3_600), false], // stale: Bolt refuses it
    ['', false],
    ['soon', false], // malformed: Bolt refuses it
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(isFromTheFuture(header, now)).toBe(expected);
  });
});
