import { z } from 'zod';
import { recordIds } from '../ids.js';

export const MEDIA_STATUSES = ['new', 'claimed', 'answered', 'closed'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/** The three reminders an unanswered inquiry can get, each at most once. */
export const NUDGES = ['spokesperson', 'managers', 'deadline'] as const;
export type NudgeKind = (typeof NUDGES)[number];

export const MEDIA_LIMITS = {
  outlet: 100,
  reporter: 100,
  contact: 200,
  question: 1500,
  deadline: 60,
  note: 1000,
} as const;

export const MediaInquiry = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  outlet: z.string(),
  reporterName: z.string().optional(),
  /** masked: what everyone who may see the inquiry sees */
  reporterContact: z.string().optional(),
  /**
   * The reporter's business line as given (not patient data), stored whole and encrypted at rest
   * like the whole record; shown only in replies addressed privately or by DM to the press audience.
   */
  reporterContactWhole: z.string().optional(),
  question: z.string(),
  deadline: z.iso.datetime().optional(),
  /** what was said when it could not be read as a time */
  deadlineText: z.string().optional(),
  status: z.enum(MEDIA_STATUSES),
  owner: z.string().optional(),
  loggedBy: z.string(),
  createdAt: z.iso.datetime(),
  nudged: z.partialRecord(z.enum(NUDGES), z.iso.datetime()).default({}),
  history: z.array(z.object({ at: z.iso.datetime(), by: z.string(), what: z.string() })),
});
export type MediaInquiry = z.infer<typeof MediaInquiry>;

export const MEDIA_IDS = recordIds('M');
export const mediaId = MEDIA_IDS.format;
export const parseMediaId = MEDIA_IDS.parse;

export function isUnanswered(status: MediaStatus): boolean {
  return status === 'new' || status === 'claimed';
}
