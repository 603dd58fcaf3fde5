import { isCommonWord } from './common-words.js';

/**
 * The ways people write a registered name, as the keyed hashes the registry keeps. Each form is the
 * HMAC of a short normalised text and a kind that says in which context that text counts as the name:
 *
 * - `full`: the name's words in order ("jessica moreno"), any case; one word alone only when it is
 *   capitalised or uncommon ("Cher" yes, "mon cher ami" no);
 * - `reversed`: surname first ("moreno jessica"), only with a comma ("Moreno, Jessica") or in capitals
 *   ("MORENO JESSICA"), so "Hunter will call you back" is not Will Hunter;
 * - `title`: the surname after a title ("Ms. Moreno", "Dr Moreno", "Sra. Moreno");
 * - `initial`: the given name's initial and the surname ("J. Moreno", "J Moreno");
 * - `given-initial`: the given name and the surname's initial ("Jessica M.");
 * - `part`: one uncommon word of the name alone ("Castellanos paid"), in any case;
 * - `glued`: the words run together, found inside handles and addresses ("JessicaMoreno2024",
 *   "instagram.com/jessicamoreno"), and each uncommon part the same way ("drcastellanos").
 *
 * Forms whose text is the same share the hash (the surname's hash serves `part` and `title`), so one
 * HMAC per word of the text answers every kind.
 */
export const FORM_KINDS = ['full', 'reversed', 'title', 'initial', 'given-initial', 'part', 'glued'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface NameForm {
  kind: FormKind;
  hash: string;
  /** how many words of text the form covers (1 for all but full and reversed) */
  words: number;
}

export const MAX_NAME_WORDS = 6;
/** Shorter parts ("Li", "Ng", "Roy") are matched only with the rest of the name, a title or an initial. */
const MIN_PART_LETTERS = 4;
/** Glued forms shorter than this would be found inside too many ordinary long words. */
export const MIN_GLUED_LETTERS = 6;

/** Case, accents, extra spaces and punctuation folded; a possessive 's dropped from each word. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((w) => w.replace(/['’]s$/u, '').replace(/['’]/gu, ''))
    .filter(Boolean);
}

/** Titles before a surname, folded like name words (English, Spanish, French, German). */
export const TITLES: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'doctor',
  'prof',
  'professor',
  'sir',
  'dame',
  'lady',
  'lord',
  'sr',
  'sra',
  'srta',
  'senor',
  'senora',
  'senorita',
  'don',
  'dona',
  'dra',
  'm',
  'mme',
  'mlle',
  'monsieur',
  'madame',
  'mademoiselle',
  'herr',
  'frau',
]);

const LETTERS = /^\p{L}+$/u;

/** Whether a word of the name can stand alone without turning ordinary text into the alias. */
function isUncommonPart(word: string): boolean {
  return LETTERS.test(word) && word.length >= MIN_PART_LETTERS && !isCommonWord(word);
}

/** Every form of one spelling of a name (1 to 6 normalised words). */
export function formsOf(words: readonly string[], hash: (text: string) => string): NameForm[] {
  const forms: NameForm[] = [{ kind: 'full', hash: hash(words.join(' ')), words: words.length }];
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  const uncommon = words.filter(isUncommonPart);
  for (const part of uncommon) forms.push({ kind: 'glued', hash: hash(part), words: 1 });
  if (words.length > 1) {
    forms.push({ kind: 'reversed', hash: hash([last, ...words.slice(0, -1)].join(' ')), words: words.length });
    for (const part of uncommon) forms.push({ kind: 'part', hash: hash(part), words: 1 });
    if (words.every((w) => LETTERS.test(w))) {
      forms.push(
        { kind: 'title', hash: hash(last), words: 1 },
        { kind: 'initial', hash: hash(`${first.slice(0, 1)} ${last}`), words: 1 },
        { kind: 'given-initial', hash: hash(`${first} ${last.slice(0, 1)}`), words: 1 },
        { kind: 'glued', hash: hash(words.join('')), words: 1 },
      );
    }
  }
  // A part can repeat ("Anna Maria Anna"): one form each.
  return forms.filter((f, i) => forms.findIndex((g) => g.kind === f.kind && g.hash === f.hash) === i);
}
