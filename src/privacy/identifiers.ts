import { findPhoneNumbersInText, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Contacts and identifiers in text, found where people write them: phone numbers of any country
 * (libphonenumber, with the clinic's country for numbers written without one), extensions and spaced
 * digits; email addresses, also written "jane (at) mail (dot) com"; dates of birth; social security
 * and card numbers; long bare id numbers. Each is a span with its masked form. Slack timestamps,
 * clinic record ids (C-12, P-2001), deadlines and Discord ids are left alone.
 *
 * The text given is the redactor's reading view (text.ts): full-width characters and invisible
 * characters are already folded away, so "５５５\u200B-0142" reads as digits.
 */
export interface Found {
  start: number;
  end: number;
  /** what replaces it */
  masked: string;
  /** how the same contact is recognised among the practice's published ones */
  identity?: string;
}

export interface DetectOptions {
  country: CountryCode;
  /** the current year: a full date this long ago is a birth date, not a deadline */
  year: number;
}

export function maskPhoneDigits(digits: string): string {
  return `***-***-${digits.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const tld = domain.split('.').pop() ?? '';
  return `${local.slice(0, 1)}***@***.${tld}`;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(\p{L}{2,})/gu;
/** "(at)", "[at]", " at " and the same for "dot": only with a real top-level domain at the end. */
const AT = String.raw`\s*(?:[([{<]\s*at\s*[)\]}>])\s*|\s+at\s+`;
const DOT = String.raw`\s*(?:[([{<]\s*dot\s*[)\]}>])\s*|\s+dot\s+`;
const TLDS = 'com|net|org|edu|gov|io|co|us|uk|ca|au|nz|ie|fr|es|de|it|mx|ar|br|info|me|biz';
const OBFUSCATED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}][\p{L}\p{N}._%+-]*)(?:${AT})([\p{L}\p{N}-]+(?:(?:${DOT}|\.)[\p{L}\p{N}-]+)*?)(?:${DOT})(${TLDS})(?![\p{L}\p{N}])`,
  'giu',
);

/**
 * Written with plain words ("jess at gmail dot com"), it is an address only at a mail provider or
 * with a local part no sentence has ("j.moreno87 at example dot com"): "meet at noon dot com" is not.
 */
const MAIL_PROVIDERS = new Set(
  'gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol proton protonmail pm gmx mail zoho yandex comcast verizon att sbcglobal bellsouth cox charter earthlink orange free wanadoo laposte sfr telefonica movistar terra btinternet sky virgin bigpond optusnet'.split(
    ' ',
  ),
);
const BRACKETED = /[([{<]\s*at\s*[)\]}>]/iu;

function clearlyAnAddress(local: string, domain: string, written: string): boolean {
  return (
    BRACKETED.test(written) || /[._\d%+-]/.test(local) || MAIL_PROVIDERS.has(domain.toLowerCase().split(/\W/)[0] ?? '')
  );
}

function emails(text: string): Found[] {
  const found: Found[] = [];
  // Cheap tests first: most texts hold no "@" and no "dot" at all.
  if (text.includes('@'))
    for (const m of text.matchAll(EMAIL)) {
      found.push({ start: m.index, end: m.index + m[0].length, masked: maskEmail(m[0]), identity: m[0].toLowerCase() });
    }
  if (/\bdot\b/iu.test(text))
    for (const m of text.matchAll(OBFUSCATED_EMAIL)) {
      if (!clearlyAnAddress(m[1] ?? '', m[2] ?? '', m[0])) continue;
      const address = `${m[1] ?? ''}@${(m[2] ?? '').replace(new RegExp(DOT, 'giu'), '.')}.${(m[3] ?? '').toLowerCase()}`;
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        masked: maskEmail(address),
        identity: address.toLowerCase(),
      });
    }
  return found;
}

/** Seven-digit local numbers ("867-5309"), which the parser leaves to a country's area code. */
const LOCAL_PHONE = /(?<![\w.-])\d{3}[\s.-]\d{4}(?![\w-]|\.\d)/g;

