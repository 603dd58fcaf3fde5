import { shownId } from '../../src/chat/ids.js';
import type { Reply, Section } from '../../src/chat/reply.js';
import { REPLY_IN_KIND } from '../../src/inquiries/model.js';
import type { PageRoundView } from '../../src/jobs/views.js';
import type { EscalationLevel } from '../../src/settings/on-call.js';
import type { Settings } from '../../src/settings/definitions.js';
import type { EscalationLevelName, Page } from '../../src/urgent/model.js';

/** The words of urgent pages: the page itself, what staff are told, and the end of paging. */

export const ACK_ACTION = 'page.ack';

const LEVEL_LABELS: Record<EscalationLevelName, string> = {
  'on-call': 'on call',
  backup: 'backup',
  managers: 'practice manager',
};

/** Emergency numbers of the countries Tact's users are in; elsewhere the advice names none. */
const EMERGENCY_NUMBERS: Readonly<Record<string, string>> = {
  US: '911',
  CA: '911',
  MX: '911',
  GB: '999',
  IE: '112',
  AU: '000',
  NZ: '111',
  ZA: '10111',
  ...Object.fromEntries(
    ['AT', 'BE', 'CH', 'DE', 'DK', 'ES', 'FI', 'FR', 'GR', 'IT', 'NL', 'NO', 'PL', 'PT', 'SE'].map((c) => [c, '112']),
  ),
};

/** What staff read to the patient: the clinic's own line, or advice naming the country's emergency number. */
export function emergencyLine(settings: Pick<Settings, 'emergencyLine' | 'country'>): string {
  if (settings.emergencyLine) return settings.emergencyLine;
  const number = EMERGENCY_NUMBERS[settings.country];
  const call = number ? `call ${number}` : 'call your local emergency number';
  return `If it is severe or getting worse (changes in your vision, trouble breathing, chest pain, skin turning white or blue), ${call} now or go to the nearest emergency department. We are reaching the doctor on call, who will call you back.`;
}

function people(ids: readonly string[]): string {
  return ids.map(shownId).join(', ');
}

/** How to reach the patient: the way they wrote (a message), or from the chart (a complaint). */
function reachLine(page: Page): string {
  const patient = page.patientRef ? `patient ${page.patientRef}` : 'the patient';
  const how = page.patientChannel ? REPLY_IN_KIND[page.patientChannel] : 'their number is in the chart';
  return `Contact ${patient} now: ${how}.${page.link ? ` The message: ${page.link}` : ''}`;
}

/** The page a person in the on-call chain receives, each round, until someone acknowledges. */
export function urgentPageReply(page: Page, round: PageRoundView, to: string): Reply {
  const sections: Section[] = [
    { kind: 'heading', text: `Urgent: ${page.id}${page.patientRef ? `, patient ${page.patientRef}` : ''}` },
    {
      kind: 'text',
      text: `${page.reasons.join('; ')}. Logged by ${page.raisedBy === 'intake' ? 'the intake system' : shownId(page.raisedBy)}. You are paged as ${LEVEL_LABELS[round.level]} (page ${round.number}).`,
    },
    { kind: 'text', text: reachLine(page) },
    ...(round.earlier?.level && round.earlier.level !== round.level
      ? [
          {
            kind: 'text' as const,
            text: `Not acknowledged by ${people(round.earlier.people)} (${LEVEL_LABELS[round.earlier.level]}).`,
          },
        ]
      : []),
    {
      kind: 'text',
      text: `Acknowledge when you have it, so the paging stops: the button, or /tact ack ${page.id}.`,
    },
  ];
  return {
    visibility: 'dm',
    to,
    summary: `URGENT ${page.id}: ${page.reasons[0] ?? 'urgent'}: acknowledge`,
    sections,
    actions: [{ id: ACK_ACTION, label: 'Acknowledge', value: page.id, style: 'danger' }],
  };
}

/** To each manager when nobody acknowledged and Tact stopped paging. */
export function pageUnansweredReply(page: Page, to: string): Reply {
  const paged = [...new Set(page.rounds.flatMap((r) => r.people))];
  const text = `Nobody acknowledged the urgent page for ${page.id} (${page.reasons.join('; ')}) after ${page.rounds.length} pages${paged.length ? ` to ${people(paged)}` : ''}. Tact has stopped paging: call the provider yourself, and the patient. When someone has it: /tact ack ${page.id}.`;
  return {
    visibility: 'dm',
    to,
    summary: `Urgent ${page.id} was not acknowledged`,
    sections: [{ kind: 'text', text }],
    actions: [{ id: ACK_ACTION, label: 'Acknowledge', value: page.id, style: 'danger' }],
  };
}

/**
 * What the person who logged an urgent matter is told: who is paged (or that nobody can be, and what
 * to do), and the line to read to the patient.
 */
export function pagedNotice(
  page: Page,
  chain: readonly EscalationLevel[],
  settings: Pick<Settings, 'emergencyLine' | 'country' | 'pageEscalateMs'>,
): Section[] {
  const [first, ...then] = chain;
  const minutes = Math.round(settings.pageEscalateMs / 60_000);
  const who = first
    ? `Paging ${people(first.people)} (${LEVEL_LABELS[first.level]}) now${
        then.length
          ? `; every ${minutes} min without an acknowledgement the next is paged: ${then.map((l) => `${people(l.people)} (${LEVEL_LABELS[l.level]})`).join(', then ')}`
          : ''
      }.`
    : 'Nobody can be paged: no on-call rota, backup or managers are set. Call the provider yourself now, then set them (/tact oncall set ..., /tact settings set managers ...).';
  const noOnCall =
    first && first.level !== 'on-call'
      ? ['Nobody is on call now (set the rota with /tact oncall set), so the next in the chain is paged.']
      : [];
  return [
    { kind: 'text', text: `Urgent (${page.reasons.join('; ')}): ${page.id}. ${who}` },
    ...(first
      ? [
          {
            kind: 'fields' as const,
            fields: first.people.map((person) => ({
              label: `Paged now (${LEVEL_LABELS[first.level]})`,
              value: person,
              user: true,
            })),
          },
        ]
      : []),
    ...noOnCall.map((text) => ({ kind: 'text' as const, text })),
    { kind: 'text', text: `Tell the patient: "${emergencyLine(settings)}"` },
  ];
}
