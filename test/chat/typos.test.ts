import { afterEach, describe, expect, it } from 'vitest';
import { complaint } from '../../commands/complaints/complaint.js';
import { review } from '../../commands/reviews/review.js';
import { dispatch } from '../../src/chat/dispatch.js';
import { editDistance, likelyMeant } from '../../src/chat/typos.js';
import { buildServices, type TestServices } from '../doubles/services.js';

let t: TestServices;
afterEach(async () => {
  await t?.close();
});

describe('mistyped subcommands', () => {
  it('editDistance counts single-letter edits', () => {
    expect(editDistance('shwo', 'show')).toBe(1); // a swap counts once
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('trend', 'trends')).toBe(1);
    expect(editDistance('P-12', 'show')).toBe(4);
  });

  it('likelyMeant finds the near subcommand and leaves references and real words alone', () => {
    const names = ['list', 'show', 'update', 'trends', 'letter'];
    expect(likelyMeant('shw', names)).toBe('show');
    expect(likelyMeant('updte', names)).toBe('update');
    expect(likelyMeant('P-12', names)).toBeUndefined();
    expect(likelyMeant('Tulip', names)).toBeUndefined();
  });

  it('"/complaint shwo C-1" asks "did you mean" and logs nothing', async () => {
    t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' } });
    const ctx = { actor: { id: 'UMGR' }, place: { platform: 'console' as const }, services: t.services };
    const outcome = await dispatch(complaint, 'shwo C-1', ctx);
    expect(outcome.kind === 'replies' && outcome.replies[0]?.summary).toContain(
      'Did you mean /complaint show? Nothing was saved.',
    );
    expect(await t.services.complaints.get(1)).toBeUndefined();
  });
});

describe('text that only starts like a subcommand', () => {
  it('is not taken for a typo when what follows is not an id or a period', async () => {
    t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' } });
    const ctx = { actor: { id: 'UMGR' }, place: { platform: 'console' as const }, services: t.services };
    // a word of letters is a patient reference only as a registered alias (commands/shared/patient-ref.ts)
    await t.services.aliases.add('Shona Woodhouse', 'Shwo', 'UMGR');
    const outcome = await dispatch(complaint, 'shwo billing: charged twice', ctx);
    expect(outcome.kind === 'replies' && outcome.replies[0]?.summary).toContain('Logged C-1');
  });
});

describe('subcommand words and free text', () => {
  it('catches typos followed by a bare number or a choice word', async () => {
    t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' } });
    const ctx = { actor: { id: 'UMGR' }, place: { platform: 'console' as const }, services: t.services };
    for (const text of ['updte 1 resolved', 'lsit open', 'lsit all 30d']) {
      const outcome = await dispatch(complaint, text, ctx);
      expect(outcome.kind === 'replies' && outcome.replies[0]?.summary).toMatch(
        /^Did you mean \/complaint (update|list)\?/,
      );
    }
    expect(await t.services.complaints.get(1)).toBeUndefined();
  });

  it('a pasted review that starts with a subcommand word, or "Help", is still a review', async () => {
    t = await buildServices();
    const ctx = { actor: { id: 'USTAFF' }, place: { platform: 'console' as const }, services: t.services };
    for (const text of [
      'Shorter wait times would make this place perfect, staff were rude',
      'Help me understand why I was charged twice here',
    ]) {
      const outcome = await dispatch(review, text, ctx);
      expect(outcome.kind === 'replies' && outcome.replies.map((r) => r.summary).join(' | ')).toMatch(
        /Draft reply for R-\d/,
      );
    }
    expect(await t.services.reviews.get(2)).toBeDefined();
  });
});
