import { ErrorCode, TactError } from '../errors.js';
import type { Style } from './model.js';

/**
 * The built-in drafter: replies assembled from the lines in prompts/review-templates.md, one per
 * section, chosen by a seed so that regenerating gives another combination.
 */
export interface TemplateSet {
  opening: readonly string[];
  middle: readonly string[];
  closing: readonly string[];
  warm: readonly string[];
  short: readonly string[];
}

const SECTIONS = ['opening', 'middle', 'closing', 'warm', 'short'] as const;

/** Reads `## section` headings and their non-empty lines from the rendered template file. */
export function parseTemplates(text: string): TemplateSet {
  const set: Record<(typeof SECTIONS)[number], string[]> = { opening: [], middle: [], closing: [], warm: [], short: [] };
  let current: (typeof SECTIONS)[number] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const heading = /^##\s+(\w+)/.exec(line);
    if (heading) {
      current = SECTIONS.find((s) => s === heading[1]);
      continue;
    }
    if (current && line) set[current].push(line);
  }
  for (const section of SECTIONS) {
    if (set[section].length === 0) throw new TactError(ErrorCode.PromptInvalid, `prompts/review-templates.md has no lines under "## ${section}"`);
  }
  return set;
}

function pick<T>(list: readonly T[], seed: number, salt: number): T {
  const index = Math.abs(Math.imul(seed + 1, 2654435761) ^ Math.imul(salt + 7, 40503)) % list.length;
  return list[index] as T;
}

export function templateReply(set: TemplateSet, style: Style, seed: number): string {
  if (style === 'shorter') return pick(set.short, seed, 1);
  const parts = [pick(set.opening, seed, 2)];
  if (style === 'warmer') parts.push(pick(set.warm, seed, 3));
  parts.push(pick(set.middle, seed, 4), pick(set.closing, seed, 5));
  return parts.join(' ');
}
