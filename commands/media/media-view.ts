import type { Action, Reply, Section } from '../../src/chat/reply.js';
import type { MediaInquiry, NudgeKind } from '../../src/media/model.js';
import { ago, clinicTime } from '../shared/format.js';
import { shownId } from '../../src/chat/ids.js';

/** Words for press inquiries: the card, the holding line, and the reminders. */
export const HOLDING_LINE =
  "Our practice doesn't comment on, confirm or deny whether anyone is a patient. Our spokesperson will return your call before your deadline.";

export function deadlineText(inquiry: MediaInquiry, zone: string): string {
  if (inquiry.deadline) return clinicTime(inquiry.deadline, zone);
  if (inquiry.deadlineText)
    return `"${inquiry.deadlineText}" (could not read this as a time: check it with the reporter)`;
  return 'none given';
}

export function mediaCard(inquiry: MediaInquiry, zone: string, now: Date): Section[] {
  return [
    { kind: 'heading', text: `Press inquiry ${inquiry.id} · ${inquiry.outlet}` },
    {
      kind: 'fields',
      fields: [
        { label: 'Outlet', value: inquiry.outlet },
        { label: 'Reporter', value: inquiry.reporterName ?? 'not given' },
        { label: 'Contact', value: inquiry.reporterContact ?? 'not given' },
        { label: 'Deadline', value: deadlineText(inquiry, zone) },
        { label: 'Status', value: inquiry.status + (inquiry.owner ? ` (owner ${shownId(inquiry.owner)})` : '') },
        { label: 'Logged by', value: inquiry.loggedBy, user: true },
      ],
    },
    { kind: 'text', text: `They asked: ${inquiry.question}` },
    {
      kind: 'text',
      text: `Logged ${clinicTime(inquiry.createdAt, zone)} (${ago(inquiry.createdAt, now)}). The full contact is with the staff member who took the call.`,
    },
  ];
}

export function mediaActions(inquiry: MediaInquiry): Action[] {
  return [
    { id: 'media.claim', label: 'Claim', value: inquiry.id, style: 'primary' },
    { id: 'media.done', label: 'Done', value: inquiry.id },
  ];
}

export function spokespersonAlert(inquiry: MediaInquiry, to: string, zone: string, now: Date): Reply {
  return {
    visibility: 'dm',
    to,
    summary: `Press inquiry ${inquiry.id} from ${inquiry.outlet}: you are the spokesperson`,
    sections: mediaCard(inquiry, zone, now),
    actions: mediaActions(inquiry),
  };
}

const NUDGE_WORDS: Record<NudgeKind, (inquiry: MediaInquiry) => string> = {
  spokesperson: (m) => `Reminder: press inquiry ${m.id} (${m.outlet}) is still unclaimed. Claim it, or hand it on.`,
  managers: (m) =>
    `Press inquiry ${m.id} (${m.outlet}) has not been claimed by the spokesperson. Please make sure someone calls the reporter back.`,
  deadline: (m) => `Press inquiry ${m.id} (${m.outlet}) is due within the hour and has not been answered.`,
};

export function nudgeReply(kind: NudgeKind, inquiry: MediaInquiry, to: string, zone: string, now: Date): Reply {
  const text = NUDGE_WORDS[kind](inquiry);
  return {
    visibility: 'dm',
    to,
    summary: text,
    sections: [{ kind: 'text', text }, ...mediaCard(inquiry, zone, now)],
    actions: mediaActions(inquiry),
  };
}

export function listLine(inquiry: MediaInquiry, zone: string, now: Date): string {
  return [
    inquiry.id,
    inquiry.outlet,
    inquiry.status,
    `deadline ${deadlineText(inquiry, zone)}`,
    ago(inquiry.createdAt, now),
  ].join(' · ');
}
