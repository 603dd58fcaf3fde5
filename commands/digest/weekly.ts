import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Reply } from '../../src/chat/reply.js';
import { CATEGORY_LABELS } from '../../src/complaints/model.js';
import { computeTrends } from '../../src/complaints/trends.js';
import type { Services } from '../../src/services.js';
import { complaintChart, responseChart } from './charts.js';
import { figureLines, periodFigures } from './digest.js';

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Weeks of first responses the weekly digest's chart shows. */
export const WEEKLY_CHART_WEEKS = 4;

/**
 * The weekly digest in the digest channel: complaints of the last 7 days against the 7 before and
 * the week's patient-message figures, with both charts. Counts only: no patient reference (repeat
 * patients are for /complaint trends, which managers open themselves), no message body.
 */
export async function weeklyDigestReply(services: Services): Promise<Reply> {
  const now = services.clock.now();
  const zone = services.settings.current().timezone;
  const complaints = await services.complaints.since(new Date(now.getTime() - 14 * 86_400_000));
  const trends = computeTrends(complaints, now, 7);
  const [figures, responses] = await Promise.all([
    periodFigures(services, 7),
    responseChart(services, WEEKLY_CHART_WEEKS),
  ]);
  const rising = trends.risingCategory;
  const title = `Weekly digest · week to ${format(new TZDate(now.getTime(), zone), 'EEE d MMM')}`;
  return {
    visibility: 'channel',
    summary: `Weekly digest: ${count(trends.total.current, 'complaint')}, ${count(figures.received, 'patient message')}`,
    sections: [
      { kind: 'heading', text: title },
      {
        kind: 'text',
        text: `Complaints: ${trends.total.current} this week, ${trends.total.previous} the week before.${
          rising ? ` Rose most: ${CATEGORY_LABELS[rising.category]}.` : ''
        }`,
      },
      {
        kind: 'list',
        title: 'Patient messages, last 7 days',
        items: figureLines(figures, services.settings.current().replySlaMs),
      },
      { kind: 'text', text: 'Charts: complaints by category and tier; first responses by week and channel.' },
    ],
    files: [complaintChart(trends), responses],
  };
}
