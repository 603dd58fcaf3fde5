import { TZDate } from '@date-fns/tz';
import { addDays, set } from 'date-fns';

/**
 * Deadlines as reporters give them: "5pm", "by 17:30", "tomorrow 10am", "Friday noon", "today eod",
 * read in the clinic's time zone. A time already past today means the next day; a weekday means its
 * next occurrence (today if the time is still ahead). Anything else is left to the caller as text.
 */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function readTime(text: string): { hours: number; minutes: number } | undefined {
  if (text === 'noon' || text === 'midday') return { hours: 12, minutes: 0 };
  if (text === 'midnight') return { hours: 23, minutes: 59 };
  if (text === 'eod' || text === 'end of day' || text === 'close of business' || text === 'cob')
    return { hours: 17, minutes: 0 };
  if (text === 'morning') return { hours: 9, minutes: 0 };
  if (text === 'afternoon') return { hours: 14, minutes: 0 };
  if (text === 'evening' || text === 'tonight') return { hours: 18, minutes: 0 };
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(text);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const meridiem = match[3]?.replace(/\./g, '');
  if (minutes > 59 || hours > 23 || (meridiem && (hours < 1 || hours > 12))) return undefined;
  if (!meridiem && match[2] === undefined) return undefined; // a bare "5" is too ambiguous
  if (meridiem === 'pm' && hours < 12) hours += 12;
  if (meridiem === 'am' && hours === 12) hours = 0;
  return { hours, minutes };
}

export function parseDeadline(text: string, now: Date, zone: string): Date | undefined {
  let rest = text
    .trim()
    .toLowerCase()
    .replace(/^by\s+/, '')
    .replace(/\s+/g, ' ')
    .replace(/\bat\s+/, '');
  // "noon tomorrow", "3pm Friday": the same as "tomorrow noon", "Friday 3pm".
  const timeFirst =
    /^(.+?) (today|tonight|tomorrow|tmrw|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.exec(
      rest,
    );
  if (timeFirst) rest = `${timeFirst[2] ?? ''} ${timeFirst[1] ?? ''}`;
  const local = new TZDate(now.getTime(), zone);
  let day: TZDate | undefined;
  let explicitDay = false;
  const dayWord =
    /^(today|tonight|tomorrow|tmrw|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b\s*/.exec(
      rest,
    );
  if (dayWord) {
    const word = dayWord[1] ?? '';
    explicitDay = true;
    rest = rest.slice(dayWord[0].length).trim();
    if (word === 'today' || word === 'tonight') {
      day = local;
      if (word === 'tonight' && rest === '') rest = 'tonight';
    } else if (word === 'tomorrow' || word === 'tmrw') day = addDays(local, 1);
    else {
      const index = WEEKDAYS.findIndex((w) => w.startsWith(word.slice(0, 3)));
      day = addDays(local, (index - local.getDay() + 7) % 7);
    }
  }
  const time = rest === '' ? (explicitDay ? { hours: 17, minutes: 0 } : undefined) : readTime(rest);
  if (!time) return undefined;
  let candidate = set(day ?? local, { hours: time.hours, minutes: time.minutes, seconds: 0, milliseconds: 0 });
  if (candidate.getTime() <= now.getTime()) {
    if (dayWord && !/^(mon|tue|wed|thu|fri|sat|sun)/.test(dayWord[1] ?? '')) return new Date(candidate.getTime());
    candidate = addDays(candidate, explicitDay ? 7 : 1);
  }
  return new Date(candidate.getTime());
}
