import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ErrorCode, TactError } from '../errors.js';

/**
 * The vetted sentences review replies are built from. The built-in ones live in
 * prompts/review-sentences.json, loaded and checked here at start-up; a clinic adds its own in chat
 * (replies.ts). A reply is one sentence per slot, in slot order; the practice contact line fills
 * the `{{contact}}` of the invitation, the one free slot.
 */
export const SLOTS = ['opening', 'acknowledgement', 'standard', 'policy', 'invitation', 'closing'] as const;
export type Slot = (typeof SLOTS)[number];
export const TONES = ['plain', 'warm'] as const;
export type Tone = (typeof TONES)[number];
/** What a review is about, as far as the model may know: derived locally (topic.ts). */
export const TOPICS = ['wait', 'price', 'staff', 'outcome', 'other'] as const;
export type Topic = (typeof TOPICS)[number];
export const CONTACT_PLACEHOLDER = '{{contact}}';
export const ALL_RATINGS = [1, 2, 3, 4, 5] as const;

export const Sentence = z.object({
  id: z.string().regex(/^[a-z]+(?:\.[a-z0-9-]+)+$/, 'an id is slot.name in lower case, e.g. opening.thanks'),
  slot: z.enum(SLOTS),
  tone: z.enum(TONES),
  ratings: z.array(z.number().int().min(1).max(5)).min(1),
  topics: z.array(z.enum(TOPICS)).min(1).optional(),
  /** false: the sentence's words are vetted in this sentence only and do not join the gate's allow-list */
  lendsWords: z.boolean().default(true),
  text: z.string().min(5).max(240),
});
export type Sentence = z.infer<typeof Sentence>;

const LibraryFile = z.object({ about: z.string().optional(), sentences: z.array(Sentence).min(1) });

/** A sentence fits a rating; with no known rating only sentences that fit every rating do. */
export function fitsRating(sentence: Pick<Sentence, 'ratings'>, rating: number | undefined): boolean {
  return rating === undefined
    ? ALL_RATINGS.every((r) => sentence.ratings.includes(r))
    : sentence.ratings.includes(rating);
}

function invalid(file: string, detail: string, cause?: unknown): TactError {
  return new TactError(ErrorCode.PromptInvalid, `${file}: ${detail}`, cause === undefined ? undefined : { cause });
}

/** Checks the file's shape and the rules a reply relies on: unique ids, the contact slot in invitations only. */
export function parseLibrary(file: string, text: string): Sentence[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(file, 'is not valid JSON', error);
  }
  const parsed = LibraryFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(file, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, parsed.error);
  }
  const seen = new Set<string>();
  for (const sentence of parsed.data.sentences) {
    if (seen.has(sentence.id)) throw invalid(file, `the id ${sentence.id} is used twice`);
    seen.add(sentence.id);
    if (!sentence.id.startsWith(`${sentence.slot}.`))
      throw invalid(file, `${sentence.id}: the id must start with its slot, "${sentence.slot}."`);
    const placeholders = sentence.text.split(CONTACT_PLACEHOLDER).length - 1;
    if (sentence.slot === 'invitation' && (placeholders !== 1 || !sentence.text.endsWith(CONTACT_PLACEHOLDER))) {
      throw invalid(
        file,
        `${sentence.id}: an invitation ends with ${CONTACT_PLACEHOLDER} (the contact line closes the sentence)`,
      );
    }
    if (sentence.slot !== 'invitation' && placeholders > 0)
      throw invalid(file, `${sentence.id}: only invitations hold ${CONTACT_PLACEHOLDER}`);
    if (sentence.topics && sentence.slot !== 'standard')
      throw invalid(file, `${sentence.id}: only standard sentences have topics`);
  }
  return parsed.data.sentences;
}

export async function loadLibrary(file: string): Promise<Sentence[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw invalid(file, 'cannot be read', error);
  }
  return parseLibrary(file, text);
}

/** A word list: words separated by white space, `#` to the end of a line is a comment. */
export function parseWords(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(/\s+/))
    .filter(Boolean);
}

export async function loadWords(file: string, what: string): Promise<string[]> {
  try {
    return parseWords(await readFile(file, 'utf8'));
  } catch (error) {
    throw new TactError(ErrorCode.ConfigInvalid, `${what} (${file}) cannot be read`, { cause: error });
  }
}
