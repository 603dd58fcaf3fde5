import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PromptLibrary } from '../../src/prompts.js';
import { ReviewDrafting, type DraftContext, type DraftRequest, type Drafter, type DraftingDeps, type ModelResult } from '../../src/reviews/drafting.js';
import { CHECKS, createSafetyCheck } from '../../src/reviews/safety.js';
import { parseTemplates, type TemplateSet } from '../../src/reviews/templates.js';
import { BUILT_IN_VOCABULARY } from '../../src/reviews/vocabulary.js';
import { REPO_ROOT } from '../doubles/services.js';
import { everyCombination, reviewDrafting } from './helpers.js';

/**
 * Drafting a reply: the model first, one regeneration with the safety findings fed back, then the
 * built-in template, always inside the time budget. The drafter here is a plain object that
 * answers from a script and records what it was asked.
 */
const CONTACT = 'please call our practice manager at 555-0142.';
const SAFE = `Thank you for sharing this. We take every comment seriously and hold ourselves to high standards of courtesy. We would like to talk: ${CONTACT}`;
const SAFE_TOO = `We appreciate you telling us how you feel, and we would welcome a direct conversation: ${CONTACT}`;
const LEAK_STATUS = 'We are sorry your Botox appointment with Dr. Patel ran late. Please call our practice manager.';
const LEAK_OFFER = 'We are sorry; we would like to offer you a full refund if you remove the review.';

let prompts: PromptLibrary;
const templateCache = new Map<string, TemplateSet>();
beforeAll(async () => {
  prompts = await PromptLibrary.load(join(REPO_ROOT, 'prompts'));
});

function templates(contact: string): TemplateSet {
  let set = templateCache.get(contact);
  if (!set) templateCache.set(contact, (set = parseTemplates(prompts.render('review-templates', { contact }))));
  return set;
}

interface ScriptedDrafter extends Drafter {
  requests: Array<{ request: DraftRequest; timeoutMs: number }>;
}

/** Answers each call with the next scripted result (a function may wait or never settle). */
function scripted(...answers: Array<ModelResult | ((request: DraftRequest, timeoutMs: number) => Promise<ModelResult>)>): ScriptedDrafter {
  const requests: ScriptedDrafter['requests'] = [];
  return {
    description: 'scripted test drafter',
    requests,
    async draft(request, timeoutMs) {
      requests.push({ request, timeoutMs });
      const next = answers.shift();
      if (next === undefined) throw new Error('the scripted drafter was called more often than scripted');
      return typeof next === 'function' ? next(request, timeoutMs) : next;
    },
  };
}

const ok = (text: string): ModelResult => ({ ok: true, text });

function drafting(drafter: Drafter | undefined, deps: Partial<DraftingDeps> = {}): ReviewDrafting {
  return reviewDrafting({ drafter, safety: createSafetyCheck(BUILT_IN_VOCABULARY), templates, ...deps });
}

function context(extra: Partial<DraftContext> = {}): DraftContext {
  return {
    review: 'One star. I waited ages in a freezing waiting room and nobody told me why. - Sam K.',
    reviewerName: 'Sam K.',
    rating: 1,
    platform: 'Google',
    style: 'default',
    practiceContact: CONTACT,
    maxLength: 700,
    seed: 31,
    by: 'USTAFF',
    ...extra,
  };
}

function templateTexts(contact = CONTACT): Set<string> {
  return new Set(everyCombination(templates(contact)));
}

