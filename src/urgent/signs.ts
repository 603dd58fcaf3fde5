import { ErrorCode, TactError } from '../errors.js';
import { isCommonWord } from '../privacy/common-words.js';
import { foldText, isNegator, joinsList, splitApostrophes, wordsOf, type Word } from './sign-words.js';

/**
 * Words in a patient's message that signal an emergency after an aesthetic treatment (blurred vision
 * after filler, blanching skin, trouble breathing). The list is data (prompts/urgent-signs.txt plus
 * the clinic's own lines); this file is its small pattern language, with no I/O.
 *
 * One sign a line: `label: pattern`. Lines may share a label (the label is reported once).
 *   word            the word itself, any case or accents; one typo allowed if it has 5+ letters
 *                   (a common word is read as written: "never" is not a typo of "fever")
 *   blister*        a word starting so (blistered, blistering); a typo allowed if the stem has 6+ letters
 *   =word           exactly this word: no typo allowance
 *   blue|grey|gray  one of these words
 *   blurry vision   words next to each other, in this order
 *   skin ~3 white   both, in either order, at most 3 words apart (`~` alone means 3); several `~` chain
 *   ... ! blue light  not where a matched word is part of this phrase ("blue light therapy for skin")
 * Negated mentions do not count: "no fever", "sin fiebre", "pas de fièvre", "kein Fieber", up to two
 * words after the negator (further along a list joined by "or"), to the end of its clause
 * (punctuation or "but", "pero", "mais", "aber").
 * A pattern may hold a negator itself ("cannot breathe", "no puedo respirar").
 */
export interface Sign {
  label: string;
  /** the parts joined by `~`; each is a phrase of slots (a slot is a set of terms) */
  parts: Term[][][];
  /** the most words between part i and part i+1 */
  gaps: number[];
  /** phrases that, holding a matched word, make it ordinary ("blue light", "white tea") */
  except: Term[][][];
}

export interface Term {
  text: string;
  prefix: boolean;
  exact: boolean;
}

export type SignLineResult = { ok: true; sign: Sign } | { ok: false; problem: string };

export const MAX_LABEL_LENGTH = 60;
export const MAX_LINE_LENGTH = 300;
const MAX_GAP = 8;
const DEFAULT_GAP = 3;
/** Shorter stems would match too much (`pa*` is half the dictionary). */
const MIN_STEM = 3;
const TYPO_MIN_LETTERS = 5;
const TYPO_MIN_STEM = 6;
/** Endings a misspelt stem may carry: blancing, blisterring (not a longer word that starts alike). */
const MAX_ENDING = 5;
/** Words after a negator that it still covers: "no fever", "pas de fièvre", "don't have a fever". */
const NEGATION_REACH = 2;

export const SIGN_LINE_FORMAT =
  'label: pattern, e.g. "vision changes: blurr*|blury vision|sight" or "skin turning white: skin|lip ~3 white|blue ! blue light". Words next to each other match in order; a|b is either word; word* is a word starting so; a ~3 b is both within 3 words, either order; =word allows no typo; ! phrase excepts a phrase.';

