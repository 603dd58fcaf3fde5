import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Redactor } from '../../src/privacy/redactor.js';
import { PromptLibrary } from '../../src/prompts.js';
import type { Gate } from '../../src/reviews/gate.js';
import { loadReplySetup } from '../../src/reviews/setup.js';
import { PUBLIC_TOUCHES, TouchDrafting, type NoteRequest, type NoteWriter } from '../../src/touches/draft.js';
import { REPO_ROOT } from '../doubles/services.js';

/** Touch drafts: the template, the model when configured, the redactor, and the gate for public kinds. */
const PROMPTS = join(REPO_ROOT, 'prompts');
let prompts: PromptLibrary;
let gate: Gate;
/** stands in for the alias registry: a registered name becomes its alias */
const redactor: Redactor = { redact: (text) => text.replaceAll('Rosalind', 'Rose-alias') };

beforeAll(async () => {
  prompts = await PromptLibrary.load(PROMPTS);
  gate = (await loadReplySetup({ promptsDir: PROMPTS, practiceName: () => undefined })).gate;
});

function writer(answer: (request: NoteRequest) => Promise<string | Error>): NoteWriter & { seen: NoteRequest[] } {
  const seen: NoteRequest[] = [];
  return {
    seen,
    description: 'fake',
    async write(request) {
      seen.push(request);
      const result = await answer(request);
      return result instanceof Error
        ? { ok: false, failure: 'error', detail: result.message }
        : { ok: true, text: result };
    },
  };
}

function drafting(w: NoteWriter | undefined, isPublic?: () => boolean): TouchDrafting {
  return new TouchDrafting({ writer: w, prompts, redactor, gate, timeoutMs: 100, isPublic });
}

const EVENT = { kind: 'event' as const, note: 'wedding' };

describe('touch drafts', () => {
  it('no model: the template of the kind, with the occasion typed by the clinic', async () => {
    expect(await drafting(undefined).draft(EVENT)).toEqual({
      text: 'Hi [first name], we heard your wedding is coming up and wanted to wish you the very best. Enjoy every moment!',
      source: 'template',
    });
    const birthday = await drafting(undefined).draft({ kind: 'birthday', note: '' });
    expect(birthday.text).toContain('Happy birthday, [first name]!');
  });

  it('the model sees the kind, the template and an event’s occasion, never a thank-you’s note; its text is redacted', async () => {
    const w = writer(async () => 'Hi [first name], Rosalind and all of us wish you a joyful wedding day!');
    const draft = await drafting(w).draft(EVENT);
    expect(draft).toEqual({
      text: 'Hi [first name], Rose-alias and all of us wish you a joyful wedding day!',
      source: 'model',
    });
    expect(w.seen[0]).toMatchObject({ kind: 'event', occasion: 'wedding' });
    await drafting(w).draft({ kind: 'thank-you', note: 'nervous about the filler' });
    expect(w.seen[1]?.occasion).toBe('none');
    expect(JSON.stringify(w.seen[1])).not.toContain('filler');
  });

  it('any model failure, time-out or unfit answer means the template', async () => {
    const cases: Array<[NoteWriter, string]> = [
      [writer(async () => new Error('server down')), 'error'],
      [writer(() => new Promise(() => undefined)), 'timeout'],
      [writer(async () => 'Call us at 555 0142 for 20% off!'), 'malformed'],
      [writer(async () => 'ok'), 'malformed'],
      [writer(async () => 'x'.repeat(500)), 'malformed'],
      [writer(async () => 'Hi, see https://clinic.example for news'), 'malformed'],
    ];
    for (const [w, failure] of cases) {
      const draft = await drafting(w).draft(EVENT);
      expect(draft.source, failure).toBe('template');
      expect(draft.modelFailure).toBe(failure);
    }
  });

  it('no touch is public today: they are private notes from one person to one patient', () => {
    expect([...PUBLIC_TOUCHES]).toEqual([]);
    expect(drafting(undefined).isPublic('birthday')).toBe(false);
  });

  it('a kind made public: every sentence must pass the review replies’ allow-list gate, or there is no draft', async () => {
    const detail = writer(async () => 'Hi there. We hope your lips healed well after the filler!');
    const blocked = await drafting(detail, () => true).draft(EVENT);
    // the model's text fails the gate, and so does the template (its [first name] placeholder)
    expect(blocked).toEqual({ text: undefined, source: 'none', modelFailure: 'blocked by the safety gate' });
    // the same text as a private note passes
    expect((await drafting(detail, () => false).draft(EVENT)).source).toBe('model');
    const vetted = writer(async () => 'Thank you for taking the time to share your feedback.');
    expect(gate.check('Thank you for taking the time to share your feedback.', 'sentence').ok).toBe(true);
    expect(await drafting(vetted, () => true).draft(EVENT)).toMatchObject({ source: 'model' });
  });
});
