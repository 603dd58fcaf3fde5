/**
 * The one inbound clean-up, for every text that reaches Tact (slash commands, forms, channel
 * messages, mentions, Discord messages, the intake API), before it is parsed, stored or shown to a
 * model: Unicode compatibility-normalised (NFKC: full-width letters, ligatures), invisible and
 * direction-changing characters removed (they can hide text, split words or reorder what staff see),
 * and look-alike letters from other scripts folded inside Latin words ("bоtox" with a Cyrillic о).
 */
// Zero-width and format characters, bidi controls, the soft hyphen, fillers and the tag block (used to
// smuggle invisible instructions). The zero-width joiner is handled apart: it also builds emoji.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex lint/suspicious/noMisleadingCharacterClass: matching control and combining characters one by one is what this class is for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu;
/** A joiner between two emoji (👩‍⚕️) is part of the picture; anywhere else it only hides a split. */
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/**
 * Letters of other scripts that look like Latin ones. Only the ones a reader cannot tell apart in
 * ordinary fonts: folding more would change words rather than undo a disguise.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ү: 'y',
  ӏ: 'l',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  Һ: 'H',
  Ү: 'Y',
  // Greek
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ν: 'v',
  ι: 'i',
  κ: 'k',
  υ: 'u',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Latin letters that pass for others, and Armenian
  ı: 'i',
  ȷ: 'j',
  ɑ: 'a',
  օ: 'o',
};
const LOOKALIKE_CHARS = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;

/** Folds look-alikes only in words that also hold Latin letters: a Russian or Greek word stays itself. */
function foldMixedScriptWords(text: string): string {
  return text.replace(WORD, (word) =>
    LATIN.test(word) ? word.replace(LOOKALIKE_CHARS, (c) => LOOKALIKES[c] ?? c) : word,
  );
}

export function cleanText(text: string): string {
  const visible = text.normalize('NFKC').replace(INVISIBLE, '').replace(STRAY_JOINER, '');
  return foldMixedScriptWords(visible)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** One line of it, for patient references, outlets and ids. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ');
}

/**
 * Text as the redactor reads it: compatibility-decomposed, accents and invisible characters dropped,
 * every look-alike folded (a name spelled wholly in Cyrillic look-alikes is still that name), and
 * each character's place in the original kept, so what is found can be replaced in the original.
 * Case is kept: capitals say whether a word is used as a name.
 */
export interface ReadingView {
  text: string;
  /** for each character of `text`, where its source starts in the original */
  starts: number[];
  /** for each character of `text`, where its source (and any dropped marks after it) ends */
  ends: number[];
}

const foldCache = new Map<string, string>();
const SINGLE_INVISIBLE = new RegExp(`^(?:${INVISIBLE.source}|\\u200D)$`, 'u');

function foldChar(char: string): string {
  let folded = foldCache.get(char);
  if (folded === undefined) {
    folded = SINGLE_INVISIBLE.test(char)
      ? ''
      : char
          .normalize('NFKD')
          .replace(/\p{M}/gu, '')
          .replace(LOOKALIKE_CHARS, (c) => LOOKALIKES[c] ?? c);
    // Bounded: a text of many distinct rare characters must not grow the cache without end.
    if (foldCache.size < 4096) foldCache.set(char, folded);
  }
  return folded;
}

export function readingView(original: string): ReadingView {
  const starts: number[] = [];
  const ends: number[] = [];
  let text = '';
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    // Printable ASCII is most of every message and folds to itself.
    if (code >= 0x20 && code < 0x7f) {
      text += original[i];
      starts.push(i);
      ends.push(i + 1);
      i += 1;
      continue;
    }
    const point = original.codePointAt(i) ?? code;
    const width = point > 0xffff ? 2 : 1;
    const folded = code === 0x0a || code === 0x09 ? (original[i] ?? '') : foldChar(original.slice(i, i + width));
    if (folded === '') {
      // A dropped mark or invisible character belongs to the character before it.
      if (ends.length > 0) ends[ends.length - 1] = i + width;
    } else {
      text += folded;
      // One entry per UTF-16 unit, so indexes into `text` index these arrays.
      for (let k = 0; k < folded.length; k += 1) {
        starts.push(i);
        ends.push(i + width);
      }
    }
    i += width;
  }
  return { text, starts, ends };
}

/** Rebuilds a text with non-overlapping spans (in order) replaced: one copy, whatever the count. */
export function replaceSpans(text: string, spans: ReadonlyArray<{ start: number; end: number; with: string }>): string {
  let result = '';
  let at = 0;
  for (const span of spans) {
    result += text.slice(at, span.start) + span.with;
    at = span.end;
  }
  return result + text.slice(at);
}
