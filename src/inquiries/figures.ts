import { PATIENT_CHANNELS, type DayFigures, type PatientChannel } from './model.js';

/** Figures over one or more clinic days, from the per-day counters. */
export interface PeriodFigures {
  days: number;
  received: number;
  answered: number;
  /** median business minutes to first response; undefined when nothing was answered */
  medianResponseMinutes: number | undefined;
  /** share of answered inquiries with an arrival time answered within the reply goal, 0..1 */
  withinSlaShare: number | undefined;
  /** received inquiries logged after the fact (/inquiry), and answered ones left out of response times (no arrival time) */
  loggedAfter: number;
  untimed: number;
  breaches: number;
  /** received inquiries that wanted the doctor, and from nervous patients */
  wantsDoctor: number;
  nervous: number;
  byChannel: Array<{ channel: PatientChannel; received: number; answered: number }>;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function combineFigures(days: readonly DayFigures[]): PeriodFigures {
  const responses = days.flatMap((d) => d.responseMs);
  const answered = days.reduce((n, d) => n + d.answered, 0);
  const withinSla = days.reduce((n, d) => n + d.withinSla, 0);
  const untimed = days.reduce((n, d) => n + (d.untimed ?? 0), 0);
  const timed = answered - untimed;
  const mid = median(responses);
  return {
    days: days.length,
    received: days.reduce((n, d) => n + d.received, 0),
    answered,
    medianResponseMinutes: mid === undefined ? undefined : Math.round(mid / 60_000),
    withinSlaShare: timed > 0 ? withinSla / timed : undefined,
    loggedAfter: days.reduce((n, d) => n + (d.loggedAfter ?? 0), 0),
    untimed,
    breaches: days.reduce((n, d) => n + d.breaches, 0),
    wantsDoctor: days.reduce((n, d) => n + (d.wantsDoctor ?? 0), 0),
    nervous: days.reduce((n, d) => n + (d.nervous ?? 0), 0),
    byChannel: PATIENT_CHANNELS.map((channel) => ({
      channel,
      received: days.reduce((n, d) => n + (d.byChannel[channel]?.received ?? 0), 0),
      answered: days.reduce((n, d) => n + (d.byChannel[channel]?.answered ?? 0), 0),
    })).filter((c) => c.received + c.answered > 0),
  };
}