describe('a model draft', () => {
  it('that passes the check is used as it is, marked as the model', async () => {
    const drafter = scripted(ok(SAFE));
    const draft = await drafting(drafter).draft(context());
    expect(draft).toMatchObject({ text: SAFE, source: 'model', style: 'default', blocked: 0, by: 'USTAFF', at: '2026-06-01T16:00:00.000Z' });
    expect(draft.passed).toEqual([...CHECKS]);
    expect(draft.fallbackReason).toBeUndefined();
    expect(drafter.requests).toHaveLength(1);
    const [{ request, timeoutMs }] = drafter.requests as [ScriptedDrafter['requests'][number]];
    expect(request).toMatchObject({ review: context().review, rating: 1, platform: 'Google', style: 'default', practiceContact: CONTACT, maxLength: 700 });
    expect(request.feedback).toBeUndefined();
    expect(timeoutMs).toBe(10_000);
  });

  it('is trimmed of surrounding white space', async () => {
    const draft = await drafting(scripted(ok(`\n  ${SAFE}  \n`))).draft(context());
    expect(draft.text).toBe(SAFE);
  });

  it('that leaks is regenerated once with the findings as feedback; a safe second draft is used', async () => {
    const drafter = scripted(ok(LEAK_STATUS), ok(SAFE_TOO));
    const draft = await drafting(drafter).draft(context());
    expect(draft).toMatchObject({ text: SAFE_TOO, source: 'model', blocked: 1 });
    expect(draft.fallbackReason).toBeUndefined();
    expect(drafter.requests).toHaveLength(2);
    const feedback = drafter.requests[1]?.request.feedback ?? [];
    expect(feedback.length).toBeGreaterThan(0);
    expect(feedback.join('\n')).toContain('botox');
    expect(feedback.join('\n')).toMatch(/appointment/);
    expect(feedback.join('\n')).toMatch(/dr/i);
    // the leaking text itself goes nowhere but the feedback's short findings
    expect(draft.text).not.toContain('Botox');
  });

  it('that leaks twice gives way to the template, marked with the reason and the number blocked', async () => {
    const drafter = scripted(ok(LEAK_STATUS), ok(LEAK_OFFER));
    const draft = await drafting(drafter).draft(context());
    expect(draft.source).toBe('template');
    expect(draft.blocked).toBe(2);
    expect(draft.fallbackReason).toBe('the safety check blocked the model drafts');
    expect(drafter.requests).toHaveLength(2);
    expect(drafter.requests[1]?.request.feedback?.join(' ')).toContain('botox');
    expect(templateTexts().has(draft.text)).toBe(true);
    expect(draft.text).not.toMatch(/botox|refund|remove/i);
    expect(draft.passed).toEqual([...CHECKS]);
  });

  it('that leaks and then fails is replaced by the template with the failure as the reason', async () => {
    const draft = await drafting(scripted(ok(LEAK_STATUS), { ok: false, failure: 'error', detail: '500' })).draft(context());
    expect(draft).toMatchObject({ source: 'template', blocked: 1, fallbackReason: 'the drafting model returned an error' });
  });

  it('may not name the reviewer or repeat the review', async () => {
    const drafter = scripted(ok('Sam, we are sorry you waited in a freezing waiting room.'), ok(SAFE));
    const draft = await drafting(drafter).draft(context());
    expect(draft).toMatchObject({ text: SAFE, source: 'model', blocked: 1 });
    expect(drafter.requests[1]?.request.feedback?.join(' ')).toMatch(/reviewer|review's words/);
  });
});

describe('model failures', () => {
  const FAILURES = [
    ['timeout', 'the drafting model did not answer in time'],
    ['error', 'the drafting model returned an error'],
    ['rate-limited', 'the drafting model is rate-limited'],
    ['refused', 'the drafting model refused'],
    ['malformed', 'the drafting model returned something that was not a reply'],
  ] as const;

  it.each(FAILURES)('%s: the template stands in, marked with "%s", without a second call', async (failure, words) => {
    const drafter = scripted({ ok: false, failure });
    const draft = await drafting(drafter).draft(context());
    expect(draft).toMatchObject({ source: 'template', blocked: 0, fallbackReason: words });
    expect(drafter.requests).toHaveLength(1);
    expect(templateTexts().has(draft.text)).toBe(true);
    expect(draft.passed).toEqual([...CHECKS]);
  });

  it('a drafter that throws is an error, not a crash', async () => {
    const draft = await drafting(scripted(() => Promise.reject(new Error('socket hang up')))).draft(context());
    expect(draft).toMatchObject({ source: 'template', fallbackReason: 'the drafting model returned an error' });
  });

  it('a drafter that never answers still yields a template within the budget', async () => {
    const drafter = scripted(() => new Promise<ModelResult>(() => undefined));
    const work = drafting(drafter, { budgetMs: 1_500, callTimeoutMs: 10_000 }).draft(context());
    const bound = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 8_000).unref());
    const draft = await Promise.race([work, bound]);
    expect(draft).not.toBe('still waiting');
    if (draft === 'still waiting') return;
    expect(draft).toMatchObject({ source: 'template', fallbackReason: 'the drafting model did not answer in time' });
    // the call was given no more than what was left of the budget
    expect(drafter.requests[0]?.timeoutMs).toBeLessThanOrEqual(1_500);
  });

  it('a budget too small for a model call goes straight to the template', async () => {
    const drafter = scripted(ok(SAFE));
    const draft = await drafting(drafter, { budgetMs: 200 }).draft(context());
    expect(drafter.requests).toHaveLength(0);
    expect(draft).toMatchObject({ source: 'template', fallbackReason: 'the drafting model did not answer in time' });
  });

  it('the call timeout is the smaller of the per-call timeout and the budget left', async () => {
    const drafter = scripted(ok(SAFE));
    await drafting(drafter, { budgetMs: 13_000, callTimeoutMs: 2_000 }).draft(context());
    expect(drafter.requests[0]?.timeoutMs).toBe(2_000);
  });
});

