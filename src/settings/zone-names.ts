import { editDistance } from '../chat/typos.js';

/**
 * A mistyped time zone's likely meaning (`Europe/Londn` → `Europe/London`, `europe/london`,
 * `London`): the closest IANA name this Node knows, when it is close enough to be a typo.
 */
export function likelyTimeZone(typed: string): string | undefined {
  const text = typed.trim().replace(/\s+/g, '_').toLowerCase();
  if (text.length < 3) return undefined;
  const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  let best: { zone: string; distance: number } | undefined;
  for (const zone of zones) {
    const lower = zone.toLowerCase();
    const city = lower.slice(lower.lastIndexOf('/') + 1);
    const distance = Math.min(editDistance(text, lower), text.includes('/') ? Infinity : editDistance(text, city));
    if (!best || distance < best.distance) best = { zone, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.floor(Math.min(text.length, best.zone.length) / 5));
  return best.distance <= allowed ? best.zone : undefined;
}
