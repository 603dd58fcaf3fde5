import { describe, expect, it } from 'vitest';
import { testCalendar } from '../doubles/calendar.js';
import {
  birthdayIn,
  birthdayPlan,
  eventPlan,
  isLeapYear,
  readEventDate,
  readMonthDay,
  reminderFor,
  splitEventDate,
  thankYouPlan,
} from '../../src/touches/dates.js';

const calendar = testCalendar;

const NY = calendar('America/New_York');
const iso = (d: Date) => d.toISOString();

describe('birthdays: month and day, Feb 29', () => {
  it('knows leap years (every 4, not every 100, every 400)', () => {
    expect([2024, 2027, 2028, 1900, 2000, 2100].map(isLeapYear)).toEqual([true, false, true, false, true, false]);
  });

  it('Feb 29 falls on Feb 28 in a year without one, and on Feb 29 in a leap year', () => {
    const feb29 = { month: 2, day: 29 };
    expect(birthdayIn(feb29, 2027)).toBe('2027-02-28');
    expect(birthdayIn(feb29, 2028)).toBe('2028-02-29');
    expect(birthdayIn(feb29, 2100)).toBe('2100-02-28');
    expect(birthdayIn({ month: 2, day: 28 }, 2028)).toBe('2028-02-28');
  });

  it('plans the next one: this year if still to come, else next year', () => {
    // Sun 6 Dec 2026 10:00 EST
    const now = new Date('2026-12-06T15:00:00Z');
    // Feb 28 2027 is a Sunday (shut): the reminder comes at Saturday's opening, Feb 27 09:00 EST
    expect(birthdayPlan(NY, { month: 2, day: 29 }, now)).toEqual({
      occasionDate: '2027-02-28',
      dueAt: new Date('2027-02-27T14:00:00Z'),
    });
    // Dec 10 2026 is a Thursday: 09:00 EST that day
    expect(iso(birthdayPlan(NY, { month: 12, day: 10 }, now).dueAt)).toBe('2026-12-10T14:00:00.000Z');
    // Dec 1 has passed: next year's (Wed 1 Dec 2027)
    expect(birthdayPlan(NY, { month: 12, day: 1 }, now).occasionDate).toBe('2027-12-01');
  });

  it('after a leap-year Feb 29, the next one is Feb 28 of the year after', () => {
    const now = new Date('2028-02-29T14:01:00Z');
    const plan = birthdayPlan(NY, { month: 2, day: 29 }, now, '2028-03-01');
    expect(plan.occasionDate).toBe('2029-02-28');
    // Wed 28 Feb 2029 09:00 EST
    expect(iso(plan.dueAt)).toBe('2029-02-28T14:00:00.000Z');
  });

  it('a birthday today after opening is reminded a minute from now, not next year', () => {
    const now = new Date('2026-12-07T16:00:00Z'); // Mon 11:00 EST
    const plan = birthdayPlan(NY, { month: 12, day: 7 }, now);
    expect(plan.occasionDate).toBe('2026-12-07');
    expect(iso(plan.dueAt)).toBe('2026-12-07T16:01:00.000Z');
  });
});

describe('reading a birthday', () => {
  it('reads month and day in the ways staff write them', () => {
    const cases: Record<string, { month: number; day: number }> = {
      'Feb 29': { month: 2, day: 29 },
      '29 February': { month: 2, day: 29 },
      'march 14th': { month: 3, day: 14 },
      '03-14': { month: 3, day: 14 },
      '3/14': { month: 3, day: 14 },
      '14/03': { month: 3, day: 14 },
      'Sept. 5': { month: 9, day: 5 },
      'Feb\u00a029': { month: 2, day: 29 },
      'Dec 2\u200b5': { month: 12, day: 25 },
    };
    for (const [text, birthday] of Object.entries(cases))
      expect(readMonthDay(text), text).toEqual({ ok: true, birthday });
  });

  it('refuses anything with a year', () => {
    for (const text of [
      '1990-03-14',
      'Mar 14 1990',
      'March 14, 1990',
      '03/14/1990',
      '3/14/90',
      "Mar 14 '90",
      'Mar 14 90',
    ])
      expect(readMonthDay(text), text).toEqual({ ok: false, code: 'year' });
  });

  it('refuses days that do not exist and words that are not dates', () => {
    expect(readMonthDay('Feb 30')).toEqual({ ok: false, code: 'no-such-day' });
    expect(readMonthDay('04-31')).toEqual({ ok: false, code: 'no-such-day' });
    expect(readMonthDay('soon')).toEqual({ ok: false, code: 'unreadable' });
    expect(readMonthDay('13-13')).toEqual({ ok: false, code: 'unreadable' });
    expect(readMonthDay('')).toEqual({ ok: false, code: 'unreadable' });
  });
});

