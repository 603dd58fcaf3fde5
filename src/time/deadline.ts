import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format } from 'date-fns';
import { normaliseWhen, readWallClock, wallClockInstant, type WallClockReading } from './when.js';

/**
 * Deadlines as reporters give them: "5pm", "by 17:30", "tomorrow noon", "Friday", "today eod",
 * read with chrono (through when.ts) on the clinic's wall clock and turned into an instant by
 * Tact's own zone rules. Every reading says what it did that the person may not expect:
 * - a bare time already past today ("by 5pm" at 17:31) means tomorrow: `rolled`;
 * - the end of the day ("eod", "end of day", "cob", or a day with no time, "Friday") is 17:00;
 *   said for today after 17:00 ("today eod" at 17:36), it is read as the end of today, 23:59, rather
 *   than a 17:00 already gone: `late-eod`;
 * - a time named for today that has passed ("today 5pm" at 17:31) is kept as said and `past`, so
 *   the person is told at once;
 * - a wording chrono cannot read whole ("by end of next week sometime") is `unreadable`.
 */
export type DeadlineSaid = 'rolled' | 'late-eod' | 'past';

export type DeadlineReading =
  | { ok: true; at: Date; said?: DeadlineSaid }
  | { ok: false; code: 'unreadable' | 'too-far' };

/** The working day's end, when a reporter says "end of day" or names a day with no time. */
export const END_OF_DAY = { hour: 17, minute: 0 } as const;
const LATE_END = { hour: 23, minute: 59 } as const;
const MAX_AHEAD_DAYS = 366;

const LEADING = /^(?:by|before|until|till|due|at|no later than)\s+/;
const END_OF_DAY_WORDS =
  /(?<![\p{L}\p{N}])(?:e\.?o\.?d\.?|c\.?o\.?b\.?|e\.?o\.?b\.?|end of (?:the )?(?:working |business )?day|close of (?:the )?business(?: day)?|end of business|close of play)(?![\p{L}\p{N}])/u;

/** The wording as chrono will read it, and whether it named the end of the day. */
function prepare(text: string): { clean: string; endOfDay: boolean } {
  let clean = normaliseWhen(text)
    .toLowerCase()
    .replace(/[.,;!?]+$/, '');
  for (let i = 0; i < 2; i += 1) clean = clean.replace(LEADING, '');
  const endOfDay = END_OF_DAY_WORDS.test(clean);
  clean = clean
    .replace(END_OF_DAY_WORDS, `${END_OF_DAY.hour}:00`)
    .replace(/^tonight$/, 'today 8pm')
    .replace(/\s+/g, ' ')
    .trim();
  return { clean, endOfDay };
}

function dateOf(at: Date, zone: string): string {
  return format(new TZDate(at.getTime(), zone), 'yyyy-MM-dd');
}

/** Reads a reporter's deadline against `now` in `zone`. Pure: same input, same answer. */
export function readDeadline(text: string, now: Date, zone: string): DeadlineReading {
  const { clean, endOfDay: saidEndOfDay } = prepare(text);
  if (clean === '') return { ok: false, code: 'unreadable' };
  const read = readWallClock(clean, now, zone);
  if (!read) return { ok: false, code: 'unreadable' };
  const endOfDay = saidEndOfDay || read.hour === undefined;
  const today = dateOf(now, zone);
  const date = onTodayIfStillAhead(read, now, zone);
  const hour = read.hour ?? END_OF_DAY.hour;
  const minute = read.minute ?? END_OF_DAY.minute;
  const at = wallClockInstant(date, hour, minute, zone);
  const localToday = new TZDate(now.getTime(), zone);
  const todayAt = (clock: { hour: number; minute: number }) =>
    wallClockInstant(
      { year: localToday.getFullYear(), month: localToday.getMonth(), day: localToday.getDate() },
      clock.hour,
      clock.minute,
      zone,
    );
  // today's end of the day, said after it: a bare "eod" (which chrono moved to tomorrow) or "today eod"
  const meantToday = read.dayGiven ? dateOf(at, zone) === today : !read.weekdayGiven;
  if (endOfDay && meantToday && todayAt({ hour, minute }).getTime() <= now.getTime()) {
    const late = todayAt(LATE_END);
    return late.getTime() > now.getTime()
      ? { ok: true, at: late, said: 'late-eod' }
      : { ok: true, at: todayAt({ hour, minute }), said: 'past' };
  }
  if (differenceInCalendarDays(new TZDate(at.getTime(), zone), localToday) > MAX_AHEAD_DAYS)
    return { ok: false, code: 'too-far' };
  if (at.getTime() <= now.getTime()) return { ok: true, at, said: 'past' };
  const midnight = hour === 0 && minute === 0;
  if (!read.dayGiven && !read.weekdayGiven && !midnight && dateOf(at, zone) !== today)
    return { ok: true, at, said: 'rolled' };
  return { ok: true, at };
}

/**
 * chrono dates a weekday that is today's by its own noon: "Friday" said on a Friday afternoon
 * becomes next week's. A deadline named by today's weekday is today's while its time is still ahead.
 */
function onTodayIfStillAhead(read: WallClockReading, now: Date, zone: string): WallClockReading {
  if (!read.weekdayGiven || read.dayGiven) return read;
  const local = new TZDate(now.getTime(), zone);
  const readDate = new TZDate(read.year, read.month, read.day, 12, 0, zone);
  if (differenceInCalendarDays(readDate, local) !== 7) return read;
  const todays = addDays(readDate, -7);
  const at = wallClockInstant(
    { year: todays.getFullYear(), month: todays.getMonth(), day: todays.getDate() },
    read.hour ?? END_OF_DAY.hour,
    read.minute ?? END_OF_DAY.minute,
    zone,
  );
  if (at.getTime() <= now.getTime()) return read;
  return { ...read, year: todays.getFullYear(), month: todays.getMonth(), day: todays.getDate() };
}

/** Whether a phrase reads as a deadline at all (the shape, not whether it has passed). */
export function readsAsDeadlineWording(text: string, now: Date, zone: string): boolean {
  return readDeadline(text, now, zone).ok;
}
