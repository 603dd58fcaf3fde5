import { ReviewDrafting, type DraftingDeps } from '../../src/reviews/drafting.js';
import type { TemplateSet } from '../../src/reviews/templates.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/** Every reply the built-in templates can produce, in each style. */
export function everyCombination(set: TemplateSet): string[] {
  const all: string[] = [...set.short];
  for (const opening of set.opening)
    for (const middle of set.middle)
      for (const closing of set.closing) {
        all.push([opening, middle, closing].join(' '));
        for (const warm of set.warm) all.push([opening, warm, middle, closing].join(' '));
      }
  return all;
}

/** Review drafting with the production budgets and a fixed clock; tests give the parts they vary. */
export function reviewDrafting(deps: Pick<DraftingDeps, 'drafter' | 'safety' | 'templates'> & Partial<DraftingDeps>): ReviewDrafting {
  return new ReviewDrafting({ clock: new FixedClock('2026-06-01T16:00:00.000Z'), budgetMs: 13_000, callTimeoutMs: 10_000, ...deps });
}
