import { z } from 'zod';
import { COMPLAINT_IDS } from '../complaints/model.js';
import { INQUIRY_IDS, PATIENT_CHANNELS } from '../inquiries/model.js';

/**
 * An urgent page: a complication or a message with emergency signs, sent to the person on call by
 * direct message until someone acknowledges it, climbing the chain (on call, backup, managers) on the
 * real-time clock. One page per record, named by the record's own id (`C-7`, `I-3`).
 */
export const PAGE_SOURCES = ['complaint', 'inquiry'] as const;
export type PageSourceKind = (typeof PAGE_SOURCES)[number];

export const PageSource = z.object({ kind: z.enum(PAGE_SOURCES), number: z.number().int().positive() });
export type PageSource = z.infer<typeof PageSource>;

export const ESCALATION_LEVELS = ['on-call', 'backup', 'managers'] as const;
export type EscalationLevelName = (typeof ESCALATION_LEVELS)[number];

export const PageRound = z.object({
  at: z.iso.datetime(),
  /** undefined: nobody could be paged (no on-call person, backup or manager set) */
  level: z.enum(ESCALATION_LEVELS).optional(),
  people: z.array(z.string()),
});
export type PageRound = z.infer<typeof PageRound>;

export const PAGE_STATUSES = ['paging', 'acknowledged', 'unanswered'] as const;

export const Page = z.object({
  /** the record's id: `C-7` or `I-3` */
  id: z.string(),
  source: PageSource,
  /** why it pages: the category and sign labels, from Tact's own lists (never the patient's words) */
  reasons: z.array(z.string()).min(1),
  raisedAt: z.iso.datetime(),
  /** who logged the record (`intake` for the intake API) */
  raisedBy: z.string(),
  /** the record's patient reference (alias or chart number), already redacted */
  patientRef: z.string().optional(),
  /** how the patient reached the clinic, so the provider calls back the same way */
  patientChannel: z.enum(PATIENT_CHANNELS).optional(),
  /** the message in chat, where the platform has a link */
  link: z.string().optional(),
  status: z.enum(PAGE_STATUSES),
  rounds: z.array(PageRound),
  ackedBy: z.string().optional(),
  ackedAt: z.iso.datetime().optional(),
});
export type Page = z.infer<typeof Page>;

/** A record asking to be paged about: the service creates its page once. */
export type PageRequest = Pick<Page, 'id' | 'source' | 'raisedBy' | 'patientRef' | 'patientChannel' | 'link'> & {
  reasons: readonly string[];
};

const SOURCE_IDS = { complaint: COMPLAINT_IDS, inquiry: INQUIRY_IDS } as const;

/** A page's id is its record's: `C-7`, `I-3`. */
export function idOf(source: PageSource): string {
  return SOURCE_IDS[source.kind].format(source.number);
}

/** The record a typed or button id names (`C-7`, `c7`, `I-3`), or undefined. */
export function readPageId(text: string): PageSource | undefined {
  const trimmed = text.trim();
  for (const kind of PAGE_SOURCES) {
    const ids = SOURCE_IDS[kind];
    if (!trimmed.toUpperCase().startsWith(ids.prefix)) continue;
    const number = ids.parse(trimmed);
    if (number !== undefined) return { kind, number };
  }
  return undefined;
}
