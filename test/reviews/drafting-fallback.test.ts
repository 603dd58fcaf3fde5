import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, TactError } from '../../src/errors.js';
import { PromptLibrary } from '../../src/prompts.js';
import { LAST_RESORT_REPLY, ReviewDrafting, type DraftContext, type DraftingDeps } from '../../src/reviews/drafting.js';
import { reviewDrafting } from './helpers.js';
import { CHECKS, createSafetyCheck } from '../../src/reviews/safety.js';
import { parseTemplates, type TemplateSet } from '../../src/reviews/templates.js';
import { BUILT_IN_VOCABULARY } from '../../src/reviews/vocabulary.js';
import { REPO_ROOT } from '../doubles/services.js';

/**
 * The reply of last resort, when no template line passes the safety check: it is itself checked,
 * the contact line is added only when the check passes with it, and a reply that fails the check
 * is never returned.
 */
const CONTACT = 'please call our practice manager at 555-0142.';
const safety = createSafetyCheck(BUILT_IN_VOCABULARY);

let prompts: PromptLibrary;
beforeAll(async () => {
  prompts = await PromptLibrary.load(join(REPO_ROOT, 'prompts'));
});

const realTemplates = (contact: string): TemplateSet => parseTemplates(prompts.render('review-templates', { contact }));

/** Template lines that all fail the check, as a badly edited template file would. */
const leakingTemplates = (contact: string): TemplateSet => ({
  opening: ['Thank you for choosing us.'],
  middle: ['We are sorry your Botox appointment ran late.'],
  closing: [`We hope to welcome you back: ${contact}`],
  warm: ['We are sorry the wait was longer than expected.'],
  short: [`We have reviewed your case: ${contact}`],
});

function drafting(deps: Partial<DraftingDeps> = {}): ReviewDrafting {
  return reviewDrafting({ drafter: undefined, safety, templates: realTemplates, ...deps });
}

function context(extra: Partial<DraftContext> = {}): DraftContext {
  return {
    review: 'One star. Nobody called me back and the front desk was rude. - Sam K.',
    reviewerName: 'Sam K.',
    style: 'default',
    practiceContact: CONTACT,
    maxLength: 700,
    seed: 7,
    by: 'USTAFF',
    ...extra,
  };
}

describe('the reply of last resort', () => {
  it('passes the built-in check on its own and with the usual contact lines', () => {
    const review = context().review;
    expect(safety.check({ draft: LAST_RESORT_REPLY, review }).ok).toBe(true);
    for (const contact of [CONTACT, 'call our practice manager.', 'please call Dana Whitfield, our practice manager, at (212) 555-0142.']) {
      const draft = `${LAST_RESORT_REPLY.replace(/\.$/, ':')} ${contact}`;
      expect(safety.check({ draft, review, allowed: [contact] }).findings).toEqual([]);
    }
  });

  it('stands in, with the contact line, when no template line passes', async () => {
    const draft = await drafting({ templates: leakingTemplates }).draft(context());
    expect(draft.text).toBe(`Thank you for your feedback. We would welcome a direct conversation: ${CONTACT}`);
    expect(draft).toMatchObject({ source: 'template', blocked: 0 });
    expect(draft.passed).toEqual([...CHECKS]);
  });

  it('drops a contact line that fails the check, and never shows a failing reply', async () => {
    // A contact line this long pushes every reply that carries it past the length limit.
    const contact = 'please call Dana Whitfield, our practice manager, at (212) 555-0142, any weekday between nine and five, or leave a message.';
    const ctx = context({ practiceContact: contact, maxLength: 100 });
    for (const templates of [realTemplates, leakingTemplates]) {
      const draft = await drafting({ templates }).draft(ctx);
      expect(draft.text).toBe(LAST_RESORT_REPLY);
      expect(draft.passed).toEqual([...CHECKS]);
      expect(safety.check({ draft: draft.text, review: ctx.review, reviewerName: ctx.reviewerName, allowed: [contact], maxLength: 100 }).ok).toBe(true);
    }
  });

  it('when even the plainest reply fails the check, refuses with a code instead of showing it', async () => {
    const clinic = createSafetyCheck({ ...BUILT_IN_VOCABULARY, patientStatus: [...BUILT_IN_VOCABULARY.patientStatus, 'feedback', 'conversation'] });
    const error = await drafting({ safety: clinic, templates: leakingTemplates })
      .draft(context())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TactError);
    expect((error as TactError).code).toBe(ErrorCode.DraftUnsafe);
    expect((error as TactError).message).toContain('safety check');
  });
});
