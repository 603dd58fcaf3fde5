import { addBusinessTime, endOfBusinessDays, type BusinessCalendar } from '../time/business-hours.js';
import type { Category, Role, Step, Tier } from './model.js';

/**
 * The clinical pathway as one readable table: for each category, and for the two serious tiers,
 * the next steps, who owns them and how long they may take in business time.
 * `hours` are business hours; `days` mean "by the close of the n-th next business day".
 */
type Due = { hours: number } | { days: number };

interface PathwayRow {
  when: { category: Category } | { tier: Tier };
  step: string;
  owner: Role;
  due: Due;
}

export const PATHWAY: readonly PathwayRow[] = [
  {
    when: { category: 'complication' },
    owner: 'provider',
    due: { hours: 1 },
    step: 'Provider calls the patient back and documents the call in the chart',
  },
  {
    when: { category: 'complication' },
    owner: 'coordinator',
    due: { days: 1 },
    step: 'Offer a follow-up visit to assess; urgent symptoms are seen the same day',
  },
  {
    when: { category: 'billing' },
    owner: 'front-desk',
    due: { days: 1 },
    step: 'Verify the charge against the fee schedule and the signed estimate; correct it',
  },
  {
    when: { category: 'billing' },
    owner: 'manager',
    due: { days: 1 },
    step: 'If the error was ours, refund it and confirm in writing',
  },
  {
    when: { category: 'results' },
    owner: 'coordinator',
    due: { hours: 4 },
    step: 'Check the signed treatment expectation form and the before photos',
  },
  {
    when: { category: 'results' },
    owner: 'coordinator',
    due: { days: 1 },
    step: 'Offer a follow-up visit with the provider',
  },
  {
    when: { category: 'results' },
    owner: 'provider',
    due: { days: 5 },
    step: 'Decide on a touch-up per the practice policy and explain the decision',
  },
  {
    when: { category: 'wait' },
    owner: 'front-desk',
    due: { days: 1 },
    step: 'Apologise and offer a convenient time; note what caused the delay',
  },
  {
    when: { category: 'conduct' },
    owner: 'manager',
    due: { days: 1 },
    step: 'Talk with the patient and, separately, with the staff member',
  },
  {
    when: { category: 'sales' },
    owner: 'manager',
    due: { days: 1 },
    step: 'Call the patient; review the consultation and how options were presented',
  },
  {
    when: { category: 'privacy' },
    owner: 'manager',
    due: { hours: 4 },
    step: 'Assess it as a possible privacy incident (HIPAA breach risk assessment)',
  },
  {
    when: { category: 'other' },
    owner: 'coordinator',
    due: { days: 1 },
    step: 'Acknowledge the patient and agree on a next step',
  },
  {
    when: { tier: 'escalating' },
    owner: 'manager',
    due: { hours: 4 },
    step: 'Manager reviews the complaint history before anyone replies',
  },
  {
    when: { tier: 'aggressive' },
    owner: 'manager',
    due: { hours: 1 },
    step: 'Manager reviews; staff do not argue, admit fault or promise anything',
  },
  {
    when: { tier: 'aggressive' },
    owner: 'all-staff',
    due: { hours: 1 },
    step: 'Document every contact in writing, with dates and who was present',
  },
  {
    when: { tier: 'aggressive' },
    owner: 'manager',
    due: { days: 5 },
    step: 'Consider ending the relationship (/complaint letter drafts the notice)',
  },
];

function applies(row: PathwayRow, category: Category, tier: Tier): boolean {
  return 'category' in row.when ? row.when.category === category : row.when.tier === tier;
}

function dueAt(calendar: BusinessCalendar, from: Date, due: Due): Date {
  return 'hours' in due
    ? addBusinessTime(calendar, from, due.hours * 3_600_000)
    : endOfBusinessDays(calendar, from, due.days);
}

/** Tier steps come first: when a complaint is serious, the manager acts before the routine. */
export function planSteps(category: Category, tier: Tier, from: Date, calendar: BusinessCalendar): Step[] {
  const rows = PATHWAY.filter((row) => applies(row, category, tier));
  const ordered = [...rows.filter((r) => 'tier' in r.when), ...rows.filter((r) => 'category' in r.when)];
  return ordered.map((row) => ({
    text: row.step,
    owner: row.owner,
    due: dueAt(calendar, from, row.due).toISOString(),
  }));
}

/**
 * After a category correction: open steps of the old category give way to the new category's
 * steps (due from now); done steps and the tier's steps stay as they were.
 */
export function replanForCategory(
  steps: readonly Step[],
  from: Category,
  to: Category,
  now: Date,
  calendar: BusinessCalendar,
): Step[] {
  const oldTexts = new Set(PATHWAY.filter((r) => 'category' in r.when && r.when.category === from).map((r) => r.step));
  const kept = steps.filter((s) => s.doneAt || !oldTexts.has(s.text));
  const added = PATHWAY.filter((r) => 'category' in r.when && r.when.category === to)
    .filter((r) => !kept.some((s) => s.text === r.step))
    .map((r) => ({ text: r.step, owner: r.owner, due: dueAt(calendar, now, r.due).toISOString() }));
  return [...kept, ...added];
}
