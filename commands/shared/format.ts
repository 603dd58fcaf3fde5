import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format, formatDistanceStrict } from 'date-fns';
import { shownId } from '../../src/chat/ids.js';

/**
 * Formatted clinic times by zone and instant. Formatting through TZDate takes tens of microseconds
 * (several Intl offset lookups), and the due times of pathway steps repeat for every complaint
 * logged the same day, so the confirmation after each /complaint would format the same few instants
 * again on the main thread. Cleared when full: refilling is cheap.
 */
const clinicTimes = new Map<string, string>();
const CLINIC_TIMES_LIMIT = 2_048;

/** Dates as the clinic reads them: its own time zone, short and unambiguous. */
export function clinicTime(iso: string | Date, zone: string): string {
  const time = new Date(iso).getTime();
  const key = `${zone} ${time}`;
  let text = clinicTimes.get(key);
  if (text === undefined) {
    text = format(new TZDate(time, zone), 'EEE d MMM HH:mm');
    if (clinicTimes.size >= CLINIC_TIMES_LIMIT) clinicTimes.clear();
    clinicTimes.set(key, text);
  }
  return text;
}

export function clinicDate(iso: string | Date, zone: string): string {
  return format(new TZDate(new Date(iso).getTime(), zone), 'MMMM d, yyyy');
}

export function ago(iso: string, now: Date): string {
  return `${formatDistanceStrict(new Date(iso), now)} ago`;
}

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A record's history as staff read it: when (clinic time), who, what. */
export function historyLines(history: ReadonlyArray<{ at: string; by: string; what: string }>, zone: string): string[] {
  return history.map((h) => `${clinicTime(h.at, zone)} · ${shownId(h.by)} · ${h.what}`);
}

/** A time as said back to the person who set it: `today 17:00`, `tomorrow 12:00`, `Fri 11 Dec 17:00`. */
export function dayAndTime(at: string | Date, zone: string, now: Date): string {
  const local = new TZDate(new Date(at).getTime(), zone);
  const days = differenceInCalendarDays(local, new TZDate(now.getTime(), zone));
  const clock = format(local, 'HH:mm');
  if (days === 0) return `today ${clock}`;
  if (days === 1) return `tomorrow ${clock}`;
  if (days === -1) return `yesterday ${clock}`;
  return clinicTime(at, zone);
}

/** `in 25 minutes`, `in 23 hours`, or `36 minutes ago` (whole units, rounded down). */
export function fromNow(at: string | Date, now: Date): string {
  const distance = formatDistanceStrict(new Date(at), now, { roundingMethod: 'floor' });
  return new Date(at).getTime() > now.getTime() ? `in ${distance}` : `${distance} ago`;
}

/** `today 17:00, in 25 minutes`: every time Tact reads is said back like this. */
export function saidBack(at: string | Date, zone: string, now: Date): string {
  return `${dayAndTime(at, zone, now)}, ${fromNow(at, now)}`;
}
