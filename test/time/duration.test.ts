import { describe, expect, it } from 'vitest';
import { formatDuration, parseDays, parseDuration } from '../../src/time/duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 15 * 60_000],
    ['1h', 3_600_000],
    ['2d', 2 * 86_400_000],
    ['1h30m', 90 * 60_000],
    ['1d2h3m4s', 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000],
    [' 1H ', 3_600_000],
    ['1.5h', 90 * 60_000],
    ['15 m', 15 * 60_000],
  ])('%j is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '   ', 'soon', '15', '0m', '0h0m', '-5m', 'm15', '30m1h', '1w'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseDays', () => {
  it('reads whole days', () => {
    expect(parseDays('30d')).toBe(30);
    expect(parseDays('90D')).toBe(90);
    expect(parseDays(' 7d ')).toBe(7);
  });

  it.each(['0d', '30', 'd', '1.5d', '12h', '12345d', '-3d', 'thirty'])('refuses %j', (text) => {
    expect(parseDays(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('says short spans in minutes and long ones in hours or days', () => {
    expect(formatDuration(20_000)).toBe('under a minute');
    expect(formatDuration(14 * 60_000)).toBe('14 min');
    expect(formatDuration(60 * 60_000)).toBe('1 h');
    expect(formatDuration(95 * 60_000)).toBe('1 h 35 min');
    expect(formatDuration(3 * 86_400_000)).toBe('3 days');
  });
});
