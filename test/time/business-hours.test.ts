import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  endOfBusinessDays,
  parseBusinessHours,
  type BusinessCalendar,
} from '../../src/time/business-hours.js';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const MINUTE = 60_000;

function calendar(text: string, zone = NY): BusinessCalendar {
  const week = parseBusinessHours(text);
  if (!week) throw new Error(`test calendar did not parse: ${text}`);
  return { zone, week };
}

const clinic = calendar('Mon-Fri 09:00-18:00; Sat 09:00-14:00');
const weekdays = calendar('Mon-Fri 09:00-18:00');
const everyDay = calendar('Mon-Sun 09:00-18:00');

/** Instants are written in UTC; comments give the New York wall time (EST = UTC-5, EDT = UTC-4). */
const at = (iso: string) => new Date(iso);

describe('parseBusinessHours', () => {
  it('reads ranges and single days, Sunday first as Date#getDay', () => {
    const week = parseBusinessHours('Mon-Fri 09:00-18:00; Sat 09:00-14:00');
    expect(week).toEqual([
      [],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 840 }],
    ]);
  });

  it('reads comma-separated days', () => {
    const week = parseBusinessHours('Mon,Wed 08:00-12:00');
    expect(week?.[1]).toEqual([{ open: 480, close: 720 }]);
    expect(week?.[3]).toEqual([{ open: 480, close: 720 }]);
    for (const closed of [0, 2, 4, 5, 6]) expect(week?.[closed]).toEqual([]);
  });

  it('accepts a range that wraps over the weekend and single-digit hours', () => {
    const week = parseBusinessHours('Fri-Mon 9:30-17:00');
    for (const open of [5, 6, 0, 1]) expect(week?.[open]).toEqual([{ open: 570, close: 1020 }]);
    for (const closed of [2, 3, 4]) expect(week?.[closed]).toEqual([]);
  });

  it('lets a later segment override an earlier one for the same day', () => {
    const week = parseBusinessHours('Mon-Fri 09:00-18:00; Fri 09:00-13:00');
    expect(week?.[4]).toEqual([{ open: 540, close: 1080 }]);
    expect(week?.[5]).toEqual([{ open: 540, close: 780 }]);
  });

  it('reads several spans a day (a lunch break), separated by a comma, & or and', () => {
    const lunch = [
      { open: 540, close: 750 },
      { open: 810, close: 1080 },
    ];
    for (const text of [
      'Mon-Fri 09:00-12:30, 13:30-18:00',
      'Mon-Fri 09:00-12:30 & 13:30-18:00',
      'Mon-Fri 9:00-12:30 and 13:30-18:00',
    ]) {
      const week = parseBusinessHours(text);
      for (const day of [1, 2, 3, 4, 5]) expect(week?.[day]).toEqual(lunch);
      expect(week?.[0]).toEqual([]);
    }
    expect(parseBusinessHours('Mon-Fri 09:00-12:30, 13:30-18:00; Sat 09:00-14:00')?.[6]).toEqual([
      { open: 540, close: 840 },
    ]);
  });

  it.each([
    ['Mon 18:00-09:00', 'closes before it opens'],
    ['Mon 09:00-09:00', 'opens and closes at once'],
    ['Funday 9-5', 'unknown day, no minutes'],
    ['Mon 9-5', 'hours without minutes'],
    ['Monday 09:00-17:00', 'a day name longer than three letters'],
    ['Mon-Fxi 09:00-17:00', 'a misspelt range end'],
    ['Mon 09:60-10:00', 'minute 60'],
    ['Mon 09:00-25:00', 'past midnight'],
    ['', 'empty'],
    [' ; ', 'only separators'],
    ['09:00-18:00', 'no days'],
    ['Mon-Fri 09:00-13:00, 12:00-18:00', 'spans that overlap'],
    ['Mon-Fri 13:00-18:00, 09:00-12:00', 'spans out of order'],
    ['Mon-Fri 09:00-12:00,', 'a dangling comma'],
  ])('refuses %j (%s)', (text) => {
    expect(parseBusinessHours(text)).toBeUndefined();
  });
});

