import { z } from 'zod';
import type { CommandContext } from '../../src/chat/command.js';
import { LIMITS } from '../../src/complaints/model.js';
import { TITLES } from '../../src/privacy/name-forms.js';
import { cleanLine } from '../../src/privacy/text.js';

/**
 * A patient reference as chat may show it: an alias, a chart number or a masked phone
 * (`***-***-0142`, which the redactor makes of a typed number). Two or more words made only of
 * letters read as a person's name and are refused (minimum necessary): aliases are one word.
 */
export const patientRef = z
  .string({ error: 'give a patient reference (alias or chart number) first' })
  .min(1, 'give a patient reference (alias or chart number) first')
  .max(
    LIMITS.patientRef,
    `the patient reference is longer than ${LIMITS.patientRef} characters; use an alias or chart number`,
  )
  .regex(
    /^[\p{L}\p{N}#*][\p{L}\p{N} ._#/*-]*$/u,
    'the patient reference may hold letters, digits, spaces and # . _ / - only',
  )
  .refine(
    (ref) => !/^\p{L}+(?:[ .'-]+\p{L}+)+$/u.test(ref.trim()),
    'that looks like a full name; use an alias (one word) or a chart number',
  );

/** How to write a reference, said with every refusal. */
export const HOW_TO_WRITE_A_REF =
  'Write the patient reference as a chart number (004512, #2001, P-12) or an alias registered with /tact alias add (managers); nothing was saved.';

/** Letters only, in any script: a word that could be a name. */
const LETTERS_ONLY = /^\p{L}+$/u;

function folded(word: string): string {
  return cleanLine(word).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Why a reference that passed the schema still reads as a person rather than a record, or undefined
 * when it is fine. A reference with a digit or a sign (P-12, #2001, 004512, a masked phone) is a
 * record number; a word of letters alone is a registered alias or, for all Tact can tell, a name
 * (a first name, a surname, "Rose"), and is refused, as is a title ("Mrs", "Dr", "Sra."). `next` is
 * the word typed after the reference, so "Maria Lopez" is named as the full name it is.
 */
export function nameLikeRef(ref: string, next: string | undefined, aliases: readonly string[]): string | undefined {
  const word = cleanLine(ref).replace(/\.$/, '');
  if (!LETTERS_ONLY.test(word)) return undefined;
  const key = folded(word);
  if (aliases.some((alias) => folded(alias) === key)) return undefined;
  if (TITLES.has(key)) return `"${ref}" is a title, not a patient reference. ${HOW_TO_WRITE_A_REF}`;
  const surname = next !== undefined && /^\p{Lu}\p{Ll}+$/u.test(cleanLine(next)) ? ` ${cleanLine(next)}` : '';
  return surname
    ? `"${word}${surname}" looks like a person's name; chat never holds patients' names. ${HOW_TO_WRITE_A_REF}`
    : `"${word}" is not a registered alias and may be a name; chat never holds patients' names. ${HOW_TO_WRITE_A_REF}`;
}

/** The refusal for a reference typed in `ctx`, checked against the clinic's registered aliases. */
export function refProblem(ref: string, next: string | undefined, ctx: CommandContext): string | undefined {
  return nameLikeRef(
    ref,
    next,
    ctx.services.aliases.list().map((a) => a.alias),
  );
}
