import type { Storage } from '../storage.js';
import { runOnce } from '../storage.js';

/**
 * The one dedupe key scheme: `event:<platform>:<id>` for what people post (a platform may deliver an
 * event twice), `delivery:<platform>:<id>` for requests (a retried command, a double submit). The
 * keys are stored claims: keep their shape, or claims already stored stop counting.
 */
const CLAIM_TTL_MS = 24 * 3_600_000;

export type Repeatable = 'event' | 'delivery';

/** Runs work once per key; a failure gives the claim back, so the platform's retry is heard. */
export function runOncePer<T>(
  storage: Storage,
  kind: Repeatable,
  platform: string,
  id: string,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  return runOnce(storage, `${kind}:${platform}:${id}`, CLAIM_TTL_MS, work);
}
