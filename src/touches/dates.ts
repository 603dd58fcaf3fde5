import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import * as chrono from 'chrono-node';
import { hoursOn, type BusinessCalendar } from '../time/business-hours.js';
import { normaliseWhen, readWhen, wallClock } from '../time/when.js';
import type { MonthDay } from './model.js';

/**
 * The dates of personal touches, in the clinic's zone. A reminder goes out at the clinic's opening
 * on its day; when the clinic is shut that day, at the opening of the last open day before it (a wish
 * early rather than late), never in the past: a reminder whose time has gone comes a minute from now.
 */

const MINUTE_MS = 60_000;
const MAX_AHEAD_DAYS = 366;
const LOOK_BACK_DAYS = 14;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The birthday's date in a year: Feb 29 falls on Feb 28 in a year that has none. */
export function birthdayIn(birthday: MonthDay, year: number): string {
  const day = birthday.month === 2 && birthday.day === 29 && !isLeapYear(year) ? 28 : birthday.day;
  return `${year}-${pad(birthday.month)}-${pad(day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The clinic's local date of an instant, `yyyy-MM-dd`. */
export function localDateOf(at: Date, zone: string): string {
  return format(new TZDate(at.getTime(), zone), 'yyyy-MM-dd');
}

/** `yyyy-MM-dd` plus some days (negative: before). */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return format(addDays(new Date(Date.UTC(y, m - 1, d, 12)), days), 'yyyy-MM-dd');
}

function openingOn(calendar: BusinessCalendar, date: string): Date | undefined {
  const first = hoursOn(calendar, date)[0];
  if (!first) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new TZDate(y, m - 1, d, Math.floor(first.open / 60), first.open % 60, calendar.zone);
  return new Date(at.getTime());
}

/**
 * When to remind for something on `date`: the clinic's opening that day, else the last open day's
 * within two weeks before, else 09:00 on the day; a minute from now when that time has passed.
 */
export function reminderFor(calendar: BusinessCalendar, date: string, now: Date): Date {
  let at: Date | undefined;
  for (let back = 0; back <= LOOK_BACK_DAYS && !at; back += 1) at = openingOn(calendar, shiftDate(date, -back));
  if (!at) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    at = new Date(new TZDate(y, m - 1, d, 9, 0, calendar.zone).getTime());
  }
  return at.getTime() > now.getTime() ? at : new Date(now.getTime() + MINUTE_MS);
}

export interface Planned {
  /** the date the occasion (or its reminder, for an event: the day before) falls on */
  occasionDate: string;
  dueAt: Date;
}

/** A first-visit thank-you: two days from now, at the clinic's opening that day (the next open day's when shut). */
export function thankYouPlan(calendar: BusinessCalendar, now: Date): Planned {
  const when = readWhen('in 2 days', now, calendar);
  const dueAt = when.ok ? when.at : new Date(now.getTime() + 2 * 86_400_000);
  return { occasionDate: localDateOf(dueAt, calendar.zone), dueAt };
}

/** An event's wish: the day before the event. */
export function eventPlan(calendar: BusinessCalendar, eventDate: string, now: Date): Planned {
  return { occasionDate: eventDate, dueAt: reminderFor(calendar, shiftDate(eventDate, -1), now) };
}

/** The next birthday on or after `fromDate` (today, or the day after the one just wished). */
export function birthdayPlan(calendar: BusinessCalendar, birthday: MonthDay, now: Date, fromDate?: string): Planned {
  const from = fromDate ?? localDateOf(now, calendar.zone);
  const year = Number(from.slice(0, 4));
  const thisYear = birthdayIn(birthday, year);
  const occasionDate = thisYear >= from ? thisYear : birthdayIn(birthday, year + 1);
  return { occasionDate, dueAt: reminderFor(calendar, occasionDate, now) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export type MonthDayReading =
  | { ok: true; birthday: MonthDay }
  | { ok: false; code: 'year' | 'unreadable' | 'no-such-day' };

function monthOf(word: string): number | undefined {
  const index = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return index >= 0 && /^[a-z]+\.?$/i.test(word) ? index + 1 : undefined;
}

function checkedDay(month: number, day: number): MonthDayReading {
  if (month < 1 || month > 12 || day < 1) return { ok: false, code: 'unreadable' };
  if (day > (DAYS_IN_MONTH[month - 1] ?? 0)) return { ok: false, code: 'no-such-day' };
  return { ok: true, birthday: { month, day } };
}

/**
 * A birthday as month and day: `Feb 29`, `29 February`, `March 14th`, `03-14`, `3/14` (month first;
 * `14/03` reads as day first since there is no 14th month). Anything that carries a year (`1990`,
 * `3/14/90`, `Mar 14 '90`) is refused: Tact never keeps a birth year.
 */
export function readMonthDay(text: string): MonthDayReading {
  const clean = normaliseWhen(text).replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  if (/\d{3,}/.test(clean) || /'\d{2}\b/.test(clean) || /^\d{1,2}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(clean))
    return { ok: false, code: 'year' };
  const numeric = /^(\d{1,2})[-/.](\d{1,2})$/.exec(clean);
  if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    return a > 12 && b <= 12 ? checkedDay(b, a) : checkedDay(a, b);
  }
  const words = clean.split(' ');
  if (words.length === 3 && /^\d{1,2}$/.test(words[2] ?? '') && monthOf(words[0] ?? ''))
    return { ok: false, code: 'year' };
  if (words.length !== 2) return { ok: false, code: 'unreadable' };
  const dayWord = (w: string) => /^(\d{1,2})(?:st|nd|rd|th)?$/i.exec(w)?.[1];
  const [first = '', second = ''] = words;
  const monthFirst = monthOf(first);
  const day = monthFirst ? dayWord(second) : dayWord(first);
  const month = monthFirst ?? monthOf(second);
  if (!month || !day) return { ok: false, code: 'unreadable' };
  return checkedDay(month, Number(day));
}

export type EventDateReading =
  | { ok: true; date: string }
  | { ok: false; code: 'unreadable' | 'past' | 'too-far'; date?: string };

/**
 * An event's date as staff write it, in the clinic's zone: `Dec 24`, `24 December 2026`, `next
 * Saturday`, `2026-12-24`. A date without a year is the next one to come; today or later is accepted.
 */
export function readEventDate(text: string, now: Date, zone: string): EventDateReading {
  const clean = normaliseWhen(text);
  const result = chrono.parse(clean, { instant: wallClock(now, zone), timezone: 0 }, { forwardDate: true })[0];
  if (result?.index !== 0 || result.text.length !== clean.length) return { ok: false, code: 'unreadable' };
  const today = localDateOf(now, zone);
  const date = `${result.start.get('year')}-${pad(result.start.get('month') ?? 0)}-${pad(result.start.get('day') ?? 0)}`;
  if (date < today) return { ok: false, code: 'past', date };
  if (date > shiftDate(today, MAX_AHEAD_DAYS)) return { ok: false, code: 'too-far', date };
  return { ok: true, date };
}

/** The longest run of leading words (up to 4) that reads as an event date, and the words after it. */
export function splitEventDate(
  text: string,
  now: Date,
  zone: string,
): { reading: EventDateReading; dateText: string; rest: string } | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  for (let count = Math.min(4, words.length); count >= 1; count -= 1) {
    const dateText = words.slice(0, count).join(' ');
    const reading = readEventDate(dateText, now, zone);
    if (reading.ok || reading.code !== 'unreadable') return { reading, dateText, rest: words.slice(count).join(' ') };
  }
  return undefined;
}
