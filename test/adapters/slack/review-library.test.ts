import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  MANAGERS,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  stopStarted,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';
import { REVIEWS, draftCards, draftText, personPosts } from './review-helpers.js';

/**
 * `/tact replies` through Bolt: a manager's sentence, with a Cyrillic look-alike or a zero-width
 * space, is refused privately and saved nowhere; a clean one is proposed, approved, and then used
 * in a review's thread.
 */
const MANAGER = MANAGERS[0];
afterEach(stopStarted);
afterAll(removeTempDirs);

function replies(t: TactUnderTest, user: string, text: string) {
  return t.command(user, `replies ${text}`, { command: '/tact' });
}

describe('/tact replies on Slack', () => {
  it('refuses tricked sentences privately, and a clean approved one reaches a review thread', async () => {
    const t = await startTact({
      clock: movableClock(),
      env: { TACT_REVIEWS_CHANNEL: REVIEWS, TACT_PRACTICE_CONTACT: 'call our office at 555-0142' },
    });
    for (const tricked of [
      'opening We hope your b\u043Etox settled.',
      'opening Thank you for your fil\u200Bler feedback.',
    ]) {
      const refused = await replies(t, MANAGER, `add ${tricked}`);
      expect(refused.replies[0]).toMatchObject({ response_type: 'ephemeral' });
      expect(refused.text).toContain('The reply gate refused that sentence; nothing was saved.');
    }
    expect((await replies(t, STAFF, 'add opening Thank you for writing.')).text).toContain(
      'Only practice managers can use /tact replies',
    );

    const proposed = await replies(t, MANAGER, 'add opening stars=1 Thank you very much for writing to us today.');
    expect(proposed.text).toContain('"today" is not a vetted word');
    const added = await replies(t, MANAGER, 'add opening stars=1 Thank you very much for writing to us.');
    expect(unescapeSlack(added.text)).toContain('Proposed clinic.1');
    expect((await replies(t, MANAGERS[1], 'approve clinic.1')).text).toContain('Approved clinic.1');
    expect(t.running.services.replies.clinicSentences().map((s) => s.status)).toEqual(['approved']);

    // with the clinic's opening among the candidates, some one-star draft in a few regenerations uses it
    const review = await personPosts(t, STAFF, 'One star. Nobody answered the phone.');
    const texts = [draftText(draftCards(t, review.ts)[0]!)];
    for (let i = 0; i < 8 && !texts.some((x) => x.startsWith('Thank you very much for writing to us.')); i += 1) {
      await t.command(STAFF, 'regenerate R-1', { command: '/review' });
      texts.push(...((await t.running.services.reviews.get(1))?.drafts.map((d) => d.text) ?? []));
    }
    expect(texts.some((x) => x.startsWith('Thank you very much for writing to us.'))).toBe(true);
  });
});
