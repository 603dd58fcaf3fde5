import {
  CATEGORY_LABELS,
  ROLE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  WANT_LABELS,
  isOpen,
  type Complaint,
  type Reason,
  type Step,
} from '../../src/complaints/model.js';
import type { Trends } from '../../src/complaints/trends.js';
import type { Reply, Section } from '../../src/chat/reply.js';
import { ago, clinicTime, historyLines, ordinal } from '../shared/format.js';
import { shownId } from '../../src/chat/ids.js';
import { ROLE_SETTING, type StaffRole } from '../../src/complaints/roles.js';

/** Words for the complaint log: the domain returns reason codes, this turns them into sentences. */
function reasonText(reason: Reason, patientRef: string): string {
  switch (reason.code) {
    case 'first-minor':
      return 'minor, first-time friction';
    case 'grievance':
      return `a real grievance (${CATEGORY_LABELS[reason.category]})`;
    case 'repeat':
      return `${ordinal(reason.ordinal)} complaint from ${patientRef} in ${reason.days} days`;
    case 'refund-ultimatum':
      return 'refund ultimatum or payment dispute';
    case 'review-threat':
      return 'threatens public reviews or the press';
    case 'overdue-follow-up':
      return `follow-up on ${reason.complaintId} is overdue`;
    case 'legal-threat':
      return 'mentions legal action or a complaint to the board';
    case 'abuse':
      return 'abuse or threats toward staff';
    case 'harassment':
      return 'harassment of staff';
    case 'manager-override':
      return `tier set by a manager (${shownId(reason.by)})${reason.note ? `: ${reason.note}` : ''}`;
  }
}

/**
 * What the person who logged a complaint may see of it. The reasons for a tier can carry the
 * patient's history ("2nd complaint from P-77 in 90 days", "follow-up on C-4 is overdue") and the
 * history is the log's own: neither is part of this type, so a view built from it cannot show them.
 * The tier and the next steps stay: they are what the person must act on.
 */
export interface ComplaintReceipt {
  readonly id: string;
  readonly patientRef: string;
  readonly category: Complaint['category'];
  readonly categoryGuessed: boolean;
  readonly tier: Complaint['tier'];
  readonly status: Complaint['status'];
  readonly steps: readonly Step[];
}

/** Copies field by field: a spread would carry the reasons along at run time. */
export function receiptOf(complaint: Complaint): ComplaintReceipt {
  const { id, patientRef, category, categoryGuessed, tier, status, steps } = complaint;
  return { id, patientRef, category, categoryGuessed, tier, status, steps };
}

function stepLines(complaint: Pick<ComplaintReceipt, 'steps'>, zone: string, now: Date): string[] {
  return complaint.steps.map((step, i) => {
    const state = step.doneAt
      ? `done ${clinicTime(step.doneAt, zone)}`
      : Date.parse(step.due) < now.getTime()
        ? `OVERDUE since ${clinicTime(step.due, zone)}`
        : `by ${clinicTime(step.due, zone)}`;
    return `${i + 1}. ${step.text} — ${ROLE_LABELS[step.owner]}, ${state}`;
  });
}

/** The direct message telling a manager that pathway step `number` (from 1) of a complaint is past its due time. */
export function overdueStepReply(
  complaint: Complaint,
  step: Step,
  number: number,
  to: string,
  routing: { stoodIn: boolean },
): Reply {
  const text = `${complaint.id} (${complaint.tier}): step ${number} is overdue: ${step.text} (${ROLE_LABELS[step.owner]}). Mark it with /complaint update ${complaint.id} step ${number}.`;
  const stoodIn =
    routing.stoodIn && step.owner in ROLE_SETTING
      ? [{ kind: 'text' as const, text: noOneInRole(step.owner as StaffRole) }]
      : [];
  return {
    visibility: 'dm',
    to,
    summary: `${complaint.id} step ${number} is overdue`,
    sections: [{ kind: 'text', text }, ...stoodIn],
  };
}

/** Why a manager got a step's reminder: nobody fills its role yet. */
export function noOneInRole(role: StaffRole): string {
  return `Nobody is set as ${ROLE_LABELS[role]}, so this reminder went to the practice managers. Set who is with /tact roles set ${role} <user ids>.`;
}

export function summaryFields(complaint: ComplaintReceipt): Section {
  return {
    kind: 'fields',
    fields: [
      { label: 'Patient', value: complaint.patientRef },
      {
        label: 'Category',
        value: CATEGORY_LABELS[complaint.category] + (complaint.categoryGuessed ? ' (guessed from the text)' : ''),
      },
      { label: 'Tier', value: complaint.tier },
      { label: 'Status', value: STATUS_LABELS[complaint.status] },
    ],
  };
}

