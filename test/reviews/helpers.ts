import {
  ReviewDrafting,
  type ChoiceRequest,
  type ChoiceResult,
  type DraftContext,
  type DraftingDeps,
  type SentenceChooser,
} from '../../src/reviews/drafting.js';
import type { Gate } from '../../src/reviews/gate.js';
import type { Sentence } from '../../src/reviews/library.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/** Review drafting with the production budgets and a fixed clock; tests give the parts they vary. */
export function reviewDrafting(
  deps: Pick<DraftingDeps, 'chooser'> & { sentences: readonly Sentence[]; gate: Gate } & Partial<DraftingDeps>,
): ReviewDrafting {
  const { sentences, ...rest } = deps;
  return new ReviewDrafting({
    clock: new FixedClock('2026-06-01T16:00:00.000Z'),
    budgetMs: 13_000,
    callTimeoutMs: 10_000,
    library: () => sentences,
    ...rest,
  });
}

export interface ScriptedChooser extends SentenceChooser {
  requests: Array<{ request: ChoiceRequest; timeoutMs: number }>;
}

/** Answers each call with the next scripted result (a function may wait or never settle). */
export function scripted(
  ...answers: Array<ChoiceResult | ((request: ChoiceRequest, timeoutMs: number) => Promise<ChoiceResult>)>
): ScriptedChooser {
  const requests: ScriptedChooser['requests'] = [];
  return {
    description: 'scripted test chooser',
    requests,
    async choose(request, timeoutMs) {
      requests.push({ request, timeoutMs });
      const next = answers.shift();
      if (next === undefined) throw new Error('the scripted chooser was called more often than scripted');
      return typeof next === 'function' ? next(request, timeoutMs) : next;
    },
  };
}

export function draftContext(extra: Partial<DraftContext> = {}): DraftContext {
  return {
    review: 'One star. I waited ages in a freezing waiting room and nobody told me why. - Sam K.',
    rating: 1,
    style: 'default',
    practiceContact: 'call our practice manager at 555-0142.',
    maxLength: 700,
    seed: 31,
    by: 'USTAFF',
    ...extra,
  };
}

/** True when `text` is exactly the library sentences `ids`, in order, with `contact` in the invitation. */
export function builtFrom(
  text: string,
  ids: readonly string[],
  sentences: readonly Sentence[],
  contact: string,
): boolean {
  const byId = new Map(sentences.map((s) => [s.id, s]));
  if (!ids.every((id) => byId.has(id))) return false;
  return text === ids.map((id) => byId.get(id)?.text.replace('{{contact}}', contact)).join(' ');
}
