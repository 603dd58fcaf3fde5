import { describe, expect, it } from 'vitest';
import { createRedactor, maskContacts, publicContactsIn } from '../../src/privacy/redactor.js';
import { maskEmail, maskPhoneDigits } from '../../src/privacy/identifiers.js';

describe('maskContacts: phone numbers', () => {
  it.each([
    ['555-867-5309'],
    ['555.867.5309'],
    ['555 867 5309'],
    ['5558675309'],
    ['(555) 867-5309'],
    ['(555)867-5309'],
    ['+1 555 867 5309'],
    ['+1-555-867-5309'],
    ['+1 (555) 867-5309'],
    ['1-555-867-5309'],
    ['+15558675309'],
    ['867-5309'],
  ])('masks %j to its last four digits', (phone) => {
    expect(maskContacts(`call ${phone} today`)).toBe('call ***-***-5309 today');
    expect(maskContacts(`${phone}`)).toBe('***-***-5309');
  });

  it('masks several numbers in one text, next to punctuation', () => {
    expect(maskContacts('Cell: 555-201-3344, home (555) 201-7788.')).toBe('Cell: ***-***-3344, home ***-***-7788.');
  });
});

describe('maskContacts: email addresses', () => {
  it.each([
    ['jane.doe@example.com', 'j***@***.com'],
    ['J+tag@mail.example.co.uk', 'J***@***.uk'],
    ['5558675309@txt.example.net', '5***@***.net'],
  ])('masks %j', (email, masked) => {
    expect(maskContacts(`write to ${email}.`)).toBe(`write to ${masked}.`);
  });
});

describe('maskContacts leaves clinic identifiers alone', () => {
  it.each([
    'C-12',
    'C-1234567',
    'P-2001',
    'chart P-2001-44',
    '2026-11-23',
    '11/23/2026',
    '2026-11-23T14:30:00Z',
    '09:30',
    'Mon-Fri 09:00-18:00',
    'open 9:00-18:00',
    'invoice #4471 for $1,250.00',
    'room 101, 2 syringes, 40 units',
    'ids C-12 and C-13',
  ])('%j', (text) => {
    expect(maskContacts(text)).toBe(text);
  });

  it('in a sentence that also holds a phone number', () => {
    expect(maskContacts('C-12 for P-2001 on 2026-11-23 at 09:30: call 555-867-5309')).toBe(
      'C-12 for P-2001 on 2026-11-23 at 09:30: call ***-***-5309',
    );
  });
});

describe('helpers', () => {
  it('maskPhoneDigits and maskEmail', () => {
    expect(maskPhoneDigits('15550000142')).toBe('***-***-0142');
    expect(maskEmail('a@b.org')).toBe('a***@***.org');
  });

  it('maskContacts masks contacts with no name registry', () => {
    expect(maskContacts('x 555-123-4567 y@z.io')).toBe('x ***-***-4567 y***@***.io');
  });
});

describe("the practice's own contact details", () => {
  it('are left as published while every other number and address is masked', () => {
    const keep = publicContactsIn(['call our practice manager at (555) 010-0100 or desk@clinic.example']);
    expect(maskContacts('Call 555-010-0100 or desk@clinic.example; patient 555-123-4567 j@x.org', keep)).toBe(
      'Call 555-010-0100 or desk@clinic.example; patient ***-***-4567 j***@***.org',
    );
  });

  it("come from the redactor's current setting", () => {
    let line = '';
    const redactor = createRedactor(undefined, { publicContacts: () => publicContactsIn([line]) });
    expect(redactor.redact('555-010-0100')).toBe('***-***-0100');
    line = 'call 555-010-0100';
    expect(redactor.redact('555-010-0100')).toBe('555-010-0100');
  });
});

describe('numbers that are not phone numbers', () => {
  it('leaves Slack message timestamps alone, in text and in JSON log lines', () => {
    expect(maskContacts('ts 1763940000.123456 done')).toBe('ts 1763940000.123456 done');
    expect(maskContacts('{"ts":"1763940000.123456"}')).toBe('{"ts":"1763940000.123456"}');
    expect(maskContacts('call 555.867.5309.')).toBe('call ***-***-5309.');
  });
});
