import { z } from 'zod';
import { recordIds } from '../ids.js';
import { CHECKS } from './safety.js';

export const PLATFORMS = ['Google', 'Yelp', 'RealSelf', 'Facebook', 'Instagram', 'Healthgrades', 'Zocdoc', 'Vitals', 'Trustpilot'] as const;
export const STYLES = ['default', 'shorter', 'warmer'] as const;
export type Style = (typeof STYLES)[number];

export const DRAFT_SOURCES = ['model', 'template'] as const;
export type DraftSource = (typeof DRAFT_SOURCES)[number];

export const Draft = z.object({
  text: z.string(),
  source: z.enum(DRAFT_SOURCES),
  style: z.enum(STYLES),
  at: z.iso.datetime(),
  passed: z.array(z.enum(CHECKS)),
  /** why the model's drafts were not used, when the template stood in */
  fallbackReason: z.string().optional(),
  /** how many model drafts the safety check blocked before this one */
  blocked: z.number().int().nonnegative(),
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
  reviewerName: z.string().optional(),
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
