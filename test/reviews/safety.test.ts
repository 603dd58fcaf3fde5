import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, TactError } from '../../src/errors.js';
import { PromptLibrary } from '../../src/prompts.js';
import { CHECKS, DEFAULT_MAX_LENGTH, createSafetyCheck, type CheckId, type SafetyInput } from '../../src/reviews/safety.js';
import { parseTemplates, templateReply, type TemplateSet } from '../../src/reviews/templates.js';
import { BUILT_IN_VOCABULARY, loadVocabulary } from '../../src/reviews/vocabulary.js';
import { behave, startFakeOpenAi } from '../doubles/fake-openai.js';
import { buildServices, REPO_ROOT } from '../doubles/services.js';
import { everyCombination } from './helpers.js';

/**
 * The deterministic check every review-reply draft passes before anyone sees it. The leaking
 * drafts below are written from the HHS Office for Civil Rights cases (a dental practice that
 * disclosed patients' treatment and insurance in review replies, 2019 and 2022; a mental-health
 * practice that revealed a reviewer's diagnosis and treatment, 2023) and from what a stressed
 * front desk, or a drafting model, might plausibly write.
 */
const safety = createSafetyCheck(BUILT_IN_VOCABULARY);

const REVIEW =
  'Two stars. Waited almost an hour past my time and nobody at the front desk could explain the bill. The place looks nice but I will not be coming back. - Jordan P.';
const REVIEWER = 'Jordan P.';
const CONTACT = 'please call our practice manager.';

function check(draft: string, extra: Partial<SafetyInput> = {}) {
  return safety.check({ draft, review: REVIEW, reviewerName: REVIEWER, allowed: [CONTACT], ...extra });
}

interface Leak {
  /** where the idea comes from */
  source: string;
  draft: string;
  /** the check that must fire (others may fire too) */
  check: CheckId;
  review?: string;
  reviewerName?: string;
}

