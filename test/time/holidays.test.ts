import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  endOfBusinessDays,
  hoursOn,
  parseBusinessHours,
  type BusinessCalendar,
} from '../../src/time/business-hours.js';
import { clinicCalendar } from '../../src/time/clinic-calendar.js';
import { holidayCalendar, readHolidayRegion } from '../../src/time/holidays.js';

/**
 * Public holidays (date-holidays) and the clinic calendar built from the week, closures and holidays:
 * due times skip shut days across year end and DST; lunch breaks pause the clock.
 */
const HOUR = 3_600_000;
const NY = 'America/New_York';

function week(text: string) {
  const parsed = parseBusinessHours(text);
  if (!parsed) throw new Error(`test hours did not parse: ${text}`);
  return parsed;
}

/** A clinic calendar with the given closures (`from..to` local dates) and holiday region. */
function clinic(
  hours: string,
  options: { closures?: Array<[string, string]>; holidays?: string; zone?: string } = {},
): BusinessCalendar {
  const closures = options.closures ?? [];
  return clinicCalendar(
    () => ({ timezone: options.zone ?? NY, businessHours: week(hours), holidays: options.holidays }),
    { on: (date) => (closures.some(([from, to]) => from <= date && date <= to) ? {} : undefined) },
  ).current();
}

describe('readHolidayRegion', () => {
  it.each([
    ['US', 'US'],
    ['us', 'US'],
    ['US-NY', 'US-NY'],
    [' gb-eng ', 'GB-ENG'],
    ['DE-BY', 'DE-BY'],
  ])('reads %j as %s', (text, code) => {
    expect(readHolidayRegion(text)).toBe(code);
  });

  it.each(['XX', 'US-ZZ', 'United States', 'USA', '', 'US NY', 'US-'])('refuses %j', (text) => {
    expect(readHolidayRegion(text)).toBeUndefined();
  });
});

describe('holidayCalendar', () => {
  it('names public holidays and substitute days, and leaves ordinary days alone', () => {
    const us = holidayCalendar('US');
    expect(us.holidayOn('2026-12-25')).toBe('Christmas Day');
    expect(us.holidayOn('2026-07-03')).toMatch(/Independence Day/);
    expect(us.holidayOn('2026-12-24')).toBeUndefined();
    expect(holidayCalendar('GB-ENG').holidayOn('2026-12-28')).toMatch(/Boxing Day/);
    expect(holidayCalendar('GB-ENG').holidayOn('2027-01-01')).toBe("New Year's Day");
  });

  it("counts only public holidays, not observances (Halloween, Valentine's Day)", () => {
    const us = holidayCalendar('US');
    expect(us.holidayOn('2026-10-31')).toBeUndefined();
    expect(us.holidayOn('2026-02-14')).toBeUndefined();
  });

  it('knows regional days: Epiphany in Bavaria, not in Berlin', () => {
    expect(holidayCalendar('DE-BY').holidayOn('2026-01-06')).toBeDefined();
    expect(holidayCalendar('DE-BE').holidayOn('2026-01-06')).toBeUndefined();
  });
});

describe('a calendar with closures and holidays', () => {
  const hours = 'Mon-Fri 09:00-18:00; Sat 09:00-14:00';

  it('carries a reply goal over New Year: Thu 31 Dec 17:30 + 1 h lands on Sat 2 Jan 09:30 (1 Jan is a holiday)', () => {
    const calendar = clinic(hours, { holidays: 'US' });
    const due = addBusinessTime(calendar, new Date('2026-12-31T22:30:00Z'), HOUR);
    expect(due.toISOString()).toBe('2027-01-02T14:30:00.000Z');
    // without the holiday option, Friday 1 Jan is an ordinary Friday
    expect(addBusinessTime(clinic(hours), new Date('2026-12-31T22:30:00Z'), HOUR).toISOString()).toBe(
      '2027-01-01T14:30:00.000Z',
    );
  });

  it('skips a closure: a message at Wed 23 Dec 17:50 with 24-26 Dec closed is due Mon 28 Dec 09:05', () => {
    const calendar = clinic('Mon-Fri 09:00-18:00', { closures: [['2026-12-24', '2026-12-26']] });
    expect(addBusinessTime(calendar, new Date('2026-12-23T22:50:00Z'), 15 * 60_000).toISOString()).toBe(
      '2026-12-28T14:05:00.000Z',
    );
  });

  it('moves "by the end of the next business day" past a holiday weekend', () => {
    // Thu 24 Dec 10:00; 25 Dec is a holiday; the next business day is Mon 28 Dec (18:00 EST)
    const calendar = clinic('Mon-Fri 09:00-18:00', { holidays: 'US' });
    expect(endOfBusinessDays(calendar, new Date('2026-12-24T15:00:00Z'), 1).toISOString()).toBe(
      '2026-12-28T23:00:00.000Z',
    );
  });

  it('pauses over a lunch break and keeps wall-clock hours across the spring DST change', () => {
    const lunch = clinic('Mon-Fri 09:00-12:30, 13:30-18:00');
    // Fri 12 Mar 2027 12:20 EST + 30 min: 10 min before lunch, 20 after -> 13:50 EST
    expect(addBusinessTime(lunch, new Date('2027-03-12T17:20:00Z'), 30 * 60_000).toISOString()).toBe(
      '2027-03-12T18:50:00.000Z',
    );
    // Fri 12 Mar 17:50 EST + 30 min: 10 min Friday, 20 min Monday 15 Mar after the change -> 09:20 EDT
    expect(addBusinessTime(lunch, new Date('2027-03-12T22:50:00Z'), 30 * 60_000).toISOString()).toBe(
      '2027-03-15T13:20:00.000Z',
    );
    // Monday 15 Mar 12:20 EDT + 30 min -> 13:50 EDT
    expect(addBusinessTime(lunch, new Date('2027-03-15T16:20:00Z'), 30 * 60_000).toISOString()).toBe(
      '2027-03-15T17:50:00.000Z',
    );
  });

  it('keeps the autumn change right in London with a closure on the Monday after', () => {
    const calendar = clinic('Mon-Fri 09:00-17:00', { zone: 'Europe/London', closures: [['2026-10-26', '2026-10-26']] });
    // Fri 23 Oct 16:30 BST + 1 h: 30 min Friday, Monday closed, 30 min Tue 27 Oct (GMT) -> 09:30 GMT
    expect(addBusinessTime(calendar, new Date('2026-10-23T15:30:00Z'), HOUR).toISOString()).toBe(
      '2026-10-27T09:30:00.000Z',
    );
  });

  it('hoursOn: a shut day has no hours, an open one its spans', () => {
    const calendar = clinic('Mon-Fri 09:00-12:30, 13:30-18:00', {
      holidays: 'US',
      closures: [['2026-12-24', '2026-12-24']],
    });
    expect(hoursOn(calendar, '2026-12-23')).toEqual([
      { open: 540, close: 750 },
      { open: 810, close: 1080 },
    ]);
    expect(hoursOn(calendar, '2026-12-24')).toEqual([]);
    expect(hoursOn(calendar, '2026-12-25')).toEqual([]);
    expect(hoursOn(calendar, '2026-12-26')).toEqual([]);
  });
});
