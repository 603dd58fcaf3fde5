import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import * as chrono from 'chrono-node';
import { hoursOn, type BusinessCalendar } from './business-hours.js';

/**
 * When a follow-up is due, as staff write it: "tomorrow 10am", "in 2 days", "in 2d", "next Monday",
 * "Dec 24", "in 3 hours". chrono-node reads the words; the time-zone rules are Tact's own, because
 * chrono's own zone handling is unreliable around DST (wanasit/chrono#553):
 * - chrono reads the text against the clinic's local wall clock (given to it as if it were UTC), and
 *   Tact turns the wall-clock answer into an instant in the clinic's zone (TZDate): a nonexistent
 *   02:30 becomes 03:30, an ambiguous 01:30 the first one.
 * - a wording without a clock time (a date, "in 2 days", "next week") means the clinic's opening time
 *   that day; a day it is shut moves to the next open day's opening.
 * - "in N minutes/hours" counts real time from now.
 * - a time already past is refused, with a suggestion.
 */
export type WhenProblem =
  /** nothing in the text reads as a time */
  | { code: 'unreadable' }
  /** the time has passed; `suggestion` is a wording that would work */
  | { code: 'past'; shown: string; suggestion: string }
  /** more than a year ahead: a wrong year rather than a plan */
  | { code: 'too-far'; shown: string }
  /** the clinic has no open day within a year to put a date-only wording on */
  | { code: 'no-open-day' };

export type When =
  | {
      ok: true;
      at: Date;
      /** echoed to the person, in the clinic's zone: `Tue 8 Dec 10:00` */
      shown: string;
      /** set when a date-only wording fell on a day the clinic is shut and moved to the next open day */
      movedFrom?: string;
    }
  | ({ ok: false } & WhenProblem);

const MINUTE_MS = 60_000;
const MAX_AHEAD_MS = 366 * 86_400_000;
const UNIT_WORDS: Record<string, string> = {
  m: 'minutes',
  min: 'minutes',
  mins: 'minutes',
  h: 'hours',
  hr: 'hours',
  hrs: 'hours',
  d: 'days',
  w: 'weeks',
  wk: 'weeks',
  wks: 'weeks',
};

/** "in 2d", "3w", "in2h": chrono wants whole unit words. Also folds typographic spaces. */
export function normaliseWhen(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\b(\d+)\s*(m|mins?|h|hrs?|d|w|wks?)\b/gi, (_all, n: string, unit: string) => {
      return `${n} ${UNIT_WORDS[unit.toLowerCase()] ?? unit}`;
    })
    .replace(/^(\d+ (?:minutes|hours|days|weeks))$/i, 'in $1')
    .replace(/^in(\d)/i, 'in $1');
}

const REAL_TIME = /^in (\d{1,4}) (minutes?|hours?)$/i;

/** Shows an instant in the clinic's zone, e.g. `Tue 8 Dec 10:00` (with the year when it is not this year's). */
export function showWhen(at: Date, zone: string, now: Date): string {
  const local = new TZDate(at.getTime(), zone);
  const sameYear = local.getFullYear() === new TZDate(now.getTime(), zone).getFullYear();
  return format(local, sameYear ? 'EEE d MMM HH:mm' : 'EEE d MMM yyyy HH:mm');
}

function localDate(at: TZDate): string {
  return format(at, 'yyyy-MM-dd');
}

/** The clinic's opening on the local date of `day`, or the next open day's within a year. */
function openingFrom(calendar: BusinessCalendar, day: TZDate): { at: Date; moved: boolean } | undefined {
  for (let i = 0; i < 366; i += 1) {
    const date = addDays(day, i);
    const first = hoursOn(calendar, localDate(date))[0];
    if (first) {
      const at = new TZDate(
        date.getFullYear(),
        date.getMonth(),
        date.getDate(),
        Math.floor(first.open / 60),
        first.open % 60,
        calendar.zone,
      );
      return { at: new Date(at.getTime()), moved: i > 0 };
    }
  }
  return undefined;
}

/**
 * The clinic's wall clock, to hand to chrono as if it were UTC: chrono then does calendar arithmetic
 * only, and never meets the zone's DST rules.
 */
export function wallClock(now: Date, zone: string): Date {
  const local = new TZDate(now.getTime(), zone);
  return new Date(
    Date.UTC(
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
    ),
  );
}

/** Reads `text` as a time after `now` in the calendar's zone. Pure: same input, same answer. */
export function readWhen(text: string, now: Date, calendar: BusinessCalendar): When {
  const zone = calendar.zone;
  const clean = normaliseWhen(text);
  const local = new TZDate(now.getTime(), zone);
  const checked = (at: Date, extra: { movedFrom?: string } = {}): When => {
    const shown = showWhen(at, zone, now);
    if (at.getTime() <= now.getTime()) return { ok: false, code: 'past', shown, suggestion: suggestionFor(clean) };
    if (at.getTime() - now.getTime() > MAX_AHEAD_MS) return { ok: false, code: 'too-far', shown };
    return { ok: true, at, shown, ...extra };
  };
  const realTime = REAL_TIME.exec(clean);
  if (realTime) {
    const minutes = Number(realTime[1]) * (realTime[2]?.toLowerCase().startsWith('hour') ? 60 : 1);
    if (minutes === 0) return { ok: false, code: 'past', shown: showWhen(now, zone, now), suggestion: 'in 1 hour' };
    return checked(new Date(now.getTime() + minutes * MINUTE_MS));
  }
  const read = readWallClock(clean, now, zone);
  if (!read) return { ok: false, code: 'unreadable' };
  const { year, month, day } = read;
  if (read.hour === undefined) {
    const opening = openingFrom(calendar, new TZDate(year, month, day, 12, 0, zone));
    if (!opening) return { ok: false, code: 'no-open-day' };
    const today = localDate(local);
    const date = format(new TZDate(year, month, day, 12, 0, zone), 'yyyy-MM-dd');
    // "today" after opening: due now-ish rather than refused
    if (date === today && !opening.moved && opening.at.getTime() <= now.getTime())
      return checked(new Date(now.getTime() + MINUTE_MS));
    return checked(opening.at, opening.moved ? { movedFrom: date } : {});
  }
  return checked(wallClockInstant(read, read.hour, read.minute ?? 0, zone));
}

