import { parseBusinessHours, type BusinessCalendar } from '../../src/time/business-hours.js';

/** A business calendar for unit tests: a zone, weekly hours, and the dates it is shut. */
export function testCalendar(
  zone: string,
  text = 'Mon-Fri 09:00-18:00; Sat 09:00-14:00',
  closed: string[] = [],
): BusinessCalendar {
  const week = parseBusinessHours(text);
  if (!week) throw new Error(`test calendar did not parse: ${text}`);
  return { zone, week, closedOn: (date) => closed.includes(date) };
}
