/**
 * The one redactor every outbound text, every log line and every stored free text passes through:
 * registered names become their alias, phone numbers keep their last four digits, email addresses
 * keep their first letter and domain ending.
 */
const PHONE = /(?<![\w-])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?![\w-])|(?<![\w-])\d{3}[\s.-]\d{4}(?![\w-])/g;
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

export function maskContacts(text: string): string {
  return text.replace(EMAIL, (m) => maskEmail(m)).replace(PHONE, (m) => maskPhone(m));
}

export interface Redactor {
  redact(text: string): string;
}

/** Anything that can swap registered names for aliases (the alias registry). */
export interface NameReplacer {
  replace(text: string): string;
}

export function createRedactor(names: NameReplacer): Redactor {
  return { redact: (text) => maskContacts(names.replace(text)) };
}

export const contactRedactor: Redactor = { redact: maskContacts };