function parseTerm(raw: string): Term | string {
  const exact = raw.startsWith('=');
  const prefix = raw.endsWith('*');
  const body = raw.slice(exact ? 1 : 0, prefix ? -1 : undefined);
  // Read as messages are: "can't" is one word (cant), "l'oeil" and "blue-light" are two.
  const pieces = /^[\p{L}\p{N}']+$/u.test(foldText(body)) ? splitApostrophes(foldText(body)).filter(Boolean) : [];
  const folded = pieces[0] ?? '';
  if (pieces.length > 1) return `"${raw}" is read as ${pieces.length} words: write them apart, ${pieces.join(' ')}`;
  if (!/^[\p{L}\p{N}]+$/u.test(folded))
    return `"${raw}" is not a word: use letters only (words apart, blue light, not blue-light), with * at the end for a stem and = in front for no typos`;
  if (prefix && folded.length < MIN_STEM) return `"${raw}": a stem needs at least ${MIN_STEM} letters`;
  return { text: folded, prefix, exact };
}

function parsePart(text: string): Term[][] | string {
  const slots: Term[][] = [];
  for (const slot of text.trim().split(/\s+/)) {
    const terms: Term[] = [];
    for (const raw of slot.split('|')) {
      if (raw === '') return `"${slot}" has an empty alternative: write a|b, not a||b or a|`;
      const term = parseTerm(raw);
      if (typeof term === 'string') return term;
      terms.push(term);
    }
    slots.push(terms);
  }
  return slots;
}

/** One `label: pattern` line, checked: the problem says what to write instead. */
export function parseSignLine(line: string): SignLineResult {
  const text = line.trim();
  if (text.length > MAX_LINE_LENGTH) return { ok: false, problem: `a line is at most ${MAX_LINE_LENGTH} characters` };
  const colon = text.indexOf(':');
  if (colon < 0) return { ok: false, problem: 'a line is a label, a colon, then the pattern' };
  const label = text.slice(0, colon).trim().replace(/\s+/g, ' ');
  const pattern = text.slice(colon + 1).trim();
  if (label === '' || label.length > MAX_LABEL_LENGTH)
    return { ok: false, problem: `the label (before the colon) is 1 to ${MAX_LABEL_LENGTH} characters` };
  const [main = '', ...others] = pattern.split('!');
  if (main.trim() === '') return { ok: false, problem: 'the pattern after the colon is empty' };
  const except: Term[][][] = [];
  for (const other of others) {
    if (other.trim() === '')
      return { ok: false, problem: 'a ! needs the words it excepts after it, e.g. ! blue light' };
    const phrase = parsePart(other);
    if (typeof phrase === 'string') return { ok: false, problem: phrase };
    except.push(phrase);
  }
  const pieces = main.split(/~(\d*)/);
  const parts: Term[][][] = [];
  const gaps: number[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i] ?? '';
    if (piece.trim() === '') return { ok: false, problem: 'a ~ needs words on both sides, e.g. skin ~3 white' };
    const part = parsePart(piece);
    if (typeof part === 'string') return { ok: false, problem: part };
    parts.push(part);
    const gap = pieces[i + 1];
    if (gap === undefined) continue;
    const words = gap === '' ? DEFAULT_GAP : Number(gap);
    if (words > MAX_GAP) return { ok: false, problem: `~${gap}: words are at most ${MAX_GAP} apart (~${MAX_GAP})` };
    gaps.push(words);
  }
  return { ok: true, sign: { label, parts, gaps, except } };
}

/** Lines of a sign file: `#` starts a comment line, blank lines are skipped. */
export function signLines(text: string): Array<{ number: number; text: string }> {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ number: i + 1, text: line.trim() }))
    .filter((line) => line.text !== '' && !line.text.startsWith('#'));
}

/** A whole sign file, or an error naming its first bad line. */
export function compileSigns(text: string, sourceName: string): Sign[] | TactError {
  const signs: Sign[] = [];
  for (const line of signLines(text)) {
    const result = parseSignLine(line.text);
    if (!result.ok)
      return new TactError(
        ErrorCode.SignListInvalid,
        `${sourceName} line ${line.number}: ${result.problem}. Write ${SIGN_LINE_FORMAT}`,
      );
    signs.push(result.sign);
  }
  return signs;
}

/**
 * One letter added, dropped, changed, or two neighbours swapped ("vison", "blury", "fevre"). Linear,
 * unlike the full edit distance: every word of a message is tried against every term of the list.
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && long[i] === short[i]) i += 1;
  if (long.length > short.length) return long.slice(i + 1) === short.slice(i);
  if (long.slice(i + 1) === short.slice(i + 1)) return true;
  return long[i] === short[i + 1] && long[i + 1] === short[i] && long.slice(i + 2) === short.slice(i + 2);
}

function typoOf(word: string, term: string): boolean {
  return term.length >= TYPO_MIN_LETTERS && oneEditApart(word, term);
}

/**
 * Real words are taken as written: "never" is not a typo of "fever", and a word the list names
 * itself is not a typo of another ("injected" is not "infected").
 */
function termMatches(term: Term, word: string, known: ReadonlySet<string>): boolean {
  if (term.prefix ? word.startsWith(term.text) : word === term.text) return true;
  if (term.exact || known.has(word) || isCommonWord(word)) return false;
  if (!term.prefix) return typoOf(word, term.text);
  // A short stem with a typo is too little to go on: "wheez*" would take "wheelchair".
  const n = term.text.length;
  if (n < TYPO_MIN_STEM || word.length > n + MAX_ENDING) return false;
  return [n - 1, n, n + 1].some((k) => k <= word.length && typoOf(word.slice(0, k), term.text));
}

