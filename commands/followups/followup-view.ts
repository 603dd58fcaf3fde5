import { shownId } from '../../src/chat/ids.js';
import type { Action, Reply } from '../../src/chat/reply.js';
import type { FollowUp } from '../../src/followups/model.js';
import { CHANNEL_LABELS, REPLY_IN_KIND } from '../../src/inquiries/model.js';
import { formatDuration } from '../../src/time/duration.js';
import { clinicTime } from '../shared/format.js';

/** Words for follow-ups: the confirmation, the list, the notice when one falls due, the reminders. */

/** How to reach the patient: the channel staff named, or the one the patient last used (reply in kind). */
export function howToReach(followUp: FollowUp): string {
  if (followUp.channel === 'unknown')
    return 'channel unknown: nobody named one and no message from this patient is on record; check the chart';
  if (followUp.channelFrom === 'last-used')
    return `by ${CHANNEL_LABELS[followUp.channel]}, the way they last reached us (${REPLY_IN_KIND[followUp.channel]})`;
  return `by ${CHANNEL_LABELS[followUp.channel]}`;
}

export function followUpLine(followUp: FollowUp, zone: string, now: Date): string {
  const late = followUp.status === 'open' && Date.parse(followUp.dueAt) <= now.getTime();
  return [
    followUp.id,
    followUp.patientRef,
    `${late ? 'due since' : 'due'} ${clinicTime(followUp.dueAt, zone)}`,
    followUp.channel === 'unknown' ? 'channel unknown' : CHANNEL_LABELS[followUp.channel],
    followUp.what,
    ...(followUp.status === 'open' ? [] : [followUp.status]),
    `owner ${shownId(followUp.owner)}`,
  ].join(' · ');
}

export function followUpActions(followUp: FollowUp): Action[] {
  const value = followUp.id;
  return [
    { id: 'followup.done', label: 'Done', value, style: 'primary' },
    { id: 'followup.snooze-hour', label: 'Snooze 1 h', value },
    { id: 'followup.snooze-tomorrow', label: 'Snooze until tomorrow', value },
    { id: 'followup.snooze', label: 'Snooze…', value },
    { id: 'followup.skip', label: 'Skip', value },
  ];
}

/** The typed equivalents, for the console and for anyone who prefers typing. */
export function typedEquivalents(followUp: FollowUp): string {
  const id = followUp.id;
  return `Typed: /followup done ${id} [note] · /followup snooze ${id} in 1h|tomorrow|<when> · /followup skip ${id}`;
}

export function followUpDue(followUp: FollowUp, zone: string, _now: Date): Reply {
  const text = `Follow-up ${followUp.id} is due (${clinicTime(followUp.dueAt, zone)}): patient ${followUp.patientRef}, ${howToReach(followUp)}. ${followUp.what}`;
  return {
    visibility: 'channel',
    summary: `Follow-up ${followUp.id} is due: ${followUp.patientRef}`,
    sections: [
      { kind: 'text', text },
      { kind: 'fields', fields: [{ label: 'Owner', value: followUp.owner, user: true }] },
      { kind: 'text', text: typedEquivalents(followUp) },
    ],
    actions: followUpActions(followUp),
  };
}

export function followUpNudge(followUp: FollowUp, kind: 'owner' | 'managers', to: string, waitedMs: number): Reply {
  const whose = kind === 'owner' ? 'Your follow-up' : 'Follow-up';
  const goal = kind === 'owner' ? 'the reply goal' : 'twice the reply goal';
  const text = `${whose} ${followUp.id} (patient ${followUp.patientRef}, ${howToReach(followUp)}) fell due ${formatDuration(waitedMs)} of business time ago, past ${goal}, and is not done.`;
  return {
    visibility: 'dm',
    to,
    summary: `Follow-up ${followUp.id} is waiting`,
    sections: [
      { kind: 'text', text },
      ...(kind === 'managers'
        ? [{ kind: 'fields' as const, fields: [{ label: 'Owner', value: followUp.owner, user: true }] }]
        : []),
      { kind: 'text', text: typedEquivalents(followUp) },
    ],
    actions: followUpActions(followUp),
  };
}
