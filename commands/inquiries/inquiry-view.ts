import type { Action, Reply } from '../../src/chat/reply.js';
import { CHANNEL_LABELS, PATIENT_CHANNELS, REPLY_IN_KIND, type Inquiry } from '../../src/inquiries/model.js';
import { formatDuration } from '../../src/time/duration.js';
import { shownId } from '../../src/chat/ids.js';

/** Words for inbound patient messages: the tracking note, the notice, the reminders. */
export function inquiryActions(inquiry: Inquiry): Action[] {
  const actions: Action[] = [
    { id: 'inquiry.claim', label: 'Claim', value: inquiry.id },
    { id: 'inquiry.answer', label: 'Mark replied', value: inquiry.id, style: 'primary' },
    ...careActions(inquiry),
  ];
  if (inquiry.channel !== 'unknown') return actions;
  const choices = PATIENT_CHANNELS.filter((c) => c !== 'unknown').map((c) => ({
    id: 'inquiry.channel',
    label: CHANNEL_LABELS[c],
    value: `${inquiry.id}:${c}`,
  }));
  return [...actions, ...choices];
}

/** Wants the doctor and nervous patients: the buttons that flag them, then the two ways to close one. */
function careActions(inquiry: Inquiry): Action[] {
  return [
    ...(inquiry.wantsDoctor
      ? [
          { id: 'inquiry.provider-called', label: 'Provider called back', value: inquiry.id },
          { id: 'inquiry.triage-accepted', label: 'Patient accepted triage', value: inquiry.id },
        ]
      : [{ id: 'inquiry.doctor', label: 'Wants the doctor', value: inquiry.id }]),
    ...(inquiry.nervous ? [] : [{ id: 'inquiry.nervous', label: 'Nervous patient', value: inquiry.id }]),
  ];
}

/**
 * What staff must know besides the channel: the patient wants the doctor (and who triaged it), or
 * is nervous after treatment (and the shorter goal). Empty for an ordinary message.
 */
export function careNote(inquiry: Inquiry, urgentGoalMs?: number): string {
  const doctor = inquiry.wantsDoctor
    ? inquiry.wantsDoctor.triagedBy
      ? `Wants the doctor: triaged by ${shownId(inquiry.wantsDoctor.triagedBy)}, waiting for the provider to call back.`
      : 'Wants the doctor: waiting for the provider to call back (a nurse may triage meanwhile).'
    : undefined;
  const goal = urgentGoalMs === undefined ? '' : `: reply within ${formatDuration(urgentGoalMs)}, real time`;
  const nervous = inquiry.nervous ? `Nervous patient after treatment${goal}.` : undefined;
  return [doctor, nervous].filter(Boolean).join(' ');
}

/** The care note as a sentence after other text, or nothing. */
function withCare(inquiry: Inquiry, urgentGoalMs?: number): string {
  const note = careNote(inquiry, urgentGoalMs);
  return note ? ` ${note}` : '';
}

function who(inquiry: Inquiry): string {
  return (
    [inquiry.patientRef ? `patient ${inquiry.patientRef}` : undefined, inquiry.contact].filter(Boolean).join(', ') ||
    'sender not given'
  );
}

/** The thread reply under a message Tact now tracks. */
export function trackingNote(inquiry: Inquiry, urgentGoalMs?: number): Reply {
  const text = `Tracking ${inquiry.id} (${CHANNEL_LABELS[inquiry.channel]}). ${capital(REPLY_IN_KIND[inquiry.channel])}. React :eyes: or reply here to claim it; react :white_check_mark: or reply "done" when the patient has had an answer.${withCare(inquiry, urgentGoalMs)}`;
  return {
    visibility: 'thread',
    summary: `Tracking ${inquiry.id}`,
    sections: [{ kind: 'text', text }],
    actions: inquiryActions(inquiry),
  };
}

/** A top-level notice in the inbox channel for inquiries that did not arrive there (intake, /inquiry). */
export function inquiryNotice(inquiry: Inquiry, urgentGoalMs?: number): Reply {
  const note = inquiry.summary ? ` Note: ${inquiry.summary}.` : '';
  const text = `New ${CHANNEL_LABELS[inquiry.channel]} · ${inquiry.id} · ${who(inquiry)}.${note} ${capital(REPLY_IN_KIND[inquiry.channel])}. React :eyes: to claim it, :white_check_mark: when answered.${withCare(inquiry, urgentGoalMs)}`;
  return {
    visibility: 'channel',
    summary: `New ${CHANNEL_LABELS[inquiry.channel]}: ${inquiry.id}`,
    sections: [{ kind: 'text', text }],
    actions: inquiryActions(inquiry),
  };
}

export function threadNudge(inquiry: Inquiry, waitedMs: number, urgentGoalMs?: number): Reply {
  const owner = inquiry.owner ? 'The owner' : 'Nobody has claimed it yet: whoever is free';
  const text = `${inquiry.id} has waited ${formatDuration(waitedMs)}${clockWords(inquiry)} without an answer. ${owner}, please reply now (${REPLY_IN_KIND[inquiry.channel]}).${withCare(inquiry, urgentGoalMs)}`;
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

/** A nervous patient's wait is real time; everyone else's, business time. */
function clockWords(inquiry: Inquiry): string {
  return inquiry.nervous ? '' : ' of business time';
}

export function managerEscalation(inquiry: Inquiry, to: string, waitedMs: number, urgentGoalMs?: number): Reply {
  const text = `${inquiry.id} (${CHANNEL_LABELS[inquiry.channel]}, ${who(inquiry)}) has waited ${formatDuration(waitedMs)}${clockWords(inquiry)}, twice the reply goal, and is still unanswered.${withCare(inquiry, urgentGoalMs)}`;
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
    ...(inquiry.wantsDoctor ? ['wants the doctor'] : []),
    ...(inquiry.nervous ? ['nervous patient'] : []),
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
