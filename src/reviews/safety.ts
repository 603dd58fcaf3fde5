import type { Vocabulary } from './vocabulary.js';

/**
 * The deterministic check every review-reply draft passes before anyone sees it, whoever wrote it.
 * A reply must not confirm or imply that the reviewer is a patient, must hold no detail of care,
 * must not offer money or ask for the review to go, must carry no links, mentions or markup, and
 * must be short. Each failed check says what it found, so a model can be told and try again.
 */
export const CHECKS = ['patient-status', 'care-details', 'offers', 'links-markup', 'length'] as const;
export type CheckId = (typeof CHECKS)[number];

export interface Finding {
  check: CheckId;
  /** what was found, in words a person (or the model) can act on */
  detail: string;
}

export interface SafetyResult {
  ok: boolean;
  findings: Finding[];
  passed: CheckId[];
}

export interface SafetyInput {
  draft: string;
  /** the (redacted) review: distinctive phrases from it must not come back */
  review: string;
  /** the reviewer's display name, if the review showed one */
  reviewerName?: string | undefined;
  /** clinic-written text that may appear as is (the practice contact line) */
  allowed?: readonly string[];
  maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 700;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|last week|last month|weekend|' +
  'spring|summer|autumn|winter|last fall|this fall|morning|afternoon|evening|tonight|this week|next week|last year|this year|ago';
const DURATION = '(?:a few|several|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s+(?:minutes?|hours?|days?|weeks?|months?|years?)';
/** Words that often open a sentence with a comma and are not names ("Unfortunately, ..."). */
const OPENERS = new Set(
  'again also although and but certainly finally first firstly frankly hello hi honestly however indeed meanwhile no of ok okay overall please regardless sadly second secondly sincerely so still that thanks then therefore truly ultimately unfortunately well yes'.split(' '),
);
const STOPWORDS = new Set(
  'a an and are as at be but by for from had has have i in is it me my of on or our so that the their them they this to was we were what when with you your us very not no'.split(' '),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word, case-insensitive phrase matcher for a word list. */
function phraseMatcher(phrases: readonly string[]): RegExp | undefined {
  const cleaned = [...new Set(phrases.map((p) => p.trim().toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${cleaned.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

function found(pattern: RegExp | undefined, text: string): string[] {
  if (!pattern) return [];
  return [...new Set([...text.matchAll(pattern)].map((m) => m[0].toLowerCase()))];
}

function words(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}']+/u).filter(Boolean);
}

/** Four-word runs the draft shares with the review, ignoring runs made only of common words. */
function sharedPhrases(draft: string, review: string): string[] {
  const reviewWords = words(review);
  const reviewRuns = new Set<string>();
  for (let i = 0; i + 4 <= reviewWords.length; i += 1) reviewRuns.add(reviewWords.slice(i, i + 4).join(' '));
  const draftWords = words(draft);
  const shared: string[] = [];
  for (let i = 0; i + 4 <= draftWords.length; i += 1) {
    const run = draftWords.slice(i, i + 4);
    if (run.filter((w) => !STOPWORDS.has(w)).length >= 2 && reviewRuns.has(run.join(' '))) shared.push(run.join(' '));
  }
  return [...new Set(shared)];
}

/** Capitalised words in mid-sentence that are not the practice's own words: likely a person's name. */
function likelyNames(draft: string, allowedWords: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (const sentence of draft.split(/(?<=[.!?])\s+|\n+/)) {
    const tokens = sentence.trim().split(/\s+/);
    tokens.forEach((token, i) => {
      const word = token.replace(/^[^\p{L}]+|[^\p{L}']+$/gu, '');
      // a capitalised first word is a name only when it addresses someone ("Maria, thank you...")
      const addressed = i === 0 && tokens.length > 1 && /^[^\p{L}]*\p{L}+,$/u.test(token) && !OPENERS.has(word.toLowerCase());
      if ((i === 0 && !addressed) || word.length < 2 || word === 'I' || !/^\p{Lu}\p{Ll}/u.test(word)) return;
      if (!allowedWords.has(word.toLowerCase())) names.push(word);
    });
  }
  return [...new Set(names)];
}

export interface SafetyCheck {
  check(input: SafetyInput): SafetyResult;
}

/** `practiceWords` is read at each check: the practice name can change in chat (`/tact settings`). */
export function createSafetyCheck(vocabulary: Vocabulary, practiceWords: () => readonly string[] = () => []): SafetyCheck {
  const status = phraseMatcher(vocabulary.patientStatus);
  const care = phraseMatcher([
    ...vocabulary.treatments,
    ...vocabulary.products,
    ...vocabulary.bodyAreas,
    ...vocabulary.conditions,
    ...vocabulary.medications,
    ...vocabulary.outcomes,
    ...vocabulary.billing,
  ]);
  const people = phraseMatcher(vocabulary.people.filter((p) => !p.endsWith('.')));
  const offers = phraseMatcher(vocabulary.offers);
  const dates = new RegExp(
    `\\b(?:${MONTHS}|${WEEKDAYS})\\b|\\b${DURATION}\\b|\\b\\d{1,2}[/.-]\\d{1,2}(?:[/.-]\\d{2,4})?\\b|\\b(?:19|20)\\d{2}\\b|\\b\\d{1,2}(?::\\d{2})?\\s?(?:am|pm)\\b`,
    'giu',
  );
  const amounts = /[$€£¥]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:%|percent|dollars?|usd|units?|syringes?|ml|cc|vials?)\b|\b\d+\b|\b(?:dollars?|bucks|cents?|hundred|thousand)\b/giu;
  // A title before a capitalised name, whatever the title's own case ("Dr. Patel", "mrs Chen").
  const titles = /\b(?:[Dd][Rr]|[Mm][Rr][Ss]?|[Mm][Ss]|[Mm]iss|[Mm][Xx]|[Pp]rof)\.?\s+\p{Lu}/gu;
  const links = /https?:\/\/|\bwww\.|\b[\w-]+\.(?:com|net|org|io|co|us|health|clinic|md)\b|<[^>]*>|@\w|[*_~`#]|\[[^\]]*\]\(/giu;
  const commonWords = ['thank', 'thanks', 'we', 'our', 'please', 'practice', 'manager', 'team', 'office'];

  return {
    check(input) {
      const maxLength = input.maxLength ?? DEFAULT_MAX_LENGTH;
      let draft = input.draft;
      for (const allowed of input.allowed ?? []) {
        // The contact line may start a sentence (capitalised) or sit mid-sentence without its full stop.
        const line = allowed.trim().replace(/[.!?]+$/, '');
        if (line) draft = draft.replace(new RegExp(escapeRegExp(line), 'giu'), ' ');
      }
      const findings: Finding[] = [];
      const add = (check: CheckId, detail: string) => findings.push({ check, detail });

      for (const phrase of found(status, draft)) add('patient-status', `implies the reviewer is a patient: "${phrase}"`);

      for (const term of found(care, draft)) add('care-details', `names a detail of care: "${term}"`);
      for (const term of found(people, draft)) add('care-details', `names a staff role or person: "${term}"`);
      for (const title of found(titles, draft)) add('care-details', `names a person: "${title.trim()}"`);
      for (const date of found(dates, draft)) add('care-details', `names a date or time: "${date}"`);
      for (const amount of found(amounts, draft)) add('care-details', `names a price or amount: "${amount}"`);
      const reviewer = input.reviewerName ? words(input.reviewerName).filter((w) => w.length > 1) : [];
      const draftWords = new Set(words(draft));
      for (const part of reviewer) if (draftWords.has(part)) add('care-details', `names the reviewer: "${part}"`);
      const allowedWords = new Set([...practiceWords().flatMap((w) => words(w)), ...commonWords]);
      for (const name of likelyNames(draft, allowedWords)) add('care-details', `may name a person or place: "${name}"`);
      for (const phrase of sharedPhrases(draft, input.review)) add('care-details', `repeats the review's words: "${phrase}"`);

      for (const offer of found(offers, draft)) add('offers', `offers money or asks about the review: "${offer}"`);

      for (const link of found(links, draft)) add('links-markup', `carries a link, mention or markup: "${link}"`);

      if (input.draft.length > maxLength) add('length', `is ${input.draft.length} characters; the limit is ${maxLength}`);

      const failed = new Set(findings.map((f) => f.check));
      return { ok: findings.length === 0, findings, passed: CHECKS.filter((c) => !failed.has(c)) };
    },
  };
}
