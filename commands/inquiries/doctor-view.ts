import { reply, type Reply } from '../../src/chat/reply.js';
import { shownId } from '../../src/chat/ids.js';
import type { DoctorRoute } from '../../src/inquiries/doctor.js';
import { CHANNEL_LABELS, REPLY_IN_KIND, type Inquiry } from '../../src/inquiries/model.js';
import { careNote, inquiryActions } from './inquiry-view.js';

/** Words for "wants the doctor" and nervous patients: the provider's message, the refusals, the replies. */

const NOBODY =
  'Nobody is set as provider or on call, so this came to the managers: set the providers with /tact settings set providers <user ids> (or TACT_PROVIDERS) and the rota with /tact settings set oncall ... (or TACT_ONCALL).';

/** A direct message to the provider (or the person on call, or a manager standing in). */
export function doctorRequest(inquiry: Inquiry, to: string, route: DoctorRoute, urgentGoalMs?: number): Reply {
  const whom = inquiry.patientRef ? `patient ${inquiry.patientRef}` : 'a patient';
  const why = route.via === 'on-call' ? ' You are on call.' : route.via === 'managers' ? ` ${NOBODY}` : '';
  const text = `${inquiry.id}: ${whom} wants the doctor (${CHANNEL_LABELS[inquiry.channel]}; ${REPLY_IN_KIND[inquiry.channel]}).${why} A nurse may triage meanwhile; it stays open until you have called back or the patient accepted the triage. ${careNote({ ...inquiry, wantsDoctor: undefined }, urgentGoalMs)}`;
  return {
    ...reply.dm(to, `${inquiry.id} wants the doctor`, [
      { kind: 'text', text: text.trim() },
      ...(inquiry.link ? [{ kind: 'fields' as const, fields: [{ label: 'Link', value: inquiry.link }] }] : []),
    ]),
    actions: inquiryActions(inquiry),
  };
}

/** What the person who flagged it hears: who it went to. */
export function routedWords(route: DoctorRoute): string {
  if (route.via === 'managers')
    return route.people.length
      ? NOBODY
      : 'Nobody is set as provider or on call, and no managers are set either: tell the provider yourself, and ask a manager to set TACT_PROVIDERS.';
  const people = route.people.map(shownId).join(', ');
  return route.via === 'on-call' ? `Sent to ${people}, on call now.` : `Sent to the provider: ${people}.`;
}

export function needsProviderWords(id: string): string {
  return `${id} wants the doctor: it is answered only when the provider has called back or the patient accepted the triage. If one of those happened, say which: /inquiry done ${id} provider-called or /inquiry done ${id} triage-accepted (or press Provider called back or Patient accepted triage).`;
}
