import { z } from 'zod';
import { recordIds } from '../ids.js';
import { TONES } from './library.js';

export const PLATFORMS = [
  'Google',
  'Yelp',
  'RealSelf',
  'Facebook',
  'Instagram',
  'Healthgrades',
  'Zocdoc',
  'Vitals',
  'Trustpilot',
] as const;
export const STYLES = ['default', 'shorter', 'warmer'] as const;
export type Style = (typeof STYLES)[number];

/**
 * `model`: library sentences the drafting model chose; `library`: chosen by Tact itself; `template`:
 * a free-text draft from before the sentence library, still readable in old records.
 */
export const DRAFT_SOURCES = ['model', 'library', 'template'] as const;
export type DraftSource = (typeof DRAFT_SOURCES)[number];

export const Draft = z.object({
  text: z.string(),
  source: z.enum(DRAFT_SOURCES),
  style: z.enum(STYLES),
  tone: z.enum(TONES).optional(),
  /** the library sentence ids the text is built from, in order (empty in old records) */
  sentences: z.array(z.string()).default([]),
  at: z.iso.datetime(),
  /** why the model's choice was not used, when Tact chose */
  fallbackReason: z.string().optional(),
  /** the practice contact line failed the gate, so the plain default line stands in */
  contactRefused: z.boolean().optional(),
  by: z.string(),
});
export type Draft = z.infer<typeof Draft>;

export const Review = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  /** where the review was posted in chat (for thread replies); absent for reviews pasted privately */
  channelId: z.string().optional(),
  threadId: z.string().optional(),
  platform: z.string().optional(),
  rating: z.number().int().min(1).max(5).optional(),
  /** redacted before it was stored */
  text: z.string(),
  legal: z.boolean(),
  postedBy: z.string(),
  createdAt: z.iso.datetime(),
  drafts: z.array(Draft),
  approved: z.object({ text: z.string(), by: z.string(), at: z.iso.datetime() }).optional(),
  complaintId: z.string().optional(),
});
export type Review = z.infer<typeof Review>;

export const REVIEW_IDS = recordIds('R');
export const reviewId = REVIEW_IDS.format;
export const parseReviewId = REVIEW_IDS.parse;

export const REVIEW_LIMITS = { text: 5000 } as const;
