import { shownId } from '../../src/chat/ids.js';
import type { Reply, Section } from '../../src/chat/reply.js';
import { birthdayIn } from '../../src/touches/dates.js';
import type { TouchDraft } from '../../src/touches/draft.js';
import type { MonthDay, Touch } from '../../src/touches/model.js';
import { clinicTime } from '../shared/format.js';

/** Words for personal touches: the confirmation, the list, the reminder with its draft note. */

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthDay(birthday: MonthDay): string {
  return `${MONTH_NAMES[birthday.month - 1] ?? '?'} ${birthday.day}`;
}

function shortDate(date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return monthDay({ month: m, day: d });
}

/** What the occasion is, in a few words: `first-visit thank-you`, `wedding on Dec 24`, `birthday Feb 29 (on Feb 28 this year)`. */
export function occasion(touch: Touch): string {
  switch (touch.kind) {
    case 'thank-you':
      return `first-visit thank-you${touch.note ? ` (${touch.note})` : ''}`;
    case 'event':
      return `${touch.note || 'event'} on ${shortDate(touch.occasionDate)}`;
    case 'birthday': {
      // the month and day are not repeated: in chat, a date beside "birthday" is a birth date the
      // redactor masks; the reminder time shows when it comes
      const year = touch.occasionDate.slice(0, 4);
      const moved = touch.birthday && touch.occasionDate !== birthdayIn(touch.birthday, 2028).replace('2028', year);
      return `yearly birthday wish${moved ? ` (Feb 29 falls on Feb 28 in ${year})` : ''}`;
    }
  }
}

export function touchLine(touch: Touch, zone: string): string {
  return [
    touch.id,
    touch.patientRef,
    occasion(touch),
    `reminder ${clinicTime(touch.dueAt, zone)}`,
    ...(touch.status === 'open' ? [] : [touch.status]),
    `owner ${shownId(touch.owner)}`,
  ].join(' · ');
}

const SEND_IT_YOURSELF =
  'Tact does not send this to the patient: edit it, fill in [first name], and send it yourself, privately (a card, a text, an email). Never post it publicly.';

export function touchReminder(touch: Touch, draft: TouchDraft, _zone: string): Reply {
  const heading = `Personal touch ${touch.id} today: patient ${touch.patientRef}, ${occasion(touch)}`;
  return {
    visibility: 'dm',
    to: touch.owner,
    summary: `Personal touch ${touch.id} today: ${touch.patientRef}`,
    sections: [
      { kind: 'text', text: heading },
      draft.text === undefined
        ? { kind: 'text', text: 'No draft this time: write a few words of your own.' }
        : { kind: 'preformatted', text: draft.text },
      { kind: 'text', text: SEND_IT_YOURSELF },
      ...(touch.kind === 'birthday'
        ? [{ kind: 'text' as const, text: `Stop yearly reminders: /touch cancel ${touch.id}` }]
        : []),
    ],
  };
}

/**
 * The digest's line: how many touches are reminded today and whose, counts only (the digest channel
 * is wider than a touch's owner and the managers, so no patient references and no occasions).
 */
export function todaysTouches(touches: readonly Touch[]): Section | undefined {
  if (touches.length === 0) return undefined;
  const perOwner = new Map<string, number>();
  for (const t of touches) perOwner.set(t.owner, (perOwner.get(t.owner) ?? 0) + 1);
  const owners = [...perOwner].map(([owner, count]) => `${shownId(owner)} ${count}`).join(', ');
  return { kind: 'text', text: `Personal touches today: ${touches.length} (${owners}).` };
}