const LEAKS: Leak[] = [
  // HHS 2019, a dental practice: the patient's name, treatment plan, insurance and cost in Yelp replies.
  { source: 'HHS dental 2019', check: 'patient-status', draft: "We're sorry you were unhappy, but your insurance only covered part of the root canal." },
  { source: 'HHS dental 2019', check: 'care-details', draft: 'The treatment plan we discussed included two crowns, and the insurance company denied the claim, not us.' },
  { source: 'HHS dental 2019', check: 'care-details', draft: "We billed the insurance carrier first, and the remaining balance of $1,240 is the patient's responsibility." },
  { source: 'HHS dental 2019', check: 'patient-status', draft: 'Our records show the deep cleaning was completed and the claim was sent to the carrier.' },
  { source: 'HHS dental 2019', check: 'care-details', draft: 'The x-rays clearly showed decay, which is why the extraction was recommended.' },
  // HHS 2022, another dental practice: names, treatment and insurance in replies to reviews.
  { source: 'HHS dental 2022', check: 'care-details', draft: 'Hello Ms. Chen, we confirmed the time three times before it was missed.' },
  { source: 'HHS dental 2022', check: 'care-details', draft: 'We are surprised by this, since the whitening and the veneers were approved in writing.' },
  { source: 'HHS dental 2022', check: 'care-details', draft: 'The copay was collected at check-in, as the plan requires.' },
  { source: 'HHS dental 2022', check: 'care-details', draft: 'We are sorry the crown came loose; it was placed correctly and the filling underneath was sound.' },
  // HHS 2023, a mental-health practice: the reviewer's diagnosis and treatment in a reply.
  { source: 'HHS mental health 2023', check: 'care-details', draft: 'We understand that living with bipolar disorder is hard, and the psychiatrist followed the standard protocol.' },
  { source: 'HHS mental health 2023', check: 'patient-status', draft: 'As your therapist explained, nothing can be prescribed without a follow-up.' },
  { source: 'HHS mental health 2023', check: 'care-details', draft: 'Counseling for anxiety takes time, and the plan was explained at the first meeting.' },
  { source: 'HHS mental health 2023', check: 'care-details', draft: "The PTSD diagnosis was documented and shared only with the care team." },
  { source: 'HHS mental health 2023', check: 'care-details', draft: 'We followed up by phone twice after the missed therapy session.' },
  { source: 'HHS mental health 2023', check: 'care-details', draft: 'We take this seriously and hope the new antidepressant is helping.' },
  // Confirming or implying the reviewer is a patient.
  { source: 'patient status', check: 'patient-status', draft: 'When you came in, our staff did everything they could to help.' },
  { source: 'patient status', check: 'patient-status', draft: 'As your provider, I can assure you everything met every standard.' },
  { source: 'patient status', check: 'patient-status', draft: 'We are sorry your visit did not go as planned.' },
  { source: 'patient status', check: 'patient-status', draft: 'We looked into this, and our notes show someone called back the same day.' },
  { source: 'patient status', check: 'patient-status', draft: 'We hope to see you again soon so we can make it right.' },
  { source: 'patient status', check: 'patient-status', draft: 'Thank you for being a loyal patient of ours for so many years.' },
  { source: 'patient status', check: 'patient-status', draft: 'As a patient, you agreed to our cancellation policy.' },
  { source: 'patient status', check: 'patient-status', draft: 'You signed the consent form before anything was done.' },
  { source: 'patient status', check: 'patient-status', draft: 'We have no record of a complaint from you, which surprises us.' },
  { source: 'patient status', check: 'patient-status', draft: 'It was a pleasure to see you, and we hope everything is settling down.' },
  // Polite thanks and regrets that still take the relationship for granted.
  { source: 'patient status', check: 'patient-status', draft: 'Thank you for choosing us, and we are sorry this fell short.' },
  { source: 'patient status', check: 'patient-status', draft: 'We are grateful that so many families chose us, and sorry this one fell short.' },
  { source: 'patient status', check: 'patient-status', draft: 'We look forward to welcoming you back and doing better.' },
  { source: 'patient status', check: 'patient-status', draft: 'We hope to welcome you back soon.' },
  { source: 'patient status', check: 'patient-status', draft: 'We are sorry to hear how you felt after you visited us.' },
  { source: 'patient status', check: 'patient-status', draft: 'We are sorry your experience with our clinic was not better.' },
  { source: 'patient status', check: 'patient-status', draft: 'We have reviewed your case with the whole team.' },
  { source: 'patient status', check: 'patient-status', draft: 'We are sorry the wait was longer than expected.' },
  { source: 'patient status', check: 'patient-status', draft: 'We are sorry your wait felt so long.' },
  { source: 'patient status', check: 'patient-status', draft: 'We are sorry you waited without an explanation.' },
  // Care details: treatment, product, body area, outcome, person, date, amount.
  { source: 'care details', check: 'care-details', draft: 'We are sorry the Botox ran late that morning; the schedule was unusually full.' },
  { source: 'care details', check: 'care-details', draft: 'Dr. Patel spent a long time answering every question.' },
  { source: 'care details', check: 'care-details', draft: 'Nurse Kim is one of our most experienced team members.' },
  { source: 'care details', check: 'care-details', draft: 'We never charge $450 for anything without explaining it first.' },
  { source: 'care details', check: 'care-details', draft: 'Filler in the lips can take a while to settle, which is normal.' },
  { source: 'care details', check: 'care-details', draft: 'Swelling and bruising are common side effects and usually fade.' },
  { source: 'care details', check: 'care-details', draft: 'We only use Juvederm, never a cheaper product.' },
  { source: 'care details', check: 'care-details', draft: 'We are sorry you felt rushed; we were short-staffed that Saturday.' },
  { source: 'care details', check: 'care-details', draft: 'We were fully booked on 3/14, which is why things ran behind.' },
  { source: 'care details', check: 'care-details', draft: 'It is normal to need a touch-up, and we explain that in advance.' },
  { source: 'care details', check: 'care-details', draft: 'The dermatologist only suggested Accutane because the acne was severe.' },
  { source: 'care details', check: 'care-details', draft: 'The receptionist remembers that conversation differently.' },
  { source: 'care details', check: 'care-details', draft: 'We are sorry about the wait, which was 45 minutes that day.' },
  { source: 'care details', check: 'care-details', draft: 'We were sorry to hear things had not improved after 3 weeks.' },
  { source: 'care details', check: 'care-details', draft: 'The bill of two hundred dollars reflects our standard fees.' },
  // The reviewer's name, and the review's own words coming back.
  { source: 'reviewer name', check: 'care-details', draft: 'Jordan, we hear you and we want to do better.' },
  { source: 'reviewer name', check: 'care-details', draft: 'Thank you for writing, Jordan.' },
  { source: 'names', check: 'care-details', draft: 'Mrs. Chen, we are sorry the wait was long.', reviewerName: undefined },
  { source: 'names', check: 'care-details', draft: 'Maria, thank you for taking the time to write to us.', reviewerName: undefined },
  { source: 'names', check: 'care-details', draft: 'Thank you for the kind words about Melissa and the whole team.', reviewerName: undefined },
  { source: 'dates', check: 'care-details', draft: 'It was lovely to meet last spring, and we are sorry things changed.' },
  {
    source: 'distinctive phrase',
    check: 'care-details',
    draft: 'We are sorry nobody at the front desk could explain the bill.',
  },
  {
    source: 'distinctive phrase',
    check: 'care-details',
    review: 'The laser tech left a checkerboard pattern of pink squares across my neck.',
    reviewerName: undefined,
    draft: 'We are sorry to hear about a checkerboard pattern of pink squares.',
  },
  // Money, discounts, and asking for the review to go.
  { source: 'offers', check: 'offers', draft: 'We would be happy to offer a full refund for the trouble.' },
  { source: 'offers', check: 'offers', draft: 'Please accept a discount on anything you choose next time.' },
  { source: 'offers', check: 'offers', draft: "We'd like to make this right with a gift card." },
  { source: 'offers', check: 'offers', draft: 'If we resolve this by phone, would you be willing to remove the review?' },
  { source: 'offers', check: 'offers', draft: 'Once we talk, we hope you will take it down.' },
  { source: 'offers', check: 'offers', draft: 'We would like to offer something complimentary to make up for it.' },
  { source: 'offers', check: 'offers', draft: 'After we talk, would you consider changing your review?' },
  // Links, mentions and markup.
  { source: 'links', check: 'links-markup', draft: 'Please read our policies at https://glow-clinic.example/policies first.' },
  { source: 'links', check: 'links-markup', draft: 'Visit www.glowclinic.com to find a time to talk.' },
  { source: 'links', check: 'links-markup', draft: 'Write to care@glowclinic.com and we will answer.' },
  { source: 'links', check: 'links-markup', draft: 'Please reach out to @frontdesk so we can help.' },
  { source: 'links', check: 'links-markup', draft: 'We are **very** sorry to read this.' },
  { source: 'links', check: 'links-markup', draft: 'Thank you. <!channel> please follow up.' },
  { source: 'links', check: 'links-markup', draft: 'Thank you. Our [privacy notice](http://x.io) explains why we say little here.' },
  { source: 'links', check: 'links-markup', draft: 'We are #grateful for every comment and will do better.' },
  // Too long.
  {
    source: 'length',
    check: 'length',
    draft: Array.from({ length: 8 }, () => 'Thank you for sharing your thoughts; we read every comment we receive and we take them to heart.').join(' '),
  },
];

