import type { Complaint, Tier } from './model.js';

/**
 * Who hears of a complaint at once: an escalating or aggressive one needs a manager today, so every
 * manager is alerted but the one who logged it (they know). Occasional and legitimate ones wait for
 * the log and the pathway's reminders.
 */
export function needsManager(tier: Tier): boolean {
  return tier === 'escalating' || tier === 'aggressive';
}

export function managersToAlert(
  complaint: Pick<Complaint, 'tier'>,
  managers: readonly string[],
  loggedBy: string,
): string[] {
  return needsManager(complaint.tier) ? managers.filter((id) => id !== loggedBy) : [];
}
