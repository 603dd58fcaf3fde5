import { beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../../src/reviews/fold.js';
import type { Gate } from '../../src/reviews/gate.js';
import { GOOD_SENTENCES, LEAKING_DRAFTS } from './corpus/index.js';
import { replySetup } from './setup.js';

/**
 * The allow-list gate for free text in review replies (a manager's sentence, the contact line): an
 * unknown word blocks, look-alike and invisible characters cannot smuggle one through, and the
 * shapes of a story about the reader are refused even in known words.
 */
let gate: Gate;
beforeAll(async () => {
  ({ gate } = await replySetup('Lumen Skin Studio'));
});

const blocked = (text: string, mode: 'sentence' | 'contact' = 'sentence') => !gate.check(text, mode).ok;

describe('the corpora', () => {
  it('has at least 150 leaking drafts and 60 good sentences', () => {
    expect(LEAKING_DRAFTS.length).toBeGreaterThanOrEqual(150);
    expect(GOOD_SENTENCES.length).toBeGreaterThanOrEqual(60);
  });

  it('refuses every leaking draft', () => {
    const passed = LEAKING_DRAFTS.filter((draft) => !blocked(draft));
    expect(passed).toEqual([]);
  });

  it('blocks at most 10% of the good sentences', () => {
    const refused = GOOD_SENTENCES.filter((s) => blocked(s));
    expect(refused.length / GOOD_SENTENCES.length).toBeLessThanOrEqual(0.1);
  });
});

describe('the clean-up before the allow-list', () => {
  it('folds look-alike letters, invisible characters, soft hyphens, fullwidth forms and accents', () => {
    expect(foldText('b\u043Etox')).toBe('botox');
    expect(foldText('fil\u200Bler')).toBe('filler');
    expect(foldText('vi\u00ADsit')).toBe('visit');
    expect(foldText('\uFF56\uFF49\uFF53\uFF49\uFF54')).toBe('visit');
    expect(foldText('Cl\u00EDnica \u03BF\u0441\u0435')).toBe('clinica oce');
    expect(foldText('We\u2019re  \u00A0glad')).toBe("we're glad");
  });

  it('a known word written with a look-alike letter is still the known word', () => {
    expect(blocked('Thank you for y\u043Eur feedback.')).toBe(false);
    expect(blocked('Th\u200Bank you for your feedback.')).toBe(false);
  });
});

describe('unknown words block', () => {
  it.each([
    ['a name', 'Jenna is sorry to read this.'],
    ['a misspelt care word', 'We are sorry about the bruseing.'],
    ['Spanish', 'Gracias por sus comentarios.'],
    ['a word in another script', 'Спасибо.'],
  ])('%s', (_what, text) => {
    const result = gate.check(text, 'sentence');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.some((p) => p.kind === 'unknown-word')).toBe(true);
  });

  it('digits, links, mentions and markup are refused in a sentence', () => {
    for (const text of [
      'We are open 9 to 5.',
      'See www.example.com.',
      'Thanks @team.',
      'We are *very* glad.',
      'Thanks \u{1F642}',
    ]) {
      expect(blocked(text), text).toBe(true);
    }
  });
});

describe('relationship shapes with known words', () => {
  it.each([
    'We know you well.',
    'We will share your time with us.',
    'Thank you, we have read your feedback and made changes.',
    'You were heard.',
    'Your team.',
    'When you write, we read every comment.',
    'We hope to hear from you again.',
  ])('refuses "%s"', (text) => {
    expect(blocked(text)).toBe(true);
  });

  it('"thank you again" and the reader\'s own words are not a relationship', () => {
    expect(blocked('Thank you again for your kind words.')).toBe(false);
    expect(blocked('We take your concerns seriously.')).toBe(false);
  });
});

describe('the practice name', () => {
  it('is always allowed as a whole, but its words alone are not', async () => {
    expect(blocked('Everyone at Lumen Skin Studio thanks you for your feedback.')).toBe(false);
    expect(blocked('We hope your skin is better.')).toBe(true);
    expect(blocked('Skin matters to us.')).toBe(true);
    // with no practice name set, the name is as unknown as any other
    const { gate: nameless } = await replySetup(undefined);
    expect(nameless.check('Everyone at Lumen Skin Studio thanks you for your feedback.', 'sentence').ok).toBe(false);
  });
});

describe('the contact line', () => {
  it('may hold a phone number, an email and a web address', () => {
    expect(blocked('call our practice manager at 555-0142.', 'contact')).toBe(false);
    expect(blocked('call our office at +44 20 7946 0958 or email hello@lumen.example.', 'contact')).toBe(false);
    expect(blocked('write to us at www.lumen.example.', 'contact')).toBe(false);
  });

  it('still refuses unknown words and relationship shapes around them', () => {
    expect(blocked('ask for Jenna at 555-0142.', 'contact')).toBe(true);
    expect(blocked('call the nurse who treated you at 555-0142.', 'contact')).toBe(true);
    // words glued into something that looks like an address are still words
    expect(blocked('call our practice.botox line.', 'contact')).toBe(true);
    expect(blocked('email jenna.remembers@you', 'contact')).toBe(true);
  });

  it('is refused in sentence mode when it carries a number', () => {
    expect(blocked('call our practice manager at 555-0142.', 'sentence')).toBe(true);
  });
});
