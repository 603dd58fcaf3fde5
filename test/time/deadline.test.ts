import { describe, expect, it } from 'vitest';
import { readDeadline } from '../../src/time/deadline.js';

/**
 * Reporters' deadlines in plain words, read in the clinic's zone (America/New_York) against a fixed
 * "now". US daylight saving time starts Sunday 8 March 2026 (02:00 → 03:00) and ends Sunday
 * 1 November 2026 (02:00 → 01:00).
 */
const NY = 'America/New_York';
const FRIDAY_10AM = new Date('2026-12-04T15:00:00Z'); // Fri 4 Dec 2026, 10:00 EST
const FRIDAY_5_31PM = new Date('2026-12-04T22:31:00Z'); // 17:31 EST
const FRIDAY_5_36PM = new Date('2026-12-04T22:36:00Z'); // 17:36 EST
const SATURDAY_BEFORE_DST = new Date('2026-03-07T20:00:00Z'); // Sat 7 Mar 2026, 15:00 EST
const SATURDAY_BEFORE_FALLBACK = new Date('2026-10-31T16:00:00Z'); // Sat 31 Oct 2026, 12:00 EDT

function read(text: string, now: Date, zone = NY): string {
  const r = readDeadline(text, now, zone);
  return r.ok ? `${r.at.toISOString()}${r.said ? ` ${r.said}` : ''}` : r.code;
}

describe('a working morning, Friday 10:00 EST', () => {
  it.each([
    ['5pm', '2026-12-04T22:00:00.000Z'],
    ['by 5pm', '2026-12-04T22:00:00.000Z'],
    ['BY 5 PM', '2026-12-04T22:00:00.000Z'],
    ['by 17:30', '2026-12-04T22:30:00.000Z'],
    ['at 5pm', '2026-12-04T22:00:00.000Z'],
    ['noon', '2026-12-04T17:00:00.000Z'],
    ['today eod', '2026-12-04T22:00:00.000Z'],
    ['by EOD', '2026-12-04T22:00:00.000Z'],
    ['end of day', '2026-12-04T22:00:00.000Z'],
    ['close of business', '2026-12-04T22:00:00.000Z'],
    ['today', '2026-12-04T22:00:00.000Z'],
    ['tonight', '2026-12-05T01:00:00.000Z'],
    ['tomorrow noon', '2026-12-05T17:00:00.000Z'],
    ['noon tomorrow', '2026-12-05T17:00:00.000Z'],
    ['tomorrow eod', '2026-12-05T22:00:00.000Z'],
    ['tmrw 8am', '2026-12-05T13:00:00.000Z'],
    ['Friday', '2026-12-04T22:00:00.000Z'], // today's end of day is still ahead
    ['Friday noon', '2026-12-04T17:00:00.000Z'],
    ['friday 9am', '2026-12-11T14:00:00.000Z'], // today's 9am has passed: next Friday
    ['by Monday', '2026-12-07T22:00:00.000Z'],
    ['monday 3pm', '2026-12-07T20:00:00.000Z'],
    ['Dec 24', '2026-12-24T22:00:00.000Z'],
  ])('%j → %s', (text, expected) => {
    expect(read(text, FRIDAY_10AM)).toBe(expected);
  });
});

describe('late in the day, said back rather than silently moved', () => {
  it('"by 5pm" at 17:31 is tomorrow 17:00, marked rolled', () => {
    expect(read('by 5pm', FRIDAY_5_31PM)).toBe('2026-12-05T22:00:00.000Z rolled');
    expect(read('17:00', FRIDAY_5_31PM)).toBe('2026-12-05T22:00:00.000Z rolled');
  });

  it('"today eod" at 17:36 is the end of today, 23:59, never a past 17:00', () => {
    for (const text of ['today eod', 'eod', 'by EOD', 'end of the day', 'COB', 'today'])
      expect(read(text, FRIDAY_5_36PM), text).toBe('2026-12-05T04:59:00.000Z late-eod');
  });

  it('a time named for today that has passed is kept as said and marked past', () => {
    expect(read('today 5pm', FRIDAY_5_31PM)).toBe('2026-12-04T22:00:00.000Z past');
    expect(read('today noon', FRIDAY_5_31PM)).toBe('2026-12-04T17:00:00.000Z past');
  });

  it('a weekday that is today, after its time, is next week (not rolled, not past)', () => {
    expect(read('Friday', FRIDAY_5_36PM)).toBe('2026-12-11T22:00:00.000Z');
    expect(read('friday noon', FRIDAY_5_36PM)).toBe('2026-12-11T17:00:00.000Z');
  });

  it('tomorrow at 17:36 is plain tomorrow', () => {
    expect(read('tomorrow noon', FRIDAY_5_36PM)).toBe('2026-12-05T17:00:00.000Z');
    expect(read('midnight', FRIDAY_5_36PM)).toBe('2026-12-05T05:00:00.000Z');
  });
});

describe('wordings not understood are reported, not guessed', () => {
  it.each(['by end of next week sometime', 'asap', 'when you can', 'before the show', '', 'by'])(
    '%j → unreadable',
    (text) => {
      expect(read(text, FRIDAY_10AM)).toBe('unreadable');
    },
  );

  it('a date more than a year ahead is too far', () => {
    expect(read('Dec 24 2028', FRIDAY_10AM)).toBe('too-far');
  });
});

describe('text as people type it', () => {
  it.each([
    ['by\u200B 5pm', '2026-12-04T22:00:00.000Z'], // zero-width space
    ['by ５pm', '2026-12-04T22:00:00.000Z'], // full-width digit
    ['by 5pm.', '2026-12-04T22:00:00.000Z'],
    ['Tomorrow  Noon', '2026-12-05T17:00:00.000Z'],
    ['by\u00A05pm', '2026-12-04T22:00:00.000Z'], // no-break space
  ])('%j → %s', (text, expected) => {
    expect(read(text, FRIDAY_10AM)).toBe(expected);
  });
});

describe('across daylight saving time', () => {
  it('spring forward: a nonexistent 02:30 becomes 03:30 EDT, and 10am is EDT', () => {
    expect(read('tomorrow 2:30am', SATURDAY_BEFORE_DST)).toBe('2026-03-08T07:30:00.000Z');
    expect(read('tomorrow 10am', SATURDAY_BEFORE_DST)).toBe('2026-03-08T14:00:00.000Z');
    expect(read('monday eod', SATURDAY_BEFORE_DST)).toBe('2026-03-09T21:00:00.000Z');
  });

  it('fall back: an ambiguous 01:30 is the first (EDT), and the end of Monday is EST', () => {
    expect(read('tomorrow 1:30am', SATURDAY_BEFORE_FALLBACK)).toBe('2026-11-01T05:30:00.000Z');
    expect(read('by monday', SATURDAY_BEFORE_FALLBACK)).toBe('2026-11-02T22:00:00.000Z');
  });

  it('another zone reads the same words on its own clock', () => {
    expect(read('by 5pm', new Date('2026-12-04T09:00:00Z'), 'Europe/London')).toBe('2026-12-04T17:00:00.000Z');
  });
});
