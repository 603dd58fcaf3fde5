import { format } from 'date-fns';
import { complaintChartData, responseChartData, type WeekFigures } from '../../src/charts/data.js';
import { chartPng } from '../../src/charts/png.js';
import type { Attachment } from '../../src/chat/reply.js';
import type { Trends } from '../../src/complaints/trends.js';
import { combineFigures } from '../../src/inquiries/figures.js';
import type { Services } from '../../src/services.js';
import { formatDuration } from '../../src/time/duration.js';
import { recentDays } from './digest.js';

/**
 * The charts beside the text: drawn from the same trends and per-day counters the text shows, never
 * from records, so they hold counts, categories, tiers, channels and dates only.
 */
export function complaintChart(trends: Trends): Attachment {
  return chartPng('complaint-trends', complaintChartData(trends));
}

/** The most weeks one chart shows (a year). */
export const MAX_CHART_WEEKS = 53;

/** First responses by week for the last `weeks` whole weeks of seven days, ending today. */
export async function responseChart(services: Services, weeks: number): Promise<Attachment> {
  const count = Math.min(Math.max(weeks, 1), MAX_CHART_WEEKS);
  const days = await recentDays(services, count * 7);
  const byWeek: WeekFigures[] = [];
  for (let week = count - 1; week >= 0; week -= 1) {
    const slice = days.slice(week * 7, week * 7 + 7);
    const first = slice.at(-1);
    byWeek.push({
      label: first ? format(first.day, 'd MMM') : '',
      figures: combineFigures(slice.map((d) => d.figures)),
    });
  }
  const goal = formatDuration(services.settings.current().replySlaMs);
  return chartPng('first-responses', responseChartData(byWeek, goal, combineFigures(days.map((d) => d.figures))));
}
