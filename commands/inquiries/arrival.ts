import { readArrival, type Arrival } from '../../src/time/when.js';

/**
 * `/inquiry call P-12 at 9:40 wants to rebook`: a call logged after the fact carries the time it
 * arrived, written `at <time>` or `arrived <time>` right after the patient reference. Only the shape
 * is read here (the command has no clock yet); the command reads it against now in the clinic's zone.
 */
const SHAPE_ONLY = new Date(0);
const LEAD = /^(?:arrived\s+at|arrived|at)\s+/i;

export function takeArrival(summary: string): { when: string; rest: string } | undefined {
  const lead = LEAD.exec(summary);
  if (!lead) return undefined;
  const words = summary.slice(lead[0].length).split(/\s+/).filter(Boolean);
  for (let count = Math.min(3, words.length); count >= 1; count -= 1) {
    const when = words.slice(0, count).join(' ');
    const shape = readArrival(when, SHAPE_ONLY, 'UTC');
    if (shape.ok || shape.code !== 'unreadable') return { when, rest: words.slice(count).join(' ') };
  }
  return undefined;
}

export function arrivalProblem(typed: string, code: Exclude<Arrival, { ok: true }>['code']): string {
  const how = 'Write the time it arrived, e.g. "at 9:40", "at 9:40am" or "arrived yesterday 4pm". Nothing was logged.';
  switch (code) {
    case 'future':
      return `"${typed}" is later than now, so it cannot be when the message arrived. ${how}`;
    case 'too-old':
      return `"${typed}" is more than a week ago: log it with a note instead. ${how}`;
    default:
      return `"${typed}" could not be read as a time. ${how}`;
  }
}
