import { TZDate } from '@date-fns/tz';
import { addDays, set } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  endOfBusinessDays,
  openIntervals,
  parseBusinessHours,
  type BusinessCalendar,
} from '../../src/time/business-hours.js';
import { random } from '../doubles/random.js';

/**
 * business-hours.ts works out each open day once (cached by zone, local date and hours) and steps
 * local dates with UTC arithmetic. These tests hold it to the earlier algorithm, kept below as it
 * was (a TZDate `addDays` + `set` per day for every call), on many random instants, with extra
 * weight on the weeks around New York's DST changes.
 */
const reference = {
  atMinutes(day: TZDate, minutes: number): TZDate {
    return set(day, { hours: Math.floor(minutes / 60), minutes: minutes % 60, seconds: 0, milliseconds: 0 });
  },
  *openIntervals(calendar: BusinessCalendar, from: Date, maxDays = 366): Generator<[Date, Date]> {
    const start = new TZDate(from.getTime(), calendar.zone);
    for (let offset = 0; offset < maxDays; offset += 1) {
      const day = addDays(start, offset);
      for (const hours of calendar.week[day.getDay()] ?? []) {
        const open = reference.atMinutes(day, hours.open);
        const close = reference.atMinutes(day, hours.close);
        if (close.getTime() <= from.getTime()) continue;
        yield [new Date(Math.max(open.getTime(), from.getTime())), new Date(close.getTime())];
      }
    }
  },
  addBusinessTime(calendar: BusinessCalendar, from: Date, ms: number): Date {
    let remaining = ms;
    for (const [open, close] of reference.openIntervals(calendar, from)) {
      const span = close.getTime() - open.getTime();
      if (remaining <= span) return new Date(open.getTime() + remaining);
      remaining -= span;
    }
    throw new RangeError('The business calendar has no open hours within a year');
  },
  endOfBusinessDays(calendar: BusinessCalendar, from: Date, days: number): Date {
    let seen = 0;
    const startDay = new TZDate(from.getTime(), calendar.zone).toDateString();
    for (const [, close] of reference.openIntervals(calendar, from)) {
      const sameDay = new TZDate(close.getTime(), calendar.zone).toDateString() === startDay;
      if (sameDay) continue;
      seen += 1;
      if (seen === days) return close;
    }
    throw new RangeError('The business calendar has no open hours within a year');
  },
  businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
    let total = 0;
    for (const [open, close] of reference.openIntervals(calendar, from)) {
      if (open.getTime() >= to.getTime()) break;
      total += Math.min(close.getTime(), to.getTime()) - open.getTime();
    }
    return total;
  },
};

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

function calendar(text: string, zone: string): BusinessCalendar {
  const week = parseBusinessHours(text);
  if (!week) throw new Error(`test calendar did not parse: ${text}`);
  return { zone, week };
}

/** New York's DST changes in 2025-2027 (02:00 local, as UTC instants). */
const NY_DST_CHANGES = [
  '2025-03-09T07:00:00Z',
  '2025-11-02T06:00:00Z',
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2027-03-14T07:00:00Z',
  '2027-11-07T06:00:00Z',
].map((iso) => Date.parse(iso));

/** Half the instants anywhere in 2025-2027, half within ten days of a New York DST change; whole seconds and odd milliseconds both. */
function instants(count: number, seed: number): Date[] {
  const next = random(seed);
  const rangeStart = Date.parse('2025-01-01T00:00:00Z');
  const rangeEnd = Date.parse('2027-12-31T00:00:00Z');
  const result: Date[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i % 2 === 0) {
      result.push(new Date(Math.floor(rangeStart + next() * (rangeEnd - rangeStart))));
    } else {
      const change = NY_DST_CHANGES[Math.floor(next() * NY_DST_CHANGES.length)] ?? 0;
      result.push(new Date(Math.floor(change + (next() * 2 - 1) * 10 * DAY)));
    }
  }
  return result;
}

