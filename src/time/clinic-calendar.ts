import type { BusinessCalendar, WeekHours } from './business-hours.js';
import { holidayCalendar, type HolidayCalendar } from './holidays.js';

/**
 * The clinic's calendar as the clocks read it: the weekly hours in its zone, less the days it is
 * shut (closures managers add, and public holidays when the clinic opted in). Built once per change
 * of the settings it reads; closures are asked each time, so one added on another instance counts as
 * soon as that instance's list is refreshed.
 */
export interface CalendarSettings {
  timezone: string;
  businessHours: WeekHours;
  /** a date-holidays region such as `US-NY`; undefined: no public holidays */
  holidays: string | undefined;
}

export interface ClosedDays {
  on(localDate: string): { reason?: string | undefined } | undefined;
}

/** Why the clinic is shut on a local date otherwise open: a closure's reason, a holiday's name. */
export type ClosedReason = { kind: 'closure'; reason: string | undefined } | { kind: 'holiday'; name: string };

export interface ClinicCalendar {
  current(): BusinessCalendar;
  /** why a local date (`yyyy-MM-dd`) is shut besides the weekly hours, if it is */
  closedReason(localDate: string): ClosedReason | undefined;
}

export function clinicCalendar(settings: () => CalendarSettings, closures: ClosedDays): ClinicCalendar {
  let holidays: HolidayCalendar | undefined;
  const holidaysFor = (region: string | undefined): HolidayCalendar | undefined => {
    if (region === undefined) return undefined;
    if (holidays?.region !== region) holidays = holidayCalendar(region);
    return holidays;
  };
  const closedReason = (localDate: string): ClosedReason | undefined => {
    const closure = closures.on(localDate);
    if (closure) return { kind: 'closure', reason: closure.reason };
    const name = holidaysFor(settings().holidays)?.holidayOn(localDate);
    return name === undefined ? undefined : { kind: 'holiday', name };
  };
  return {
    current() {
      const { timezone, businessHours } = settings();
      return { zone: timezone, week: businessHours, closedOn: (localDate) => closedReason(localDate) !== undefined };
    },
    closedReason,
  };
}
