import { z } from 'zod';
import { recordIds } from '../ids.js';

/** The ways a patient reaches the practice; a reply goes back the same way. */
export const PATIENT_CHANNELS = [
  'text',
  'phone',
  'voicemail',
  'email',
  'web-form',
  'facebook',
  'instagram',
  'google',
  'walk-in',
  'unknown',
] as const;
export type PatientChannel = (typeof PATIENT_CHANNELS)[number];

export const CHANNEL_LABELS: Record<PatientChannel, string> = {
  text: 'text message',
  phone: 'phone call',
  voicemail: 'voicemail or missed call',
  email: 'email',
  'web-form': 'web form',
  facebook: 'Facebook',
  instagram: 'Instagram',
  google: 'Google',
  'walk-in': 'walk-in',
  unknown: 'unknown channel',
};

/** Answer in kind: what staff are told when a message waits. */
export const REPLY_IN_KIND: Record<PatientChannel, string> = {
  text: 'patient texted: reply by text',
  phone: 'patient called: call back',
  voicemail: 'patient left a voicemail or missed call: call back',
  email: 'patient emailed: reply by email',
  'web-form': 'patient used the web form: reply the way the form asked (email or phone)',
  facebook: 'patient wrote on Facebook: reply on Facebook',
  instagram: 'patient wrote on Instagram: reply on Instagram',
  google: 'patient wrote through Google: reply through Google',
  'walk-in': 'patient came in: call them back or speak in person',
  unknown: 'channel unknown: set it, then reply the way the patient wrote',
};

/** Words staff type for a channel in `/inquiry <channel> ...`. */
export const CHANNEL_WORDS: Record<string, PatientChannel> = {
  text: 'text',
  sms: 'text',
  texted: 'text',
  call: 'phone',
  phone: 'phone',
  called: 'phone',
  voicemail: 'voicemail',
  vm: 'voicemail',
  missed: 'voicemail',
  'missed-call': 'voicemail',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  form: 'web-form',
  'web-form': 'web-form',
  web: 'web-form',
  webform: 'web-form',
  facebook: 'facebook',
  fb: 'facebook',
  messenger: 'facebook',
  instagram: 'instagram',
  ig: 'instagram',
  insta: 'instagram',
  google: 'google',
  gbm: 'google',
  'walk-in': 'walk-in',
  walkin: 'walk-in',
  visit: 'walk-in',
  'in-person': 'walk-in',
};

export const INQUIRY_STATUSES = ['open', 'claimed', 'answered'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const INQUIRY_NUDGES = ['thread', 'managers'] as const;
export type InquiryNudge = (typeof INQUIRY_NUDGES)[number];

/** How a wants-the-doctor inquiry was answered: the provider called back, or the patient accepted the triage. */
export const DOCTOR_OUTCOMES = ['provider-called', 'triage-accepted'] as const;
export type DoctorOutcome = (typeof DOCTOR_OUTCOMES)[number];

/** The patient asked for the provider: routed to them, and answered only by their call or an accepted triage. */
export const WantsDoctor = z.object({
  at: z.iso.datetime(),
  by: z.string(),
  /** a button, the `/inquiry --doctor` flag, the message's words, or the intake field */
  how: z.enum(['button', 'flag', 'words', 'intake']),
  /** the nurse or extender who claimed it to triage until the provider is free */
  triagedBy: z.string().optional(),
  outcome: z.enum(DOCTOR_OUTCOMES).optional(),
});
export type WantsDoctor = z.infer<typeof WantsDoctor>;

export const Inquiry = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  channel: z.enum(PATIENT_CHANNELS),
  patientRef: z.string().optional(),
  /** masked at intake */
  contact: z.string().optional(),
  /** a staff member's short note (from /inquiry), redacted; patient message bodies are never kept */
  summary: z.string().optional(),
  receivedAt: z.iso.datetime(),
  /**
   * Logged after the fact (`/inquiry`) without the time it arrived: receivedAt is when it was typed,
   * so its response time is not a response time and is left out of the figures.
   */
  arrivalUnknown: z.boolean().optional(),
  /** emergency signs its words showed on arrival (labels from Tact's list; the words are not kept) */
  signs: z.array(z.string()).optional(),
  /** where it is tracked in chat: the message whose thread gets nudges */
  chatChannelId: z.string().optional(),
  chatMessageId: z.string().optional(),
  link: z.string().optional(),
  origin: z.enum(['inbox', 'command', 'intake']),
  loggedBy: z.string(),
  owner: z.string().optional(),
  status: z.enum(INQUIRY_STATUSES),
  answeredAt: z.iso.datetime().optional(),
  answeredBy: z.string().optional(),
  /** business milliseconds from receipt to the answer */
  firstResponseMs: z.number().nonnegative().optional(),
  nudged: z.partialRecord(z.enum(INQUIRY_NUDGES), z.iso.datetime()).default({}),
  wantsDoctor: WantsDoctor.optional(),
  /** a nervous patient after treatment: the urgent reply goal, in real time */
  nervous: z.boolean().optional(),
  history: z.array(z.object({ at: z.iso.datetime(), by: z.string(), what: z.string() })),
});
export type Inquiry = z.infer<typeof Inquiry>;

export const INQUIRY_IDS = recordIds('I');
export const inquiryId = INQUIRY_IDS.format;
export const parseInquiryId = INQUIRY_IDS.parse;

/** Counters for one clinic day, kept as the day goes so figures never scan history. */
export const DayFigures = z.object({
  received: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  withinSla: z.number().int().nonnegative(),
  breaches: z.number().int().nonnegative(),
  /** business milliseconds to first response, one per answered inquiry */
  responseMs: z.array(z.number().nonnegative()),
  byChannel: z.partialRecord(
    z.enum(PATIENT_CHANNELS),
    z.object({ received: z.number().int(), answered: z.number().int() }),
  ),
  /** of those received, how many wanted the doctor, and how many came from nervous patients */
  wantsDoctor: z.number().int().nonnegative().default(0),
  nervous: z.number().int().nonnegative().default(0),
  /** of those received, how many were logged after the fact (/inquiry), and of the answered, how many had no arrival time */
  loggedAfter: z.number().int().nonnegative().default(0),
  untimed: z.number().int().nonnegative().default(0),
});
export type DayFigures = z.infer<typeof DayFigures>;

export function emptyDay(): DayFigures {
  return {
    received: 0,
    answered: 0,
    withinSla: 0,
    breaches: 0,
    responseMs: [],
    byChannel: {},
    wantsDoctor: 0,
    nervous: 0,
    loggedAfter: 0,
    untimed: 0,
  };
}

export const INQUIRY_LIMITS = { summary: 500, patientRef: 40, from: 200, text: 4000 } as const;
