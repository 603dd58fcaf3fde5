import { describe, expect, it } from 'vitest';
import type { Category, Complaint, Tier } from '../../src/complaints/model.js';
import { computeTrends } from '../../src/complaints/trends.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
let counter = 0;

function complaint(daysAgo: number, category: Category, tier: Tier, patientRef: string): Complaint {
  counter += 1;
  return {
    id: `C-${counter}`,
    number: counter,
    reporter: 'U1',
    createdAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
    patientRef,
    category,
    categoryGuessed: false,
    text: 'x',
    tier,
    reasons: [],
    steps: [],
    status: 'open',
    history: [],
  };
}

describe('computeTrends', () => {
  const data = [
    complaint(70, 'billing', 'legitimate', 'P-9'), // outside both 30-day windows
    complaint(50, 'billing', 'legitimate', 'P-1'), // previous
    complaint(40, 'wait', 'occasional', 'P-2'), // previous
    complaint(20, 'billing', 'legitimate', 'P-3'), // current
    complaint(10, 'billing', 'escalating', 'p-3'), // current, same patient in other case
    complaint(5, 'results', 'legitimate', 'P-4'), // current
    complaint(0, 'results', 'legitimate', 'P-4'), // current, exactly now
    complaint(-1, 'privacy', 'legitimate', 'P-5'), // in the future: ignored
  ];

  it('compares the window with the one before it', () => {
    const trends = computeTrends(data, NOW, 30);
    expect(trends.days).toBe(30);
    expect(trends.total).toEqual({ current: 4, previous: 2 });
    expect(trends.byCategory.billing).toEqual({ current: 2, previous: 1 });
    expect(trends.byCategory.wait).toEqual({ current: 0, previous: 1 });
    expect(trends.byCategory.results).toEqual({ current: 2, previous: 0 });
    expect(trends.byCategory.privacy).toEqual({ current: 0, previous: 0 });
    expect(trends.byTier).toMatchObject({
      occasional: { current: 0, previous: 1 },
      legitimate: { current: 3, previous: 1 },
      escalating: { current: 1, previous: 0 },
      aggressive: { current: 0, previous: 0 },
    });
  });

  it('names repeat patients case-insensitively, most first, and the category that rose most', () => {
    const trends = computeTrends(data, NOW, 30);
    expect(trends.repeatPatients).toHaveLength(2);
    expect(trends.repeatPatients.map((p) => [p.patientRef.toUpperCase(), p.count])).toEqual(
      expect.arrayContaining([
        ['P-3', 2],
        ['P-4', 2],
      ]),
    );
    // results went 0 -> 2, billing 1 -> 2
    expect(trends.risingCategory).toEqual({ category: 'results', change: { current: 2, previous: 0 } });
  });

  it('a longer window takes in the older complaint and has no rising category when nothing rose', () => {
    const trends = computeTrends(data, NOW, 90);
    expect(trends.total).toEqual({ current: 7, previous: 0 });
    const flat = computeTrends(
      [complaint(40, 'wait', 'occasional', 'P-1'), complaint(10, 'wait', 'occasional', 'P-2')],
      NOW,
      30,
    );
    expect(flat.total).toEqual({ current: 1, previous: 1 });
    expect(flat.risingCategory).toBeUndefined();
    expect(flat.repeatPatients).toEqual([]);
  });
});