/** The private answer to whoever logged a complaint; `why` comes after the summary (managers only). */
function logged(
  receipt: ComplaintReceipt,
  zone: string,
  now: Date,
  notes: readonly string[],
  why: readonly Section[],
): Reply {
  return {
    visibility: 'private',
    summary: `Logged ${receipt.id} (${receipt.tier})`,
    sections: [
      { kind: 'heading', text: `Logged ${receipt.id} · ${receipt.tier}` },
      summaryFields(receipt),
      ...why,
      { kind: 'list', title: 'Next steps', items: stepLines(receipt, zone, now) },
      ...notes.map((text) => ({ kind: 'text' as const, text })),
    ],
  };
}

/** What a staff member who is not a manager is told: built from the receipt alone. */
export function loggedReceipt(receipt: ComplaintReceipt, zone: string, now: Date, notes: readonly string[]): Reply {
  return logged(receipt, zone, now, notes, []);
}

/** A manager's answer: the receipt with the reasons for the tier. */
export function loggedForManager(complaint: Complaint, zone: string, now: Date, notes: readonly string[]): Reply {
  return logged(receiptOf(complaint), zone, now, notes, [whySection(complaint)]);
}

export function whySection(complaint: Complaint): Section {
  return {
    kind: 'list',
    title: `Why ${complaint.tier}`,
    items: complaint.reasons.map((r) => reasonText(r, complaint.patientRef)),
  };
}

export function complaintCard(complaint: Complaint, zone: string, now: Date): Section[] {
  const details = [
    { label: 'Logged', value: `${clinicTime(complaint.createdAt, zone)} (${ago(complaint.createdAt, now)})` },
    { label: 'Reported by', value: complaint.reporter, user: true },
    ...(complaint.source ? [{ label: 'Reached us by', value: SOURCE_LABELS[complaint.source] }] : []),
    ...(complaint.wants ? [{ label: 'Patient wants', value: WANT_LABELS[complaint.wants] }] : []),
    ...(complaint.provider ? [{ label: 'Provider', value: complaint.provider }] : []),
  ];
  return [
    {
      kind: 'heading',
      text: `${complaint.id} · ${complaint.status === 'voided' ? 'VOIDED, out of every count' : complaint.tier}`,
    },
    summaryFields(complaint),
    { kind: 'fields', fields: details },
    { kind: 'text', text: complaint.text },
    whySection(complaint),
    { kind: 'list', title: 'Pathway', items: stepLines(complaint, zone, now) },
    { kind: 'list', title: 'History', items: historyLines(complaint.history, zone) },
  ];
}

/** The open step due first: what the list says is next. */
function nextDue(complaint: Complaint, zone: string, now: Date): string[] {
  const next = complaint.steps.filter((s) => !s.doneAt).sort((a, b) => Date.parse(a.due) - Date.parse(b.due))[0];
  if (!next || !isOpen(complaint.status)) return [];
  const late = Date.parse(next.due) < now.getTime();
  return [`${late ? 'follow-up overdue since' : 'next step due'} ${clinicTime(next.due, zone)}`];
}

export function listLine(complaint: Complaint, now: Date, zone: string): string {
  return [
    complaint.id,
    complaint.patientRef,
    CATEGORY_LABELS[complaint.category],
    complaint.tier,
    STATUS_LABELS[complaint.status],
    ago(complaint.createdAt, now),
    ...nextDue(complaint, zone, now),
  ].join(' · ');
}

function change(current: number, previous: number): string {
  const delta = current - previous;
  return `${current} (previous ${previous}, ${delta > 0 ? '+' : ''}${delta})`;
}

export function trendSections(trends: Trends): Section[] {
  const rows = <K extends string>(counts: Record<K, { current: number; previous: number }>, label: (k: K) => string) =>
    (Object.keys(counts) as K[])
      .filter((k) => counts[k].current + counts[k].previous > 0)
      .map((k) => `${label(k)}: ${change(counts[k].current, counts[k].previous)}`);
  const rising = trends.risingCategory;
  return [
    { kind: 'heading', text: `Complaint trends, last ${trends.days} days` },
    {
      kind: 'text',
      text: `Total: ${change(trends.total.current, trends.total.previous)} against the ${trends.days} days before.`,
    },
    { kind: 'list', title: 'By category', items: rows(trends.byCategory, (k) => CATEGORY_LABELS[k]) },
    { kind: 'list', title: 'By tier', items: rows(trends.byTier, (k) => k) },
    {
      kind: 'list',
      title: 'Repeat patients',
      items: trends.repeatPatients.length
        ? trends.repeatPatients.map((p) => `${p.patientRef}: ${p.count} complaints`)
        : ['none'],
    },
    {
      kind: 'text',
      text: rising
        ? `Rose most: ${CATEGORY_LABELS[rising.category]} (${rising.change.previous} → ${rising.change.current}).`
        : 'No category rose.',
    },
  ];
}