/** Countries of the North American plan, where a number is often written without its area code. */
const SEVEN_DIGIT_LOCAL: ReadonlySet<CountryCode> = new Set(['US', 'CA', 'PR']);

/**
 * Stretches of text that could hold a phone number (seven digits or more with the marks numbers are
 * written with): the parser reads only these, so its cost follows the numbers, not the text's length.
 */
const PHONE_CANDIDATE = /[+(]?\d[\d\s().\-/\u2010-\u2015]*\d(?:\s*(?:x|ext\.?|extension|#)\s*\d{1,6})?/giu;

function parsedPhones(
  text: string,
  country: CountryCode,
): Array<{ startsAt: number; endsAt: number; number: PhoneNumber }> {
  const found: Array<{ startsAt: number; endsAt: number; number: PhoneNumber }> = [];
  for (const candidate of text.matchAll(PHONE_CANDIDATE)) {
    if ((candidate[0].match(/\d/g) ?? []).length < 7) continue;
    for (const m of findPhoneNumbersInText(candidate[0], { defaultCountry: country, extended: true })) {
      found.push({ startsAt: candidate.index + m.startsAt, endsAt: candidate.index + m.endsAt, number: m.number });
    }
  }
  return found;
}

function phones(text: string, country: CountryCode): Found[] {
  const found: Found[] = [];
  for (const m of parsedPhones(text, country)) {
    const before = text.slice(Math.max(0, m.startsAt - 2), m.startsAt);
    const after = text.slice(m.endsAt, m.endsAt + 2);
    // Part of a longer number (a Discord id), a decimal (a Slack timestamp 1763940000.123456) or a
    // record id (C-1234567) is not a phone number.
    if (/\d\.?$/.test(before) || /^\.?\d/.test(after)) continue;
    if (/\p{L}-?$/u.test(before) || /^\p{L}/u.test(after)) continue;
    const written = text.slice(m.startsAt, m.endsAt);
    // A decimal number, a date and time ("2026-11-23 14:05"), a bare count of milliseconds or units.
    if (/^\d+\.\d+$/.test(written) || /^:\d/.test(after) || /\d{4}-\d{1,2}-\d{1,2}/.test(written)) continue;
    if (/^\d{1,8}$/.test(written)) continue;
    const digits = m.number.nationalNumber;
    if (digits.length < 7) continue;
    found.push({ start: m.startsAt, end: m.endsAt, masked: maskPhoneDigits(digits), identity: m.number.number });
  }
  if (!SEVEN_DIGIT_LOCAL.has(country)) return found;
  for (const m of text.matchAll(LOCAL_PHONE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => start < f.end && f.start < end)) continue;
    const digits = m[0].replace(/\D/g, '');
    found.push({ start, end, masked: maskPhoneDigits(digits), identity: digits });
  }
  return found;
}

const SSN = /(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])/g;
const SSN_AFTER_WORD = /\b(?:ssn|ss#|social security(?: number| no\.?)?)\s*[:#]?\s*(\d{9})\b/giu;

function ssns(text: string): Found[] {
  const found = [...text.matchAll(SSN)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    masked: `***-**-${m[0].slice(-4)}`,
  }));
  for (const m of text.matchAll(SSN_AFTER_WORD)) {
    const end = m.index + m[0].length;
    found.push({ start: end - 9, end, masked: `***-**-${m[0].slice(-4)}` });
  }
  return found;
}

/**
 * Card numbers: 13 to 19 digits passing the Luhn check. Runs of 17 digits or more count only when
 * grouped: an ungrouped one is a platform id (Discord ids are 17 to 20 digits).
 */
// Digits joined to a letter are an id, not a card: a Slack permalink ends in p + 16 digits.
const CARD = /(?<![\p{L}\p{N}.])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}.]|[ -]\d)/gu;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function cards(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, '');
    if (!luhn(digits) || (digits.length > 16 && digits === m[0])) continue;
    found.push({ start: m.index, end: m.index + m[0].length, masked: `****-****-****-${digits.slice(-4)}` });
  }
  return found;
}

/**
 * Bare numbers of 9 to 16 digits (member, policy, licence numbers). Longer ones are platform ids; a
 * number joined to a decimal point or a letter (a Slack timestamp, a record id) is not one.
 */
