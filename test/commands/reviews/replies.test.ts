import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { LEAKING_DRAFTS } from '../../reviews/corpus/index.js';
import { runner, textOf } from '../helpers.js';

/**
 * `/tact replies`: managers add sentences to the review-reply library; the gate checks each one,
 * a manager approves it before drafting uses it, and nothing the gate refuses is saved.
 */
let t: TestServices;
let run: ReturnType<typeof runner>;

beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR,UMGR2', TACT_PRACTICE_NAME: 'Lumen Skin Studio' } });
  run = runner(t, 'tact');
});
afterEach(async () => {
  await t.close();
});

const ids = () => t.services.replies.usable().map((s) => s.id);

describe('/tact replies add', () => {
  it('proposes a sentence the gate passes; it is used only once a manager approves it', async () => {
    const added = textOf(
      await run(
        "replies add standard topic=wait tone=warm Everyone at Lumen Skin Studio works hard to respect everyone's time.",
      ),
    );
    expect(added).toContain('Proposed clinic.1');
    expect(added).toContain('standard · 1-3★ · warm · wait');
    expect(added).toContain('/tact replies approve clinic.1');
    expect(ids()).not.toContain('clinic.1');

    expect(textOf(await run('replies approve clinic.1', 'console:UMGR2'))).toContain('Approved clinic.1');
    expect(ids()).toContain('clinic.1');
    const sentence = t.services.replies.clinicSentences()[0];
    expect(sentence).toMatchObject({
      status: 'approved',
      addedBy: 'console:UMGR',
      approvedBy: 'console:UMGR2',
      slot: 'standard',
      tone: 'warm',
      topics: ['wait'],
      ratings: [1, 2, 3],
    });
    expect(textOf(await run('replies approve clinic.1'))).toContain('clinic.1 is already approved.');
  });

  it('the practice name is allowed as it is set in chat, at each check', async () => {
    await t.services.settings.set('practice-name', 'Glow Aesthetics', 'console:UMGR');
    expect(textOf(await run('replies add closing With warm wishes from all of us at Glow Aesthetics.'))).toContain(
      'Proposed clinic.1',
    );
    // the old name is no longer the practice's, so approving a sentence with it is refused
    await t.services.settings.set('practice-name', 'Lumen Skin Studio', 'console:UMGR');
    expect(textOf(await run('replies approve clinic.1'))).toContain('"glow" is not a vetted word');
    expect(ids()).not.toContain('clinic.1');
  });

  it('an approved sentence survives a restart and is drafted with', async () => {
    await run('replies add opening stars=1-2 Thank you for telling us how you feel.');
    await run('replies approve clinic.1');
    const again = await buildServices({ storage: t.storage, env: { TACT_MANAGERS: 'UMGR' } });
    try {
      expect(again.services.replies.usable().map((s) => s.id)).toContain('clinic.1');
      expect(again.services.replies.clinicSentences()[0]?.ratings).toEqual([1, 2]);
      // a one-star review's opening can now be the clinic's sentence
      const chosen = new Set<string>();
      for (let i = 0; i < 30; i += 1) {
        const review = await again.services.reviews.receive({ text: `1 star. Meh ${i}.`, postedBy: 'U' });
        const drafted = await again.services.reviews.draft(review.number, 'default', 'U');
        for (const id of drafted.ok ? (drafted.draft?.sentences ?? []) : []) chosen.add(id);
      }
      expect(chosen).toContain('clinic.1');
    } finally {
      await again.close();
    }
  });

  it.each(LEAKING_DRAFTS.map((d) => [d]))('refuses the leaking draft "%s", saving nothing', async (draft) => {
    const answer = textOf(await run(`replies add standard ${draft}`));
    expect(answer).toContain('The reply gate refused that sentence; nothing was saved.');
    expect(t.services.replies.clinicSentences()).toEqual([]);
  });

  it('says which words and shapes the gate refused, and how to write it instead', async () => {
    const answer = textOf(await run('replies add closing Jenna remembers you and we discussed it.'));
    expect(answer).toContain('"jenna" is not a vetted word');
    expect(answer).toContain('"remembers you" tells of a contact with the reader');
    expect(answer).toContain('a policy for everyone, never a past contact');
  });

  it.each([
    ['no slot', 'replies add', 'write /tact replies add <slot>'],
    [
      'the invitation slot',
      'replies add invitation Please call us.',
      'the invitation, which holds the contact line, stays built-in',
    ],
    ['a bad rating range', 'replies add opening stars=5-1 Thank you.', 'stars=5-1: write one rating or a range'],
    ['a topic on another slot', 'replies add opening topic=wait Thank you.', 'only a standard sentence has a topic'],
    ['an unknown tone', 'replies add opening tone=cheeky Thank you.', 'tone is one of: plain, warm'],
  ])('%s gets a private hint and saves nothing', async (_what, text, hint) => {
    expect(textOf(await run(text))).toContain(hint);
    expect(t.services.replies.clinicSentences()).toEqual([]);
  });

  it('is for managers only', async () => {
    const answer = textOf(await run('replies add opening Thank you for your feedback.', 'console:USTAFF'));
    expect(answer).not.toContain('Proposed');
    expect(t.services.replies.clinicSentences()).toEqual([]);
  });
});

describe('/tact replies list and remove', () => {
  it('lists the clinic sentences with their status, and the built-in ones on request', async () => {
    await run('replies add closing With warm wishes from our whole team.');
    const listed = textOf(await run('replies list'));
    expect(listed).toMatch(/Reply library: \d+ built-in sentences, 1 of the clinic's/);
    expect(listed).toContain(
      'clinic.1 · closing · 1-5★ · plain: With warm wishes from our whole team. (proposed by UMGR, not used until approved)',
    );
    expect(listed).not.toContain('policy.everyone');
    expect(textOf(await run('replies list all'))).toContain('policy.everyone · policy · 1-5★ · plain');
  });

  it('removes a clinic sentence; built-in ones cannot be removed in chat', async () => {
    await run('replies add closing With warm wishes from our whole team.');
    await run('replies approve clinic.1');
    expect(textOf(await run('replies remove clinic.1'))).toContain('Removed clinic.1.');
    expect(ids()).not.toContain('clinic.1');
    expect(textOf(await run('replies remove policy.everyone'))).toContain(
      'There is no clinic sentence "policy.everyone"',
    );
    expect(ids()).toContain('policy.everyone');
  });
});

describe('TACT_REVIEW_VOCABULARY', () => {
  it("adds the clinic's own words to the gate's allow-list", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tact-words-'));
    const file = join(dir, 'words.txt');
    await writeFile(file, '# our words\nLumen glow\n');
    const withWords = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_REVIEW_VOCABULARY: file } });
    try {
      const clinicRun = runner(withWords, 'tact');
      expect(textOf(await clinicRun('replies add closing With warm wishes from all of us at Lumen.'))).toContain(
        'Proposed clinic.1',
      );
      expect(textOf(await run('replies add closing With warm wishes from all of us at Lumen.'))).toContain(
        '"lumen" is not a vetted word',
      );
    } finally {
      await withWords.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a file that cannot be read stops start-up with a clear error', async () => {
    await expect(
      buildServices({ env: { TACT_REVIEW_VOCABULARY: join(tmpdir(), 'no-such-tact-words.txt') } }),
    ).rejects.toMatchObject({
      code: 'TACT_CONFIG_INVALID',
      message: expect.stringContaining('TACT_REVIEW_VOCABULARY'),
    });
  });
});
