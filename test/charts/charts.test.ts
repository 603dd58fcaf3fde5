import { describe, expect, it } from 'vitest';
import { complaintChartData, responseChartData, type WeekFigures } from '../../src/charts/data.js';
import { chartPng, svgToPng } from '../../src/charts/png.js';
import { chartSvg } from '../../src/charts/svg.js';
import type { Category, Complaint, Tier } from '../../src/complaints/model.js';
import { computeTrends } from '../../src/complaints/trends.js';
import { combineFigures } from '../../src/inquiries/figures.js';
import { emptyDay, type DayFigures } from '../../src/inquiries/model.js';
import { decodePng } from './png-check.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
let counter = 0;

function complaint(daysAgo: number, category: Category, tier: Tier, patientRef: string): Complaint {
  counter += 1;
  return {
    id: `C-${counter}`,
    number: counter,
    reporter: 'console:alice',
    createdAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
    patientRef,
    category,
    categoryGuessed: false,
    text: 'Maria Lopez was charged twice, call 555-201-0142',
    tier,
    reasons: [],
    steps: [],
    status: 'open',
    history: [],
  };
}

const complaints = [
  complaint(50, 'billing', 'legitimate', 'P-2001'),
  complaint(40, 'wait', 'occasional', 'Sunflower'),
  complaint(20, 'billing', 'legitimate', 'P-2001'),
  complaint(10, 'billing', 'escalating', 'P-2001'),
  complaint(5, 'results', 'aggressive', 'Sunflower'),
];

function day(answered: number, withinSla: number, minutes: number[], channel: 'text' | 'phone'): DayFigures {
  return {
    ...emptyDay(),
    received: answered + 1,
    answered,
    withinSla,
    responseMs: minutes.map((m) => m * 60_000),
    byChannel: { [channel]: { received: answered + 1, answered } },
  };
}

describe('complaint chart', () => {
  const trends = computeTrends(complaints, NOW, 30);
  const data = complaintChartData(trends);

  it('shows the same counts as the text: by category and tier, this period against the one before', () => {
    expect(data.title).toBe('Complaints, last 30 days');
    expect(data.subtitle).toBe('3 complaints against 2 in the 30 days before');
    const [categories, tiers] = data.panels;
    expect(categories?.series).toEqual(['last 30 days', 'the 30 days before']);
    expect(categories?.rows).toEqual([
      { label: 'billing', values: [2, 1] },
      { label: 'results', values: [1, 0] },
      { label: 'wait or scheduling', values: [0, 1] },
    ]);
    expect(tiers?.rows).toEqual([
      { label: 'occasional', values: [0, 1] },
      { label: 'legitimate', values: [1, 1] },
      { label: 'escalating', values: [1, 0] },
      { label: 'aggressive', values: [1, 0] },
    ]);
  });

  it('holds no patient reference, name or contact, though the trends name repeat patients', () => {
    expect(trends.repeatPatients.map((p) => p.patientRef)).toContain('P-2001');
    const svg = chartSvg(data);
    for (const secret of ['P-2001', 'Sunflower', 'sunflower', 'Maria', 'Lopez', '0142', 'alice'])
      expect(svg).not.toContain(secret);
    expect(JSON.stringify(data)).not.toMatch(/P-2001|Sunflower|Maria|0142/i);
  });

  it('is a PNG that decodes, with the chart size and more than one colour', () => {
    const file = chartPng('complaint-trends', data);
    expect(file).toMatchObject({ name: 'complaint-trends.png', mime: 'image/png', title: data.title });
    const png = decodePng(file.bytes);
    expect(png.width).toBe(900);
    expect(png.height).toBeGreaterThan(300);
    expect(png.colours).toBeGreaterThan(10);
  });

  it('draws text with the shipped font: a chart with words differs from one without', () => {
    const withWords = decodePng(chartPng('a', data).bytes);
    const blankWords = decodePng(
      chartPng('b', { ...data, title: '', subtitle: '', panels: data.panels.map((p) => ({ ...p, title: '' })) }).bytes,
    );
    expect(withWords.colours).toBeGreaterThan(blankWords.colours);
  });

  it('escapes text that looks like markup', () => {
    const svg = chartSvg({ title: '<script>&', subtitle: '"x"', panels: [] });
    expect(svg).toContain('&#60;script&#62;&#38;');
    expect(decodePng(svgToPng(svg)).colours).toBeGreaterThan(1);
  });
});

describe('response-time chart', () => {
  const weeks: WeekFigures[] = [
    { label: '18 May', figures: combineFigures([day(4, 3, [5, 10, 20, 40], 'text'), day(0, 0, [], 'phone')]) },
    { label: '25 May', figures: combineFigures([day(2, 2, [4, 6], 'phone')]) },
    { label: '1 Jun', figures: combineFigures([emptyDay()]) },
  ];
  const whole = combineFigures([
    day(4, 3, [5, 10, 20, 40], 'text'),
    day(0, 0, [], 'phone'),
    day(2, 2, [4, 6], 'phone'),
    emptyDay(),
  ]);
  const data = responseChartData(weeks, '15m', whole);

  it('shows the share within the goal and the median by week, and messages by channel', () => {
    expect(data.title).toBe('First responses, last 3 weeks');
    expect(data.subtitle).toBe('received 9, answered 6, within the 15m goal: 83%');
    const [share, median, channels] = data.panels;
    expect(share?.rows).toEqual([
      { label: 'week of 18 May', values: [75] },
      { label: 'week of 25 May', values: [100] },
      { label: 'week of 1 Jun', values: [0], note: 'nothing answered' },
    ]);
    expect(share?.max).toBe(100);
    expect(median?.rows.map((r) => r.values[0])).toEqual([15, 5, 0]);
    expect(channels?.rows).toEqual([
      { label: 'text message', values: [5, 4] },
      { label: 'phone call', values: [4, 2] },
    ]);
  });

  it('is a PNG that decodes and is not blank', () => {
    const png = decodePng(chartPng('first-responses', data).bytes);
    expect(png.width).toBe(900);
    expect(png.colours).toBeGreaterThan(10);
  });
});
