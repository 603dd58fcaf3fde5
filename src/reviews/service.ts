import type { Clock } from '../clock.js';
import { mentionsLegalAction } from '../complaints/grading.js';
import { SharedLock } from '../lock.js';
import type { Redactor } from '../privacy/redactor.js';
import { nextSequence, readRecord, type Collection, type Storage } from '../storage.js';
import type { ReviewDrafting } from './drafting.js';
import { Review, reviewId, type Draft, type Style } from './model.js';
import { parseReview } from './parse.js';

export interface NewReview {
  text: string;
  postedBy: string;
  channelId?: string | undefined;
  threadId?: string | undefined;
  /** the integration that posted it (its name may say the platform) */
  integrationName?: string | undefined;
}

export type ReviewResult =
  | { ok: true; review: Review; draft?: Draft | undefined }
  | { ok: false; problem: 'not-found' | 'legal' | 'already-approved' | 'no-draft' };

export interface ReviewDeps {
  storage: Storage;
  clock: Clock;
  redactor: Redactor;
  drafting: ReviewDrafting;
  practiceContact: () => string;
  maxLength: number;
}

/**
 * Review records `R-n`: the redacted review, every draft, the approved reply. A review that
 * threatens legal action gets no draft: it belongs to a manager.
 */
export class ReviewService {
  private readonly records: Collection;
  private readonly threads: Collection;
  private readonly lock: SharedLock;

  constructor(private readonly deps: ReviewDeps) {
    this.lock = new SharedLock(deps.storage);
    this.records = deps.storage.collection('reviews');
    this.threads = deps.storage.collection('review-threads');
  }

  /** Records the review; the caller drafts next (so it can say "drafting..." first). */
  async receive(entry: NewReview): Promise<Review> {
    const parsed = parseReview(entry.text, entry.integrationName);
    const number = await nextSequence(this.deps.storage, 'review');
    const redact = (text: string) => this.deps.redactor.redact(text);
    const review: Review = {
      id: reviewId(number),
      number,
      ...(entry.channelId ? { channelId: entry.channelId } : {}),
      ...(entry.threadId ? { threadId: entry.threadId } : {}),
      ...(parsed.platform ? { platform: parsed.platform } : {}),
      ...(parsed.rating ? { rating: parsed.rating } : {}),
      text: redact(entry.text),
      legal: mentionsLegalAction(entry.text),
      postedBy: entry.postedBy,
      createdAt: this.deps.clock.now().toISOString(),
      drafts: [],
    };
    await this.records.set(String(number), review);
    if (entry.channelId && entry.threadId) await this.threads.set(`${entry.channelId}:${entry.threadId}`, number);
    return review;
  }

  async get(number: number): Promise<Review | undefined> {
    return readRecord(this.records, String(number), Review);
  }

  async findByThread(channelId: string, threadId: string): Promise<Review | undefined> {
    const number = await this.threads.get(`${channelId}:${threadId}`);
    return typeof number === 'number' ? this.get(number) : undefined;
  }

  /** Drafts (or re-drafts in a style) and stores the draft with the review. */
  async draft(number: number, style: Style, by: string): Promise<ReviewResult> {
    const review = await this.get(number);
    if (!review) return { ok: false, problem: 'not-found' };
    if (review.legal) return { ok: false, problem: 'legal' };
    if (review.approved) return { ok: false, problem: 'already-approved' };
    const draft = await this.deps.drafting.draft({
      review: review.text,
      rating: review.rating,
      style,
      previous: review.drafts.at(-1)?.sentences,
      practiceContact: this.deps.practiceContact(),
      maxLength: this.deps.maxLength,
      seed: number * 31 + review.drafts.length,
      by,
    });
    return this.update(number, (current) => ({ ...current, drafts: [...current.drafts, draft] }), draft);
  }

  async approve(number: number, by: string): Promise<ReviewResult> {
    const review = await this.get(number);
    if (!review) return { ok: false, problem: 'not-found' };
    if (review.approved) return { ok: false, problem: 'already-approved' };
    const last = review.drafts.at(-1);
    if (!last) return { ok: false, problem: 'no-draft' };
    const approved = { text: last.text, by, at: this.deps.clock.now().toISOString() };
    return this.update(number, (current) => ({ ...current, approved }));
  }

  async linkComplaint(number: number, complaintId: string): Promise<ReviewResult> {
    return this.update(number, (current) => ({ ...current, complaintId }));
  }

  private async update(number: number, change: (current: Review) => Review, draft?: Draft): Promise<ReviewResult> {
    return this.lock.run(String(number), async () => {
      const current = await this.get(number);
      if (!current) return { ok: false, problem: 'not-found' } as const;
      const next = change(current);
      await this.records.set(String(number), next);
      return { ok: true, review: next, draft } as const;
    });
  }
}
