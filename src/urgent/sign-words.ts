import { cleanText } from '../privacy/text.js';

/**
 * How the urgent-sign detector reads a message: folded like patterns are (lower case, no accents,
 * the project's clean-up first), cut into words that know their clause and sentence, and the small
 * words of six languages that deny ("no", "sin", "pas", "kein"), doubt ("not sure") or end a denial
 * ("but", "pero", "mais", "aber").
 */
const NEGATORS = new Set(
  [
    // English (contractions are joined: don't -> dont)
    'no not never none nor without denies denied dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt cant cannot couldnt wont',
    // Spanish, Portuguese, Italian, French, German
    'sin ningun ninguna ni nunca nada nao sem nenhum nenhuma non senza nessun nessuna niente nulla mai pas sans aucun aucune ne n jamais',
    'kein keine keinen keinem keiner keines nicht ohne nie',
  ]
    .join(' ')
    .split(' '),
);
/** "or" in its languages: a denial reaches along a list of alternatives. */
const LIST_JOINERS = new Set(['or', 'nor', 'o', 'ou', 'oder', 'ni']);
/** "not sure if my vision is blurry" is doubt, not denial. */
const HEDGES = new Set('sure certain idea know seguro segura sicher sicuro sicura sais sei'.split(' '));
/** A contrast ends a negation's reach: "no fever but my lip is white". */
const CONTRASTS = new Set(
  'but however although though pero sino mais pourtant aber doch jedoch ma mas porem'.split(' '),
);
/** English contraction endings that stay joined (can't -> cant); other apostrophes split (l'oeil -> l oeil). */
const CONTRACTION = /^(t|s|re|ve|ll|d|m)$/;
/** Letters no accent-stripping reaches. */
const FOLD: Readonly<Record<string, string>> = { ß: 'ss', œ: 'oe', æ: 'ae', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

/** Lower case, accents and invisible characters gone, look-alike letters folded: text and patterns alike. */
export function foldText(text: string): string {
  return cleanText(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßœæøłđı]/g, (c) => FOLD[c] ?? c)
    .replace(/[’‘ʼ`´]/g, "'");
}

export interface Word {
  text: string;
  /** negation reaches only within a clause; parts of a pattern may sit in different clauses of one sentence */
  clause: number;
  sentence: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|[.!?\n]+|[,;:()[\]{}"«»–—]+|\s-\s/gu;

/** The words of a text, each with its clause and sentence. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let clause = 0;
  let sentence = 0;
  for (const [token] of foldText(text).matchAll(TOKEN)) {
    if (/^[.!?\n]/.test(token)) {
      sentence += 1;
      clause += 1;
      continue;
    }
    if (!/^[\p{L}\p{N}]/u.test(token)) {
      clause += 1;
      continue;
    }
    for (const piece of splitApostrophes(token)) {
      if (CONTRASTS.has(piece)) clause += 1;
      else words.push({ text: piece, clause, sentence });
    }
  }
  return words;
}

export function splitApostrophes(token: string): string[] {
  const [head = '', ...tails] = token.split("'");
  const pieces = [head];
  for (const tail of tails) {
    if (CONTRACTION.test(tail)) pieces[pieces.length - 1] += tail;
    else pieces.push(tail);
  }
  return pieces;
}

export function isNegator(words: readonly Word[], i: number): boolean {
  const word = words[i];
  return word !== undefined && NEGATORS.has(word.text) && !HEDGES.has(words[i + 1]?.text ?? '');
}

/** "or" and its kin: a denial reaches along a list of alternatives. */
export function joinsList(word: string | undefined): boolean {
  return LIST_JOINERS.has(word ?? '');
}
