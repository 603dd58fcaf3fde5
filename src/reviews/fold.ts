import { readingView } from '../privacy/text.js';

/**
 * The clean-up every free text gets before the review-reply gate reads it: the redactor's reading
 * (compatibility forms become plain letters, invisible characters and soft hyphens removed, accents
 * dropped, look-alike Cyrillic and Greek letters folded to the Latin letters they imitate), then
 * curly apostrophes made straight and lower case. "bоtox" with a Cyrillic о and "fil\u200Bler" read
 * as "botox" and "filler", so they meet the allow-list as the words a reader sees. A letter that is
 * not folded leaves its word unknown to the allow-list, which blocks: the safe way to fail.
 */
export function foldText(text: string): string {
  return readingView(text)
    .text.toLowerCase()
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}
