import { TZDate } from '@date-fns/tz';
import { format, formatDistanceStrict } from 'date-fns';

/** Dates as the clinic reads them: its own time zone, short and unambiguous. */
export function clinicTime(iso: string | Date, zone: string): string {
  return format(new TZDate(new Date(iso).getTime(), zone), 'EEE d MMM HH:mm');
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
