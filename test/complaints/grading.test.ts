import { describe, expect, it } from 'vitest';
import { grade, guessCategory, type GradingInput } from '../../src/complaints/grading.js';
import { TIERS, type Complaint, type Reason, type Tier } from '../../src/complaints/model.js';

const NOW = new Date('2026-06-01T16:00:00.000Z');
const DAY = 86_400_000;
type Earlier = GradingInput['earlier'][number];

function earlier(
  id: string,
  daysAgo: number,
  status: Complaint['status'] = 'resolved',
  steps: Complaint['steps'] = [],
): Earlier {
  return { id, createdAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(), status, steps };
}

function gradeOf(text: string, options: Partial<GradingInput> = {}) {
  return grade({ category: 'other', text, earlier: [], now: NOW, ...options });
}

const codes = (reasons: Reason[]) => reasons.map((r) => r.code);

describe('grade', () => {
  it('a first complaint about waiting is occasional, for minor first-time friction', () => {
    expect(gradeOf('Waited 40 minutes past her appointment time', { category: 'wait' })).toEqual({
      tier: 'occasional',
      reasons: [{ code: 'first-minor' }],
    });
  });

  it.each(['billing', 'results', 'complication', 'conduct', 'sales', 'privacy'] as const)(
    'a first %s complaint is a legitimate grievance',
    (category) => {
      expect(gradeOf('Something went wrong', { category })).toEqual({
        tier: 'legitimate',
        reasons: [{ code: 'grievance', category }],
      });
    },
  );

  it('a second complaint within 90 days is escalating, as the 2nd', () => {
    const result = gradeOf('Waited again', { category: 'wait', earlier: [earlier('C-1', 30)] });
    expect(result.tier).toBe('escalating');
    expect(result.reasons).toEqual([{ code: 'repeat', ordinal: 2, days: 90 }]);
  });

  it('counts every recent complaint in the ordinal', () => {
    const result = gradeOf('Waited again', { category: 'wait', earlier: [earlier('C-1', 80), earlier('C-2', 10)] });
    expect(result.reasons).toContainEqual({ code: 'repeat', ordinal: 3, days: 90 });
  });

  it('an earlier complaint 120 days ago does not count as a repeat', () => {
    expect(gradeOf('Waited again', { category: 'wait', earlier: [earlier('C-1', 120)] })).toEqual({
      tier: 'occasional',
      reasons: [{ code: 'first-minor' }],
    });
    const mixed = gradeOf('Waited again', { category: 'wait', earlier: [earlier('C-1', 120), earlier('C-2', 5)] });
    expect(mixed.reasons).toContainEqual({ code: 'repeat', ordinal: 2, days: 90 });
  });

  it.each([
    'She wants a refund or she will dispute it',
    'Wants a refund by Friday',
    'He demanded a full refund at the desk',
    'Patient says she will file a chargeback',
    'Money back or else',
  ])('a refund ultimatum escalates: %j', (text) => {
    const result = gradeOf(text, { category: 'billing' });
    expect(result.tier).toBe('escalating');
    expect(codes(result.reasons)).toContain('refund-ultimatum');
  });

  it.each([
    'Threatens to leave a one-star review',
    'Going to post it on Yelp tonight',
    'Said she will write a bad review',
    'He is going to the press about it',
    'Will warn all her followers',
  ])('a review threat escalates: %j', (text) => {
    const result = gradeOf(text);
    expect(result.tier).toBe('escalating');
    expect(codes(result.reasons)).toContain('review-threat');
  });

  it('an open earlier complaint with an overdue step escalates, naming it', () => {
    const overdue = earlier('C-4', 100, 'open', [
      { text: 'Call back', owner: 'provider', due: new Date(NOW.getTime() - DAY).toISOString() },
    ]);
    expect(gradeOf('Still waiting for a call', { category: 'wait', earlier: [overdue] })).toEqual({
      tier: 'escalating',
      reasons: [{ code: 'overdue-follow-up', complaintId: 'C-4' }],
    });
  });

  it('an overdue step does not count when it is done, not yet due, or the complaint is closed', () => {
    const due = new Date(NOW.getTime() - DAY).toISOString();
    const cases: Earlier[] = [
      earlier('C-5', 100, 'open', [{ text: 'Call', owner: 'provider', due, doneAt: due }]),
      earlier('C-6', 100, 'open', [
        { text: 'Call', owner: 'provider', due: new Date(NOW.getTime() + DAY).toISOString() },
      ]),
      earlier('C-7', 100, 'resolved', [{ text: 'Call', owner: 'provider', due }]),
    ];
    for (const c of cases) {
      expect(gradeOf('Waited', { category: 'wait', earlier: [c] }).tier, c.id).toBe('occasional');
    }
    const followingUp = earlier('C-8', 100, 'following-up', [{ text: 'Call', owner: 'provider', due }]);
    expect(gradeOf('Waited', { category: 'wait', earlier: [followingUp] }).tier).toBe('escalating');
  });

  it.each([
    'Says her lawyer will be in touch',
    'Threatened to sue the practice',
    'He is suing us',
    'Will report us to the medical board',
    'Mentioned malpractice twice',
    'Wants to take us to court',
  ])('legal threats are aggressive: %j', (text) => {
    const result = gradeOf(text);
    expect(result.tier).toBe('aggressive');
    expect(codes(result.reasons)).toContain('legal-threat');
  });

  it.each([
    'He yelled at the receptionist',
    'She was screaming at our nurse',
    'Threatened to come back and hurt someone',
    'He shoved the coordinator',
    'Called her an idiot at the front desk',
  ])('abuse of staff is aggressive: %j', (text) => {
    const result = gradeOf(text, { category: 'conduct' });
    expect(result.tier).toBe('aggressive');
    expect(codes(result.reasons)).toContain('abuse');
  });

  it.each([
    'He keeps harassing the front desk',
    'She left 30 messages overnight',
    'Repeated calls to the nurse line all day',
  ])('harassment is aggressive: %j', (text) => {
    const result = gradeOf(text);
    expect(result.tier).toBe('aggressive');
    expect(codes(result.reasons)).toContain('harassment');
  });

  it('lists reasons most severe first and takes the top tier', () => {
    const result = gradeOf('Wants a full refund by Friday or she will call her lawyer and leave a 1-star review', {
      category: 'billing',
      earlier: [earlier('C-1', 10)],
    });
    expect(result.tier).toBe('aggressive');
    expect(codes(result.reasons)[0]).toBe('legal-threat');
    expect(codes(result.reasons).at(-1)).toBe('grievance');
    expect(new Set(codes(result.reasons))).toEqual(
      new Set(['legal-threat', 'refund-ultimatum', 'review-threat', 'repeat', 'grievance']),
    );
    const tierOf: Record<string, Tier> = {
      'legal-threat': 'aggressive',
      'refund-ultimatum': 'escalating',
      'review-threat': 'escalating',
      repeat: 'escalating',
      grievance: 'legitimate',
    };
    const ranks = result.reasons.map((r) => TIERS.indexOf(tierOf[r.code] ?? 'occasional'));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it.each([
    ['the issue is the invoice', 'sue inside "issue"'],
    ['she pursued it with the front desk', 'sued inside "pursued"'],
    ['asked whether a refund is possible', 'a refund question is no ultimatum'],
    ['she reviewed the estimate', 'review without a threat'],
    ['the star of the show', 'star without one'],
    ['board-certified provider', 'board without medical'],
    ['several calls about her appointment', 'calls without a number'],
  ])('does not escalate %j (%s)', (text) => {
    expect(gradeOf(text, { category: 'wait' })).toEqual({ tier: 'occasional', reasons: [{ code: 'first-minor' }] });
  });
});

describe('abuse is about people, not everyday verbs', () => {
  it('does not read "pushed her appointment" or "didn\'t hit the spot" as abuse', () => {
    expect(gradeOf('We pushed her appointment back a week').tier).toBe('occasional');
    expect(gradeOf("The filler didn't hit the spot").tier).toBe('occasional');
  });

  it('still reads violence toward staff as aggressive', () => {
    expect(codes(gradeOf('He pushed the receptionist and left').reasons)).toContain('abuse');
    expect(codes(gradeOf('She slapped the nurse').reasons)).toContain('abuse');
  });
});

describe('guessCategory', () => {
  it.each([
    ['Swelling and bruising two days after filler', 'complication'],
    ['Charged twice for the same visit', 'billing'],
    ['The invoice does not match the estimate', 'billing'],
    ['Felt pressured into buying a package', 'sales'],
    ['The receptionist was rude to her', 'conduct'],
    ['Waited 40 minutes past the appointment time', 'wait'],
    ['Results are uneven on the left side', 'results'],
    ['Front desk told her husband about the visit', 'privacy'],
    // first match wins: a complication outranks the bill it mentions
    ['Charged for the visit about the infection', 'complication'],
  ])('%j -> %s', (text, category) => {
    expect(guessCategory(text)).toBe(category);
  });

  it('guesses nothing from text without hints', () => {
    expect(guessCategory('She was unhappy about the music in the lobby')).toBeUndefined();
    expect(guessCategory('billboard outside')).toBeUndefined();
  });
});
