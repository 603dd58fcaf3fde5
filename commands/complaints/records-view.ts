import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { CATEGORY_LABELS, STATUS_LABELS, type Complaint } from '../../src/complaints/model.js';
import { csvBytes, toCsv } from '../../src/export/csv.js';
import { ago } from '../shared/format.js';

/** Words for keeping the log right: stray verbs, a patient's history, the export file. */

/** What someone who typed `/complaint close C-3` (and the like) is told instead. */
export function strayVerbWords(intent: 'void' | 'resolve' | 'reopen' | 'correct', id: string): string {
  const nothing = 'Nothing was logged.';
  switch (intent) {
    case 'void':
      return `${nothing} Complaints are never deleted. To void one logged by mistake (managers): /complaint void ${id} <reason>. It stays in the log, out of every count.`;
    case 'resolve':
      return `${nothing} To close a complaint: /complaint update ${id} resolved [note].`;
    case 'reopen':
      return `${nothing} To reopen a complaint: /complaint update ${id} open [note].`;
    case 'correct':
      return `${nothing} To correct a complaint (managers): /complaint update ${id} text <corrected text>, or /complaint update ${id} patient <reference>. The old value stays in its history.`;
  }
}

function clinicStamp(iso: string, zone: string): string {
  return format(new TZDate(Date.parse(iso), zone), 'yyyy-MM-dd HH:mm');
}

/** One complaint in a patient's history: when, what kind, how it stands. */
export function historyLine(complaint: Complaint, zone: string, now: Date): string {
  return [
    complaint.id,
    clinicStamp(complaint.createdAt, zone),
    ago(complaint.createdAt, now),
    CATEGORY_LABELS[complaint.category],
    complaint.status === 'voided' ? 'VOIDED' : complaint.tier,
    STATUS_LABELS[complaint.status],
  ].join(' · ');
}

export const EXPORT_HEADER = [
  'id',
  'logged at',
  'time zone',
  'patient reference',
  'category',
  'tier',
  'status',
  'steps done',
  'steps total',
  'voided',
] as const;

/**
 * The export as CSV bytes: one row a complaint, patient references only. The complaint's words, the
 * provider and the history stay out (show less): a spreadsheet travels further than the chat does.
 * `redact` runs over every cell, with the names registered now.
 */
export function complaintsCsv(
  complaints: readonly Complaint[],
  zone: string,
  redact: (text: string) => string,
): Uint8Array {
  const rows = complaints.map((c) =>
    [
      c.id,
      clinicStamp(c.createdAt, zone),
      zone,
      c.patientRef,
      CATEGORY_LABELS[c.category],
      c.tier,
      STATUS_LABELS[c.status],
      String(c.steps.filter((s) => s.doneAt).length),
      String(c.steps.length),
      c.status === 'voided' ? 'yes' : 'no',
    ].map(redact),
  );
  return csvBytes(toCsv(EXPORT_HEADER, rows));
}
