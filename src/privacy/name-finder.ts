import { isCommonWord } from './common-words.js';
import { MIN_GLUED_LETTERS, TITLES, type FormKind } from './name-forms.js';
import type { ReadingView } from './text.js';

/**
 * Finds registered names in a text through their keyed forms (see name-forms.ts): the text's words
 * and word windows are hashed and looked up, so the cost follows the text, never the registry size.
 * Whether a hit counts depends on how the words stand in the text (capitals, a comma, a title, an
 * initial), which is what tells "Hunter will call you back" from "Hunter, Will".
 */
export interface NameMatch {
  /** where the name starts and ends in the original text */
  start: number;
  end: number;
  alias: string;
  possessive: boolean;
}

export interface FormLookup {
  /** the alias whose form of this kind has this hash */
  alias(kind: FormKind, hash: string): string | undefined;
  /** the word counts of full and reversed forms, longest first */
  windowSizes: readonly number[];
  hash(text: string): string;
}

interface Token {
  word: string;
  /** in the reading view */
  start: number;
  end: number;
  capital: boolean;
  possessive: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*['’]?/gu;
/**
 * What may stand between two words of one name: spaces or a line break, or one joining mark
 * ("Jane-Doe", "jane.doe", "jane_doe"); a comma and space only surname first ("Doe, Jane"). A full
 * stop and a space end a sentence ("I will. Hunter agreed").
 */
const NAME_GAP = /^(?:\s+|[.\-_/·])$/u;
const SURNAME_FIRST_GAP = /^(?:\s+|[.\-_/·]|,\s*)$/u;
const TITLE_GAP = /^\.?\s{0,2}$/u;
const LETTER_RUN = /\p{L}+/gu;
const MAX_GLUED_LETTERS = 40;

function tokens(text: string): Token[] {
  const result: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const word = raw
      .toLowerCase()
      .replace(/['’]s$/u, '')
      .replace(/['’]/gu, '');
    if (!word) continue;
    const possessive = /['’]s$/iu.test(raw) || /s['’]$/iu.test(raw);
    // A trailing quote that is not a possessive ("‘Jane Doe’") belongs to the text, not the name.
    const trailingQuote = !possessive && /['’]$/u.test(raw);
    result.push({
      word,
      start: match.index,
      end: match.index + raw.length - (trailingQuote ? 1 : 0),
      capital: /^\p{Lu}/u.test(raw),
      possessive,
    });
  }
  return result;
}

/** A word used as a name: capitalised, or not an ordinary word at all. */
function nameLike(token: Token): boolean {
  return token.capital || !isCommonWord(token.word);
}

function isInitial(token: Token | undefined): token is Token {
  return token?.capital === true && token.word.length === 1 && /\p{L}/u.test(token.word);
}

interface Hit {
  /** token range [from, to] */
  from: number;
  to: number;
  alias: string;
  /** a view range inside one token, for a name glued into a handle */
  inner?: { start: number; end: number };
  /** the initial's full stop belongs to the name ("Jessica M. called") */
  withDot?: boolean;
}

export function findNames(view: ReadingView, lookup: FormLookup): NameMatch[] {
  const text = view.text;
  const list = tokens(text);
  const hashes = new Map<string, string>();
  const hashOf = (value: string) => {
    let h = hashes.get(value);
    if (h === undefined) hashes.set(value, (h = lookup.hash(value)));
    return h;
  };
  const gap = (a: Token, b: Token) => text.slice(a.end, b.start);
  const adjacent = (window: readonly Token[], first = NAME_GAP) =>
    window.every((t, k) => k === 0 || (k === 1 ? first : NAME_GAP).test(gap(window[k - 1] as Token, t)));

  const windowHit = (i: number): Hit | undefined => {
    for (const size of lookup.windowSizes) {
      const window = list.slice(i, i + size);
      if (window.length < size || !adjacent(window, SURNAME_FIRST_GAP)) continue;
      const h = hashOf(window.map((t) => t.word).join(' '));
      const full = lookup.alias('full', h);
      if (full && adjacent(window) && (size > 1 || nameLike(window[0] as Token)))
        return { from: i, to: i + size - 1, alias: full };
      const reversed = size > 1 ? lookup.alias('reversed', h) : undefined;
      if (!reversed) continue;
      const [surname, given] = window as [Token, Token];
      const comma = gap(surname, given).includes(',') && window.slice(1).every(nameLike);
      if (comma || window.every((t) => t.capital)) return { from: i, to: i + size - 1, alias: reversed };
    }
    return undefined;
  };

  const contextHit = (i: number): Hit | undefined => {
    const token = list[i] as Token;
    const next = list[i + 1];
    if (next && nameLike(next)) {
      const between = gap(token, next);
      if (TITLES.has(token.word) && TITLE_GAP.test(between)) {
        const alias = lookup.alias('title', hashOf(next.word));
        if (alias) return { from: i, to: i + 1, alias };
      }
      // "A Moreno" or "I Moreno" is more often a sentence than an initial: those two need the dot.
      const dotted = /^\.\s{0,2}$/u.test(between);
      if (isInitial(token) && (dotted || (/^\s{1,2}$/u.test(between) && !/^[ai]$/u.test(token.word)))) {
        const alias = lookup.alias('initial', hashOf(`${token.word} ${next.word}`));
        if (alias) return { from: i, to: i + 1, alias };
      }
    }
    const after = next ? text.slice(next.end, next.end + 4) : '';
    if (isInitial(next) && nameLike(token) && /^\s{1,2}$/u.test(gap(token, next))) {
      const alias = lookup.alias('given-initial', hashOf(`${token.word} ${next.word}`));
      // The initial's full stop goes with it unless it also ends the sentence.
      if (alias) return { from: i, to: i + 1, alias, withDot: /^\.(?!\s*(?:$|\n|\p{Lu}))/u.test(after) };
    }
    const part = lookup.alias('part', hashOf(token.word));
    if (part) return { from: i, to: i, alias: part };
    return undefined;
  };

  const gluedHits = (i: number): Hit[] => {
    const token = list[i] as Token;
    if (isCommonWord(token.word)) return [];
    const hits: Hit[] = [];
    const raw = text.slice(token.start, token.end);
    for (const run of raw.matchAll(LETTER_RUN)) {
      const letters = run[0].toLowerCase();
      // One UTF-16 unit per letter keeps positions exact; rarer letters are not searched inside.
      if (letters.length < MIN_GLUED_LETTERS || letters.length !== [...letters].length) continue;
      for (let at = 0; at + MIN_GLUED_LETTERS <= letters.length; ) {
        let found = 0;
        for (
          let size = Math.min(MAX_GLUED_LETTERS, letters.length - at);
          size >= MIN_GLUED_LETTERS && !found;
          size -= 1
        ) {
          const alias = lookup.alias('glued', hashOf(letters.slice(at, at + size)));
          if (alias) {
            const start = token.start + run.index + at;
            hits.push({ from: i, to: i, alias, inner: { start, end: start + size } });
            found = size;
          }
        }
        at += found || 1;
      }
    }
    return hits;
  };

  const matches: NameMatch[] = [];
  const toMatch = (hit: Hit): NameMatch => {
    const first = list[hit.from] as Token;
    const last = list[hit.to] as Token;
    const start = hit.inner?.start ?? first.start;
    const end = (hit.inner?.end ?? last.end) + (hit.withDot ? 1 : 0);
    return {
      start: view.starts[start] ?? 0,
      end: view.ends[end - 1] ?? 0,
      alias: hit.alias,
      possessive: !hit.inner && last.possessive,
    };
  };
  for (let i = 0; i < list.length; ) {
    const hit = windowHit(i) ?? contextHit(i);
    if (hit) {
      matches.push(toMatch(hit));
      i = hit.to + 1;
      continue;
    }
    matches.push(...gluedHits(i).map(toMatch));
    i += 1;
  }
  return matches;
}
