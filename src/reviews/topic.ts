import { foldText } from './fold.js';
import type { Topic } from './library.js';

/**
 * What a review is about, read here so the drafting model never needs the review: one of five
 * categories, chosen by the most cues (ties go to the first listed). It only picks which standard
 * sentence fits; a wrong guess gives a generic sentence, never a leak.
 */
const CUES: ReadonlyArray<[Exclude<Topic, 'other'>, RegExp]> = [
  [
    'wait',
    /\b(?:wait\w*|late|delay\w*|hours?|minutes?|mins?|on time|schedul\w*|cancel\w*|resched\w*|queue|forever|slow)\b/g,
  ],
  [
    'price',
    /\b(?:price\w*|pricing|cost\w*|expensive|overpriced|bill\w*|charg\w*|fees?|refund\w*|money|paid|pay\w*|invoice|insurance|deposit|\$)/g,
  ],
  [
    'staff',
    /\b(?:rude\w*|staff|reception\w*|front desk|nurse|doctor|dr|manager|attitude|unprofessional|ignored|dismissive|condescending|called back|call back|nobody called)\b/g,
  ],
  [
    'outcome',
    /\b(?:results?|outcome|botox|filler\w*|lips?|bruis\w*|swell\w*|swollen|scar\w*|burn\w*|uneven|lumps?|worse|pain\w*|infect\w*|laser|peel|facial|injection\w*|treatment\w*|procedure\w*)\b/g,
  ],
];

export function topicOf(review: string): Topic {
  const text = foldText(review);
  let best: Topic = 'other';
  let most = 0;
  for (const [topic, cue] of CUES) {
    const count = text.match(cue)?.length ?? 0;
    if (count > most) [best, most] = [topic, count];
  }
  return best;
}
