import type { Clock } from '../clock.js';
import { ErrorCode, TactError } from '../errors.js';
import type { Draft, Style } from './model.js';
import type { SafetyCheck, SafetyResult } from './safety.js';
import { templateReply, type TemplateSet } from './templates.js';

/**
 * Drafting a review reply: the model (when configured) first; a draft the safety check blocks is
 * regenerated once with the reasons fed back; after that, or on any model failure, the built-in
 * template stands in, marked as such. The whole attempt stays inside a time budget, so a template
 * arrives in time even when the model hangs.
 */
export type ModelFailure = 'timeout' | 'error' | 'rate-limited' | 'refused' | 'malformed' | 'blocked';

export interface DraftRequest {
  /** redacted review text: data for the model, never instructions */
  review: string;
  rating?: number | undefined;
  platform?: string | undefined;
  style: Style;
  /** the draft being refined, for shorter / warmer */
  previous?: string | undefined;
  /** why the last draft was blocked */
  feedback?: readonly string[] | undefined;
  practiceContact: string;
  maxLength: number;
}

export type ModelResult = { ok: true; text: string } | { ok: false; failure: Exclude<ModelFailure, 'blocked'>; detail?: string };

/** The drafting model port; src/adapters/llm implements it on an OpenAI-compatible server. */
export interface Drafter {
  readonly description: string;
  draft(request: DraftRequest, timeoutMs: number): Promise<ModelResult>;
}

export interface DraftingDeps {
  drafter: Drafter | undefined;
  safety: SafetyCheck;
  /** the template lines with the practice contact line filled in */
  templates: (practiceContact: string) => TemplateSet;
  clock: Clock;
  /** total time for model attempts before the template is used */
  budgetMs: number;
  /** time for one model call */
  callTimeoutMs: number;
}

export interface DraftContext {
  review: string;
  reviewerName?: string | undefined;
  rating?: number | undefined;
  platform?: string | undefined;
  style: Style;
  previous?: string | undefined;
  practiceContact: string;
  maxLength: number;
  /** varies the template choice between regenerations */
  seed: number;
  by: string;
}

const FAILURE_WORDS: Record<ModelFailure, string> = {
  timeout: 'the drafting model did not answer in time',
  error: 'the drafting model returned an error',
  'rate-limited': 'the drafting model is rate-limited',
  refused: 'the drafting model refused',
  malformed: 'the drafting model returned something that was not a reply',
  blocked: 'the safety check blocked the model drafts',
};

const MIN_CALL_MS = 1_000;

/**
 * The reply of last resort when no template line passes. It passes the check with the built-in
 * vocabulary (a test holds it to that): no patient status, no care detail, no name, no number.
 */
export const LAST_RESORT_REPLY = 'Thank you for your feedback. We would welcome a direct conversation.';

/**
 * One model call that settles within `timeoutMs` whatever the drafter does: a drafter that ignores
 * its timeout, or throws, must not keep the template from arriving in time.
 */
async function withinTime(drafter: Drafter, request: DraftRequest, timeoutMs: number): Promise<ModelResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ModelResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, failure: 'timeout' }), timeoutMs);
  });
  const call = drafter.draft(request, timeoutMs).catch(
    (error: unknown): ModelResult => ({ ok: false, failure: 'error', detail: error instanceof Error ? error.message : String(error) }),
  );
  try {
    return await Promise.race([call, late]);
  } finally {
    clearTimeout(timer);
  }
}

export class ReviewDrafting {
  constructor(private readonly deps: DraftingDeps) {}

  private check(text: string, context: DraftContext): SafetyResult {
    return this.deps.safety.check({
      draft: text,
      review: context.review,
      reviewerName: context.reviewerName,
      allowed: [context.practiceContact],
      maxLength: context.maxLength,
    });
  }

  async draft(context: DraftContext): Promise<Draft> {
    const started = Date.now();
    let blocked = 0;
    let failure: ModelFailure | undefined;
    const drafter = this.deps.drafter;
    if (drafter) {
      let feedback: string[] | undefined;
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const remaining = this.deps.budgetMs - (Date.now() - started);
        if (remaining < MIN_CALL_MS) {
          failure = failure ?? 'timeout';
          break;
        }
        const result = await withinTime(
          drafter,
          {
            review: context.review,
            rating: context.rating,
            platform: context.platform,
            style: context.style,
            previous: context.previous,
            feedback,
            practiceContact: context.practiceContact,
            maxLength: context.maxLength,
          },
          Math.min(this.deps.callTimeoutMs, remaining),
        );
        if (!result.ok) {
          failure = result.failure;
          break;
        }
        const text = result.text.trim();
        const safety = this.check(text, context);
        if (safety.ok) return this.make(text, 'model', context, safety, blocked);
        blocked += 1;
        failure = 'blocked';
        feedback = safety.findings.map((f) => f.detail);
      }
    }
    return this.template(context, blocked, failure);
  }

  private template(context: DraftContext, blocked: number, failure: ModelFailure | undefined): Draft {
    const set = this.deps.templates(context.practiceContact);
    // Every template line is written to pass; still, nothing is shown unchecked.
    const candidates: string[] = [];
    for (let offset = 0; offset < 20; offset += 1) candidates.push(templateReply(set, context.style, context.seed + offset));
    // Last resort: the plainest reply, with the contact line only if the check passes with it
    // (a long contact line can push a reply past the length limit, for one).
    candidates.push(`${LAST_RESORT_REPLY.replace(/\.$/, ':')} ${context.practiceContact}`, LAST_RESORT_REPLY);
    for (const text of candidates) {
      const safety = this.check(text, context);
      if (safety.ok) return this.make(text, 'template', context, safety, blocked, failure);
    }
    // Only a clinic vocabulary or a review that blocks even the plainest words gets here: showing a
    // reply the check failed would break the privacy rule, so the person hears it went wrong instead.
    throw new TactError(
      ErrorCode.DraftUnsafe,
      `no review reply passed the safety check, not even "${LAST_RESORT_REPLY}" (check TACT_REVIEW_VOCABULARY)`,
    );
  }

  private make(text: string, source: Draft['source'], context: DraftContext, safety: SafetyResult, blocked: number, failure?: ModelFailure): Draft {
    return {
      text,
      source,
      style: context.style,
      at: this.deps.clock.now().toISOString(),
      passed: safety.passed,
      blocked,
      by: context.by,
      ...(failure && source === 'template' && this.deps.drafter ? { fallbackReason: FAILURE_WORDS[failure] } : {}),
    };
  }
}
