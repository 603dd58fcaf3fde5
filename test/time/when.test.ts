import { describe, expect, it } from 'vitest';
import { testCalendar } from '../doubles/calendar.js';
import { normaliseWhen, readWhen, splitWhen, type When } from '../../src/time/when.js';

const calendar = testCalendar;

const NY = calendar('America/New_York');
const LONDON = calendar('Europe/London');

function ok(when: When): { at: string; shown: string; movedFrom?: string } {
  if (!when.ok) throw new Error(`expected a time, got ${when.code}`);
  return { at: when.at.toISOString(), shown: when.shown, ...(when.movedFrom ? { movedFrom: when.movedFrom } : {}) };
}

/** Instants in UTC; comments give the clinic's wall time. */
describe('readWhen in New York (fixed clock: Sun 6 Dec 2026 10:00 EST)', () => {
  const now = new Date('2026-12-06T15:00:00Z');

  it('reads a day and a clock time in the clinic zone and echoes it', () => {
    expect(ok(readWhen('tomorrow 10am', now, NY))).toEqual({
      at: '2026-12-07T15:00:00.000Z',
      shown: 'Mon 7 Dec 10:00',
    });
    expect(ok(readWhen('noon tomorrow', now, NY)).at).toBe('2026-12-07T17:00:00.000Z');
    expect(ok(readWhen('tmrw 10am', now, NY)).at).toBe('2026-12-07T15:00:00.000Z');
  });

  it('a wording without a clock time is the opening time that day', () => {
    // Tue 8 Dec 09:00 EST
    expect(ok(readWhen('in 2d', now, NY))).toEqual({ at: '2026-12-08T14:00:00.000Z', shown: 'Tue 8 Dec 09:00' });
    expect(ok(readWhen('in 2 days', now, NY)).at).toBe('2026-12-08T14:00:00.000Z');
    expect(ok(readWhen('Dec 24', now, NY))).toEqual({ at: '2026-12-24T14:00:00.000Z', shown: 'Thu 24 Dec 09:00' });
    expect(ok(readWhen('next Monday', now, NY)).shown).toMatch(/^Mon \d+ Dec 09:00$/);
  });

  it('a date the clinic is shut moves to the next open day, and says so', () => {
    // today is Sunday: closed
    expect(ok(readWhen('today', now, NY))).toEqual({
      at: '2026-12-07T14:00:00.000Z',
      shown: 'Mon 7 Dec 09:00',
      movedFrom: '2026-12-06',
    });
    const christmas = calendar('America/New_York', undefined, ['2026-12-25']);
    expect(ok(readWhen('Dec 25', now, christmas)).shown).toBe('Sat 26 Dec 09:00');
  });

  it('counts "in N hours" in real time', () => {
    expect(ok(readWhen('in 3 hours', now, NY)).at).toBe('2026-12-06T18:00:00.000Z');
    expect(ok(readWhen('in 90m', now, NY)).at).toBe('2026-12-06T16:30:00.000Z');
    expect(ok(readWhen('in2h', now, NY)).at).toBe('2026-12-06T17:00:00.000Z');
  });

  it('refuses a time already past, with a suggestion', () => {
    expect(readWhen('today 8am', now, NY)).toEqual({
      ok: false,
      code: 'past',
      shown: 'Sun 6 Dec 08:00',
      suggestion: 'tomorrow 8am',
    });
    expect(readWhen('yesterday', now, NY)).toMatchObject({ ok: false, code: 'past' });
    expect(readWhen('in 0 minutes', now, NY)).toMatchObject({ ok: false, code: 'past' });
  });

  it('refuses what is not a time, or a year away', () => {
    expect(readWhen('someday', now, NY)).toEqual({ ok: false, code: 'unreadable' });
    expect(readWhen('tomorrow call', now, NY)).toEqual({ ok: false, code: 'unreadable' });
    expect(readWhen('Dec 24 2028', now, NY)).toMatchObject({ ok: false, code: 'too-far' });
  });

  it('reads text as phones and word processors send it (no-break spaces, zero-width, full-width digits)', () => {
    expect(ok(readWhen('tomorrow\u00a010am', now, NY)).at).toBe('2026-12-07T15:00:00.000Z');
    expect(ok(readWhen('tomor\u200brow 10am', now, NY)).at).toBe('2026-12-07T15:00:00.000Z');
    expect(ok(readWhen('in ２ days', now, NY)).at).toBe('2026-12-08T14:00:00.000Z');
    expect(ok(readWhen('TOMORROW 10AM', now, NY)).at).toBe('2026-12-07T15:00:00.000Z');
    expect(normaliseWhen('in 2d')).toBe('in 2 days');
    expect(normaliseWhen('3w')).toBe('in 3 weeks');
  });

  it('gives the same answer whatever the machine zone', () => {
    const saved = process.env['TZ'];
    process.env['TZ'] = 'Asia/Tokyo';
    try {
      expect(ok(readWhen('tomorrow 10am', now, NY)).at).toBe('2026-12-07T15:00:00.000Z');
      expect(ok(readWhen('in 2d', now, NY)).at).toBe('2026-12-08T14:00:00.000Z');
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});

describe('readWhen across DST', () => {
  it('New York, March: the day clocks go forward keeps wall-clock times', () => {
    const now = new Date('2026-03-07T15:00:00Z'); // Sat 7 Mar 10:00 EST
    // Sun 8 Mar 10:00 EDT (UTC-4)
    expect(ok(readWhen('tomorrow 10am', now, NY))).toEqual({
      at: '2026-03-08T14:00:00.000Z',
      shown: 'Sun 8 Mar 10:00',
    });
    // Mon 9 Mar opening 09:00 EDT
    expect(ok(readWhen('in 2 days', now, NY)).at).toBe('2026-03-09T13:00:00.000Z');
    // a nonexistent 02:30 becomes 03:30 EDT
    expect(ok(readWhen('tomorrow 2:30am', now, NY)).at).toBe('2026-03-08T07:30:00.000Z');
    // real time: 24 hours later is 11:00 EDT
    expect(ok(readWhen('in 24 hours', now, NY))).toEqual({ at: '2026-03-08T15:00:00.000Z', shown: 'Sun 8 Mar 11:00' });
  });

  it('New York, November: the day clocks go back keeps wall-clock times', () => {
    const now = new Date('2026-10-31T14:00:00Z'); // Sat 31 Oct 10:00 EDT
    expect(ok(readWhen('tomorrow 10am', now, NY))).toEqual({
      at: '2026-11-01T15:00:00.000Z',
      shown: 'Sun 1 Nov 10:00',
    });
    // the ambiguous 01:30 is the first one (EDT)
    expect(ok(readWhen('tomorrow 1:30am', now, NY)).at).toBe('2026-11-01T05:30:00.000Z');
    // Mon 2 Nov 09:00 EST
    expect(ok(readWhen('in 2d', now, NY)).at).toBe('2026-11-02T14:00:00.000Z');
  });

  it('Europe/London, both changes', () => {
    const spring = new Date('2026-03-28T10:00:00Z'); // Sat 28 Mar 10:00 GMT
    expect(ok(readWhen('tomorrow 10am', spring, LONDON)).at).toBe('2026-03-29T09:00:00.000Z');
    expect(ok(readWhen('Monday', spring, LONDON))).toEqual({
      at: '2026-03-30T08:00:00.000Z',
      shown: 'Mon 30 Mar 09:00',
    });
    const autumn = new Date('2026-10-24T09:00:00Z'); // Sat 24 Oct 10:00 BST
    expect(ok(readWhen('tomorrow 10am', autumn, LONDON)).at).toBe('2026-10-25T10:00:00.000Z');
    expect(ok(readWhen('in 2 days', autumn, LONDON)).at).toBe('2026-10-26T09:00:00.000Z');
  });
});

describe('splitWhen', () => {
  const now = new Date('2026-12-06T15:00:00Z');

  it('takes the longest leading time and leaves the rest', () => {
    const a = splitWhen('tomorrow 10am call post-peel check-in', now, NY);
    expect(a && { whenText: a.whenText, rest: a.rest, ok: a.when.ok }).toEqual({
      whenText: 'tomorrow 10am',
      rest: 'call post-peel check-in',
      ok: true,
    });
    const b = splitWhen('in 2d text check swelling after filler', now, NY);
    expect(b && [b.whenText, b.rest]).toEqual(['in 2d', 'text check swelling after filler']);
    const c = splitWhen('Dec 24 email holiday hours', now, NY);
    expect(c && [c.whenText, c.rest]).toEqual(['Dec 24', 'email holiday hours']);
  });

  it('reports a past time rather than nothing', () => {
    expect(splitWhen('today 8am call her', now, NY)?.when).toMatchObject({ ok: false, code: 'past' });
    expect(splitWhen('check swelling', now, NY)).toBeUndefined();
  });
});
