import { CATEGORIES, CATEGORY_LABELS, TIERS } from '../complaints/model.js';
import type { Trends } from '../complaints/trends.js';
import type { PeriodFigures } from '../inquiries/figures.js';
import { CHANNEL_LABELS } from '../inquiries/model.js';

/**
 * What a chart shows, as plain numbers and Tact's own words. Built only from counts, categories,
 * tiers, channels and dates: a patient reference has no field here to go into, so none can reach
 * a picture (the trends' repeat patients are left out by construction).
 */
export interface ChartRow {
  label: string;
  /** one value per series of the panel */
  values: number[];
  /** words after the bars, e.g. "72% within the goal" */
  note?: string;
}

export interface ChartPanel {
  title: string;
  series: string[];
  rows: ChartRow[];
  /** shown after each value, e.g. "%" or " min" */
  unit?: string;
  /** the axis's end; else the largest value */
  max?: number;
}

export interface ChartData {
  title: string;
  subtitle: string;
  panels: ChartPanel[];
}

/** Complaints by category and by tier, this period against the one before. */
export function complaintChartData(trends: Trends): ChartData {
  const series = [`last ${trends.days} days`, `the ${trends.days} days before`];
  const categories = CATEGORIES.filter((c) => trends.byCategory[c].current + trends.byCategory[c].previous > 0);
  return {
    title: `Complaints, last ${trends.days} days`,
    subtitle: `${trends.total.current} complaints against ${trends.total.previous} in the ${trends.days} days before`,
    panels: [
      {
        title: 'By category',
        series,
        rows: categories.map((c) => ({
          label: CATEGORY_LABELS[c],
          values: [trends.byCategory[c].current, trends.byCategory[c].previous],
        })),
      },
      {
        title: 'By tier',
        series,
        rows: TIERS.map((t) => ({ label: t, values: [trends.byTier[t].current, trends.byTier[t].previous] })),
      },
    ],
  };
}

/** One week of patient-message figures, labelled by its first day. */
export interface WeekFigures {
  /** e.g. "30 Nov" */
  label: string;
  figures: PeriodFigures;
}

const percent = (share: number | undefined): number => (share === undefined ? 0 : Math.round(share * 100));

/**
 * First responses by week (median business minutes, share within the goal) and, over all the
 * weeks, messages received and answered by channel. Weeks oldest first.
 */
export function responseChartData(weeks: readonly WeekFigures[], goal: string, whole: PeriodFigures): ChartData {
  return {
    title: `First responses, last ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'}`,
    subtitle: `received ${whole.received}, answered ${whole.answered}, within the ${goal} goal: ${
      whole.withinSlaShare === undefined ? 'n/a' : `${percent(whole.withinSlaShare)}%`
    }`,
    panels: [
      {
        title: `Answered within the ${goal} goal, by week`,
        series: ['within the goal'],
        unit: '%',
        max: 100,
        rows: weeks.map((w) => ({
          label: `week of ${w.label}`,
          values: [percent(w.figures.withinSlaShare)],
          ...(w.figures.answered ? {} : { note: 'nothing answered' }),
        })),
      },
      {
        title: 'Median first response, by week (business minutes)',
        series: ['median'],
        unit: ' min',
        rows: weeks.map((w) => ({
          label: `week of ${w.label}`,
          values: [w.figures.medianResponseMinutes ?? 0],
          note: `${w.figures.answered} answered`,
        })),
      },
      {
        title: 'By channel',
        series: ['received', 'answered'],
        rows: whole.byChannel.map((c) => ({ label: CHANNEL_LABELS[c.channel], values: [c.received, c.answered] })),
      },
    ],
  };
}