describe('the safety check blocks leaking drafts', () => {
  it('has a corpus of at least 30 leaking drafts covering every check', () => {
    expect(LEAKS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(LEAKS.map((l) => l.check))).toEqual(new Set(CHECKS));
    expect(LEAKS.filter((l) => l.source.startsWith('HHS')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(LEAKS.map((leak) => [leak.source, leak.check, leak.draft, leak] as const))('%s, %s: "%s"', (_source, id, _draft, leak) => {
    const result = check(leak.draft, {
      ...('review' in leak ? { review: leak.review ?? '' } : {}),
      ...('reviewerName' in leak ? { reviewerName: leak.reviewerName } : {}),
    });
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.check)).toContain(id);
    expect(result.passed).not.toContain(id);
    // every finding says what it found, so the model can be told
    for (const finding of result.findings) expect(finding.detail.length).toBeGreaterThan(5);
  });

  it('names what it found in each finding', () => {
    const result = check('We hope your Botox results with Dr. Patel on Tuesday were worth the $300; here is a refund.');
    const details = result.findings.map((f) => f.detail).join('\n');
    expect(details).toContain('"botox"');
    expect(details).toMatch(/dr\. p/i);
    expect(details).toContain('"tuesday"');
    expect(details).toContain('$3');
    expect(details).toContain('"refund"');
    expect(result.passed).toEqual(['patient-status', 'links-markup', 'length']);
  });

  it('is not fooled by capitals', () => {
    expect(check('WE ARE SORRY ABOUT YOUR VISIT.').findings.map((f) => f.check)).toContain('patient-status');
    expect(check('We never rush BOTOX.').findings.map((f) => f.check)).toContain('care-details');
  });
});

const SAFE = [
  `Thank you for taking the time to write. We take every comment seriously and hold ourselves to high standards of courtesy and respect. We would welcome a conversation: ${CONTACT}`,
  `We appreciate your feedback. Privacy rules keep us from discussing anything in a public forum, but we would like to listen: ${CONTACT}`,
  `Thank you for sharing your thoughts. We are always looking for ways to improve, and we would be grateful for the chance to talk directly: ${CONTACT}`,
  `We are sorry to read this. Everyone who contacts us deserves to feel heard and respected. Please reach out: ${CONTACT}`,
  'Thank you for letting us know. We hold ourselves to high standards of communication, and we take concerns like this seriously.',
  'We appreciate you taking the time to share this. Feedback like yours helps our whole team improve.',
  'Thank you. We care about how everyone feels after contacting our practice, and we would like to hear more.',
  "Thank you for your honest words. We can't discuss specifics here because we protect everyone's privacy.",
  'We hear you, and we are sorry to learn you are disappointed. We would value a private conversation to understand more.',
  `Thank you for your feedback; we take it seriously and would like to talk: ${CONTACT}`,
  'Thank you for this feedback. Our team reads every comment, and we are committed to clear communication and courtesy.',
  `Unfortunately, privacy rules keep us from discussing anything here, but we would like to talk: ${CONTACT}`,
  `We are grateful you took a moment to tell us this. We want everyone to feel respected, and we would like to talk: ${CONTACT}`,
];

async function templateSet(contact: string): Promise<TemplateSet> {
  const prompts = await PromptLibrary.load(join(REPO_ROOT, 'prompts'));
  return parseTemplates(prompts.render('review-templates', { contact }));
}

describe('the safety check lets good replies through', () => {
  it.each(SAFE)('passes "%s"', (draft) => {
    const result = check(draft);
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.passed).toEqual([...CHECKS]);
  });

  const contacts = [
    CONTACT,
    'call our practice manager at 555-0142.',
    'please call Dana Whitfield, our practice manager, at (212) 555-0142.',
  ];
  it.each(contacts)('passes every combination the built-in templates can produce, with the contact line "%s"', async (contact) => {
    const set = await templateSet(contact);
    const combinations = everyCombination(set);
    // 4 openings x 4 middles x 3 closings, the same with one of 2 warm lines, and 2 short lines
    expect(combinations.length).toBe(set.opening.length * set.middle.length * set.closing.length * (1 + set.warm.length) + set.short.length);
    expect(combinations.length).toBeGreaterThanOrEqual(100);
    const failures = combinations
      .map((draft) => ({ draft, result: check(draft, { allowed: [contact] }) }))
      .filter(({ result }) => !result.ok)
      .map(({ draft, result }) => `${draft}\n  -> ${result.findings.map((f) => f.detail).join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('the template drafter only ever produces those combinations', async () => {
    const set = await templateSet(CONTACT);
    const possible = new Set(everyCombination(set));
    const seen = new Set<string>();
    for (let seed = 0; seed < 400; seed += 1) {
      for (const style of ['default', 'shorter', 'warmer'] as const) {
        const text = templateReply(set, style, seed);
        expect(possible.has(text), text).toBe(true);
        seen.add(text);
      }
    }
    // and it varies: many different replies, not one
    expect(seen.size).toBeGreaterThan(20);
  });

  it('allows the practice contact line even with a phone number and a name in it, but not the same words elsewhere', () => {
    const contact = 'please call Dana Whitfield, our practice manager, at (212) 555-0142.';
    const draft = `Thank you for your feedback. We would like to talk with you directly: ${contact}`;
    expect(check(draft, { allowed: [contact] }).ok).toBe(true);
    const without = check(draft, { allowed: [] });
    expect(without.ok).toBe(false);
    expect(without.findings.map((f) => f.detail).join(' ')).toMatch(/555|0142|212/);
    expect(without.findings.map((f) => f.detail).join(' ')).toContain('Dana');
    // a phone number anywhere else in the draft is still an amount
    expect(check(`Call 212-555-0199 instead. ${contact}`, { allowed: [contact] }).ok).toBe(false);
  });

  it('recognises the contact line when a sentence starts with it or it loses its full stop', () => {
    const contact = 'please call our practice manager at 555-0142.';
    expect(check('Thank you for your feedback. Please call our practice manager at 555-0142.', { allowed: [contact] }).ok).toBe(true);
    expect(check('Thank you for your feedback; please call our practice manager at 555-0142 so we can talk.', { allowed: [contact] }).ok).toBe(true);
  });

  it('allows the practice name given to it, as it is when the draft is checked', () => {
    let name = 'Glow Aesthetics';
    const named = createSafetyCheck(BUILT_IN_VOCABULARY, () => [name]);
    const draft = 'Thank you for writing to Glow Aesthetics. We take every comment seriously.';
    expect(named.check({ draft, review: REVIEW }).ok).toBe(true);
    expect(safety.check({ draft, review: REVIEW }).ok).toBe(false);
    name = 'Radiance Clinic'; // renamed with /tact settings set practice-name
    expect(named.check({ draft, review: REVIEW }).ok).toBe(false);
    expect(named.check({ draft: 'Thank you for writing to Radiance Clinic.', review: REVIEW }).ok).toBe(true);
  });

  it('uses 700 characters as the default limit and honours another', () => {
    expect(DEFAULT_MAX_LENGTH).toBe(700);
    const sentence = 'We take every comment seriously and hold ourselves to high standards. ';
    const draft = sentence.repeat(Math.ceil(701 / sentence.length)).slice(0, 701);
    expect(check(draft).findings.map((f) => f.check)).toEqual(['length']);
    expect(check(draft.slice(0, 700)).findings.map((f) => f.check)).not.toContain('length');
    expect(check(draft.slice(0, 150), { maxLength: 120 }).findings.map((f) => f.check)).toContain('length');
  });
});

describe('distinctive phrases and names from the review', () => {
  it('blocks a four-word run copied from the review, but not runs of common words', () => {
    const review = 'My daughter said the waiting room smelled like burnt popcorn and the receptionist rolled her eyes.';
    const copied = safety.check({ draft: 'We are sorry the waiting room smelled like burnt popcorn.', review });
    expect(copied.ok).toBe(false);
    expect(copied.findings.some((f) => f.check === 'care-details' && f.detail.includes('repeats the review'))).toBe(true);
    // common words shared with the review are fine
    const common = safety.check({ draft: 'Thank you, and we are sorry to hear it.', review: 'I am sorry to say it was not what I hoped.' });
    expect(common.ok).toBe(true);
  });

  it('blocks the reviewer name, first or last, in any case', () => {
    for (const draft of ['Thank you, Jordan.', 'Thank you for writing, jordan.', 'Dear Jordan, thank you.', 'Jordan, thank you for writing.']) {
      const result = safety.check({ draft, review: REVIEW, reviewerName: 'Jordan Price' });
      expect(result.ok, draft).toBe(false);
      expect(result.findings.some((f) => f.detail.includes('names the reviewer')), draft).toBe(true);
    }
    expect(safety.check({ draft: 'Thank you for writing.', review: REVIEW, reviewerName: 'Jordan Price' }).ok).toBe(true);
  });

  it('blocks a capitalised name in mid-sentence even when the reviewer gave none', () => {
    const result = safety.check({ draft: 'We passed this on to Melissa, who will be in touch.', review: REVIEW });
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.detail).join(' ')).toContain('Melissa');
  });
});

describe('a clinic vocabulary file (TACT_REVIEW_VOCABULARY)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tact-vocab-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('without a file, the built-in lists are used', async () => {
    expect(await loadVocabulary(undefined)).toBe(BUILT_IN_VOCABULARY);
  });

  it('extends the built-in lists', async () => {
    const file = join(dir, 'clinic.json');
    await writeFile(file, JSON.stringify({ treatments: ['hydrojelly mask', 'glass skin facial'], people: ['marisol'], offers: ['loyalty points'] }));
    const vocabulary = await loadVocabulary(file);
    expect(vocabulary.treatments).toEqual(expect.arrayContaining(['botox', 'hydrojelly mask', 'glass skin facial']));
    expect(vocabulary.patientStatus).toEqual(BUILT_IN_VOCABULARY.patientStatus);
    const clinic = createSafetyCheck(vocabulary);
    const review = 'Not impressed.';
    expect(clinic.check({ draft: 'We are sorry the hydrojelly mask felt rushed.', review }).findings.map((f) => f.check)).toContain('care-details');
    expect(clinic.check({ draft: 'We spoke to marisol about this.', review }).findings.map((f) => f.detail).join(' ')).toContain('marisol');
    expect(clinic.check({ draft: 'We would like to add loyalty points for you.', review }).findings.map((f) => f.check)).toContain('offers');
    // the built-in words still count
    expect(clinic.check({ draft: 'We are sorry the Botox felt rushed.', review }).ok).toBe(false);
    // and the built-in check does not know the clinic's words
    expect(safety.check({ draft: 'We are sorry the hydrojelly mask felt rushed.', review }).ok).toBe(true);
  });

  it('reaches the drafts when set in the environment: a model draft naming a clinic word is not shown', async () => {
    const file = join(dir, 'env.json');
    await writeFile(file, JSON.stringify({ treatments: ['hydrojelly mask'] }));
    const model = await startFakeOpenAi();
    const leaking = 'We are sorry the hydrojelly mask was not what you hoped for. Please call our practice manager.';
    model.otherwise(behave.reply(leaking));
    const { services, close } = await buildServices({ env: { TACT_REVIEW_VOCABULARY: file, OPENAI_API_KEY: 'test', OPENAI_BASE_URL: model.baseUrl } });
    try {
      const review = await services.reviews.receive({ text: 'Total waste of an afternoon, never again.', postedBy: 'U1' });
      const drafted = await services.reviews.draft(review.number, 'default', 'U1');
      expect(model.requests()).toHaveLength(2);
      expect(drafted.ok && drafted.draft).toMatchObject({ source: 'template', blocked: 2 });
      if (drafted.ok) expect(drafted.draft?.text).not.toContain('hydrojelly');
    } finally {
      await close();
      await model.close();
    }
  });

  const BAD: Array<[string, string]> = [
    ['not JSON', '{ treatments: [botox'],
    ['a list that is not a list', JSON.stringify({ treatments: 'hydrojelly mask' })],
    ['words that are not strings', JSON.stringify({ people: [42] })],
    ['not an object', JSON.stringify(['botox'])],
  ];
  it.each(BAD)('rejects a file that is %s with TACT_CONFIG_INVALID', async (_what, content) => {
    const file = join(dir, `bad-${Math.random().toString(16).slice(2)}.json`);
    await writeFile(file, content);
    const error = await loadVocabulary(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TactError);
    expect((error as TactError).code).toBe(ErrorCode.ConfigInvalid);
    expect((error as TactError).code).toBe('TACT_CONFIG_INVALID');
    expect((error as TactError).message).toContain('TACT_REVIEW_VOCABULARY');
  });

  it('rejects a missing file with TACT_CONFIG_INVALID, also at start-up', async () => {
    const missing = join(dir, 'nope.json');
    await expect(loadVocabulary(missing)).rejects.toMatchObject({ code: 'TACT_CONFIG_INVALID' });
    await expect(buildServices({ env: { TACT_REVIEW_VOCABULARY: missing } })).rejects.toMatchObject({ code: 'TACT_CONFIG_INVALID' });
  });
});
