import { CATEGORY_LABELS, isOpen, type Complaint } from '../complaints/model.js';
import type { Inquiry } from '../inquiries/model.js';
import type { PageRequest } from './model.js';

/**
 * Which records page the person on call: an open complaint about a complication, or one whose words
 * showed emergency signs when it was logged; an unanswered patient message with such signs. Urgent
 * pages ignore the business calendar: the clock they run on is real time.
 *
 * Only a record from the last day pages: a change to an older one (a note, a reopened complaint),
 * or a first start after an upgrade, must not page anyone about what was handled long ago.
 */
export const PAGE_WINDOW_MS = 24 * 3_600_000;

function fresh(at: string, now: Date): boolean {
  return now.getTime() - Date.parse(at) <= PAGE_WINDOW_MS;
}

export function complaintPage(complaint: Complaint, now: Date): PageRequest | undefined {
  if (!isOpen(complaint.status) || !fresh(complaint.createdAt, now)) return undefined;
  const reasons = [
    ...(complaint.category === 'complication' ? [CATEGORY_LABELS.complication] : []),
    ...(complaint.signs ?? []),
  ];
  if (reasons.length === 0) return undefined;
  return {
    id: complaint.id,
    source: { kind: 'complaint', number: complaint.number },
    reasons,
    raisedBy: complaint.reporter,
    patientRef: complaint.patientRef,
  };
}

export function inquiryPage(inquiry: Inquiry, now: Date): PageRequest | undefined {
  const reasons = inquiry.signs ?? [];
  if (inquiry.status === 'answered' || reasons.length === 0 || !fresh(inquiry.receivedAt, now)) return undefined;
  return {
    id: inquiry.id,
    source: { kind: 'inquiry', number: inquiry.number },
    reasons,
    raisedBy: inquiry.loggedBy,
    ...(inquiry.patientRef ? { patientRef: inquiry.patientRef } : {}),
    patientChannel: inquiry.channel,
    ...(inquiry.link ? { link: inquiry.link } : {}),
  };
}
