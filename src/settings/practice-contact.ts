/**
 * The practice contact line (`practice-contact`, TACT_PRACTICE_CONTACT) is a clause ("call our
 * practice manager at 555-0100") that Tact puts after "please" in review replies and in the
 * termination letter, closing the sentence itself. Managers often type it as a sentence ("Please
 * call ... 555-0100."), so a leading "please" and the closing punctuation come off, once, here;
 * a bare phone number or email address becomes "call us at ..." / "email us at ...".
 */
export const DEFAULT_CONTACT_CLAUSE = 'call our practice manager';
/** Verbs a contact clause may start with, capitalised as if it were a sentence ("Call us at ..."). */
const CONTACT_VERBS = new Set([
  'call',
  'ask',
  'contact',
  'email',
  'e-mail',
  'phone',
  'reach',
  'ring',
  'speak',
  'talk',
  'text',
  'write',
  'visit',
]);

export function contactClause(setting: string | undefined): string {
  const clause = (setting ?? '')
    .trim()
    .replace(/^please\b[\s,]*/i, '')
    .replace(/[\s.!?;:,]+$/, '');
  if (!clause) return DEFAULT_CONTACT_CLAUSE;
  // A bare number or address is not a clause: "(555) 201-0142" reads "call us at (555) 201-0142".
  if (/^[+(]?\d[\d\s().+-]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i.test(clause)) return `call us at ${clause}`;
  if (/^\S+@\S+\.\S+$/.test(clause)) return `email us at ${clause}`;
  const [first = ''] = clause.split(/\s/);
  return CONTACT_VERBS.has(first.toLowerCase()) ? clause.charAt(0).toLowerCase() + clause.slice(1) : clause;
}

/** The clause as the end of a sentence that says "please" before it. */
export function contactSentenceEnd(setting: string | undefined): string {
  return `${contactClause(setting)}.`;
}
