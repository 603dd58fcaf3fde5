import { CATEGORIES, TIERS, counts, type Category, type Complaint, type Tier } from './model.js';

export interface CountChange {
  current: number;
  previous: number;
}

export interface Trends {
  days: number;
  total: CountChange;
  byCategory: Record<Category, CountChange>;
  byTier: Record<Tier, CountChange>;
  /** patient references with two or more complaints in the current window, most first */
  repeatPatients: Array<{ patientRef: string; count: number }>;
  /** the category whose count rose the most, when any rose */
  risingCategory: { category: Category; change: CountChange } | undefined;
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, CountChange> {
  return Object.fromEntries(keys.map((k) => [k, { current: 0, previous: 0 }])) as Record<K, CountChange>;
}

/** Compares the last `days` days with the `days` before them. */
export function computeTrends(complaints: readonly Complaint[], now: Date, days: number): Trends {
  const windowMs = days * 86_400_000;
  const currentStart = now.getTime() - windowMs;
  const previousStart = currentStart - windowMs;
  const total = { current: 0, previous: 0 };
  const byCategory = zeroCounts(CATEGORIES);
  const byTier = zeroCounts(TIERS);
  const perPatient = new Map<string, number>();

  for (const complaint of complaints) {
    const at = Date.parse(complaint.createdAt);
    if (!counts(complaint) || at < previousStart || at > now.getTime()) continue;
    const period = at >= currentStart ? 'current' : 'previous';
    total[period] += 1;
    byCategory[complaint.category][period] += 1;
    byTier[complaint.tier][period] += 1;
    if (period === 'current') {
      const key = complaint.patientRef.toLowerCase();
      perPatient.set(key, (perPatient.get(key) ?? 0) + 1);
    }
  }

  const refs = new Map(complaints.map((c) => [c.patientRef.toLowerCase(), c.patientRef]));
  const repeatPatients = [...perPatient]
    .filter(([, count]) => count >= 2)
    .map(([key, count]) => ({ patientRef: refs.get(key) ?? key, count }))
    .sort((a, b) => b.count - a.count);

  let risingCategory: Trends['risingCategory'];
  for (const category of CATEGORIES) {
    const change = byCategory[category];
    const rise = change.current - change.previous;
    if (rise > 0 && (!risingCategory || rise > risingCategory.change.current - risingCategory.change.previous)) {
      risingCategory = { category, change };
    }
  }
  return { days, total, byCategory, byTier, repeatPatients, risingCategory };
}
