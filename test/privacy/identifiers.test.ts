import { describe, expect, it } from 'vitest';
import { createRedactor, publicContactsIn } from '../../src/privacy/redactor.js';

/**
 * Contacts and identifiers as people write them: phone numbers of any country (the clinic's country
 * for numbers without a country code), extensions, spaced digits; obfuscated and full-width emails;
 * dates of birth; social security, card and long id numbers. And what must stay: Slack timestamps,
 * record ids, deadlines, times, prices, Discord ids, the practice's own published contacts.
 */
const us = createRedactor(undefined, { year: () => 2026 });
const gb = createRedactor(undefined, { year: () => 2026, country: () => 'GB' });

describe('phone numbers', () => {
  it.each([
    ['call +44 20 7946 0958 today', 'call ***-***-0958 today'],
    ['+61 412 345 678', '***-***-5678'],
    ['+33 6 12 34 56 78', '***-***-5678'],
    ['+34 612 34 56 78', '***-***-5678'],
    ['+52 55 1234 5678', '***-***-5678'],
    ['555-123-4567x12', '***-***-4567'],
    ['555-123-4567 ext. 12', '***-***-4567'],
    ['(555) 123-4567 ext 12, ask for the desk', '***-***-4567, ask for the desk'],
    ['5 5 5 1 2 3 4 5 6 7', '***-***-4567'],
    ['555 123 4567', '***-***-4567'],
    ['+1\u00A0555\u00A0123\u00A04567', '***-***-4567'],
    ['５５５-１２３-４５６７', '***-***-4567'], // full-width digits
    ['555\u200B-123-45\u200B67', '***-***-4567'], // zero-width spaces inside
    ['867-5309', '***-***-5309'],
  ])('%j (US clinic)', (text, expected) => {
    expect(us.redact(text)).toBe(expected);
  });

  it.each([
    ['mobile 07700 900123', 'mobile ***-***-0123'],
    ['020 7946 0958', '***-***-0958'],
    ['+1 555 123 4567', '***-***-4567'],
  ])('%j (GB clinic)', (text, expected) => {
    expect(gb.redact(text)).toBe(expected);
  });
});

describe('email addresses', () => {
  it.each([
    ['jessica (at) gmail (dot) com', 'j***@***.com'],
    ['jessica [at] gmail [dot] com', 'j***@***.com'],
    ['write to jessica at gmail dot com please', 'write to j***@***.com please'],
    ['j.moreno87 AT example DOT org', 'j***@***.org'],
    ['jessica＠gmail.com', 'j***@***.com'], // full-width at sign
    ['jessica@gmail\u200B.com', 'j***@***.com'],
    ['JESSICA@GMAIL.COM', 'J***@***.COM'],
  ])('%j', (text, expected) => {
    expect(us.redact(text)).toBe(expected);
  });

  it.each(['meet at noon dot com', 'we are at work dot and line', 'look at this'])('not %j', (text) => {
    expect(us.redact(text)).toBe(text);
  });
});

describe('dates of birth', () => {
  it.each([
    ['DOB 03/14/1987', 'DOB **/**/****'],
    ['DOB: 3/14/87', 'DOB: **/**/****'],
    ['d.o.b. 14.03.1987', 'd.o.b. **/**/****'],
    ['born March 14, 1987 in Ohio', 'born **/**/**** in Ohio'],
    ['birthday is March 14', 'birthday is **/**/****'],
    ['date of birth 1987-03-14', 'date of birth **/**/****'],
    ['seen 1987-03-14?', 'seen **/**/****?'], // a full date that long ago is a birth date
    ['14 March 1987', '**/**/****'],
    ['fecha de nacimiento: 14/03/1987', 'fecha de nacimiento: **/**/****'],
    ['nacida el 14 de marzo de 1987', 'nacida el **/**/****'],
    ['née le 14 mars 1987', 'née le **/**/****'],
    ['seen 1/2/87 for filler', 'seen **/**/**** for filler'], // the fewest digits a full date holds
  ])('%j', (text, expected) => {
    expect(us.redact(text)).toBe(expected);
  });

  it.each([
    'reply by Dec 24',
    'due 2026-12-24',
    'closed 2027-01-01..2027-01-02',
    'deadline 1 Jan 2027',
    'next year: 03/14/2027',
    'on 12/24/2026 at 10:00',
    'follow-up 2025-06-01',
    'back on Friday 5pm',
    'Mon-Fri 09:00-18:00',
    '2026-11-23T14:30:00Z',
  ])('not the deadline %j', (text) => {
    expect(us.redact(text)).toBe(text);
  });
});

