import { CONTACT_PLACEHOLDER, SLOTS, fitsRating, type Sentence, type Slot, type Tone, type Topic } from './library.js';
import type { Style } from './model.js';

/**
 * How a reply is put together from library sentences: which slots a style uses for a rating, the
 * sentences that may fill each, a deterministic choice, and the check a model's choice must pass.
 * A four- or five-star review is thanked; only one to three stars (or no rating) gets the concern
 * and policy sentences.
 */
export type Band = 'concern' | 'praise' | 'unknown';

export interface Plan {
  /** the slots a local choice fills, in order */
  slots: readonly Slot[];
  /** the slots every reply of this plan must have (a model may leave out the others) */
  required: readonly Slot[];
}

const PLANS: Record<Band, Record<Style, Plan>> = {
  concern: {
    default: {
      slots: ['opening', 'acknowledgement', 'standard', 'policy', 'invitation'],
      required: ['opening', 'policy', 'invitation'],
    },
    warmer: {
      slots: ['opening', 'acknowledgement', 'standard', 'policy', 'invitation', 'closing'],
      required: ['opening', 'policy', 'invitation'],
    },
    shorter: { slots: ['opening', 'invitation'], required: ['opening', 'invitation'] },
  },
  praise: {
    default: { slots: ['opening', 'acknowledgement', 'closing'], required: ['opening'] },
    warmer: { slots: ['opening', 'acknowledgement', 'invitation', 'closing'], required: ['opening'] },
    shorter: { slots: ['opening', 'acknowledgement'], required: ['opening'] },
  },
  unknown: {
    default: {
      slots: ['opening', 'acknowledgement', 'policy', 'invitation'],
      required: ['opening', 'policy', 'invitation'],
    },
    warmer: {
      slots: ['opening', 'acknowledgement', 'policy', 'invitation', 'closing'],
      required: ['opening', 'policy', 'invitation'],
    },
    shorter: { slots: ['opening', 'invitation'], required: ['opening', 'invitation'] },
  },
};

export function bandOf(rating: number | undefined): Band {
  if (rating === undefined) return 'unknown';
  return rating >= 4 ? 'praise' : 'concern';
}

export function planFor(rating: number | undefined, style: Style): Plan {
  return PLANS[bandOf(rating)][style];
}

export interface Occasion {
  rating: number | undefined;
  topic: Topic;
  style: Style;
}

/** Every sentence that may fill one of the plan's slots for this rating and topic, in library order. */
export function candidatesFor(library: readonly Sentence[], occasion: Occasion): Sentence[] {
  const slots = new Set(planFor(occasion.rating, occasion.style).slots);
  return library.filter(
    (s) =>
      slots.has(s.slot) &&
      fitsRating(s, occasion.rating) &&
      (s.topics === undefined || s.topics.includes(occasion.topic)),
  );
}

function preferred(options: readonly Sentence[], occasion: Occasion): readonly Sentence[] {
  const onTopic = occasion.topic === 'other' ? [] : options.filter((s) => s.topics?.includes(occasion.topic));
  const pool = onTopic.length ? onTopic : options;
  const tone: Tone = occasion.style === 'warmer' ? 'warm' : 'plain';
  const inTone = pool.filter((s) => s.tone === tone);
  return inTone.length ? inTone : pool;
}

/**
 * The local choice: one preferred sentence per slot, the combination picked by the seed; never the
 * same combination as `previous` when there is another, so "regenerate" always changes something.
 */
export function chooseLocally(
  library: readonly Sentence[],
  occasion: Occasion,
  seed: number,
  previous: readonly string[] = [],
): readonly Sentence[] {
  const candidates = candidatesFor(library, occasion);
  const lists: Array<readonly Sentence[]> = planFor(occasion.rating, occasion.style)
    .slots.map((slot) =>
      preferred(
        candidates.filter((s) => s.slot === slot),
        occasion,
      ),
    )
    .filter((list) => list.length > 0);
  const total = lists.reduce((product, list) => product * list.length, 1);
  const combination = (k: number) => {
    let rest = k;
    return lists.map((list) => {
      const sentence = list[rest % list.length] as Sentence;
      rest = Math.floor(rest / list.length);
      return sentence;
    });
  };
  const start = Math.abs(Math.imul(seed + 1, 2654435761)) % total;
  const first = combination(start);
  const same = first.length === previous.length && first.every((s, i) => s.id === previous[i]);
  return same && total > 1 ? combination((start + 1) % total) : first;
}

export type ChoiceProblem = 'unknown-sentence' | 'slot-order' | 'missing-slot' | 'too-many';

/** A model's choice, checked: known candidate ids only, slots in order, each once, the required ones present. */
export function checkChoice(
  ids: readonly string[],
  library: readonly Sentence[],
  occasion: Occasion,
): { ok: true; sentences: Sentence[] } | { ok: false; problem: ChoiceProblem } {
  const plan = planFor(occasion.rating, occasion.style);
  const candidates = new Map(candidatesFor(library, occasion).map((s) => [s.id, s]));
  const sentences: Sentence[] = [];
  for (const id of ids) {
    const sentence = candidates.get(id);
    if (!sentence) return { ok: false, problem: 'unknown-sentence' };
    sentences.push(sentence);
  }
  if (sentences.length > plan.slots.length) return { ok: false, problem: 'too-many' };
  const order = sentences.map((s) => SLOTS.indexOf(s.slot));
  if (order.some((at, i) => i > 0 && at <= (order[i - 1] ?? -1))) return { ok: false, problem: 'slot-order' };
  if (plan.required.some((slot) => !sentences.some((s) => s.slot === slot)))
    return { ok: false, problem: 'missing-slot' };
  return { ok: true, sentences };
}

/** The reply text: the sentences in order, the contact line in the invitation. */
export function assemble(sentences: readonly Sentence[], contact: string): string {
  return sentences.map((s) => s.text.replace(CONTACT_PLACEHOLDER, contact)).join(' ');
}

/** Leaves out optional sentences (closing, then standard, then acknowledgement) until the reply fits. */
export function fitLength(sentences: readonly Sentence[], contact: string, maxLength: number, plan: Plan): Sentence[] {
  let kept = [...sentences];
  for (const slot of ['closing', 'standard', 'acknowledgement'] as const) {
    if (assemble(kept, contact).length <= maxLength) break;
    if (!plan.required.includes(slot)) kept = kept.filter((s) => s.slot !== slot);
  }
  return kept;
}
