import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Tier } from '../../src/complaints/model.js';
import { PATHWAY, planSteps } from '../../src/complaints/pathway.js';
import { parseBusinessHours, type BusinessCalendar } from '../../src/time/business-hours.js';

const calendar: BusinessCalendar = {
  zone: 'America/New_York',
  week: parseBusinessHours('Mon-Fri 09:00-18:00; Sat 09:00-14:00') ?? [],
};
// Mon 12 Jan 2026 10:00 EST
const MONDAY_10 = new Date('2026-01-12T15:00:00Z');

const categoryRows = (category: string) => PATHWAY.filter((r) => 'category' in r.when && r.when.category === category);
const tierRows = (tier: Tier) => PATHWAY.filter((r) => 'tier' in r.when && r.when.tier === tier);

describe('planSteps', () => {
  it('every category has at least one step, even at the lowest tier', () => {
    for (const category of CATEGORIES) {
      expect(planSteps(category, 'occasional', MONDAY_10, calendar).length, category).toBeGreaterThan(0);
    }
  });

  it('occasional and legitimate complaints get their category steps only', () => {
    for (const tier of ['occasional', 'legitimate'] as const) {
      const steps = planSteps('billing', tier, MONDAY_10, calendar);
      expect(steps.map((s) => s.text)).toEqual(categoryRows('billing').map((r) => r.step));
      expect(steps.map((s) => s.owner)).toEqual(['front-desk', 'manager']);
    }
  });

  it('escalating puts the manager review first, then the category steps', () => {
    const steps = planSteps('billing', 'escalating', MONDAY_10, calendar);
    expect(steps).toHaveLength(3);
    expect(steps[0]?.text).toMatch(/^Manager reviews the complaint history/);
    expect(steps[0]?.owner).toBe('manager');
    expect(steps.slice(1).map((s) => s.text)).toEqual(categoryRows('billing').map((r) => r.step));
  });

  it('aggressive puts its three steps first, ending with considering the end of the relationship', () => {
    const steps = planSteps('complication', 'aggressive', MONDAY_10, calendar);
    expect(steps.map((s) => s.text)).toEqual(
      [...tierRows('aggressive'), ...categoryRows('complication')].map((r) => r.step),
    );
    expect(steps[2]?.text).toMatch(/ending the relationship/);
    expect(steps[3]?.text).toMatch(/^Provider calls the patient back/);
    expect(steps.some((s) => /Manager reviews the complaint history/.test(s.text))).toBe(false);
  });

  it('dues are business time: 1 hour, 4 hours, the next day and 5 days from Monday 10:00', () => {
    const complication = planSteps('complication', 'aggressive', MONDAY_10, calendar);
    // 1 business hour: Mon 11:00 EST
    expect(complication[0]?.due).toBe('2026-01-12T16:00:00.000Z');
    // 5 business days: Tue, Wed, Thu, Fri, Sat -> Sat 17 Jan 14:00 EST
    expect(complication[2]?.due).toBe('2026-01-17T19:00:00.000Z');
    // "1 business day": Tue 13 Jan 18:00 EST
    expect(complication[4]?.due).toBe('2026-01-13T23:00:00.000Z');
    const results = planSteps('results', 'legitimate', MONDAY_10, calendar);
    // 4 business hours: Mon 14:00 EST
    expect(results[0]?.due).toBe('2026-01-12T19:00:00.000Z');
  });

  it('a complication reported Friday 17:30 is due back Saturday 09:30', () => {
    // Fri 16 Jan 2026 17:30 EST -> Sat 17 Jan 09:30 EST
    const [callBack] = planSteps('complication', 'legitimate', new Date('2026-01-16T22:30:00Z'), calendar);
    expect(callBack?.due).toBe('2026-01-17T14:30:00.000Z');
  });

  it('an aggressive complaint Saturday 13:30 has its one-hour steps due Monday 09:30', () => {
    const steps = planSteps('other', 'aggressive', new Date('2026-01-17T18:30:00Z'), calendar);
    expect(steps[0]?.due).toBe('2026-01-19T14:30:00.000Z');
    expect(steps[1]?.due).toBe('2026-01-19T14:30:00.000Z');
  });

  it('gives no step a done mark', () => {
    for (const step of planSteps('results', 'aggressive', MONDAY_10, calendar)) {
      expect(step.doneAt).toBeUndefined();
      expect(Date.parse(step.due)).toBeGreaterThan(MONDAY_10.getTime());
    }
  });
});