describe('events: the day before', () => {
  const now = new Date('2026-12-06T15:00:00Z'); // Sun 6 Dec 2026 10:00 EST

  it('reads the date in the clinic zone and splits off what the event is', () => {
    expect(splitEventDate('Dec 24 wedding', now, 'America/New_York')).toEqual({
      reading: { ok: true, date: '2026-12-24' },
      dateText: 'Dec 24',
      rest: 'wedding',
    });
    expect(readEventDate('24 December 2026', now, 'America/New_York')).toEqual({ ok: true, date: '2026-12-24' });
    // a date without a year is the next one
    expect(readEventDate('Dec 1', now, 'America/New_York')).toEqual({ ok: true, date: '2027-12-01' });
    expect(readEventDate('Dec 1 2026', now, 'America/New_York')).toMatchObject({ ok: false, code: 'past' });
    expect(readEventDate('gala', now, 'America/New_York')).toEqual({ ok: false, code: 'unreadable' });
  });

  it('at 23:30 New York time it is already the next day in UTC: the clinic’s date counts', () => {
    const late = new Date('2026-12-07T04:30:00Z'); // Sun 6 Dec 23:30 EST
    expect(readEventDate('tomorrow', late, 'America/New_York')).toEqual({ ok: true, date: '2026-12-07' });
  });

  it('reminds at the opening of the day before; a shut day before means the last open day', () => {
    // Thu 24 Dec: Wed 23 Dec 09:00 EST
    expect(iso(eventPlan(NY, '2026-12-24', now).dueAt)).toBe('2026-12-23T14:00:00.000Z');
    // Mon 14 Dec: the day before is Sunday, shut: Sat 12 Dec 09:00
    expect(iso(eventPlan(NY, '2026-12-14', now).dueAt)).toBe('2026-12-12T14:00:00.000Z');
    // a closure on the day before counts too
    const closed = calendar('America/New_York', 'Mon-Fri 09:00-18:00; Sat 09:00-14:00', ['2026-12-23']);
    expect(iso(eventPlan(closed, '2026-12-24', now).dueAt)).toBe('2026-12-22T14:00:00.000Z');
    // tomorrow's event: the day before is today, already past opening: a minute from now
    expect(iso(eventPlan(NY, '2026-12-07', now).dueAt)).toBe('2026-12-06T15:01:00.000Z');
  });

  it('across DST: the wall-clock opening holds on both sides of the change', () => {
    const march = new Date('2026-03-02T15:00:00Z');
    // Sun 8 Mar 2026 clocks go forward: an event on Tue 10 Mar is wished Mon 9 Mar 09:00 EDT = 13:00Z
    expect(iso(eventPlan(NY, '2026-03-10', march).dueAt)).toBe('2026-03-09T13:00:00.000Z');
    // and Fri 6 Mar 09:00 EST = 14:00Z before the change
    expect(iso(eventPlan(NY, '2026-03-07', march).dueAt)).toBe('2026-03-06T14:00:00.000Z');
    // Sun 1 Nov 2026 clocks go back: Mon 2 Nov 09:00 EST = 14:00Z
    expect(iso(reminderFor(NY, '2026-11-02', new Date('2026-10-30T12:00:00Z')))).toBe('2026-11-02T14:00:00.000Z');
  });
});

describe('thank-yous: in two days', () => {
  it('two days from now at opening; a shut day moves to the next open day', () => {
    // Mon 7 Dec 2026 15:00 EST: Wed 9 Dec 09:00
    expect(thankYouPlan(NY, new Date('2026-12-07T20:00:00Z'))).toEqual({
      occasionDate: '2026-12-09',
      dueAt: new Date('2026-12-09T14:00:00Z'),
    });
    // Fri 11 Dec: Sunday 13th is shut, so Mon 14 Dec 09:00
    expect(iso(thankYouPlan(NY, new Date('2026-12-11T20:00:00Z')).dueAt)).toBe('2026-12-14T14:00:00.000Z');
  });
});
