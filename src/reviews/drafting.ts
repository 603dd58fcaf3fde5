import type { Clock } from '../clock.js';
import {
  assemble,
  candidatesFor,
  checkChoice,
  chooseLocally,
  fitLength,
  planFor,
  type ChoiceProblem,
  type Occasion,
} from './compose.js';
import type { Gate } from './gate.js';
import { CONTACT_PLACEHOLDER, type Sentence, type Slot, type Tone, type Topic } from './library.js';
import type { Draft, Style } from './model.js';
import { topicOf } from './topic.js';
import { contactSentenceEnd } from '../settings/practice-contact.js';
import { settleWithin } from '../time/within.js';

/**
 * Drafting a review reply from the sentence library. The model (when configured) is asked to pick
 * and order sentence ids; it sees the rating, a topic category and the candidate sentences, never
 * the review. Its answer is only used when every id is a candidate in slot order with the required
 * slots present; otherwise (or on any failure, or past the time budget) Tact chooses itself. Either
 * way the text staff see is library sentences and the gated practice contact line, nothing else.
 */
export type ModelFailure = 'timeout' | 'error' | 'rate-limited' | 'refused' | 'malformed' | ChoiceProblem;

/** What the model is told: nothing from the review but its rating and topic. */
export interface ChoiceRequest {
  rating: number | undefined;
  topic: Topic;
  style: Style;
  slots: ReadonlyArray<{ slot: Slot; required: boolean }>;
  /** the candidates, the contact slot shown as a placeholder (the model never sees the line itself) */
  candidates: ReadonlyArray<{ id: string; slot: Slot; tone: Tone; text: string }>;
  /** the sentence ids of the draft being refined */
  previous: readonly string[];
}

export type ChoiceResult =
  | { ok: true; ids: string[]; tone?: Tone | undefined }
  | { ok: false; failure: Exclude<ModelFailure, ChoiceProblem>; detail?: string };

/** The drafting model port; src/adapters/llm implements it on an OpenAI-compatible server. */
export interface SentenceChooser {
  readonly description: string;
  choose(request: ChoiceRequest, timeoutMs: number): Promise<ChoiceResult>;
}

export interface DraftingDeps {
  chooser: SentenceChooser | undefined;
  /** the sentences drafting may use now (built-in and approved clinic sentences) */
  library: () => readonly Sentence[];
  gate: Gate;
  clock: Clock;
  /** total time for the model before Tact chooses */
  budgetMs: number;
  /** time for one model call */
  callTimeoutMs: number;
}

export interface DraftContext {
  /** the redacted review: read here for its topic, never sent */
  review: string;
  rating?: number | undefined;
  style: Style;
  /** the sentence ids of the draft being refined or regenerated */
  previous?: readonly string[] | undefined;
  practiceContact: string;
  maxLength: number;
  /** varies the local choice between regenerations */
  seed: number;
  by: string;
}

/** The contact clause used when the practice's own line fails the gate. */
export const PLAIN_CONTACT = contactSentenceEnd(undefined);
export const MODEL_PLACEHOLDER = '[the practice contact line]';

const FAILURE_WORDS: Record<ModelFailure, string> = {
  timeout: 'the drafting model did not answer in time',
  error: 'the drafting model returned an error',
  'rate-limited': 'the drafting model is rate-limited',
  refused: 'the drafting model refused',
  malformed: 'the drafting model did not answer with sentence ids',
  'unknown-sentence': 'the drafting model chose a sentence that is not a candidate',
  'slot-order': 'the drafting model put sentences out of order',
  'missing-slot': 'the drafting model left out a required sentence',
  'too-many': 'the drafting model chose too many sentences',
};

const MIN_CALL_MS = 1_000;

/** One model call that settles within `timeoutMs`, whatever the chooser does (hangs, throws). */
function withinTime(chooser: SentenceChooser, request: ChoiceRequest, timeoutMs: number): Promise<ChoiceResult> {
  return settleWithin<ChoiceResult>(
    () => chooser.choose(request, timeoutMs),
    timeoutMs,
    () => ({ ok: false, failure: 'timeout' }),
    (error) => ({ ok: false, failure: 'error', detail: error instanceof Error ? error.message : String(error) }),
  );
}

export class ReviewDrafting {
  constructor(private readonly deps: DraftingDeps) {}

  async draft(context: DraftContext): Promise<Draft> {
    const library = this.deps.library();
    const occasion: Occasion = { rating: context.rating, topic: topicOf(context.review), style: context.style };
    const contactOk = this.deps.gate.check(context.practiceContact, 'contact').ok;
    const contact = contactOk ? context.practiceContact : PLAIN_CONTACT;
    const previous = context.previous ?? [];

    let chosen: { sentences: Sentence[]; tone?: Tone | undefined } | undefined;
    let failure: ModelFailure | undefined;
    const chooser = this.deps.chooser;
    const timeoutMs = Math.min(this.deps.callTimeoutMs, this.deps.budgetMs);
    if (chooser && timeoutMs >= MIN_CALL_MS) {
      const result = await withinTime(chooser, this.request(library, occasion, previous), timeoutMs);
      if (!result.ok) failure = result.failure;
      else {
        const checked = checkChoice(result.ids, library, occasion);
        if (checked.ok) chosen = { sentences: checked.sentences, tone: result.tone };
        else failure = checked.problem;
      }
    }
    const sentences = fitLength(
      chosen?.sentences ?? chooseLocally(library, occasion, context.seed, previous),
      contact,
      context.maxLength,
      planFor(context.rating, context.style),
    );
    return {
      text: assemble(sentences, contact),
      source: chosen ? 'model' : 'library',
      style: context.style,
      tone: chosen?.tone ?? (context.style === 'warmer' ? 'warm' : 'plain'),
      sentences: sentences.map((s) => s.id),
      at: this.deps.clock.now().toISOString(),
      by: context.by,
      ...(failure ? { fallbackReason: FAILURE_WORDS[failure] } : {}),
      ...(contactOk ? {} : { contactRefused: true }),
    };
  }

  private request(library: readonly Sentence[], occasion: Occasion, previous: readonly string[]): ChoiceRequest {
    const plan = planFor(occasion.rating, occasion.style);
    return {
      rating: occasion.rating,
      topic: occasion.topic,
      style: occasion.style,
      slots: plan.slots.map((slot) => ({ slot, required: plan.required.includes(slot) })),
      candidates: candidatesFor(library, occasion).map((s) => ({
        id: s.id,
        slot: s.slot,
        tone: s.tone,
        text: s.text.replace(CONTACT_PLACEHOLDER, MODEL_PLACEHOLDER),
      })),
      previous,
    };
  }
}
