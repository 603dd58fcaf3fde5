import { TZDate } from '@date-fns/tz';
import { addDays, set } from 'date-fns';

/**
 * Business hours like `Mon-Fri 09:00-18:00; Sat 09:00-14:00`, read in the clinic's time zone.
 * Wall-clock arithmetic goes through TZDate so opening and closing times survive DST changes.
 */
export interface DayHours {
  /** minutes after local midnight */
  open: number;
  close: number;
}
/** index 0 = Sunday, as Date#getDay */
export type WeekHours = ReadonlyArray<DayHours | undefined>;

export interface BusinessCalendar {
  zone: string;
  week: WeekHours;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const SEGMENT = /^([A-Za-z]{3}(?:\s*-\s*[A-Za-z]{3})?(?:\s*,\s*[A-Za-z]{3}(?:\s*-\s*[A-Za-z]{3})?)*)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

function dayIndex(name: string): number | undefined {
  const index = DAY_NAMES.indexOf(name.trim().toLowerCase().slice(0, 3) as (typeof DAY_NAMES)[number]);
  return index === -1 || name.trim().length !== 3 ? undefined : index;
}

function expandDays(spec: string): number[] | undefined {
  const days: number[] = [];
  for (const part of spec.split(',')) {
    const [from, to] = part.split('-').map((p) => dayIndex(p));
    if (from === undefined || (part.includes('-') && to === undefined)) return undefined;
    const last = to ?? from;
    for (let d = from; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === last) break;
    }
  }
  return days;
}

/** Returns the week's hours, or undefined when the text does not follow the format. */
export function parseBusinessHours(text: string): WeekHours | undefined {
  const week: Array<DayHours | undefined> = new Array(7).fill(undefined);
  const segments = text.split(';').map((s) => s.trim()).filter(Boolean);
  if (segments.length === 0) return undefined;
  for (const segment of segments) {
    const match = SEGMENT.exec(segment);
    if (!match) return undefined;
    const [, daySpec, oh, om, ch, cm] = match;
    const days = expandDays(daySpec ?? '');
    const open = Number(oh) * 60 + Number(om);
    const close = Number(ch) * 60 + Number(cm);
    if (!days || Number(om) > 59 || Number(cm) > 59 || close > 24 * 60 || open >= close) return undefined;
    for (const day of days) week[day] = { open, close };
  }
  return week;
}

function atMinutes(day: TZDate, minutes: number): TZDate {
  return set(day, { hours: Math.floor(minutes / 60), minutes: minutes % 60, seconds: 0, milliseconds: 0 });
}

/** Open intervals from `from` onwards (the first may start mid-interval), for up to `maxDays` days. */
export function* openIntervals(calendar: BusinessCalendar, from: Date, maxDays = 366): Generator<[Date, Date]> {
  const start = new TZDate(from.getTime(), calendar.zone);
  for (let offset = 0; offset < maxDays; offset += 1) {
    const day = addDays(start, offset);
    const hours = calendar.week[day.getDay()];
    if (!hours) continue;
    const open = atMinutes(day, hours.open);
    const close = atMinutes(day, hours.close);
    if (close.getTime() <= from.getTime()) continue;
    yield [new Date(Math.max(open.getTime(), from.getTime())), new Date(close.getTime())];
  }
}

/** The moment when `ms` of open time has passed since `from`. */
export function addBusinessTime(calendar: BusinessCalendar, from: Date, ms: number): Date {
  let remaining = ms;
  for (const [open, close] of openIntervals(calendar, from)) {
    const span = close.getTime() - open.getTime();
    if (remaining <= span) return new Date(open.getTime() + remaining);
    remaining -= span;
  }
  throw new RangeError('The business calendar has no open hours within a year');
}

/** Closing time of the n-th business day after `from` (n = 1: the next business day). */
export function endOfBusinessDays(calendar: BusinessCalendar, from: Date, days: number): Date {
  let seen = 0;
  const startDay = new TZDate(from.getTime(), calendar.zone).toDateString();
  for (const [, close] of openIntervals(calendar, from)) {
    const sameDay = new TZDate(close.getTime(), calendar.zone).toDateString() === startDay;
    if (sameDay) continue;
    seen += 1;
    if (seen === days) return close;
  }
  throw new RangeError('The business calendar has no open hours within a year');
}

/** Open time between two instants (for "business minutes" figures and SLA clocks). */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let total = 0;
  for (const [open, close] of openIntervals(calendar, from)) {
    if (open.getTime() >= to.getTime()) break;
    total += Math.min(close.getTime(), to.getTime()) - open.getTime();
  }
  return total;
}
