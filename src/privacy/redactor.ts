/**
 * The one redactor every outbound text, every log line and every stored free text passes through:
 * registered names become their alias, phone numbers keep their last four digits, email addresses
 * keep their first letter and domain ending.
 */
// Digits joined to a decimal point are not phone numbers (Slack timestamps such as 1763940000.123456).
const PHONE = /(?<![\w.-])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?![\w-]|\.\d)|(?<![\w.-])\d{3}[\s.-]\d{4}(?![\w-]|\.\d)/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.([\p{L}]{2,})/gu;

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `***-***-${digits.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const tld = domain.split('.').pop() ?? '';
  return `${local.slice(0, 1)}***@***.${tld}`;
}

/** The practice's own published numbers and addresses, which are not patient data. */
export interface PublicContacts {
  phones: ReadonlySet<string>;
  emails: ReadonlySet<string>;
}

const NO_PUBLIC_CONTACTS: PublicContacts = { phones: new Set(), emails: new Set() };

/** Finds the phone numbers and emails in clinic-written text (e.g. the practice contact line). */
export function publicContactsIn(texts: readonly string[]): PublicContacts {
  const joined = texts.join('\n');
  return {
    phones: new Set([...joined.matchAll(PHONE)].map((m) => m[0].replace(/\D/g, ''))),
    emails: new Set([...joined.matchAll(EMAIL)].map((m) => m[0].toLowerCase())),
  };
}

export function maskContacts(text: string, keep: PublicContacts = NO_PUBLIC_CONTACTS): string {
  return text
    .replace(EMAIL, (m) => (keep.emails.has(m.toLowerCase()) ? m : maskEmail(m)))
    .replace(PHONE, (m) => (keep.phones.has(m.replace(/\D/g, '')) ? m : maskPhone(m)));
}

export interface Redactor {
  redact(text: string): string;
}

/** Anything that can swap registered names for aliases (the alias registry). */
export interface NameReplacer {
  replace(text: string): string;
}

export function createRedactor(names: NameReplacer, publicContacts: () => PublicContacts = () => NO_PUBLIC_CONTACTS): Redactor {
  return { redact: (text) => maskContacts(names.replace(text), publicContacts()) };
}

export const contactRedactor: Redactor = { redact: (text) => maskContacts(text) };