describe('social security, card and id numbers', () => {
  it.each([
    ['SSN 123-45-6789', 'SSN ***-**-6789'],
    ['ssn: 123456789', 'ssn: ***-**-6789'],
    ['card 4111 1111 1111 1111 exp 12/28', 'card ****-****-****-1111 exp 12/28'],
    ['4111-1111-1111-1111', '****-****-****-1111'],
    ['amex 3782 822463 10005', 'amex ****-****-****-0005'],
    ['4111111111111111', '****-****-****-1111'],
    ['member id 123456789012', 'member id ***9012'],
  ])('%j', (text, expected) => {
    expect(us.redact(text)).toBe(expected);
  });

  it('a 16-digit number that fails the Luhn check is not a card: grouped it stays, bare it is a long id', () => {
    expect(us.redact('ref 4111 1111 1111 1112')).toBe('ref 4111 1111 1111 1112');
    expect(us.redact('ref 4111111111111112')).toBe('ref ***1112');
  });
});

describe('what stays as it is', () => {
  it.each([
    'ts 1763940000.123456 done',
    '{"ts":"1763940000.123456"}',
    'C-12 for P-2001, I-3 and M-4',
    'C-1234567',
    'chart P-2001-44',
    '<@123456789012345678> and <#1180000000000000300>',
    'managers = 1180000000000001001, 1180000000000001002',
    'invoice #4471 for $1,250.00',
    'room 101, 2 syringes, 40 units at 09:30',
    'v2.14.3 and 3.5 ml',
    'received 2026-11-23 14:05:00',
    '{"at":"2026-12-02T01:00:00.000Z","ms":1234567}',
    'build 20251124.1 took 1234567 ms',
    'https://slack.com/archives/CINBOX/p1772456340000001', // a Luhn-valid 16 digits, joined to the p
    'https://discord.com/channels/1180000000000000002/1180000000000000300/1180000000000000301',
  ])('%j', (text) => {
    expect(us.redact(text)).toBe(text);
  });

  it.each(['GB', 'AU', 'FR'] as const)('log-like text stays in a %s clinic too', (country) => {
    const redactor = createRedactor(undefined, { year: () => 2026, country: () => country });
    for (const text of [
      'received 2026-11-23 14:05:00',
      '{"ms":1234567,"ts":"1763940000.123456"}',
      'build 20251124.1',
      'ids 20261202',
    ]) {
      expect(redactor.redact(text)).toBe(text);
    }
  });

  it('the practice’s published contacts, in any country format, are left as written', () => {
    const keep = publicContactsIn(['call us on +44 20 7946 0000 or desk@clinic.example'], 'GB');
    const redactor = createRedactor(undefined, { country: () => 'GB', publicContacts: () => keep, year: () => 2026 });
    expect(redactor.redact('Call 020 7946 0000 or desk@clinic.example; patient 020 7946 0958')).toBe(
      'Call 020 7946 0000 or desk@clinic.example; patient ***-***-0958',
    );
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    const once = us.redact(
      'DOB 3/14/87, SSN 123-45-6789, card 4111 1111 1111 1111, +44 20 7946 0958, j (at) gmail (dot) com',
    );
    expect(us.redact(once)).toBe(once);
  });
});
