import { foldText } from './fold.js';

/**
 * The allow-list gate for the free text a review reply can still hold: a sentence a manager adds to
 * the library, and the practice contact line. After the clean-up in fold.ts every word must be a
 * vetted word (the curated vocabulary, the built-in sentences' own words, the clinic's extra words)
 * or part of the practice's own name; any other word blocks, which is the safe way to fail. Words
 * that are each harmless can still tell a story about the reader ("we discussed", "your visit",
 * "you were seen"), so the gate also refuses the shapes such stories take: past events with a
 * person in them, and "your" before anything but the reader's own words.
 */
export type GateMode =
  /** a library sentence: words and plain punctuation only */
  | 'sentence'
  /** the practice contact line: may also hold a phone number, an email or a web address */
  | 'contact';

export type GateProblem =
  | { kind: 'unknown-word'; word: string }
  | { kind: 'character'; character: string }
  | { kind: 'relationship'; phrase: string }
  | { kind: 'empty' }
  | { kind: 'too-long'; limit: number };

export type GateResult = { ok: true } | { ok: false; problems: GateProblem[] };

export interface Gate {
  check(text: string, mode: GateMode): GateResult;
}

export const GATE_LIMITS = { sentence: 240, contact: 200 } as const;

/** Punctuation a plain sentence may use; anything else (digits, @, #, *, links, emoji, markup) blocks. */
const SENTENCE_CHARACTERS = /[^\p{L}\s.,;:!?'()\u2014-]/gu;
/** Top-level domains a practice's address may end in; without this, "nurse.botox" would pass as an address. */
const TLD =
  '(?:com|org|net|health|clinic|care|co|io|info|biz|us|uk|ca|au|nz|ie|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pt|example)';
const CONTACT_TOKENS = [
  new RegExp(`[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.${TLD}\\b`, 'g'),
  new RegExp(`(?:https?:\\/\\/)?(?:www\\.)?[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.${TLD}\\b(?:\\/[\\w./-]*)?`, 'g'),
  /\+?\(?\d[\d\s().-]{4,}\d(?:\s?(?:x|ext\.?)\s?\d{1,5})?/g,
];
const PLACEHOLDER = ' \u0000 ';
const WORD = /[\p{L}]+(?:'[\p{L}]+)*/gu;

/** Past tense and participles that carry no past event (they are not ed-verbs). */
const NOT_PAST = new Set([
  'need',
  'needs',
  'feed',
  'proceed',
  'succeed',
  'exceed',
  'indeed',
  'speed',
  'seed',
  'heed',
  'deed',
  'red',
  'bed',
  'shed',
  'bred',
]);
const IRREGULAR_PAST = new Set(
  (
    'was were been had did done saw seen met spoke spoken told gave given went gone came left took taken made said felt got gotten ' +
    'sent paid knew known thought brought bought began begun found kept heard held wrote written ran rang rung ate eaten drove driven ' +
    'forgot forgotten became meant put set understood lost won sat stood showed shown'
  ).split(' '),
);
const PERSONS = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'someone', 'somebody', 'staff', 'team']);
const SECOND_PERSON = new Set(['you', 'your', 'yours', 'yourself', 'yourselves']);
const PERFECT = new Set(['have', 'has', 'had', "'ve", 'was', 'were', 'been', 'being', 'get', 'got']);
const SOFT = new Set([
  'already',
  'recently',
  'just',
  'also',
  'both',
  'all',
  'personally',
  'directly',
  'never',
  'not',
  'since',
  'once',
  'really',
  'truly',
]);
const WHEN = new Set(['when', 'since', 'after', 'before', 'while', 'during', 'last', 'until']);
const HISTORY = new Set([
  'again',
  'back',
  'previous',
  'previously',
  'last',
  'recent',
  'recently',
  'earlier',
  'remember',
  'remembers',
  'recall',
  'recalls',
  'next',
  'soon',
  'return',
  'returning',
]);
const KNOWING = new Set([
  'know',
  'knows',
  'remember',
  'remembers',
  'recall',
  'recalls',
  'miss',
  'misses',
  'recognise',
  'recognize',
]);
/** What may follow "your": the reader's own words, never their care, bill, time with us or body. */
const YOURS = new Set([
  'feedback',
  'comment',
  'comments',
  'thought',
  'thoughts',
  'word',
  'words',
  'message',
  'messages',
  'note',
  'notes',
  'review',
  'reviews',
  'time',
  'honesty',
  'kindness',
  'patience',
  'concern',
  'concerns',
  'view',
  'views',
  'opinion',
  'opinions',
  'perspective',
  'suggestion',
  'suggestions',
  'question',
  'questions',
  'support',
]);
const YOUR_ADJECTIVES = new Set([
  'kind',
  'honest',
  'thoughtful',
  'lovely',
  'generous',
  'candid',
  'warm',
  'very',
  'own',
]);

function isPast(word: string): boolean {
  if (IRREGULAR_PAST.has(word)) return true;
  return word.length >= 4 && word.endsWith('ed') && !NOT_PAST.has(word);
}

/** "thank you (again)" addresses the reader; it says nothing about them, so it is not read as "you". */
function withoutThanks(words: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    if (words[i] === 'thank' && words[i + 1] === 'you') {
      i += words[i + 2] === 'again' ? 2 : 1;
      continue;
    }
    kept.push(words[i] ?? '');
  }
  return kept;
}

