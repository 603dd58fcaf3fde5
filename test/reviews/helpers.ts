import type { TemplateSet } from '../../src/reviews/templates.js';

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