const LONG_ID = /(?<![\p{L}\p{N}.\-/#@:<&])\d{9,16}(?![\p{L}\p{N}]|\.\d)/gu;

function longIds(text: string): Found[] {
  return [...text.matchAll(LONG_ID)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    masked: `***${m[0].slice(-4)}`,
  }));
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|' +
  'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre';
/** Full dates: numeric (03/14/1987, 14.03.87, 1987-03-14) or with a month name (March 14, 1987; 14 mars 1987). */
const FULL_DATE = String.raw`\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\d{2})?|\d{4}-\d{1,2}-\d{1,2}|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?(?:${MONTHS})\.?,?\s+(?:de\s+)?\d{4}`;
/** A date with no year, or a day and month, which only a birth-date word makes personal. */
const SHORT_DATE = String.raw`\d{1,2}[/.-]\d{1,2}|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?(?:${MONTHS})`;
const BIRTH_WORDS = String.raw`\b(?:dob|d\.o\.b\.?|born(?:\s+on)?|birth\s*date|birthday|date\s+of\s+birth|b-?day|fecha\s+de\s+nacimiento|nacid[oa](?:\s+el)?|cumpleanos|nee?\s+le|date\s+de\s+naissance|anniversaire)`;
const DATE_AFTER_BIRTH_WORD = new RegExp(
  String.raw`${BIRTH_WORDS}\s*(?:is|was|es|:|-|=)?\s*(${FULL_DATE}|${SHORT_DATE})(?![\p{L}\p{N}])`,
  'giu',
);
const ANY_FULL_DATE = new RegExp(String.raw`(?<![\p{L}\p{N}/.-])(?:${FULL_DATE})(?![\p{L}\p{N}]|[/.-]\d)`, 'giu');
/** The fewest digits any form of FULL_DATE holds (1/2/87; March 1, 1987 has five). */
const FULL_DATE_MIN_DIGITS = 4;
/** A full date at least this many years back is taken for a birth date; nearer ones are deadlines and visits. */
const BIRTH_YEARS_BACK = 10;

/** The year a date names; a two-digit year from the future is last century's ("3/14/87"), a four-digit one is as written. */
function yearOf(date: string, thisYear: number): number | undefined {
  const four = /\b(\d{4})\b/.exec(date);
  if (four) return Number(four[1]);
  const two = /[/.-](\d{2})$/.exec(date);
  if (!two) return undefined;
  const year = 2000 + Number(two[1]);
  return year > thisYear ? year - 100 : year;
}

function birthDates(text: string, digits: number, year: number): Found[] {
  const found: Found[] = [...text.matchAll(DATE_AFTER_BIRTH_WORD)].map((m) => {
    const end = m.index + m[0].length;
    return { start: end - (m[1] ?? '').length, end, masked: '**/**/****' };
  });
  // The scan for a full date anywhere is the costly one; most short texts cannot hold one.
  if (digits < FULL_DATE_MIN_DIGITS) return found;
  for (const m of text.matchAll(ANY_FULL_DATE)) {
    const y = yearOf(m[0], year);
    if (y !== undefined && y <= year - BIRTH_YEARS_BACK)
      found.push({ start: m.index, end: m.index + m[0].length, masked: '**/**/****' });
  }
  return found;
}

/** The kinds found, most specific first: a later kind gives way where it overlaps an earlier one. */
export const IDENTIFIER_KINDS = ['email', 'birth-date', 'ssn', 'card', 'phone', 'id'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export function findIdentifiers(text: string, options: DetectOptions): Record<IdentifierKind, Found[]> {
  const digits = (text.match(/\d/g) ?? []).length;
  // Most texts hold no long number at all: the number finders have nothing to do.
  const numbers = digits >= 7;
  return {
    email: emails(text),
    'birth-date': digits > 0 ? birthDates(text, digits, options.year) : [],
    ssn: numbers ? ssns(text) : [],
    card: numbers ? cards(text) : [],
    phone: numbers ? phones(text, options.country) : [],
    id: numbers ? longIds(text) : [],
  };
}
