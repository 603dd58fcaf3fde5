import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReview } from '../../src/reviews/parse.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/** Review records R-n and what is read from a review as posted. */
describe('parseReview', () => {
  it.each([
    ['★★☆☆☆ Slow front desk.', 2],
    ['⭐ never again', 1],
    [':star::star::star: ok I guess', 3],
    ['Rating: 4 - nice people', 4],
    ['2/5, long wait', 2],
    ['3 out of 5', 3],
    ['one star, rude', 1],
    ['Five stars!', 5],
    ['no rating here', undefined],
  ])('reads the rating of "%s" as %s', (text, rating) => {
    expect(parseReview(text).rating).toBe(rating);
  });

  it('reads the platform from the text or the integration name', () => {
    expect(parseReview('New Google review: two stars').platform).toBe('Google');
    expect(parseReview('two stars, rude', 'RealSelf Alerts').platform).toBe('RealSelf');
    expect(parseReview('two stars, rude').platform).toBeUndefined();
  });

  it("does not read the reviewer's name: no reply needs it", () => {
    expect(parseReview('Reviewer: Morgan T.\n1 star. Rude.')).toEqual({ rating: 1 });
  });
});

describe('ReviewService', () => {
  let t: TestServices;
  beforeEach(async () => {
    t = await buildServices({ env: { TACT_PRACTICE_CONTACT: 'call our practice manager at 555-0142' } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('stores the redacted review with what was parsed, numbered R-1, R-2', async () => {
    const reviews = t.services.reviews;
    const first = await reviews.receive({
      text: 'Google, 1 star. Call me at 212-555-0199, jane@example.com.\n- Jane D.',
      postedBy: 'USTAFF',
      channelId: 'CREVIEWS',
      threadId: '1700000000.000100',
    });
    expect(first).toMatchObject({
      id: 'R-1',
      number: 1,
      platform: 'Google',
      rating: 1,
      legal: false,
      postedBy: 'USTAFF',
    });
    expect(first.text).not.toContain('212-555-0199');
    expect(first.text).not.toContain('jane@example.com');
    expect(first.text).toContain('***-***-0199');
    expect(first.createdAt).toBe('2026-06-01T16:00:00.000Z');
    expect((await reviews.findByThread('CREVIEWS', '1700000000.000100'))?.id).toBe('R-1');
    const second = await reviews.receive({ text: 'Meh.', postedBy: 'USTAFF' });
    expect(second.id).toBe('R-2');
    expect(await reviews.findByThread('CREVIEWS', 'other')).toBeUndefined();
  });

  it('keeps every draft and the approval of the latest', async () => {
    const reviews = t.services.reviews;
    const review = await reviews.receive({ text: 'Two stars, nobody called back.', postedBy: 'USTAFF' });
    expect(await reviews.approve(review.number, 'UMGR')).toEqual({ ok: false, problem: 'no-draft' });
    const first = await reviews.draft(review.number, 'default', 'USTAFF');
    const second = await reviews.draft(review.number, 'shorter', 'USTAFF');
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.draft?.text).not.toBe(first.draft?.text);
    t.clock.advance(60_000);
    const approved = await reviews.approve(review.number, 'UMGR');
    expect(approved.ok && approved.review.approved).toEqual({
      text: second.draft?.text,
      by: 'UMGR',
      at: '2026-06-01T16:01:00.000Z',
    });
    expect(await reviews.approve(review.number, 'UMGR')).toEqual({ ok: false, problem: 'already-approved' });
    expect(await reviews.draft(review.number, 'warmer', 'USTAFF')).toEqual({ ok: false, problem: 'already-approved' });
    const stored = await reviews.get(review.number);
    expect(stored?.drafts.map((d) => d.style)).toEqual(['default', 'shorter']);
  });

  it('marks a legal threat and makes no draft for it', async () => {
    const review = await t.services.reviews.receive({ text: 'My attorney will be in touch.', postedBy: 'USTAFF' });
    expect(review.legal).toBe(true);
    expect(await t.services.reviews.draft(review.number, 'default', 'USTAFF')).toEqual({ ok: false, problem: 'legal' });
  });

  it('answers not-found for an unknown review', async () => {
    expect(await t.services.reviews.draft(41, 'default', 'U')).toEqual({ ok: false, problem: 'not-found' });
    expect(await t.services.reviews.approve(41, 'U')).toEqual({ ok: false, problem: 'not-found' });
  });

  it('reads a record written before the sentence library (a free-text template draft), and refines it from the library', async () => {
    // the shape Tact 0.1 stored (test/fixtures/stores): checks passed, drafts blocked, the reviewer's name
    await t.storage.collection('reviews').set('7', {
      id: 'R-7',
      number: 7,
      rating: 1,
      reviewerName: 'Jane D.',
      text: '1 star. Terrible wait, never again.',
      legal: false,
      postedBy: 'U1',
      createdAt: '2026-12-01T10:00:00.000Z',
      drafts: [
        {
          text: 'Thank you for sharing.',
          source: 'template',
          style: 'default',
          at: '2026-12-01T10:00:01.000Z',
          passed: ['patient-status'],
          blocked: 0,
          by: 'U1',
        },
      ],
    });
    const old = await t.services.reviews.get(7);
    expect(old?.drafts[0]).toMatchObject({ source: 'template', text: 'Thank you for sharing.', sentences: [] });
    expect(old).not.toHaveProperty('reviewerName');
    const refined = await t.services.reviews.draft(7, 'shorter', 'U1');
    expect(refined.ok && refined.draft).toMatchObject({ source: 'library', style: 'shorter' });
  });
});
