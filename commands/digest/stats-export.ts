import { CHANNEL_LABELS, PATIENT_CHANNELS } from '../../src/inquiries/model.js';
import { combineFigures, type PeriodFigures } from '../../src/inquiries/figures.js';
import { csvBytes, toCsv } from '../../src/export/csv.js';
import type { Services } from '../../src/services.js';
import { periodDays } from './digest.js';

/**
 * `/tact stats export`: the patient-message figures as CSV, one row a clinic day (newest first) and a
 * total row, the same numbers `/tact stats` shows. Figures only: no patient reference, no message.
 */
export const STATS_HEADER = [
  'day',
  'received',
  'answered',
  'median first response (business minutes)',
  'answered within the goal (%)',
  'missed the goal',
  'wanted the doctor',
  'from nervous patients',
  ...PATIENT_CHANNELS.flatMap((c) => [`${CHANNEL_LABELS[c]} received`, `${CHANNEL_LABELS[c]} answered`]),
];

function row(label: string, f: PeriodFigures): string[] {
  const channels = PATIENT_CHANNELS.flatMap((channel) => {
    const c = f.byChannel.find((b) => b.channel === channel);
    return [String(c?.received ?? 0), String(c?.answered ?? 0)];
  });
  return [
    label,
    String(f.received),
    String(f.answered),
    f.medianResponseMinutes === undefined ? '' : String(f.medianResponseMinutes),
    f.withinSlaShare === undefined ? '' : String(Math.round(f.withinSlaShare * 100)),
    String(f.breaches),
    String(f.wantsDoctor),
    String(f.nervous),
    ...channels,
  ];
}

export async function statsCsv(services: Services, days: number): Promise<Uint8Array> {
  const keys = periodDays(services, days);
  const perDay = await Promise.all(keys.map((k) => services.inquiries.figures(k)));
  const rows = keys.map((key, i) => row(key, combineFigures(perDay.slice(i, i + 1))));
  return csvBytes(toCsv(STATS_HEADER, [...rows, row('total', combineFigures(perDay))]));
}