const NY = 'America/New_York';
const CALENDARS: ReadonlyArray<[string, BusinessCalendar]> = [
  ['default clinic hours', calendar('Mon-Fri 09:00-18:00; Sat 09:00-14:00', NY)],
  ['weekdays', calendar('Mon-Fri 09:00-18:00', NY)],
  ['every day', calendar('Mon-Sun 09:00-18:00', NY)],
  ['early and late, odd minutes', calendar('Mon-Thu 07:15-20:45; Fri 08:05-12:55; Sun 10:30-13:30', NY)],
  ['open until midnight (closes on the next local date)', calendar('Mon-Sun 06:00-24:00', NY)],
  ['one day a week', calendar('Wed 13:00-14:00', NY)],
  ['at night, across the skipped and the repeated hour', calendar('Mon-Sun 01:00-04:00', NY)],
  ['London', calendar('Mon-Fri 09:00-17:30', 'Europe/London')],
  ['Sydney (DST in the other half of the year)', calendar('Mon-Fri 08:30-17:00; Sat 09:00-12:00', 'Australia/Sydney')],
  ['Tokyo (no DST)', calendar('Mon-Sat 10:00-19:00', 'Asia/Tokyo')],
  ['Kolkata (half-hour offset)', calendar('Mon-Sat 09:30-18:30', 'Asia/Kolkata')],
];

const iso = (date: Date) => date.toISOString();

/** The ISO answer, or the error's name: a calendar too sparse for the span throws in both versions. */
function outcome(compute: () => Date): string {
  try {
    return iso(compute());
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

describe('business hours with cached open days agree with the per-call TZDate algorithm', () => {
  it.each(CALENDARS)('%s', (_name, cal) => {
    const spans = [MINUTE, 30 * MINUTE, HOUR, 4 * HOUR, 9 * HOUR + 1, 3 * DAY + 17 * MINUTE];
    const next = random(7);
    for (const from of instants(60, 42)) {
      for (const ms of spans) {
        expect(
          outcome(() => addBusinessTime(cal, from, ms)),
          `addBusinessTime ${iso(from)} + ${ms}`,
        ).toBe(outcome(() => reference.addBusinessTime(cal, from, ms)));
      }
      for (const days of [1, 2, 5]) {
        expect(
          outcome(() => endOfBusinessDays(cal, from, days)),
          `endOfBusinessDays ${iso(from)} ${days}`,
        ).toBe(outcome(() => reference.endOfBusinessDays(cal, from, days)));
      }
      const to = new Date(from.getTime() + Math.floor(next() * 20 * DAY));
      expect(businessTimeBetween(cal, from, to), `businessTimeBetween ${iso(from)} ${iso(to)}`).toBe(
        reference.businessTimeBetween(cal, from, to),
      );
      const firstWeeks = (source: Iterable<[Date, Date]>) =>
        [...source].slice(0, 12).map(([open, close]) => `${iso(open)}/${iso(close)}`);
      expect(firstWeeks(openIntervals(cal, from, 21)), `openIntervals ${iso(from)}`).toEqual(
        firstWeeks(reference.openIntervals(cal, from, 21)),
      );
    }
  });

  it('gives the same answers on a second call (from the cache) as on the first', () => {
    const cal = calendar('Mon-Fri 09:00-18:00; Sat 09:00-14:00', NY);
    for (const from of instants(50, 99)) {
      const first = [iso(addBusinessTime(cal, from, 4 * HOUR)), iso(endOfBusinessDays(cal, from, 1))];
      const second = [iso(addBusinessTime(cal, from, 4 * HOUR)), iso(endOfBusinessDays(cal, from, 1))];
      expect(second).toEqual(first);
    }
  });

  it('keeps calendars with different hours or zones apart', () => {
    // Mon 12 Jan 2026 10:00 EST = 15:00Z; the same instant is 00:00 Tue in Tokyo
    const from = new Date('2026-01-12T15:00:00Z');
    expect(iso(addBusinessTime(calendar('Mon-Fri 09:00-18:00', NY), from, HOUR))).toBe('2026-01-12T16:00:00.000Z');
    expect(iso(addBusinessTime(calendar('Mon-Fri 09:00-12:00', NY), from, 3 * HOUR))).toBe('2026-01-13T15:00:00.000Z');
    expect(iso(addBusinessTime(calendar('Mon-Fri 09:00-18:00', 'Asia/Tokyo'), from, HOUR))).toBe(
      '2026-01-13T01:00:00.000Z',
    );
  });
});
