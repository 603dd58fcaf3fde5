import { readFileSync } from 'node:fs';
import { cleanText } from '../privacy/text.js';

/**
 * "Wants the doctor": whether a patient's message asks for the provider rather than anyone at the
 * desk. The words are data (prompts/doctor-words.txt, which clinics extend); this is the pure
 * matcher. It looks for a request ("wants", "talk to", "hablar con", "parler au", "... sprechen")
 * next to a word naming the provider, so "my doctor said to ask about pricing" or "a doctor's note
 * for work" do not count.
 */
export interface DoctorPhrases {
  /** folded words that name the provider */
  doctorWords: ReadonlySet<string>;
  /** each phrase as tokens: a folded word, `{dr}` or `{the}` */
  phrases: ReadonlyArray<readonly string[]>;
}

/** The small words `{the}` may skip, up to two of them ("the", "my", "la", "au", "den"). */
const SMALL_WORDS = new Set(
  'the my a an your our his her their la el al lo los las le les au aux un una une mi su mon ma son sa den dem die der des ein einen einem meinen meine'.split(
    ' ',
  ),
);
const MAX_SMALL = 2;

/** Lower case, no accents, straight apostrophes: how both the phrases and messages are compared. */
export function foldWords(text: string): string[] {
  const folded = cleanText(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'");
  return folded.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
}

export function parseDoctorPhrases(text: string): DoctorPhrases {
  const doctorWords = new Set<string>();
  const phrases: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = /^doctor:\s*(.*)$/i.exec(line);
    if (words) {
      for (const word of foldWords(words[1] ?? '')) doctorWords.add(word);
      continue;
    }
    const tokens = line.split(/\s+/).flatMap((token) => (/^\{(dr|the)\}$/.test(token) ? [token] : foldWords(token)));
    if (!tokens.includes('{dr}')) throw new Error(`doctor-words: the phrase "${line}" has no {dr}`);
    phrases.push(tokens);
  }
  if (doctorWords.size === 0) throw new Error('doctor-words: no "doctor:" line');
  return { doctorWords, phrases };
}

let loaded: DoctorPhrases | undefined;

/** The shipped list, prompts/doctor-words.txt, read once. */
export function doctorPhrases(): DoctorPhrases {
  loaded ??= parseDoctorPhrases(readFileSync(new URL('../../prompts/doctor-words.txt', import.meta.url), 'utf8'));
  return loaded;
}

/** One letter wrong, missing, extra or two swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

function isDoctorWord(token: string, words: ReadonlySet<string>): boolean {
  if (words.has(token)) return true;
  if (token.length < 5 || token.includes("'")) return false;
  for (const word of words) if (word.length >= 6 && oneEditApart(token, word)) return true;
  return false;
}

const possessive = (token: string | undefined): boolean => token !== undefined && /'s?$/.test(token);

/** Where `phrase[p..]` matches `tokens[t..]`, backtracking over how many small words `{the}` takes. */
function matchesAt(
  tokens: readonly string[],
  t: number,
  phrase: readonly string[],
  p: number,
  list: DoctorPhrases,
): boolean {
  if (p === phrase.length) return true;
  const part = phrase[p];
  const token = tokens[t];
  if (part === '{the}') {
    for (let skip = 0; skip <= MAX_SMALL; skip += 1) {
      if (skip > 0 && !SMALL_WORDS.has(tokens[t + skip - 1] ?? '')) break;
      if (matchesAt(tokens, t + skip, phrase, p + 1, list)) return true;
    }
    return false;
  }
  if (token === undefined) return false;
  if (part === '{dr}') {
    if (!isDoctorWord(token, list.doctorWords)) return false;
    // "Dr. Patel's address": the name after the title is a possessive, not a person asked for
    if (possessive(tokens[t + 1])) return false;
    if (matchesAt(tokens, t + 1, phrase, p + 1, list)) return true;
    // "wants Dr Patel to call": a name may follow the provider word
    const name = tokens[t + 1];
    return name !== undefined && !SMALL_WORDS.has(name) && matchesAt(tokens, t + 2, phrase, p + 1, list);
  }
  return token === part && matchesAt(tokens, t + 1, phrase, p + 1, list);
}

/** True when the message asks for the provider. Runs the inbound clean-up itself. */
export function asksForDoctor(text: string, list: DoctorPhrases = doctorPhrases()): boolean {
  const tokens = foldWords(text);
  for (let t = 0; t < tokens.length; t += 1) {
    for (const phrase of list.phrases) if (matchesAt(tokens, t, phrase, 0, list)) return true;
  }
  return false;
}
