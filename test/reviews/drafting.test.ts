import { beforeAll, describe, expect, it } from 'vitest';
import {
  PLAIN_CONTACT,
  type ChoiceResult,
  type DraftingDeps,
  type SentenceChooser,
} from '../../src/reviews/drafting.js';
import type { Gate } from '../../src/reviews/gate.js';
import type { Sentence } from '../../src/reviews/library.js';
import { builtFrom, draftContext, reviewDrafting, scripted } from './helpers.js';
import { replySetup } from './setup.js';

/**
 * Drafting from the library: the model's choice of ids is used only when it is valid; anything else
 * gives Tact's own choice, marked with the reason; the text is always library sentences and the
 * (gated) contact line. The chooser here is a plain object that answers from a script.
 */
let sentences: Sentence[];
let gate: Gate;
beforeAll(async () => {
  ({ sentences, gate } = await replySetup());
});

const CONTACT = draftContext().practiceContact;
const chose = (ids: string[], tone?: 'plain' | 'warm'): ChoiceResult => ({ ok: true, ids, tone });
const drafting = (chooser: SentenceChooser | undefined, deps: Partial<DraftingDeps> = {}) =>
  reviewDrafting({ chooser, sentences, gate, ...deps });
const VALID = ['opening.thanks-write', 'standard.wait', 'policy.everyone', 'invitation.direct'];

describe('a model choice', () => {
  it('that is valid is used as chosen, marked as the model, with its tone', async () => {
    const chooser = scripted(chose(VALID, 'plain'));
    const draft = await drafting(chooser).draft(draftContext());
    expect(draft).toMatchObject({
      source: 'model',
      style: 'default',
      tone: 'plain',
      sentences: VALID,
      by: 'USTAFF',
      at: '2026-06-01T16:00:00.000Z',
    });
    expect(draft.fallbackReason).toBeUndefined();
    expect(builtFrom(draft.text, VALID, sentences, CONTACT)).toBe(true);
    expect(draft.text).toContain('555-0142');
  });

  it('is asked with the rating, the topic, the slots and the candidates only; the contact line is a placeholder', async () => {
    const chooser = scripted(chose(VALID));
    await drafting(chooser).draft(draftContext({ previous: ['opening.thanks-share'] }));
    const [{ request, timeoutMs }] = chooser.requests as [(typeof chooser.requests)[number]];
    expect(Object.keys(request).sort()).toEqual(['candidates', 'previous', 'rating', 'slots', 'style', 'topic']);
    expect(request).toMatchObject({ rating: 1, topic: 'wait', style: 'default', previous: ['opening.thanks-share'] });
    expect(request.slots).toEqual([
      { slot: 'opening', required: true },
      { slot: 'acknowledgement', required: false },
      { slot: 'standard', required: false },
      { slot: 'policy', required: true },
      { slot: 'invitation', required: true },
    ]);
    const asked = JSON.stringify(request);
    for (const secret of ['freezing', 'Sam', '555-0142', 'waiting room']) expect(asked).not.toContain(secret);
    expect(asked).toContain('[the practice contact line]');
    // a 1-star review's candidates hold no praise-only sentence, and standard sentences only of its topic or none
    expect(request.candidates.some((c) => c.id === 'opening.thanks-kind')).toBe(false);
    expect(
      request.candidates
        .filter((c) => c.slot === 'standard')
        .every((c) =>
          ['standard.wait', 'standard.wait-warm', 'standard.general', 'standard.general-warm'].includes(c.id),
        ),
    ).toBe(true);
    expect(timeoutMs).toBe(10_000);
  });

  it.each([
    [
      'an unknown id',
      ['opening.thanks-write', 'We saw you last week.', 'policy.everyone', 'invitation.direct'],
      'the drafting model chose a sentence that is not a candidate',
    ],
    [
      'a sentence that does not fit the rating',
      ['opening.thanks-kind', 'policy.everyone', 'invitation.direct'],
      'the drafting model chose a sentence that is not a candidate',
    ],
    [
      'slots out of order',
      ['policy.everyone', 'opening.thanks-write', 'invitation.direct'],
      'the drafting model put sentences out of order',
    ],
    [
      'the same slot twice',
      ['opening.thanks-write', 'opening.thanks-share', 'policy.everyone', 'invitation.direct'],
      'the drafting model put sentences out of order',
    ],
    ['no policy', ['opening.thanks-write', 'invitation.direct'], 'the drafting model left out a required sentence'],
  ])("with %s gives way to Tact's choice, marked with the reason", async (_what, ids, reason) => {
    const draft = await drafting(scripted(chose(ids))).draft(draftContext());
    expect(draft).toMatchObject({ source: 'library', fallbackReason: reason });
    expect(builtFrom(draft.text, draft.sentences, sentences, CONTACT)).toBe(true);
  });

  it('for "shorter" may not return more sentences than the short plan has', async () => {
    const draft = await drafting(scripted(chose(VALID))).draft(draftContext({ style: 'shorter' }));
    expect(draft.source).toBe('library');
    expect(draft.sentences).toHaveLength(2);
  });
});

