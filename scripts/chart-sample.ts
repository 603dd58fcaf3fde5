/**
 * Draws the README's sample charts (docs/trends-chart.png, docs/response-chart.png) from made-up
 * figures, through the same code the bot uses: `npx tsx scripts/chart-sample.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { complaintChartData, responseChartData } from '../src/charts/data.js';
import { chartPng } from '../src/charts/png.js';
import { CATEGORIES, TIERS, type Complaint } from '../src/complaints/model.js';
import { computeTrends } from '../src/complaints/trends.js';
import { combineFigures } from '../src/inquiries/figures.js';
import { emptyDay, type DayFigures, type PatientChannel } from '../src/inquiries/model.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
// A fixed pseudo-random sequence, so the picture only changes when the drawing does.
let seed = 7;
const next = (n: number): number => {
  seed = (seed * 48_271) % 2_147_483_647;
  return seed % n;
};

const complaints: Complaint[] = Array.from({ length: 46 }, (_, i) => ({
  id: `C-${i + 1}`,
  number: i + 1,
  reporter: 'console:sample',
  createdAt: new Date(NOW.getTime() - next(180) * DAY).toISOString(),
  patientRef: `P-${1000 + next(30)}`,
  category: CATEGORIES[next(i % 3 === 0 ? 2 : CATEGORIES.length)] ?? 'other',
  categoryGuessed: false,
  text: 'sample',
  tier: TIERS[next(TIERS.length)] ?? 'occasional',
  reasons: [],
  steps: [],
  status: 'open',
  history: [],
}));

const CHANNELS: PatientChannel[] = ['text', 'phone', 'voicemail', 'email', 'instagram'];
function sampleDay(): DayFigures {
  const day = emptyDay();
  for (let i = 0; i < 6 + next(8); i += 1) {
    const channel = CHANNELS[next(CHANNELS.length)] ?? 'text';
    const minutes = 2 + next(30);
    const counts = day.byChannel[channel] ?? { received: 0, answered: 0 };
    day.received += 1;
    day.answered += 1;
    day.responseMs.push(minutes * 60_000);
    if (minutes <= 15) day.withinSla += 1;
    else day.breaches += 1;
    day.byChannel[channel] = { received: counts.received + 1, answered: counts.answered + 1 };
  }
  return day;
}
const weeks = ['9 Nov', '16 Nov', '23 Nov', '30 Nov'].map((label) => {
  const days = Array.from({ length: 5 }, sampleDay);
  return { label, days, figures: combineFigures(days) };
});

mkdirSync('docs', { recursive: true });
const trends = chartPng('trends-chart', complaintChartData(computeTrends(complaints, NOW, 90)));
const responses = chartPng(
  'response-chart',
  responseChartData(weeks, '15m', combineFigures(weeks.flatMap((w) => w.days))),
);
for (const file of [trends, responses]) {
  writeFileSync(`docs/${file.name}`, file.bytes);
  console.log(`docs/${file.name}`);
}