describe('addBusinessTime', () => {
  it('adds within one open day', () => {
    // Tue 13 Jan 2026 10:00 EST + 2h -> 12:00 EST
    expect(addBusinessTime(clinic, at('2026-01-13T15:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-01-13T17:00:00.000Z',
    );
  });

  it('carries the rest across the night to the next opening', () => {
    // Tue 17:00 EST + 2h: one hour on Tuesday, one from Wednesday 09:00 -> Wed 10:00 EST
    expect(addBusinessTime(clinic, at('2026-01-13T22:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-01-14T15:00:00.000Z',
    );
  });

  it('starts counting at opening time when asked at night', () => {
    // Tue 23:00 EST + 30 min -> Wed 09:30 EST
    expect(addBusinessTime(clinic, at('2026-01-14T04:00:00Z'), 30 * MINUTE).toISOString()).toBe(
      '2026-01-14T14:30:00.000Z',
    );
  });

  it('skips a closed weekend', () => {
    // Fri 16 Jan 17:00 EST + 2h with weekdays only -> Mon 19 Jan 10:00 EST
    expect(addBusinessTime(weekdays, at('2026-01-16T22:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-01-19T15:00:00.000Z',
    );
  });

  it('uses Saturday hours and skips Sunday', () => {
    // Fri 17:30 EST + 1h -> 30 min on Friday, 30 min on Saturday -> Sat 09:30 EST
    expect(addBusinessTime(clinic, at('2026-01-16T22:30:00Z'), HOUR).toISOString()).toBe('2026-01-17T14:30:00.000Z');
    // Sat 13:30 EST + 1h -> 30 min on Saturday, Sunday closed -> Mon 09:30 EST
    expect(addBusinessTime(clinic, at('2026-01-17T18:30:00Z'), HOUR).toISOString()).toBe('2026-01-19T14:30:00.000Z');
  });

  it('keeps opening time at 09:00 local across the spring DST change (2026-03-08)', () => {
    // Sat 7 Mar 13:00 EST (18:00Z) + 2h: one hour on Saturday, Sunday closed, then Mon 9 Mar from 09:00 EDT (13:00Z)
    expect(addBusinessTime(clinic, at('2026-03-07T18:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    );
    // Sunday 8 Mar, open on the DST day itself: from 00:00 EST (05:00Z), 1 min -> 09:01 EDT (13:01Z)
    expect(addBusinessTime(everyDay, at('2026-03-08T05:00:00Z'), MINUTE).toISOString()).toBe(
      '2026-03-08T13:01:00.000Z',
    );
    // Friday 6 Mar 17:00 EST + 2h with weekdays only -> Mon 9 Mar 10:00 EDT
    expect(addBusinessTime(weekdays, at('2026-03-06T22:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    );
  });

  it('keeps opening time at 09:00 local across the autumn DST change (2026-11-01)', () => {
    // Sat 31 Oct 13:00 EDT (17:00Z) + 2h -> Mon 2 Nov 10:00 EST (15:00Z)
    expect(addBusinessTime(clinic, at('2026-10-31T17:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-11-02T15:00:00.000Z',
    );
    // Sunday 1 Nov, open on the DST day itself: from 00:00 EDT (04:00Z), 1 min -> 09:01 EST (14:01Z)
    expect(addBusinessTime(everyDay, at('2026-11-01T04:00:00Z'), MINUTE).toISOString()).toBe(
      '2026-11-01T14:01:00.000Z',
    );
  });

  it('reads hours in the calendar zone, not in UTC', () => {
    const tokyo = calendar('Mon-Fri 09:00-18:00', 'Asia/Tokyo');
    // Mon 12 Jan 2026 08:00 JST (Sun 23:00Z) + 1 min -> 09:01 JST = 00:01Z
    expect(addBusinessTime(tokyo, at('2026-01-11T23:00:00Z'), MINUTE).toISOString()).toBe('2026-01-12T00:01:00.000Z');
  });

  it('throws when the week has no open hours at all', () => {
    expect(() =>
      addBusinessTime({ zone: NY, week: new Array(7).fill(undefined) }, at('2026-01-12T15:00:00Z'), HOUR),
    ).toThrow(RangeError);
  });
});

describe('endOfBusinessDays', () => {
  it('"1 business day" from Monday 10:00 is Tuesday closing time', () => {
    // Mon 12 Jan 10:00 EST -> Tue 13 Jan 18:00 EST (23:00Z)
    expect(endOfBusinessDays(clinic, at('2026-01-12T15:00:00Z'), 1).toISOString()).toBe('2026-01-13T23:00:00.000Z');
  });

  it('counts a short Saturday as a business day and skips Sunday', () => {
    // Fri 16 Jan 10:00 EST, 1 day -> Sat 14:00 EST; 2 days -> Mon 18:00 EST
    expect(endOfBusinessDays(clinic, at('2026-01-16T15:00:00Z'), 1).toISOString()).toBe('2026-01-17T19:00:00.000Z');
    expect(endOfBusinessDays(clinic, at('2026-01-16T15:00:00Z'), 2).toISOString()).toBe('2026-01-19T23:00:00.000Z');
  });

  it('from a Sunday, the next business day is Monday', () => {
    // Sun 18 Jan 12:00 EST -> Mon 19 Jan 18:00 EST
    expect(endOfBusinessDays(clinic, at('2026-01-18T17:00:00Z'), 1).toISOString()).toBe('2026-01-19T23:00:00.000Z');
  });

  it('closes at 18:00 local after the spring change', () => {
    // Fri 6 Mar 10:00 EST, weekdays, 1 day -> Mon 9 Mar 18:00 EDT (22:00Z)
    expect(endOfBusinessDays(weekdays, at('2026-03-06T15:00:00Z'), 1).toISOString()).toBe('2026-03-09T22:00:00.000Z');
  });
});

describe('businessTimeBetween', () => {
  it('counts only open time', () => {
    // Fri 16 Jan 17:00 EST to Mon 19 Jan 10:00 EST: 1h Friday + 5h Saturday + 1h Monday
    expect(businessTimeBetween(clinic, at('2026-01-16T22:00:00Z'), at('2026-01-19T15:00:00Z'))).toBe(7 * HOUR);
  });

  it('is zero while closed and the plain difference while open', () => {
    // Sat 17 Jan 15:00 EST to Sun 18 Jan 20:00 EST: closed all along
    expect(businessTimeBetween(clinic, at('2026-01-17T20:00:00Z'), at('2026-01-19T01:00:00Z'))).toBe(0);
    // Tue 10:00 to 10:25 EST
    expect(businessTimeBetween(clinic, at('2026-01-13T15:00:00Z'), at('2026-01-13T15:25:00Z'))).toBe(25 * MINUTE);
  });

  it('gives a full nine-hour day on both DST Sundays', () => {
    expect(businessTimeBetween(everyDay, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(9 * HOUR);
    expect(businessTimeBetween(everyDay, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(9 * HOUR);
  });

  it('undoes addBusinessTime', () => {
    const from = at('2026-03-06T21:15:00Z');
    const to = addBusinessTime(clinic, from, 11 * HOUR + 7 * MINUTE);
    expect(businessTimeBetween(clinic, from, to)).toBe(11 * HOUR + 7 * MINUTE);
  });
});