/** The shapes that tell of a past or ongoing relationship with the reader, whatever the words. */
export function relationshipPhrases(folded: string): string[] {
  const found: string[] = [];
  for (const sentence of folded.split(/[.!?;:]+/)) {
    const words = withoutThanks(sentence.match(WORD) ?? []);
    const hasYou = words.some((w) => SECOND_PERSON.has(w));
    words.forEach((word, i) => {
      const next = (offset: number) => words[i + offset] ?? '';
      const skipSoft = (from: number) => {
        let at = from;
        while (SOFT.has(next(at))) at += 1;
        return next(at);
      };
      // a person did something: "we discussed", "you came", "staff already called"
      if (PERSONS.has(word) && isPast(skipSoft(1))) found.push(`${word} ${skipSoft(1)}`);
      // a perfect or passive: "have reached", "were seen", "has been"
      if (PERFECT.has(word) && isPast(skipSoft(1)) && (hasYou || words.some((w) => PERSONS.has(w))))
        found.push(`${word} ${skipSoft(1)}`);
      // "as discussed", "as agreed"
      if (word === 'as' && isPast(next(1))) found.push(`as ${next(1)}`);
      // something was done to the reader: "referred you", "treated your"
      if (SECOND_PERSON.has(next(1)) && isPast(word)) found.push(`${word} ${next(1)}`);
      // knowing the reader: "knows you", "remember you"
      if (KNOWING.has(word) && SECOND_PERSON.has(next(1))) found.push(`${word} ${next(1)}`);
      // a time with the reader: "when you", "after your"
      if (WHEN.has(word) && SECOND_PERSON.has(next(1))) found.push(`${word} ${next(1)}`);
      // "your" before anything but the reader's own words ("your visit", "your skin", "your bill")
      if (word === 'your') {
        let at = 1;
        while (YOUR_ADJECTIVES.has(next(at))) at += 1;
        if (!YOURS.has(next(at))) found.push(`your ${next(at)}`.trim());
        else if (next(at) === 'time' && next(at + 1) === 'with') found.push('your time with');
      }
    });
    // history with the reader: "see you again", "remembers you", "welcome you back"
    if (hasYou) for (const word of words) if (HISTORY.has(word)) found.push(`you … ${word}`);
  }
  return [...new Set(found)];
}

export interface GateOptions {
  /** every allowed word, already folded */
  words: ReadonlySet<string>;
  /** the practice's own name, read at each check (it can change in chat) */
  practiceName: () => string | undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createGate(options: GateOptions): Gate {
  return {
    check(text, mode) {
      const limit = GATE_LIMITS[mode];
      if (text.length > limit) return { ok: false, problems: [{ kind: 'too-long', limit }] };
      let folded = foldText(text);
      if (!folded) return { ok: false, problems: [{ kind: 'empty' }] };
      const problems: GateProblem[] = [];
      // The practice may always write its own name, as a whole; its words alone are not allowed.
      const name = foldText(options.practiceName() ?? '');
      if (name)
        folded = folded.replace(
          new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu'),
          PLACEHOLDER,
        );
      if (mode === 'contact') for (const pattern of CONTACT_TOKENS) folded = folded.replace(pattern, PLACEHOLDER);
      for (const relation of relationshipPhrases(folded)) problems.push({ kind: 'relationship', phrase: relation });
      const characters = new Set(folded.replaceAll(PLACEHOLDER, ' ').match(SENTENCE_CHARACTERS) ?? []);
      for (const character of characters) problems.push({ kind: 'character', character });
      const unknown = new Set((folded.match(WORD) ?? []).filter((w) => !options.words.has(w)));
      for (const word of unknown) problems.push({ kind: 'unknown-word', word });
      return problems.length ? { ok: false, problems } : { ok: true };
    },
  };
}

/** Folds a list of words and phrases into the set the gate reads (each phrase lends its words). */
export function wordSet(...lists: ReadonlyArray<readonly string[]>): Set<string> {
  const words = new Set<string>();
  for (const list of lists)
    for (const entry of list) for (const word of foldText(entry).match(WORD) ?? []) words.add(word);
  return words;
}
