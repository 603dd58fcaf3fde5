import { z } from 'zod';
import { recordIds } from '../ids.js';
import { PATIENT_CHANNELS } from '../inquiries/model.js';

/** A planned check-in with a patient (`F-n`): who, when, how to reach them, what about. */
export const FOLLOWUP_STATUSES = ['open', 'done', 'skipped', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOWUP_STATUSES)[number];

/**
 * What is posted for one due time: the follow-up itself when it falls due, then, still open, a
 * reminder to its owner at the reply goal and one to the managers at twice the goal.
 */
export const FOLLOWUP_NUDGES = ['due', 'owner', 'managers'] as const;
export type FollowUpNudge = (typeof FOLLOWUP_NUDGES)[number];

export const FOLLOWUP_LIMITS = { what: 500, note: 1000, when: 60, setName: 30, setSteps: 12 } as const;

export const FollowUp = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  patientRef: z.string(),
  /** how to reach the patient; `unknown` when it was not given and no inquiry told it */
  channel: z.enum(PATIENT_CHANNELS),
  /** whether staff named the channel or it is the one the patient last used */
  channelFrom: z.enum(['given', 'last-used', 'unknown']).default('given'),
  /** the staff member's note, redacted */
  what: z.string(),
  dueAt: z.iso.datetime(),
  owner: z.string(),
  createdAt: z.iso.datetime(),
  status: z.enum(FOLLOWUP_STATUSES),
  /** the after-care set and step it came from, e.g. `filler` step 2 */
  set: z.object({ name: z.string(), step: z.number().int().positive() }).optional(),
  /** reminders sent for the current due time (reset when it moves) */
  nudged: z.partialRecord(z.enum(FOLLOWUP_NUDGES), z.iso.datetime()).default({}),
  history: z.array(z.object({ at: z.iso.datetime(), by: z.string(), what: z.string() })),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const FOLLOWUP_IDS = recordIds('F');
export const followUpId = FOLLOWUP_IDS.format;

/** One step of an after-care set: so many days after it is applied, by a channel. */
export const SetStep = z.object({ days: z.number().int().positive(), channel: z.enum(PATIENT_CHANNELS) });
export type SetStep = z.infer<typeof SetStep>;

/** A named sequence of follow-ups (`filler: 1d call, 3d text, 14d text`), stored as data. */
export const AfterCareSet = z.object({
  number: z.number().int().positive(),
  name: z.string(),
  steps: z.array(SetStep).min(1),
  addedBy: z.string(),
  addedAt: z.iso.datetime(),
});
export type AfterCareSet = z.infer<typeof AfterCareSet>;

/** A patient's last channel and when that message came, keyed by the keyed hash of their reference. */
export const LastChannel = z.object({ channel: z.enum(PATIENT_CHANNELS), at: z.iso.datetime() });
export type LastChannel = z.infer<typeof LastChannel>;