interface Span {
  start: number;
  end: number;
}

/** Where a phrase's slots match words next to each other, in one clause. */
function phraseSpans(
  words: readonly Word[],
  slots: readonly Term[][],
  matches: (t: Term, i: number) => boolean,
): Span[] {
  const spans: Span[] = [];
  for (let start = 0; start + slots.length <= words.length; start += 1) {
    const clause = words[start]?.clause;
    const fits = slots.every(
      (terms, k) => words[start + k]?.clause === clause && terms.some((term) => matches(term, start + k)),
    );
    if (fits) spans.push({ start, end: start + slots.length - 1 });
  }
  return spans;
}

/** A negator just before a part (same clause), or between the parts, that the pattern does not hold itself. */
function negated(words: readonly Word[], spans: readonly Span[]): boolean {
  const inside = (i: number) => spans.some((s) => s.start <= i && i <= s.end);
  for (const span of spans) {
    const clause = words[span.start]?.clause;
    let reach = NEGATION_REACH;
    for (let i = span.start - 1; i >= span.start - 1 - reach && i >= 0; i -= 1) {
      if (words[i]?.clause !== clause) break;
      if (!inside(i) && isNegator(words, i)) return true;
      // "no fever or chills", "denies vision changes or chest pain": the denial covers the list
      if (joinsList(words[i]?.text)) reach += NEGATION_REACH + 1;
    }
  }
  const from = Math.min(...spans.map((s) => s.start));
  const to = Math.max(...spans.map((s) => s.end));
  for (let i = from; i <= to; i += 1) if (!inside(i) && isNegator(words, i)) return true;
  return false;
}

function between(a: Span, b: Span): number {
  return a.start > b.end ? a.start - b.end - 1 : b.start - a.end - 1;
}

/** Whether some occurrence of the sign, not negated, is in the words. */
function found(sign: Sign, words: readonly Word[], matches: (t: Term, i: number) => boolean): boolean {
  const options = sign.parts.map((slots) => phraseSpans(words, slots, matches));
  const excepted = sign.except.flatMap((slots) => phraseSpans(words, slots, matches));
  const ordinary = (span: Span) => excepted.some((e) => e.start <= span.end && span.start <= e.end);
  const search = (chosen: Span[]): boolean => {
    const k = chosen.length;
    if (k === options.length) return !negated(words, chosen) && !chosen.some(ordinary);
    return (options[k] ?? []).some((span) => {
      const previous = chosen[k - 1];
      if (previous) {
        if (words[span.start]?.sentence !== words[previous.start]?.sentence) return false;
        if (between(previous, span) > (sign.gaps[k - 1] ?? 0) || between(previous, span) < 0) return false;
      }
      return search([...chosen, span]);
    });
  };
  return search([]);
}

interface Vocabulary {
  terms: readonly Term[];
  /** the whole words the list names (not its stems) */
  known: ReadonlySet<string>;
}

const vocabularies = new WeakMap<readonly Sign[], Vocabulary>();

/** Every term of a list, worked out once per list. */
function vocabularyOf(signs: readonly Sign[]): Vocabulary {
  let vocabulary = vocabularies.get(signs);
  if (!vocabulary) {
    const terms = signs.flatMap((s) => [...s.parts.flat(2), ...s.except.flat(2)]);
    vocabulary = { terms, known: new Set(terms.filter((t) => !t.prefix).map((t) => t.text)) };
    vocabularies.set(signs, vocabulary);
  }
  return vocabulary;
}

/** The labels of the signs in a text, each once, in list order; [] for ordinary text. */
export function detectSigns(signs: readonly Sign[], text: string): string[] {
  const words = wordsOf(text);
  if (words.length === 0) return [];
  const { terms, known } = vocabularyOf(signs);
  // Each distinct word is tried against every term once; lines then only look the answer up.
  const byWord = new Map<string, Set<Term>>();
  const matched = words.map(({ text: word }) => {
    let set = byWord.get(word);
    if (!set) {
      set = new Set(terms.filter((term) => termMatches(term, word, known)));
      byWord.set(word, set);
    }
    return set;
  });
  const matches = (term: Term, i: number): boolean => matched[i]?.has(term) ?? false;
  const labels: string[] = [];
  for (const sign of signs) {
    if (!labels.includes(sign.label) && found(sign, words, matches)) labels.push(sign.label);
  }
  return labels;
}
