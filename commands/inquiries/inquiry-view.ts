import type { Action, Reply } from '../../src/chat/reply.js';
import { CHANNEL_LABELS, PATIENT_CHANNELS, REPLY_IN_KIND, type Inquiry } from '../../src/inquiries/model.js';
import { formatDuration } from '../../src/time/duration.js';
import { shownId } from '../../src/chat/ids.js';

/** Words for inbound patient messages: the tracking note, the notice, the reminders. */
export function inquiryActions(inquiry: Inquiry): Action[] {
  const actions: Action[] = [
    { id: 'inquiry.claim', label: 'Claim', value: inquiry.id },
    { id: 'inquiry.answer', label: 'Mark replied', value: inquiry.id, style: 'primary' },
  ];
  if (inquiry.channel !== 'unknown') return actions;
  const choices = PATIENT_CHANNELS.filter((c) => c !== 'unknown').map((c) => ({
    id: 'inquiry.channel',
    label: CHANNEL_LABELS[c],
    value: `${inquiry.id}:${c}`,
  }));
  return [...actions, ...choices];
}

function who(inquiry: Inquiry): string {
  return (
    [inquiry.patientRef ? `patient ${inquiry.patientRef}` : undefined, inquiry.contact].filter(Boolean).join(', ') ||
    'sender not given'
  );
}

/** The thread reply under a message Tact now tracks. */
export function trackingNote(inquiry: Inquiry): Reply {
  const text = `Tracking ${inquiry.id} (${CHANNEL_LABELS[inquiry.channel]}). ${capital(REPLY_IN_KIND[inquiry.channel])}. React :eyes: or reply here to claim it; react :white_check_mark: or reply "done" when the patient has had an answer.`;
  return {
    visibility: 'thread',
    summary: `Tracking ${inquiry.id}`,
    sections: [{ kind: 'text', text }],
    actions: inquiryActions(inquiry),
  };
}

/** A top-level notice in the inbox channel for inquiries that did not arrive there (intake, /inquiry). */
export function inquiryNotice(inquiry: Inquiry): Reply {
  const note = inquiry.summary ? ` Note: ${inquiry.summary}.` : '';
  const text = `New ${CHANNEL_LABELS[inquiry.channel]} · ${inquiry.id} · ${who(inquiry)}.${note} ${capital(REPLY_IN_KIND[inquiry.channel])}. React :eyes: to claim it, :white_check_mark: when answered.`;
  return {
    visibility: 'channel',
    summary: `New ${CHANNEL_LABELS[inquiry.channel]}: ${inquiry.id}`,
    sections: [{ kind: 'text', text }],
    actions: inquiryActions(inquiry),
  };
}

export function threadNudge(inquiry: Inquiry, waitedMs: number): Reply {
  const owner = inquiry.owner ? 'The owner' : 'Nobody has claimed it yet: whoever is free';
  const text = `${inquiry.id} has waited ${formatDuration(waitedMs)} of business time without an answer. ${owner}, please reply now (${REPLY_IN_KIND[inquiry.channel]}).`;
  return {
    visibility: 'thread',
    summary: `${inquiry.id} is waiting`,
    sections: [
      { kind: 'text', text },
      ...(inquiry.owner
        ? [{ kind: 'fields' as const, fields: [{ label: 'Owner', value: inquiry.owner, user: true }] }]
        : []),
    ],
    actions: inquiryActions(inquiry),
  };
}

export function managerEscalation(inquiry: Inquiry, to: string, waitedMs: number): Reply {
  const text = `${inquiry.id} (${CHANNEL_LABELS[inquiry.channel]}, ${who(inquiry)}) has waited ${formatDuration(waitedMs)} of business time, twice the reply goal, and is still unanswered.`;
  return {
    visibility: 'dm',
    to,
    summary: `${inquiry.id} is overdue`,
    sections: [
      { kind: 'text', text },
      {
        kind: 'fields',
        fields: [
          { label: 'Owner', value: inquiry.owner ?? 'nobody', user: inquiry.owner !== undefined },
          { label: 'Link', value: inquiry.link ?? 'not in chat' },
        ],
      },
    ],
    actions: inquiryActions(inquiry),
  };
}

export function listLine(inquiry: Inquiry, waitedMs: number): string {
  return [
    inquiry.id,
    CHANNEL_LABELS[inquiry.channel],
    who(inquiry),
    inquiry.status,
    `waiting ${formatDuration(waitedMs)}`,
    inquiry.owner ? `owner ${shownId(inquiry.owner)}` : 'unclaimed',
  ].join(' · ');
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function untrackedNote(): Reply {
  const text =
    'Tact could not track this message (a storage or chat error). Nobody will be reminded about it: please answer it by hand, and tell your admin.';
  return { visibility: 'thread', summary: 'Not tracked', sections: [{ kind: 'text', text }] };
}
