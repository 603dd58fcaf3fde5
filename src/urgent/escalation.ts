import type { Page } from './model.js';

/**
 * When each page of an unacknowledged urgent matter goes out, and to which level of the chain. Pure,
 * so the schedule can be read and tested apart from the queue.
 *
 * Round k goes out `k × repeat` after the matter was raised (round 0 at once). Each level is paged
 * for `escalate` before the next one is; the last level keeps being paged. After MAX_PAGE_ROUNDS
 * Tact stops and says so, rather than paging forever.
 */
export interface PagePolicy {
  repeatMs: number;
  escalateMs: number;
}

/** With the defaults (every 5 min, 10 min a level) about an hour of pages. */
export const MAX_PAGE_ROUNDS = 12;

/** When round `round` (from 0) is due. */
export function roundAt(page: Pick<Page, 'raisedAt'>, round: number, policy: PagePolicy): Date {
  return new Date(Date.parse(page.raisedAt) + round * policy.repeatMs);
}

/** Which of `levels` levels round `round` pages: one more for each `escalate` elapsed, the last kept. */
export function levelOf(round: number, levels: number, policy: PagePolicy): number {
  const climbed = Math.floor((round * policy.repeatMs) / policy.escalateMs);
  return Math.max(0, Math.min(climbed, levels - 1));
}

/**
 * The next step of a page still paging, or undefined when it is acknowledged or given up: a round of
 * pages, or after MAX_PAGE_ROUNDS the moment Tact gives up and tells the managers.
 */
export function nextRound(page: Page, policy: PagePolicy): { round: number; at: Date; giveUp: boolean } | undefined {
  if (page.status !== 'paging') return undefined;
  const round = page.rounds.length;
  return { round, at: roundAt(page, round, policy), giveUp: round >= MAX_PAGE_ROUNDS };
}