/** What chrono read in a wording, on the clinic's wall clock: the date, and the clock time if one was said. */
export interface WallClockReading {
  year: number;
  /** 0-based, as Date's */
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  /** the day was named ("today", "tomorrow", "Dec 24"), not inferred from a bare time */
  dayGiven: boolean;
  /** a weekday was named ("Friday") */
  weekdayGiven: boolean;
}

/**
 * Reads `clean` (see normaliseWhen) with chrono against the clinic's wall clock in `zone`, with
 * chrono's forward dating unless `forward` is false (a bare time already past today means tomorrow). The whole text must be
 * the time: "tomorrow call" is not a time with a note. Undefined when it is not.
 */
export function readWallClock(clean: string, now: Date, zone: string, forward = true): WallClockReading | undefined {
  const local = new TZDate(now.getTime(), zone);
  const result = chrono.parse(clean, { instant: wallClock(now, zone), timezone: 0 }, { forwardDate: forward })[0];
  if (result?.index !== 0 || result.text.length !== clean.length) return undefined;
  const start = result.start;
  const timed = start.isCertain('hour');
  return {
    year: start.get('year') ?? local.getFullYear(),
    month: (start.get('month') ?? local.getMonth() + 1) - 1,
    day: start.get('day') ?? local.getDate(),
    ...(timed ? { hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 } : {}),
    dayGiven: start.isCertain('day'),
    weekdayGiven: start.isCertain('weekday'),
  };
}

/** The instant of a clock time on a read date in `zone`: a nonexistent 02:30 becomes 03:30, an ambiguous 01:30 the first. */
export function wallClockInstant(
  date: Pick<WallClockReading, 'year' | 'month' | 'day'>,
  hour: number,
  minute: number,
  zone: string,
): Date {
  return new Date(new TZDate(date.year, date.month, date.day, hour, minute, zone).getTime());
}

/** A wording that would work instead of a past one: the same clock time tomorrow, or a relative one. */
function suggestionFor(clean: string): string {
  const time = /\b(\d{1,2}(?::\d{2})?\s*(?:am|pm)?|noon)$/i.exec(clean)?.[1];
  return time ? `tomorrow ${time}` : 'tomorrow, or "in 2 hours"';
}

/**
 * Splits `<when> <rest>`: the longest run of leading words (up to 6) that reads entirely as a time
 * (a past one too, so that it is refused rather than cut short).
 * "tomorrow 10am call post-peel check-in" → when "tomorrow 10am", rest "call post-peel check-in".
 */
export function splitWhen(
  text: string,
  now: Date,
  calendar: BusinessCalendar,
): { when: When; whenText: string; rest: string } | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  for (let count = Math.min(6, words.length); count >= 1; count -= 1) {
    const whenText = words.slice(0, count).join(' ');
    const when = readWhen(whenText, now, calendar);
    // the longest run read as a time wins, even a past one: "today 8am" is not "today" plus a note
    if (when.ok || when.code !== 'unreadable') return { when, whenText, rest: words.slice(count).join(' ') };
  }
  return undefined;
}

export type Arrival = { ok: true; at: Date } | { ok: false; code: 'unreadable' | 'future' | 'too-old' };

const ARRIVAL_MAX_AGE_MS = 7 * 86_400_000;

/**
 * When a message that is being logged after the fact arrived: "9:40", "9:40am", "yesterday 4pm",
 * "Mon 16:10", read backwards from now in the clinic's zone. It must name a clock time, lie in the
 * past, and be at most a week old (an older one is a typo, or belongs in the notes).
 */
export function readArrival(text: string, now: Date, zone: string): Arrival {
  const clean = normaliseWhen(text).toLowerCase();
  const read = clean ? readWallClock(clean, now, zone, false) : undefined;
  if (read?.hour === undefined) return { ok: false, code: 'unreadable' };
  let at = wallClockInstant(read, read.hour, read.minute ?? 0, zone);
  // chrono takes the nearest such weekday: for an arrival, the one before
  if (at.getTime() > now.getTime() && read.weekdayGiven && !read.dayGiven) {
    const back = addDays(new TZDate(read.year, read.month, read.day, 12, 0, zone), -7);
    at = wallClockInstant(
      { year: back.getFullYear(), month: back.getMonth(), day: back.getDate() },
      read.hour,
      read.minute ?? 0,
      zone,
    );
  }
  if (at.getTime() > now.getTime()) return { ok: false, code: 'future' };
  if (now.getTime() - at.getTime() > ARRIVAL_MAX_AGE_MS) return { ok: false, code: 'too-old' };
  return { ok: true, at };
}
