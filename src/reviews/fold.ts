/**
 * The clean-up every free text gets before the review-reply gate reads it: Unicode NFKC (fullwidth
 * and compatibility forms become plain letters), invisible characters and soft hyphens removed,
 * accents dropped, look-alike Cyrillic and Greek letters folded to the Latin letters they imitate,
 * curly apostrophes made straight, lower case. "bоtox" with a Cyrillic о and "fil\u200Bler" read as
 * "botox" and "filler", so they meet the allow-list as the words a reader sees.
 */

/** Cyrillic and Greek letters that look like Latin ones (lower case; upper case is lowered first). */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p',
  с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', ӏ: 'l', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', ζ: 'z', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', σ: 'o', ς: 'c',
  τ: 't', υ: 'u', χ: 'x', ω: 'w',
};

/** Format characters (zero-width space and joiners, soft hyphen, bidi controls, BOM) and variation selectors. */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFE00-\uFE0F]/gu;

export function foldText(text: string): string {
  const plain = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/gu, ' ');
  let folded = '';
  for (const char of plain) folded += LOOK_ALIKES[char] ?? char;
  return folded.trim();
}
