import { TZDate, tzOffset } from '@date-fns/tz';
import { set } from 'date-fns';
import { DAY_LIST, expandDays } from './weekdays.js';

/**
 * Business hours like `Mon-Fri 09:00-12:30, 13:30-18:00; Sat 09:00-14:00`, read in the clinic's time
 * zone, with days the clinic is shut (closures, public holidays). Wall-clock arithmetic goes through
 * TZDate so opening and closing times survive DST changes.
 */
export interface DayHours {
  /** minutes after local midnight */
  open: number;
  close: number;
}
/** index 0 = Sunday, as Date#getDay; a day's spans in order (a lunch break between two); none = closed */
export type WeekHours = ReadonlyArray<readonly DayHours[]>;

export interface BusinessCalendar {
  zone: string;
  week: WeekHours;
  /**
   * Whether the clinic is shut on a local date otherwise open (a closure, a public holiday). The date
   * is `yyyy-MM-dd`; left out, only the week counts.
   */
  closedOn?: ((localDate: string) => boolean) | undefined;
}

const SPAN = String.raw`\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}`;
/** days, then one or more spans separated by commas, `&` or `and` */
const SEGMENT = new RegExp(String.raw`^(${DAY_LIST})\s+(${SPAN}(?:\s*(?:,|&|\band\b)\s*${SPAN})*)$`, 'i');
const SPAN_PARTS = /(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})/g;

/** A day's spans, in order and apart; undefined when one is malformed, empty or overlaps the one before. */
function readSpans(text: string): DayHours[] | undefined {
  const spans: DayHours[] = [];
  for (const [, oh, om, ch, cm] of text.matchAll(SPAN_PARTS)) {
    const open = Number(oh) * 60 + Number(om);
    const close = Number(ch) * 60 + Number(cm);
    if (Number(om) > 59 || Number(cm) > 59 || close > 24 * 60 || open >= close) return undefined;
    const previous = spans[spans.length - 1];
    if (previous && open < previous.close) return undefined;
    spans.push({ open, close });
  }
  return spans.length ? spans : undefined;
}

/** `9am`, `9:30 a.m.`, `5pm`, `12pm`, `noon` as 24-hour `HH:MM`; undefined for an impossible time. */
function clockTime(hours: string, minutes: string | undefined, half: string): string | undefined {
  const h = Number(hours);
  if (h < 1 || h > 12) return undefined;
  const hour = (h % 12) + (/^p/i.test(half) ? 12 : 0);
  return `${String(hour).padStart(2, '0')}:${minutes ?? '00'}`;
}

const TWELVE_HOUR = /\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?/gi;

/**
 * Hours as people write them, made the 24-hour format: `Mon-Fri 9am-5pm`, `9:30am to 1pm`,
 * `9am–5pm` (a dash of any kind), `noon`, `Mon-Fri: ...`; `9-5` stays refused (no am/pm, no minutes).
 */
export function normaliseHours(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\bnoon\b/gi, '12:00')
    .replace(/\bmidnight\b/gi, '24:00')
    .replace(TWELVE_HOUR, (whole, h: string, m: string | undefined, half: string) => clockTime(h, m, half) ?? whole)
    .replace(/(\d{1,2}:\d{2})\s+(?:to|until|till)\s+(\d{1,2}:\d{2})/gi, '$1-$2')
    .replace(new RegExp(String.raw`(^|;)(\s*(?:${DAY_LIST}))\s*:\s*`, 'gi'), '$1$2 ');
}

