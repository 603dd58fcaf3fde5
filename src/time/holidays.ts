import Holidays from 'date-holidays';

/**
 * Public holidays by country and region, from date-holidays (maintained rules for about 200
 * countries, moveable feasts and substitute days included). A clinic opts in with a region code such
 * as `US`, `US-NY` or `GB-ENG`; only days of type "public" shut the clinic (bank, school and
 * observance days do not).
 */
export interface HolidayCalendar {
  /** the code it was made from, e.g. `US-NY` */
  readonly region: string;
  /** the holiday's name on a local date (`yyyy-MM-dd`), undefined on an ordinary day */
  holidayOn(localDate: string): string | undefined;
}

const REGION = /^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?$/;

/** `US`, `us-ny` → `US`, `US-NY`; undefined when date-holidays knows no such country or region. */
export function readHolidayRegion(text: string): string | undefined {
  const match = REGION.exec(text.trim());
  if (!match) return undefined;
  const country = (match[1] ?? '').toUpperCase();
  const state = match[2]?.toUpperCase();
  const known = new Holidays();
  if (!(country in known.getCountries())) return undefined;
  if (state !== undefined && !(state in (known.getStates(country) ?? {}))) return undefined;
  return state ? `${country}-${state}` : country;
}

export function holidayCalendar(region: string): HolidayCalendar {
  const [country = '', state] = region.split('-');
  const rules = state ? new Holidays(country, state) : new Holidays(country);
  // One year's list at a time: a due time walks a few days forward, a digest a few days back.
  const years = new Map<number, Map<string, string>>();
  const yearOf = (year: number): Map<string, string> => {
    let days = years.get(year);
    if (!days) {
      days = new Map();
      for (const holiday of rules.getHolidays(year) || []) {
        // `date` is the local date and time the rule gives ("2026-12-25 00:00:00"), in the country's own terms
        if (holiday.type === 'public' && !days.has(holiday.date.slice(0, 10)))
          days.set(holiday.date.slice(0, 10), holiday.name);
      }
      years.set(year, days);
    }
    return days;
  };
  return {
    region,
    holidayOn: (localDate) => yearOf(Number(localDate.slice(0, 4))).get(localDate),
  };
}
