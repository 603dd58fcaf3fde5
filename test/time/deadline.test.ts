import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/time/deadline.js';

/**
 * Reporters' deadlines in plain words, read in the clinic's time zone (America/New_York) with a
 * fixed "now". US daylight saving time starts Sunday 8 March 2026 (clocks 02:00 → 03:00) and ends
 * Sunday 1 November 2026.
 */
const NY = 'America/New_York';
const MONDAY_10AM = new Date('2026-03-02T15:00:00Z'); // Mon 2 Mar 2026, 10:00 EST
const MONDAY_6_30PM = new Date('2026-03-02T23:30:00Z'); // Mon 2 Mar 2026, 18:30 EST
const SATURDAY_BEFORE_DST = new Date('2026-03-07T20:00:00Z'); // Sat 7 Mar 2026, 15:00 EST
const SATURDAY_BEFORE_FALLBACK = new Date('2026-10-31T16:00:00Z'); // Sat 31 Oct 2026, 12:00 EDT

function read(text: string, now: Date, zone = NY): string | undefined {
  return parseDeadline(text, now, zone)?.toISOString();
}

describe('times of day, Monday 10:00 EST', () => {
  it.each([
    ['5pm', '2026-03-02T22:00:00.000Z'],
    ['by 5pm', '2026-03-02T22:00:00.000Z'],
    ['by 5 pm', '2026-03-02T22:00:00.000Z'],
    ['5:00 p.m.', '2026-03-02T22:00:00.000Z'],
    ['BY 5PM', '2026-03-02T22:00:00.000Z'],
    ['at 5pm', '2026-03-02T22:00:00.000Z'],
    ['by 17:30', '2026-03-02T22:30:00.000Z'],
    ['17:30', '2026-03-02T22:30:00.000Z'],
    ['noon', '2026-03-02T17:00:00.000Z'],
    ['12pm', '2026-03-02T17:00:00.000Z'],
    ['today eod', '2026-03-02T22:00:00.000Z'],
    ['today', '2026-03-02T22:00:00.000Z'],
    ['tonight', '2026-03-02T23:00:00.000Z'],
    ['by tonight', '2026-03-02T23:00:00.000Z'],
    ['tomorrow 10am', '2026-03-03T15:00:00.000Z'],
    ['tmrw 8am', '2026-03-03T13:00:00.000Z'],
    ['tomorrow', '2026-03-03T22:00:00.000Z'],
    ['Friday noon', '2026-03-06T17:00:00.000Z'],
    ['friday at 3pm', '2026-03-06T20:00:00.000Z'],
    ['fri 9:15am', '2026-03-06T14:15:00.000Z'],
    ['monday', '2026-03-02T22:00:00.000Z'], // today, end of the day is still ahead
  ])('%j → %s', (text, expected) => {
    expect(read(text, MONDAY_10AM)).toBe(expected);
  });
});

describe('times already past roll forward', () => {
  it('a bare time earlier than now means tomorrow', () => {
    expect(read('9am', MONDAY_10AM)).toBe('2026-03-03T14:00:00.000Z');
    expect(read('by 5pm', MONDAY_6_30PM)).toBe('2026-03-03T22:00:00.000Z');
    expect(read('10:00', MONDAY_10AM)).toBe('2026-03-03T15:00:00.000Z'); // exactly now is not ahead
  });

  it('a weekday whose time has passed today means next week', () => {
    expect(read('monday 9am', MONDAY_10AM)).toBe('2026-03-09T13:00:00.000Z'); // after the DST change: EDT
    expect(read('monday', MONDAY_6_30PM)).toBe('2026-03-09T21:00:00.000Z');
  });

  it('every result of a bare time or weekday is after now', () => {
    for (const text of ['5pm', '9am', 'noon', '17:30', 'tomorrow 10am', 'Friday noon', 'monday 9am', 'sunday 8am']) {
      for (const now of [MONDAY_10AM, MONDAY_6_30PM, SATURDAY_BEFORE_DST, SATURDAY_BEFORE_FALLBACK]) {
        const deadline = parseDeadline(text, now, NY);
        expect(deadline, `${text} at ${now.toISOString()}`).toBeDefined();
        expect(deadline!.getTime(), `${text} at ${now.toISOString()}`).toBeGreaterThan(now.getTime());
      }
    }
  });
});

describe('across a daylight saving change (local time is kept, the UTC offset changes)', () => {
  it('spring forward: Saturday 15:00 EST → Sunday and the next week are on EDT', () => {
    expect(read('tomorrow 10am', SATURDAY_BEFORE_DST)).toBe('2026-03-08T14:00:00.000Z');
    expect(read('sun 9am', SATURDAY_BEFORE_DST)).toBe('2026-03-08T13:00:00.000Z');
    expect(read('Friday noon', SATURDAY_BEFORE_DST)).toBe('2026-03-13T16:00:00.000Z');
    expect(read('noon', SATURDAY_BEFORE_DST)).toBe('2026-03-08T16:00:00.000Z'); // noon has passed: Sunday noon, EDT
    expect(read('5pm', SATURDAY_BEFORE_DST)).toBe('2026-03-07T22:00:00.000Z'); // still today, EST
  });

  it('fall back: Saturday 12:00 EDT → Sunday and the next week are on EST', () => {
    expect(read('tomorrow 10am', SATURDAY_BEFORE_FALLBACK)).toBe('2026-11-01T15:00:00.000Z');
    expect(read('Friday noon', SATURDAY_BEFORE_FALLBACK)).toBe('2026-11-06T17:00:00.000Z');
    expect(read('5pm', SATURDAY_BEFORE_FALLBACK)).toBe('2026-10-31T21:00:00.000Z'); // still EDT today
  });
});

describe('the clinic time zone decides', () => {
  it('5pm in Los Angeles is 01:00 UTC the next day; in UTC it is 17:00', () => {
    expect(read('5pm', MONDAY_10AM, 'America/Los_Angeles')).toBe('2026-03-03T01:00:00.000Z');
    expect(read('5pm', MONDAY_10AM, 'UTC')).toBe('2026-03-02T17:00:00.000Z');
  });

  it('"tomorrow" is the clinic\'s tomorrow, not UTC\'s', () => {
    // 18:30 in New York is already Tuesday in UTC; tomorrow is still Tuesday in New York.
    expect(read('tomorrow 10am', MONDAY_6_30PM)).toBe('2026-03-03T15:00:00.000Z');
  });
});

describe('what cannot be read is left to the caller', () => {
  it.each([
    'asap',
    'whenever suits you',
    'next week',
    'end of the month',
    '25:00',
    '13pm',
    '0am',
    '5',
    'by',
    '',
    'the editor',
    '17:75',
  ])('%j → undefined', (text) => {
    expect(parseDeadline(text, MONDAY_10AM, NY)).toBeUndefined();
  });
});

describe('time first, then the day', () => {
  const zone = 'America/New_York';
  const now = new Date('2026-06-01T16:00:00.000Z'); // Monday 12:00 EDT
  it.each([
    ['noon tomorrow', '2026-06-02T16:00:00.000Z'],
    ['3pm Friday', '2026-06-05T19:00:00.000Z'],
    ['10am tomorrow', '2026-06-02T14:00:00.000Z'],
    ['2pm today', '2026-06-01T18:00:00.000Z'],
  ])('"%s" reads like its day-first form', (text, expected) => {
    expect(parseDeadline(text, now, zone)?.toISOString()).toBe(expected);
  });
});
