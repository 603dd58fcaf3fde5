import type { CountryCode } from 'libphonenumber-js/max';
import { IDENTIFIER_KINDS, findIdentifiers, type Found, type IdentifierKind } from './identifiers.js';
import type { NameMatch } from './name-finder.js';
import { readingView, replaceSpans, type ReadingView } from './text.js';

/**
 * The one redactor every outbound text, every log line and every stored free text passes through,
 * in one pass: the text is read once (text.ts: look-alikes, accents and invisible characters folded,
 * positions kept), registered names and every contact or identifier are found in that reading, and
 * the original is rebuilt once with each span replaced: a name by its alias, a phone number by its
 * last four digits, an email by its first letter and domain ending, a birth date, social security,
 * card or id number by a mask. The practice's own published contacts are left as they are.
 */
/** The practice's own published numbers and addresses, which are not patient data. */
export interface PublicContacts {
  /** E.164 numbers, or the digits of a local number */
  phones: ReadonlySet<string>;
  emails: ReadonlySet<string>;
}

export interface RedactorOptions {
  /** the clinic's country (ISO 3166 alpha-2), for phone numbers written without a country code */
  country?: () => CountryCode;
  publicContacts?: () => PublicContacts;
  /** the current year, for telling birth dates from deadlines */
  year?: () => number;
}

const NO_PUBLIC_CONTACTS: PublicContacts = { phones: new Set(), emails: new Set() };
const DEFAULT_COUNTRY: CountryCode = 'US';

/** Finds the phone numbers and emails in clinic-written text (e.g. the practice contact line). */
export function publicContactsIn(texts: readonly string[], country: CountryCode = DEFAULT_COUNTRY): PublicContacts {
  const found = findIdentifiers(readingView(texts.join('\n')).text, { country, year: 0 });
  const identities = (list: Found[]) => new Set(list.flatMap((f) => (f.identity ? [f.identity] : [])));
  return { phones: identities(found.phone), emails: identities(found.email) };
}

export interface Redactor {
  /**
   * `alsoWhole`: contacts (e.g. a reporter's business line) that this one text may show whole, on
   * top of the practice's own. Only for a reply addressed privately or by DM to the people allowed
   * to see them (see redactReply in src/chat/reply.ts); never for a channel post or a stored text.
   */
  redact(text: string, alsoWhole?: readonly string[]): string;
}

/** Anything that finds registered names in a text the redactor has read (the alias registry). */
export interface NameFinder {
  findIn(view: ReadingView): NameMatch[];
}

const NO_NAMES: NameFinder = { findIn: () => [] };

interface Span {
  start: number;
  end: number;
  with: string;
}

/** Spans by priority: a span of an earlier group wins where two overlap. */
function chooseSpans(groups: readonly Span[][]): Span[] {
  const chosen: Span[] = [];
  for (const group of groups) {
    for (const span of [...group].sort((a, b) => b.end - b.start - (a.end - a.start))) {
      if (!chosen.some((c) => span.start < c.end && c.start < span.end)) chosen.push(span);
    }
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function redactWith(text: string, names: NameFinder, options: Required<RedactorOptions>): string {
  const view = readingView(text);
  const keep = options.publicContacts();
  const kept = (f: Found) => f.identity !== undefined && (keep.phones.has(f.identity) || keep.emails.has(f.identity));
  // Positions found in the reading view are mapped back to the original text.
  const toSpan = (f: Found): Span => ({
    start: view.starts[f.start] ?? 0,
    end: view.ends[f.end - 1] ?? 0,
    with: f.masked,
  });
  const found = findIdentifiers(view.text, { country: options.country(), year: options.year() });
  const masks = (kind: IdentifierKind) => found[kind].filter((f) => !kept(f)).map(toSpan);
  const matches = names.findIn(view);
  const nameSpans = matches.map((m) => ({ start: m.start, end: m.end, with: m.alias + (m.possessive ? '’s' : '') }));
  // An email address goes first, masked whole; one made of a registered name keeps the alias's
  // first letter instead of the name's ("jane.doe@…" → "T***@***.com").
  const [email, ...others] = IDENTIFIER_KINDS;
  const emails = masks(email).map((span) => {
    const name = matches.find((m) => m.start < span.end && span.start < m.end);
    return name ? { ...span, with: name.alias.slice(0, 1) + span.with.slice(1) } : span;
  });
  const spans = chooseSpans([emails, nameSpans, ...others.map(masks)]);
  return spans.length === 0 ? text : replaceSpans(text, spans);
}

export function createRedactor(names: NameFinder = NO_NAMES, options: RedactorOptions = {}): Redactor {
  const settled: Required<RedactorOptions> = {
    country: options.country ?? (() => DEFAULT_COUNTRY),
    publicContacts: options.publicContacts ?? (() => NO_PUBLIC_CONTACTS),
    year: options.year ?? (() => new Date().getUTCFullYear()),
  };
  return {
    redact: (text, alsoWhole) => {
      if (!alsoWhole?.length) return redactWith(text, names, settled);
      const extra = publicContactsIn(alsoWhole, settled.country());
      const keep = () => {
        const own = settled.publicContacts();
        return {
          phones: new Set([...own.phones, ...extra.phones]),
          emails: new Set([...own.emails, ...extra.emails]),
        };
      };
      return redactWith(text, names, { ...settled, publicContacts: keep });
    },
  };
}

/** Contacts and identifiers only (no names), e.g. a reporter's contact field. */
export function maskContacts(text: string, keep: PublicContacts = NO_PUBLIC_CONTACTS): string {
  return redactWith(text, NO_NAMES, {
    country: () => DEFAULT_COUNTRY,
    publicContacts: () => keep,
    year: () => new Date().getUTCFullYear(),
  });
}