describe('model failures', () => {
  const FAILURES = [
    ['timeout', 'the drafting model did not answer in time'],
    ['error', 'the drafting model returned an error'],
    ['rate-limited', 'the drafting model is rate-limited'],
    ['refused', 'the drafting model refused'],
    ['malformed', 'the drafting model did not answer with sentence ids'],
  ] as const;

  it.each(FAILURES)('%s: Tact chooses, marked with "%s", without a second call', async (failure, words) => {
    const chooser = scripted({ ok: false, failure });
    const draft = await drafting(chooser).draft(draftContext());
    expect(draft).toMatchObject({ source: 'library', fallbackReason: words });
    expect(chooser.requests).toHaveLength(1);
    expect(builtFrom(draft.text, draft.sentences, sentences, CONTACT)).toBe(true);
  });

  it('a chooser that throws is an error, not a crash', async () => {
    const draft = await drafting(scripted(() => Promise.reject(new Error('socket hang up')))).draft(draftContext());
    expect(draft).toMatchObject({ source: 'library', fallbackReason: 'the drafting model returned an error' });
  });

  it('a chooser that never answers still yields a draft within the budget', async () => {
    const chooser = scripted(() => new Promise<ChoiceResult>(() => undefined));
    const draft = await drafting(chooser, { budgetMs: 1_200, callTimeoutMs: 10_000 }).draft(draftContext());
    expect(draft).toMatchObject({ source: 'library', fallbackReason: 'the drafting model did not answer in time' });
    expect(chooser.requests[0]?.timeoutMs).toBe(1_200);
  });

  it('a budget too small for a model call means Tact chooses without asking', async () => {
    const chooser = scripted(chose(VALID));
    const draft = await drafting(chooser, { budgetMs: 200 }).draft(draftContext());
    expect(chooser.requests).toHaveLength(0);
    expect(draft.source).toBe('library');
  });
});

describe("Tact's own choice", () => {
  it('without a model: library sentences, no fallback reason, the contact line in the invitation', async () => {
    const draft = await drafting(undefined).draft(draftContext());
    expect(draft.source).toBe('library');
    expect(draft.fallbackReason).toBeUndefined();
    expect(builtFrom(draft.text, draft.sentences, sentences, CONTACT)).toBe(true);
    expect(draft.text).toContain(CONTACT);
  });

  it('regenerate (a refinement of the last draft) never repeats its combination', async () => {
    const d = drafting(undefined);
    let previous: string[] = [];
    for (let seed = 0; seed < 12; seed += 1) {
      const draft = await d.draft(draftContext({ seed, previous }));
      expect(draft.sentences).not.toEqual(previous);
      previous = draft.sentences;
    }
  });

  it('leaves out optional sentences to stay within the length limit', async () => {
    const full = await drafting(undefined).draft(draftContext({ style: 'warmer' }));
    const limited = await drafting(undefined).draft(draftContext({ style: 'warmer', maxLength: full.text.length - 1 }));
    expect(limited.sentences.length).toBeLessThan(full.sentences.length);
    expect(limited.text.length).toBeLessThan(full.text.length);
    expect(limited.sentences).toEqual(
      expect.arrayContaining([expect.stringMatching(/^policy\./), expect.stringMatching(/^invitation\./)]),
    );
  });
});

describe('the practice contact line', () => {
  it('that fails the gate is replaced by the plain line, and the draft says so', async () => {
    const draft = await drafting(undefined).draft(
      draftContext({ practiceContact: 'ask for Jenna, who remembers you, at 555-0142.' }),
    );
    expect(draft.contactRefused).toBe(true);
    expect(draft.text).toContain(PLAIN_CONTACT);
    expect(draft.text).not.toContain('Jenna');
  });

  it('with a phone number and an email passes', async () => {
    const contact = 'call our office at +44 20 7946 0958 or email hello@lumen.example.';
    const draft = await drafting(undefined).draft(draftContext({ practiceContact: contact }));
    expect(draft.contactRefused).toBeUndefined();
    expect(draft.text).toContain(contact);
  });
});
