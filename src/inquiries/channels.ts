import type { PatientChannel } from './model.js';

/**
 * Reads the patient's channel from a message forwarded into an inbox channel and from the name of
 * the integration that posted it (phone systems, email forwarders, social inboxes). First match wins:
 * the specific signals (voicemail, Instagram) come before the general ones (call, message).
 */
const HINTS: ReadonlyArray<[PatientChannel, RegExp]> = [
  ['voicemail', /\b(voicemail|voice mail|missed call|vm from)\b/i],
  ['instagram', /\b(instagram|ig dm|insta)\b/i],
  ['facebook', /\b(facebook|messenger|fb message)\b/i],
  ['google', /\b(google business|google message|google my business|gbm|business messages)\b/i],
  ['web-form', /\b(web ?form|contact form|form submission|website form|new lead from (the )?website)\b/i],
  ['email', /\b(e-?mail|subject:|from:.*@|inbox)\b/i],
  ['text', /\b(sms|text message|texted|new text|mms|imessage)\b/i],
  ['phone', /\b(phone call|incoming call|call from|called|callback request)\b/i],
  ['walk-in', /\b(walk-?in|walked in|at the front desk)\b/i],
];

export function detectChannel(text: string, integrationName?: string): PatientChannel {
  const haystack = `${integrationName ?? ''}\n${text}`;
  return HINTS.find(([, pattern]) => pattern.test(haystack))?.[0] ?? 'unknown';
}
