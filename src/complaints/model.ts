import { z } from 'zod';
import { recordIds } from '../ids.js';

export const CATEGORIES = [
  'billing',
  'results',
  'complication',
  'wait',
  'conduct',
  'sales',
  'privacy',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  billing: 'billing',
  results: 'results',
  complication: 'complication or side effect',
  wait: 'wait or scheduling',
  conduct: 'staff conduct',
  sales: 'sales pressure',
  privacy: 'privacy',
  other: 'other',
};

/** Words staff type for each category (quick entry `billing:` or `side-effect:`). */
export const CATEGORY_WORDS: Record<string, Category> = {
  billing: 'billing',
  bill: 'billing',
  fees: 'billing',
  results: 'results',
  result: 'results',
  complication: 'complication',
  'side-effect': 'complication',
  sideeffect: 'complication',
  'side effect': 'complication',
  wait: 'wait',
  scheduling: 'wait',
  schedule: 'wait',
  conduct: 'conduct',
  staff: 'conduct',
  'staff-conduct': 'conduct',
  sales: 'sales',
  upselling: 'sales',
  'sales-pressure': 'sales',
  privacy: 'privacy',
  other: 'other',
};

export const TIERS = ['occasional', 'legitimate', 'escalating', 'aggressive'] as const;
export type Tier = (typeof TIERS)[number];

/** `voided`: logged by mistake; kept with its reason, left out of counts, trends, grading and reminders. */
export const STATUSES = ['open', 'following-up', 'resolved', 'ended', 'voided'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  open: 'open',
  'following-up': 'following up',
  resolved: 'resolved',
  ended: 'relationship ended',
  voided: 'voided (logged by mistake)',
};
export const STATUS_WORDS: Record<string, Status> = {
  open: 'open',
  reopen: 'open',
  'following-up': 'following-up',
  following: 'following-up',
  followup: 'following-up',
  'follow-up': 'following-up',
  resolved: 'resolved',
  resolve: 'resolved',
  closed: 'resolved',
  ended: 'ended',
  'relationship-ended': 'ended',
};

export const SOURCES = ['phone', 'text', 'email', 'in-person', 'online-review', 'social-media'] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<Source, string> = {
  phone: 'phone',
  text: 'text message',
  email: 'email',
  'in-person': 'in person',
  'online-review': 'online review',
  'social-media': 'social media',
};

export const WANTS = ['refund', 'redo', 'apology', 'provider', 'other'] as const;
export type Want = (typeof WANTS)[number];
export const WANT_LABELS: Record<Want, string> = {
  refund: 'refund',
  redo: 'redo or touch-up',
  apology: 'apology',
  provider: 'talk to the provider',
  other: 'other',
};

export const ROLES = ['front-desk', 'coordinator', 'nurse', 'provider', 'manager', 'all-staff'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  'front-desk': 'front desk',
  coordinator: 'patient coordinator',
  nurse: 'nurse or injector',
  provider: 'provider',
  manager: 'practice manager',
  'all-staff': 'everyone involved',
};

/** Limits staff see in help and errors. */
export const LIMITS = { text: 2000, patientRef: 40, provider: 80, note: 1000 } as const;

/** Why a complaint got its tier; words are added by the command layer. */
export const Reason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('first-minor') }),
  z.object({ code: z.literal('grievance'), category: z.enum(CATEGORIES) }),
  z.object({ code: z.literal('repeat'), ordinal: z.number().int(), days: z.number().int() }),
  z.object({ code: z.literal('refund-ultimatum') }),
  z.object({ code: z.literal('review-threat') }),
  z.object({ code: z.literal('overdue-follow-up'), complaintId: z.string() }),
  z.object({ code: z.literal('legal-threat') }),
  z.object({ code: z.literal('abuse') }),
  z.object({ code: z.literal('harassment') }),
  z.object({ code: z.literal('manager-override'), by: z.string(), note: z.string().optional() }),
]);
export type Reason = z.infer<typeof Reason>;

export const Step = z.object({
  text: z.string(),
  owner: z.enum(ROLES),
  due: z.iso.datetime(),
  doneAt: z.iso.datetime().optional(),
  doneBy: z.string().optional(),
  /** when the managers were told it is overdue */
  nudgedAt: z.iso.datetime().optional(),
});
export type Step = z.infer<typeof Step>;

export const HistoryEntry = z.object({
  at: z.iso.datetime(),
  by: z.string(),
  what: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Complaint = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  reporter: z.string(),
  createdAt: z.iso.datetime(),
  patientRef: z.string(),
  source: z.enum(SOURCES).optional(),
  category: z.enum(CATEGORIES),
  categoryGuessed: z.boolean(),
  text: z.string(),
  wants: z.enum(WANTS).optional(),
  provider: z.string().optional(),
  tier: z.enum(TIERS),
  reasons: z.array(Reason),
  /** emergency signs its words showed when logged (labels from Tact's list, never the patient's words) */
  signs: z.array(z.string()).optional(),
  steps: z.array(Step),
  status: z.enum(STATUSES),
  history: z.array(HistoryEntry),
});
export type Complaint = z.infer<typeof Complaint>;

export const COMPLAINT_IDS = recordIds('C');
export const complaintId = COMPLAINT_IDS.format;
export const parseComplaintId = COMPLAINT_IDS.parse;

export function isOpen(status: Status): boolean {
  return status === 'open' || status === 'following-up';
}

/** Whether a complaint counts: a voided one stays in the log but in no count, trend or grade. */
export function counts(complaint: Pick<Complaint, 'status'>): boolean {
  return complaint.status !== 'voided';
}
