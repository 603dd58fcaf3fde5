import { TZDate, tzOffset } from '@date-fns/tz';
import { set } from 'date-fns';

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
    // A later segment replaces an earlier one for the same day ("Mon-Fri 09:00-18:00; Fri 09:00-13:00").
    for (const day of days) week[day] = { open, close };
  }
  return week;
}

function atMinutes(day: TZDate, minutes: number): TZDate {
  return set(day, { hours: Math.floor(minutes / 60), minutes: minutes % 60, seconds: 0, milliseconds: 0 });
}

const DAY_MS = 86_400_000;

/**
 * The local date of an instant in a zone, as the UTC midnight of that date (ms): what
 * `new TZDate(instant, zone)` reads as its year, month and day, from a single offset lookup (a
 * TZDate takes two or more, and the pathway needs the local date of "now" once per step).
 */
function localDay(zone: string, instant: number): number {
  // as TZDate does: shift by the zone's offset (minutes, possibly with historical seconds) in whole seconds
  const wall = instant + Math.round(tzOffset(zone, new Date(instant)) * 60) * 1_000;
  return Math.floor(wall / DAY_MS) * DAY_MS;
}

/** One open day: its open and close instants (epoch ms), and the local date its close falls on (see localDay). */
interface OpenDay {
  open: number;
  close: number;
  closeDay: number;
}

/**
 * Open days already worked out, by zone, local date and hours. Turning a wall-clock time into an
 * instant takes several Intl offset lookups inside TZDate, and a pathway asks for the same few days
 * once per step and again for every complaint of the day (that was most of planSteps' cost, on the
 * main thread right after Slack's ack). A date's hours in a zone never change, so one computation
 * per day is enough. Cleared when full rather than tracked per entry: refilling is cheap.
 */
const openDays = new Map<string, OpenDay>();
const OPEN_DAYS_LIMIT = 4_096;

/** `civilDay` is the local date as a UTC-midnight timestamp (only its UTC fields are read). */
function openDay(zone: string, civilDay: Date, hours: DayHours): OpenDay {
  const key = `${zone} ${civilDay.getTime()} ${hours.open} ${hours.close}`;
  let day = openDays.get(key);
  if (!day) {
    // Start from noon, which DST changes (made at night) leave alone: setting the opening and closing
    // times from it gives the same instants as from any other time of that day.
    const noon = new TZDate(civilDay.getUTCFullYear(), civilDay.getUTCMonth(), civilDay.getUTCDate(), 12, zone);
    const close = atMinutes(noon, hours.close);
    day = { open: atMinutes(noon, hours.open).getTime(), close: close.getTime(), closeDay: localDay(zone, close.getTime()) };
    if (openDays.size >= OPEN_DAYS_LIMIT) openDays.clear();
    openDays.set(key, day);
  }
  return day;
}

/**
 * Open days from `firstDay` (by default the local date of `from`) onwards, for up to `maxDays` days,
 * skipping those closed by `from`. Local dates are stepped with UTC date arithmetic (a calendar day
 * is a calendar day in every zone), so the only time-zone work is one offset lookup for `from` and
 * the cached open days.
 */
function* openDaysFrom(
  calendar: BusinessCalendar,
  from: Date,
  maxDays: number,
  firstDay = localDay(calendar.zone, from.getTime()),
): Generator<OpenDay> {
  for (let offset = 0; offset < maxDays; offset += 1) {
    const civilDay = new Date(firstDay + offset * DAY_MS);
    const hours = calendar.week[civilDay.getUTCDay()];
    if (!hours) continue;
    const day = openDay(calendar.zone, civilDay, hours);
    if (day.close <= from.getTime()) continue;
    yield day;
  }
}

/** Open intervals from `from` onwards (the first may start mid-interval), for up to `maxDays` days. */
export function* openIntervals(calendar: BusinessCalendar, from: Date, maxDays = 366): Generator<[Date, Date]> {
  for (const day of openDaysFrom(calendar, from, maxDays)) {
    yield [new Date(Math.max(day.open, from.getTime())), new Date(day.close)];
  }
}

/** The moment when `ms` of open time has passed since `from`. */
export function addBusinessTime(calendar: BusinessCalendar, from: Date, ms: number): Date {
  let remaining = ms;
  for (const day of openDaysFrom(calendar, from, 366)) {
    const open = Math.max(day.open, from.getTime());
    const span = day.close - open;
    if (remaining <= span) return new Date(open + remaining);
    remaining -= span;
  }
  throw new RangeError('The business calendar has no open hours within a year');
}

/** Closing time of the n-th business day after `from` (n = 1: the next business day). */
export function endOfBusinessDays(calendar: BusinessCalendar, from: Date, days: number): Date {
  let seen = 0;
  const today = localDay(calendar.zone, from.getTime());
  for (const day of openDaysFrom(calendar, from, 366, today)) {
    // a day that closes on the local date of `from` is today, whatever its opening
    if (day.closeDay === today) continue;
    seen += 1;
    if (seen === days) return new Date(day.close);
  }
  throw new RangeError('The business calendar has no open hours within a year');
}

/** Open time between two instants (for "business minutes" figures and SLA clocks). */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let total = 0;
  for (const day of openDaysFrom(calendar, from, 366)) {
    const open = Math.max(day.open, from.getTime());
    if (open >= to.getTime()) break;
    total += Math.min(day.close, to.getTime()) - open;
  }
  return total;
}