/** Returns the week's hours, or undefined when the text does not follow the format. */
export function parseBusinessHours(text: string): WeekHours | undefined {
  const week: Array<readonly DayHours[]> = Array.from({ length: 7 }, () => []);
  const segments = normaliseHours(text)
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0) return undefined;
  for (const segment of segments) {
    const match = SEGMENT.exec(segment);
    const days = match ? expandDays(match[1] ?? '') : undefined;
    const spans = match ? readSpans(match[2] ?? '') : undefined;
    if (!days || !spans) return undefined;
    // A later segment replaces an earlier one for the same day ("Mon-Fri 09:00-18:00; Fri 09:00-13:00").
    for (const day of days) week[day] = spans;
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

/** One open span of a day: its open and close instants (epoch ms), and the local date its close falls on (see localDay). */
interface OpenSpan {
  open: number;
  close: number;
  closeDay: number;
}

/**
 * Open spans already worked out, by zone, local date and hours. Turning a wall-clock time into an
 * instant takes several Intl offset lookups inside TZDate, and a pathway asks for the same few days
 * once per step and again for every complaint of the day (that was most of planSteps' cost, on the
 * main thread right after Slack's ack). A date's hours in a zone never change, so one computation
 * per span is enough. Cleared when full rather than tracked per entry: refilling is cheap.
 */
const openSpans = new Map<string, OpenSpan>();
const OPEN_SPANS_LIMIT = 4_096;

/** `civilDay` is the local date as a UTC-midnight timestamp (only its UTC fields are read). */
function openSpan(zone: string, civilDay: Date, hours: DayHours): OpenSpan {
  const key = `${zone} ${civilDay.getTime()} ${hours.open} ${hours.close}`;
  let span = openSpans.get(key);
  if (!span) {
    // Start from noon, which DST changes (made at night) leave alone: setting the opening and closing
    // times from it gives the same instants as from any other time of that day.
    const noon = new TZDate(civilDay.getUTCFullYear(), civilDay.getUTCMonth(), civilDay.getUTCDate(), 12, zone);
    const close = atMinutes(noon, hours.close);
    span = {
      open: atMinutes(noon, hours.open).getTime(),
      close: close.getTime(),
      closeDay: localDay(zone, close.getTime()),
    };
    if (openSpans.size >= OPEN_SPANS_LIMIT) openSpans.clear();
    openSpans.set(key, span);
  }
  return span;
}

/** `yyyy-MM-dd` of a local date held as a UTC-midnight timestamp. */
function isoDate(civilDay: Date): string {
  return civilDay.toISOString().slice(0, 10);
}

/** The spans of an open local date (a UTC-midnight timestamp); none on a closed one. */
function spansOf(calendar: BusinessCalendar, civilDay: Date): OpenSpan[] {
  const hours = calendar.week[civilDay.getUTCDay()] ?? [];
  if (hours.length === 0 || calendar.closedOn?.(isoDate(civilDay))) return [];
  return hours.map((h) => openSpan(calendar.zone, civilDay, h));
}

/**
 * Open days from `firstDay` (by default the local date of `from`) onwards, for up to `maxDays` days,
 * each with its spans still open at `from` (days with none are skipped). Local dates are stepped with
 * UTC date arithmetic (a calendar day is a calendar day in every zone), so the only time-zone work is
 * one offset lookup for `from` and the cached spans.
 */
function* openDaysFrom(
  calendar: BusinessCalendar,
  from: Date,
  maxDays: number,
  firstDay = localDay(calendar.zone, from.getTime()),
): Generator<OpenSpan[]> {
  for (let offset = 0; offset < maxDays; offset += 1) {
    const spans = spansOf(calendar, new Date(firstDay + offset * DAY_MS)).filter((s) => s.close > from.getTime());
    if (spans.length) yield spans;
  }
}

/** Open spans from `from` onwards, the first cut to start at `from` when it is mid-span. */
function* spansFrom(
  calendar: BusinessCalendar,
  from: Date,
  maxDays: number,
): Generator<{ open: number; close: number }> {
  for (const day of openDaysFrom(calendar, from, maxDays)) {
    for (const span of day) yield { open: Math.max(span.open, from.getTime()), close: span.close };
  }
}

/** Open intervals from `from` onwards (the first may start mid-interval), for up to `maxDays` days. */
export function* openIntervals(calendar: BusinessCalendar, from: Date, maxDays = 366): Generator<[Date, Date]> {
  for (const span of spansFrom(calendar, from, maxDays)) yield [new Date(span.open), new Date(span.close)];
}

/** The moment when `ms` of open time has passed since `from`. */
export function addBusinessTime(calendar: BusinessCalendar, from: Date, ms: number): Date {
  let remaining = ms;
  for (const span of spansFrom(calendar, from, 366)) {
    if (remaining <= span.close - span.open) return new Date(span.open + remaining);
    remaining -= span.close - span.open;
  }
  throw new RangeError('The business calendar has no open hours within a year');
}

/** Closing time of the n-th business day after `from` (n = 1: the next business day). */
export function endOfBusinessDays(calendar: BusinessCalendar, from: Date, days: number): Date {
  let seen = 0;
  const today = localDay(calendar.zone, from.getTime());
  for (const day of openDaysFrom(calendar, from, 366, today)) {
    const last = day[day.length - 1];
    // a day that closes on the local date of `from` is today, whatever its opening
    if (!last || last.closeDay === today) continue;
    seen += 1;
    if (seen === days) return new Date(last.close);
  }
  throw new RangeError('The business calendar has no open hours within a year');
}

/** Open time between two instants (for "business minutes" figures and SLA clocks). */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let total = 0;
  for (const span of spansFrom(calendar, from, 366)) {
    if (span.open >= to.getTime()) break;
    total += Math.min(span.close, to.getTime()) - span.open;
  }
  return total;
}

/**
 * The hours of a local date (`yyyy-MM-dd`): its spans, none when the week or a closure shuts it.
 * For the digest, which goes out on open days only, and until the last span closes.
 */
export function hoursOn(calendar: BusinessCalendar, localDate: string): readonly DayHours[] {
  const civilDay = new Date(`${localDate}T00:00:00Z`);
  if (calendar.closedOn?.(localDate)) return [];
  return calendar.week[civilDay.getUTCDay()] ?? [];
}
