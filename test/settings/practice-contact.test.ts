import { afterEach, describe, expect, it } from 'vitest';
import { contactClause } from '../../src/settings/practice-contact.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/**
 * One rule for the practice contact line: managers type it as a clause ("call us at 555-0100") or as
 * a sentence ("Please call us at 555-0100."); review replies and the termination letter both say
 * "please <clause>." with it, so neither ever reads "please Please call ...".
 */
describe('contactClause', () => {
  it.each([
    [undefined, 'call our practice manager'],
    ['', 'call our practice manager'],
    ['call our practice manager at 555-0100', 'call our practice manager at 555-0100'],
    ['Please call our front desk at 555-0100.', 'call our front desk at 555-0100'],
    ['please, Email us at hello@clinic.example!', 'email us at hello@clinic.example'],
    ['Our manager Dana will gladly help: 555-0100', 'Our manager Dana will gladly help: 555-0100'],
  ])('%j reads as %j', (setting, clause) => {
    expect(contactClause(setting)).toBe(clause);
  });
});

describe('the contact line where Tact writes it', () => {
  let t: TestServices;
  afterEach(async () => {
    await t.close();
  });

  it('a review reply says "please call ..." once, however the setting was typed', async () => {
    t = await buildServices({ env: { TACT_PRACTICE_CONTACT: 'Please call our practice manager at 555-0142.' } });
    const review = await t.services.reviews.receive({
      text: '1 star. Waited an hour.',
      postedBy: 'USTAFF',
      channelId: 'CREVIEWS',
      threadId: '1.1',
    });
    const drafted = await t.services.reviews.draft(review.number, 'default', 'USTAFF');
    const text = drafted.ok ? (drafted.draft?.text ?? '') : '';
    expect(text).toMatch(/please call our practice manager at 555-0142\./);
    expect(text).not.toMatch(/please please/i);
  });
});