describe('the built-in template drafter', () => {
  it('without a model, drafts from the templates with no fallback reason', async () => {
    const draft = await drafting(undefined).draft(context());
    expect(draft.source).toBe('template');
    expect(draft.fallbackReason).toBeUndefined();
    expect(draft.blocked).toBe(0);
    expect(templateTexts().has(draft.text)).toBe(true);
    expect(draft.text).toContain(CONTACT);
  });

  it('shorter and warmer differ from the default and from each other', async () => {
    const set = templates(CONTACT);
    const d = drafting(undefined);
    for (let seed = 0; seed < 30; seed += 1) {
      const plain = (await d.draft(context({ seed }))).text;
      const shorter = (await d.draft(context({ seed, style: 'shorter' }))).text;
      const warmer = (await d.draft(context({ seed, style: 'warmer' }))).text;
      expect(set.short).toContain(shorter);
      expect(shorter.length).toBeLessThan(plain.length);
      expect(set.warm.some((w) => warmer.includes(w))).toBe(true);
      expect(set.warm.some((w) => plain.includes(w))).toBe(false);
      expect(new Set([plain, shorter, warmer]).size).toBe(3);
    }
  });

  it('regenerating (the next seed) changes the text', async () => {
    const d = drafting(undefined);
    const texts: string[] = [];
    for (let seed = 31; seed < 36; seed += 1) texts.push((await d.draft(context({ seed }))).text);
    for (let i = 1; i < texts.length; i += 1) expect(texts[i]).not.toBe(texts[i - 1]);
    expect(new Set(texts).size).toBeGreaterThanOrEqual(3);
  });

  it('passes over a template line the review happens to share words with', async () => {
    const set = templates(CONTACT);
    // a review that quotes one middle line word for word blocks that line, so another is used
    const quoted = set.middle[0] ?? '';
    const d = drafting(undefined);
    for (let seed = 0; seed < 12; seed += 1) {
      const draft = await d.draft(context({ seed, review: `They told me: "${quoted}" Sure.` }));
      expect(draft.text).not.toContain(quoted);
      expect(draft.passed).toEqual([...CHECKS]);
    }
  });

  it('keeps the reply within a smaller limit where a template line allows it', async () => {
    const draft = await drafting(undefined).draft(context({ style: 'shorter', maxLength: 150 }));
    expect(draft.text.length).toBeLessThanOrEqual(150);
    expect(draft.passed).toContain('length');
  });
});
