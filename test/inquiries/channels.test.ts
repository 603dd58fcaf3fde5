import { describe, expect, it } from 'vitest';
import { detectChannel } from '../../src/inquiries/channels.js';
import { CHANNEL_WORDS, PATIENT_CHANNELS, REPLY_IN_KIND, parseInquiryId } from '../../src/inquiries/model.js';

/** Reading the patient's channel from a forwarded message and the integration that posted it. */
describe('detectChannel', () => {
  it.each([
    ['New SMS from ***-***-0142: can I move my appointment?', undefined, 'text'],
    ['New text message from a patient', undefined, 'text'],
    ['Message from ***-***-0142', 'RingCentral SMS', 'text'],
    ['Voicemail from ***-***-0142 (0:42)', 'RingCentral', 'voicemail'],
    ['Missed call from ***-***-0142', undefined, 'voicemail'],
    ['Incoming call from ***-***-0142, 2 min', undefined, 'phone'],
    ['New Instagram DM from @someone', undefined, 'instagram'],
    ['New message on Facebook Messenger', undefined, 'facebook'],
    ['New message via Google Business Messages', undefined, 'google'],
    ['New contact form submission from the website', undefined, 'web-form'],
    ['Subject: question about fillers', 'Email forwarder', 'email'],
    ['Patient walked in without an appointment', undefined, 'walk-in'],
    ['Hello, can someone help me?', 'Zapier', 'unknown'],
  ] as const)('%s (%s) -> %s', (text, integration, expected) => {
    expect(detectChannel(text, integration)).toBe(expected);
  });

  it('the specific signal wins over the general one: a voicemail sent by SMS gateway is a voicemail', () => {
    expect(detectChannel('Voicemail from ***-***-0142', 'Twilio SMS')).toBe('voicemail');
  });
});

describe('channel words and ids', () => {
  it('every word staff may type maps to a known channel, and every channel says how to reply', () => {
    for (const channel of Object.values(CHANNEL_WORDS)) expect(PATIENT_CHANNELS).toContain(channel);
    for (const channel of PATIENT_CHANNELS) expect(REPLY_IN_KIND[channel]).toMatch(/\S/);
    expect(REPLY_IN_KIND.text).toContain('reply by text');
    expect(REPLY_IN_KIND.phone).toContain('call back');
  });

  it('reads I-7, i7 and 7 as inquiry 7, and nothing else', () => {
    expect(parseInquiryId('I-7')).toBe(7);
    expect(parseInquiryId(' i7 ')).toBe(7);
    expect(parseInquiryId('7')).toBe(7);
    expect(parseInquiryId('C-7')).toBeUndefined();
    expect(parseInquiryId('I-')).toBeUndefined();
    expect(parseInquiryId('seven')).toBeUndefined();
  });
});
