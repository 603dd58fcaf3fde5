/**
 * Durations as staff write them: `30s`, `15m`, `1h`, `2d`, `1h30m`, and in words: `2 hours`,
 * `90 minutes`, `1 hr`, `1.5 hours`, `1 hour 30 minutes`, `an hour`, `half an hour`.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_WORDS: Record<string, keyof typeof UNIT_MS> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
};
/** one amount and its unit: `2 hours`, `1.5h`, `90 min` */
const PART = /^(\d+(?:[.,]\d+)?)\s*([a-z]+)$/;

export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase();
  const match = DURATION.exec(compact);
  if (match && compact !== '') {
    const [, d, h, m, s] = match;
    const ms =
      Number(d ?? 0) * UNIT_MS.d + Number(h ?? 0) * UNIT_MS.h + Number(m ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s;
    return ms > 0 ? ms : undefined;
  }
  return durationInWords(compact);
}

/** `2 hours`, `1 hour and 30 minutes`, `an hour`, `half an hour`; undefined when any part is not read. */
function durationInWords(text: string): number | undefined {
  const words = text
    .replace(/\bhalf an? (hour|minute|day)\b/g, '0.5 $1')
    .replace(/\ban? (hour|minute|day|second)\b/g, '1 $1')
    .replace(/(\d)\s+(?=[a-z])/g, '$1')
    .split(/\s*(?:,|\band\b|\s)\s*/)
    .filter(Boolean);
  if (!words.length) return undefined;
  let ms = 0;
  for (const word of words) {
    const [, amount, unitWord] = PART.exec(word) ?? [];
    const unit = unitWord === undefined ? undefined : UNIT_WORDS[unitWord];
    if (amount === undefined || unit === undefined) return undefined;
    ms += Number(amount.replace(',', '.')) * UNIT_MS[unit];
  }
  return ms > 0 ? Math.round(ms) : undefined;
}

/** Whole days only, as in `30d` or `90d` (report windows). */
export function parseDays(text: string): number | undefined {
  const match = /^(\d{1,4})d$/.exec(text.trim().toLowerCase());
  const days = match ? Number(match[1]) : 0;
  return days > 0 ? days : undefined;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
