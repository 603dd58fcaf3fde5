import { PLATFORMS } from './model.js';

/**
 * What can be read from a review as a feed or a person posted it: the star rating and the platform.
 * Anything not found stays undefined. The reviewer's name is not read: no reply needs it.
 */
export interface ParsedReview {
  rating?: number | undefined;
  platform?: string | undefined;
}

const STARS = /([★⭐]{1,5})(?:[☆✩]*)/u;
const RATING_PATTERNS = [
  /\b([1-5])(?:\.0)?\s*(?:\/|out of)\s*5\b/i,
  /\b([1-5])\s*[- ]?stars?\b/i,
  /\b(one|two|three|four|five)[- ]stars?\b/i,
  /\brating:?\s*([1-5])\b/i,
  /:star:/,
];
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

function readRating(text: string): number | undefined {
  const slackStars = text.match(/:star:/g);
  if (slackStars && slackStars.length <= 5) return slackStars.length;
  const stars = STARS.exec(text);
  if (stars?.[1]) return [...stars[1]].length;
  for (const pattern of RATING_PATTERNS) {
    const match = pattern.exec(text);
    const value = match?.[1];
    if (value) return WORD_NUMBERS[value.toLowerCase()] ?? Number(value);
  }
  return undefined;
}

export function parseReview(text: string, integrationName?: string): ParsedReview {
  const haystack = `${integrationName ?? ''}\n${text}`.toLowerCase();
  const platform = PLATFORMS.find((p) => haystack.includes(p.toLowerCase()));
  return { rating: readRating(text), platform };
}
