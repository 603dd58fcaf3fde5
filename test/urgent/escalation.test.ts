import { describe, expect, it } from 'vitest';
import { MAX_PAGE_ROUNDS, levelOf, nextRound } from '../../src/urgent/escalation.js';
import type { Page } from '../../src/urgent/model.js';

const policy = { repeatMs: 5 * 60_000, escalateMs: 10 * 60_000 };
const page = (over: Partial<Page> = {}): Page => ({
  id: 'C-1',
  source: { kind: 'complaint', number: 1 },
  reasons: ['complication or side effect'],
  raisedAt: '2026-03-08T00:00:00.000Z',
  raisedBy: 'slack:U1',
  status: 'paging',
  rounds: [],
  ...over,
});
const round = { at: '2026-03-08T00:00:00.000Z', level: 'on-call' as const, people: ['slack:U2'] };

describe('the paging schedule', () => {
  it('pages every 5 minutes from the moment it is raised', () => {
    expect(nextRound(page(), policy)).toEqual({ round: 0, at: new Date('2026-03-08T00:00:00.000Z'), giveUp: false });
    expect(nextRound(page({ rounds: [round, round] }), policy)?.at).toEqual(new Date('2026-03-08T00:10:00.000Z'));
  });

  it('climbs a level every 10 minutes and stays on the last one', () => {
    expect([0, 1, 2, 3, 4, 5, 11].map((r) => levelOf(r, 3, policy))).toEqual([0, 0, 1, 1, 2, 2, 2]);
    expect([0, 4, 11].map((r) => levelOf(r, 1, policy))).toEqual([0, 0, 0]);
    expect(levelOf(3, 3, { repeatMs: 60_000, escalateMs: 60_000 })).toBe(2);
  });

  it('gives up after the last round, and stops at an acknowledgement', () => {
    const all = Array.from({ length: MAX_PAGE_ROUNDS }, () => round);
    expect(nextRound(page({ rounds: all }), policy)).toMatchObject({ round: MAX_PAGE_ROUNDS, giveUp: true });
    expect(nextRound(page({ status: 'acknowledged' }), policy)).toBeUndefined();
    expect(nextRound(page({ status: 'unanswered', rounds: all }), policy)).toBeUndefined();
  });
});
