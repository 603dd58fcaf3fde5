import { TZDate } from '@date-fns/tz';
import { DAY_LIST, expandDays } from './weekdays.js';

/**
 * Who is on call: a weekly rota in the clinic's zone (`Mon-Fri 18:00-08:00 U1; Sat-Sun U2`), with
 * one-off overrides on top ("Dr B covers Fri 18:00 to Mon 08:00"). A shift may run past midnight
 * (18:00-08:00 covers the evening of each day named and the morning after); a day with no hours is
 * the whole day. Where segments overlap, the later one wins, as with business hours.
 */
export interface OnCallShift {
  /** 0 = Sunday, as Date#getDay */
  days: readonly number[];
  /** minutes after local midnight; `to` at or before `from` runs past midnight */
  from: number;
  to: number;
  person: string;
}
export type OnCallWeek = readonly OnCallShift[];

export interface OnCallOverride {
  person: string;
  /** instants, ISO */
  from: string;
  to: string;
}

export type OnCallNow = { person: string; source: 'override' | 'rota' } | undefined;

const SEGMENT = new RegExp(
  String.raw`^(${DAY_LIST})(?:\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2}))?\s+([A-Za-z0-9_.:-]+)$`,
);

function minutes(hours: string | undefined, mins: string | undefined): number | undefined {
  const h = Number(hours);
  const m = Number(mins);
  return h > 24 || m > 59 || (h === 24 && m > 0) ? undefined : h * 60 + m;
}

/** The rota, or undefined when a segment does not read as `<days> [HH:MM-HH:MM] <user id>`. */
export function parseOnCallWeek(text: string): OnCallWeek | undefined {
  const segments = text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  const week: OnCallShift[] = [];
  for (const segment of segments) {
    const match = SEGMENT.exec(segment);
    const days = match ? expandDays(match[1] ?? '') : undefined;
    if (!match || !days) return undefined;
    const [, , oh, om, ch, cm, person = ''] = match;
    // "Mon-Fri 18:00-08:00" with the person left out would read the hours as the person
    if (/^\d{1,2}:\d{2}/.test(person)) return undefined;
    const whole = oh === undefined;
    const from = whole ? 0 : minutes(oh, om);
    const to = whole ? 24 * 60 : minutes(ch, cm);
    if (from === undefined || to === undefined || from === to) return undefined;
    week.push({ days, from, to, person });
  }
  return week;
}

const DAY_MINUTES = 24 * 60;

function covers(shift: OnCallShift, day: number, minute: number): boolean {
  const previous = (day + 6) % 7;
  if (shift.from < shift.to) return shift.days.includes(day) && minute >= shift.from && minute < shift.to;
  // past midnight: the evening of a day named, or the morning after one
  return (shift.days.includes(day) && minute >= shift.from) || (shift.days.includes(previous) && minute < shift.to);
}

/** Who is on call at an instant: an override covering it (the latest added), else the rota's shift. */
export function onCallAt(week: OnCallWeek, overrides: readonly OnCallOverride[], zone: string, at: Date): OnCallNow {
  const time = at.getTime();
  const override = [...overrides].reverse().find((o) => Date.parse(o.from) <= time && time < Date.parse(o.to));
  if (override) return { person: override.person, source: 'override' };
  const local = new TZDate(time, zone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const shift = [...week].reverse().find((s) => covers(s, local.getDay(), minute % DAY_MINUTES));
  return shift ? { person: shift.person, source: 'rota' } : undefined;
}
