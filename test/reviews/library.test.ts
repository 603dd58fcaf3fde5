import { beforeAll, describe, expect, it } from 'vitest';
import { TactError } from '../../src/errors.js';
import { assemble, chooseLocally, planFor } from '../../src/reviews/compose.js';
import type { Gate } from '../../src/reviews/gate.js';
import {
  ALL_RATINGS,
  CONTACT_PLACEHOLDER,
  SLOTS,
  TOPICS,
  parseLibrary,
  type Sentence,
} from '../../src/reviews/library.js';
import { STYLES } from '../../src/reviews/model.js';
import { topicOf } from '../../src/reviews/topic.js';
import { replySetup } from './setup.js';

/**
 * The built-in sentence library (prompts/review-sentences.json): it loads, every sentence passes the
 * gate, every rating and style can be answered, and praise is thanked rather than apologised to.
 */
let sentences: Sentence[];
let gate: Gate;
beforeAll(async () => {
  ({ sentences, gate } = await replySetup());
});

const RATINGS = [...ALL_RATINGS, undefined];

describe('the built-in library', () => {
  it('every sentence passes the gate (the contact slot aside; words vetted in their own sentence only are unknown elsewhere) and has a unique id', () => {
    for (const s of sentences) {
      const result = gate.check(s.text.replace(CONTACT_PLACEHOLDER, ''), 'sentence');
      const problems = result.ok ? [] : result.problems;
      expect(
        problems.filter((p) => s.lendsWords || p.kind !== 'unknown-word'),
        s.id,
      ).toEqual([]);
    }
    expect(new Set(sentences.map((s) => s.id)).size).toBe(sentences.length);
  });

  it('no sentence hints that there is something private to say', () => {
    // "privacy keeps us from saying more here" implies a story; a policy for everyone does not.
    for (const s of sentences)
      expect(s.text.toLowerCase(), s.id).not.toMatch(
        /saying more|say more|the details|this case|specifics|public forum/,
      );
  });

  it('answers every rating, topic and style with each required slot', () => {
    for (const rating of RATINGS)
      for (const topic of TOPICS)
        for (const style of STYLES) {
          const chosen = chooseLocally(sentences, { rating, topic, style }, 7);
          for (const slot of planFor(rating, style).required)
            expect(
              chosen.map((s) => s.slot),
              `${rating} ${topic} ${style}`,
            ).toContain(slot);
        }
  });

  it('a four- or five-star review is thanked: no apology, no "concern", no policy', () => {
    for (const rating of [4, 5])
      for (const style of STYLES)
        for (let seed = 0; seed < 40; seed += 1) {
          const text = assemble(chooseLocally(sentences, { rating, topic: 'other', style }, seed), 'call us.');
          expect(text).toMatch(/^Thank you/);
          expect(text.toLowerCase()).not.toMatch(/sorry|concern|unhappy|patient|do better/);
        }
  });

  it('shorter has fewer sentences than the default, warmer uses warm sentences, regenerate changes the combination', () => {
    for (const rating of RATINGS) {
      const occasion = { rating, topic: 'wait' as const };
      const first = chooseLocally(sentences, { ...occasion, style: 'default' }, 3);
      expect(chooseLocally(sentences, { ...occasion, style: 'shorter' }, 3).length).toBeLessThan(first.length);
      expect(chooseLocally(sentences, { ...occasion, style: 'warmer' }, 3).every((s) => s.tone === 'warm')).toBe(true);
      const again = chooseLocally(
        sentences,
        { ...occasion, style: 'default' },
        3,
        first.map((s) => s.id),
      );
      expect(again.map((s) => s.id)).not.toEqual(first.map((s) => s.id));
    }
  });

  it('a topic picks its own standard sentence', () => {
    const chosen = chooseLocally(sentences, { rating: 1, topic: 'price', style: 'default' }, 1);
    expect(chosen.find((s) => s.slot === 'standard')?.topics).toEqual(['price']);
  });

  it('slots come in the library order', () => {
    const chosen = chooseLocally(sentences, { rating: 2, topic: 'staff', style: 'warmer' }, 11);
    const order = chosen.map((s) => SLOTS.indexOf(s.slot));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('a library file', () => {
  const file = (list: unknown[]) => JSON.stringify({ sentences: list });
  const ok = { id: 'opening.hi', slot: 'opening', tone: 'plain', ratings: [1], text: 'Thank you.' };

  it.each([
    ['not JSON', '{'],
    ['a repeated id', file([ok, ok])],
    ['an id that does not start with its slot', file([{ ...ok, id: 'closing.hi' }])],
    [
      'an invitation without the contact slot',
      file([{ ...ok, id: 'invitation.x', slot: 'invitation', text: 'Please call.' }]),
    ],
    ['the contact slot outside an invitation', file([{ ...ok, text: `Thank you, ${CONTACT_PLACEHOLDER}` }])],
    ['an unknown slot', file([{ ...ok, slot: 'middle' }])],
  ])('is refused at start-up: %s', (_what, text) => {
    expect(() => parseLibrary('review-sentences.json', text)).toThrow(TactError);
  });
});

describe('the topic, read locally', () => {
  it.each([
    ['I waited 45 minutes past my time.', 'wait'],
    ['Way too expensive and they charged me twice.', 'price'],
    ['The receptionist was so rude.', 'staff'],
    ['My lips are uneven and bruised.', 'outcome'],
    ['Meh.', 'other'],
    ['Rude receptionist, rude nurse, but the wait was short.', 'staff'],
  ])('%s -> %s', (review, topic) => {
    expect(topicOf(review)).toBe(topic);
  });
});
