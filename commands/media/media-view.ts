import type { Action, Reply, Section } from '../../src/chat/reply.js';
import type { MediaInquiry, NudgeKind } from '../../src/media/model.js';
import type { DeadlineReading } from '../../src/time/deadline.js';
import { ago, clinicTime, saidBack } from '../shared/format.js';
import { shownId } from '../../src/chat/ids.js';

/** Words for press inquiries: the card, the holding line, and the reminders. */
export const HOLDING_LINE =
  "Our practice doesn't comment on, confirm or deny whether anyone is a patient. Our spokesperson will return your call before your deadline.";

/** How to set or correct a deadline, for a console user as for a chat one. */
export const setDeadlineHint = (id: string) => `/media deadline ${id} <when> (e.g. tomorrow 10am, Friday eod)`;

/** The deadline as stored, said in words: `today 17:00, in 25 minutes`; a past one is marked PASSED. */
export function deadlineText(inquiry: MediaInquiry, zone: string, now: Date): string {
  if (inquiry.deadline) {
    const passed = Date.parse(inquiry.deadline) <= now.getTime();
    return `${passed ? 'PASSED: ' : ''}${saidBack(inquiry.deadline, zone, now)}`;
  }
  if (inquiry.deadlineText)
    return `"${inquiry.deadlineText}", not read as a time: check it with the reporter, then ${setDeadlineHint(inquiry.id)}`;
  return 'none given';
}

/**
 * What Tact made of a deadline just typed, said back at once: the time in words, and what it did
 * that the person may not expect (a time moved to tomorrow, an end of day read as 23:59, a time that
 * has passed, a wording it could not read).
 */
export function deadlineSaidBack(reading: DeadlineReading, typed: string, id: string, zone: string, now: Date): string {
  if (!reading.ok)
    return reading.code === 'too-far'
      ? `Deadline "${typed}" is more than a year ahead, so none is set. Check it with the reporter, then ${setDeadlineHint(id)}.`
      : `Deadline "${typed}" could not be read as a time, so none is set. Check it with the reporter, then ${setDeadlineHint(id)}.`;
  const words = saidBack(reading.at, zone, now);
  switch (reading.said) {
    case 'rolled':
      return `Deadline: ${words} (${typed.replace(/^by\s+/i, '')} today has passed). If they meant today, it has passed: call them now.`;
    case 'late-eod':
      return `Deadline: ${words}: the working day (17:00) has already ended, so "${typed}" is read as the end of today. If they meant 17:00, it has passed: call them now, or ${setDeadlineHint(id)}.`;
    case 'past':
      return `Deadline: ${words}: this has ALREADY PASSED. Call the reporter now, or ${setDeadlineHint(id)} if it was misheard.`;
    default:
      return `Deadline: ${words}.`;
  }
}

/**
 * The card. `forPress`: the reply is addressed privately or by DM to the spokesperson or a manager,
 * so the reporter's business line is shown whole (the reply must carry pressContacts(inquiry)).
 */
export function mediaCard(inquiry: MediaInquiry, zone: string, now: Date, forPress = false): Section[] {
  const whole = forPress ? inquiry.reporterContactWhole : undefined;
  const where = whole
    ? ''
    : inquiry.reporterContact
      ? ' The full contact is with the staff member who took the call.'
      : '';
  return [
    { kind: 'heading', text: `Press inquiry ${inquiry.id} · ${inquiry.outlet}` },
    {
      kind: 'fields',
      fields: [
        { label: 'Outlet', value: inquiry.outlet },
        { label: 'Reporter', value: inquiry.reporterName ?? 'not given' },
        { label: 'Contact', value: whole ?? inquiry.reporterContact ?? 'not given' },
        { label: 'Deadline', value: deadlineText(inquiry, zone, now) },
        { label: 'Status', value: inquiry.status + (inquiry.owner ? ` (owner ${shownId(inquiry.owner)})` : '') },
        { label: 'Logged by', value: inquiry.loggedBy, user: true },
      ],
    },
    { kind: 'text', text: `They asked: ${inquiry.question}` },
    {
      kind: 'text',
      text: `Logged ${clinicTime(inquiry.createdAt, zone)} (${ago(inquiry.createdAt, now)}).${where}`,
    },
  ];
}

/** What a press-audience reply may show whole: the reporter's business line (see Reply.wholeContacts). */
export function pressContacts(inquiry: MediaInquiry): Pick<Reply, 'wholeContacts'> {
  return inquiry.reporterContactWhole ? { wholeContacts: [inquiry.reporterContactWhole] } : {};
}

/** The Claim and Done buttons, typed (the console has no buttons). */
function typedActions(inquiry: MediaInquiry): Section {
  return {
    kind: 'text',
    text: `Typed instead of the buttons: /media claim ${inquiry.id}, /media done ${inquiry.id} [what was said], /media deadline ${inquiry.id} <when>.`,
  };
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
    // to the spokesperson, or to a manager when none is set: the press audience, by direct message
    sections: [...mediaCard(inquiry, zone, now, true), typedActions(inquiry)],
    actions: mediaActions(inquiry),
    ...pressContacts(inquiry),
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
    // reminders go to the spokesperson and the managers only, by direct message
    sections: [{ kind: 'text', text }, ...mediaCard(inquiry, zone, now, true), typedActions(inquiry)],
    actions: mediaActions(inquiry),
    ...pressContacts(inquiry),
  };
}

export function listLine(inquiry: MediaInquiry, zone: string, now: Date): string {
  return [
    inquiry.id,
    inquiry.outlet,
    inquiry.status,
    `deadline ${deadlineText(inquiry, zone, now)}`,
    ago(inquiry.createdAt, now),
  ].join(' · ');
}

/** A press line in the digest: the outlet and the deadline, no question and no reporter. */
export function pressLine(inquiry: MediaInquiry, zone: string, now: Date): string {
  return [inquiry.id, inquiry.outlet, inquiry.status, `deadline ${deadlineText(inquiry, zone, now)}`].join(' · ');
}
