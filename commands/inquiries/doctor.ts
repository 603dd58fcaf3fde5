import type { CommandContext } from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { describeError } from '../../src/errors.js';
import { doctorRoute, type DoctorRoute, type DoctorStaffing } from '../../src/inquiries/doctor.js';
import type { Inquiry } from '../../src/inquiries/model.js';
import type { Services } from '../../src/services.js';
import { openIntervals } from '../../src/time/business-hours.js';
import { formatDuration } from '../../src/time/duration.js';
import { doctorRequest, routedWords } from './doctor-view.js';
import { changeWords } from './inquiry.js';

/** "Wants the doctor": routing to the provider in charge, and the flags of `/inquiry`. */

function clinicOpenNow(services: Services): boolean {
  const now = services.clock.now();
  for (const [open, close] of openIntervals(services.calendar.current(), now, 1)) {
    if (open.getTime() <= now.getTime() && now.getTime() < close.getTime()) return true;
    if (open.getTime() > now.getTime()) break;
  }
  return false;
}

export function doctorStaffing(services: Services): DoctorStaffing {
  const settings = services.settings.current();
  return {
    providers: settings.providers,
    onCall: services.onCall.now()?.person,
    managers: settings.managers,
    clinicOpen: clinicOpenNow(services),
  };
}

/** The goal of a nervous patient's message, for the words; undefined for anyone else. */
export function urgentGoal(inquiry: Inquiry, services: Services): number | undefined {
  return inquiry.nervous ? services.settings.current().urgentReplySlaMs : undefined;
}

/**
 * Sends a wants-the-doctor inquiry to the provider in charge (see `doctorRoute`) by direct message,
 * and writes who it went to in its history. A message that cannot be delivered is logged; the
 * others still go.
 */
export async function routeToDoctor(inquiry: Inquiry, services: Services): Promise<DoctorRoute> {
  const route = doctorRoute(doctorStaffing(services));
  const goal = urgentGoal(inquiry, services);
  const sent: string[] = [];
  for (const person of route.people) {
    try {
      await services.outbox.send(doctorRequest(inquiry, person, route, goal));
      sent.push(person);
    } catch (error) {
      services.logger.warn('could not tell the provider', { inquiry: inquiry.id, error: describeError(error) });
    }
  }
  const what =
    route.via === 'managers'
      ? `nobody is set as provider or on call: sent to the managers (${sent.join(', ') || 'none set'})`
      : `sent to the ${route.via === 'on-call' ? 'person on call' : 'provider'}: ${sent.join(', ') || 'could not deliver'}`;
  await services.inquiries.note(inquiry.number, 'tact', what);
  return route;
}

/** Routes it, and says to whom in words for the person who flagged it; never throws. */
export async function routeAndSay(inquiry: Inquiry, services: Services): Promise<string> {
  try {
    return routedWords(await routeToDoctor(inquiry, services));
  } catch (error) {
    services.logger.warn('could not route to the provider', { inquiry: inquiry.id, error: describeError(error) });
    return 'Tact could not tell the provider: tell them yourself.';
  }
}

/** `--doctor` and `--nervous` anywhere in a note (phones turn "--" into a dash); the note without them. */
export function takeFlags(text: string): { text: string; doctor: boolean; nervous: boolean } {
  let doctor = false;
  let nervous = false;
  const rest = text.replace(/(^|\s)(?:--|[—–])(doctor|nervous)\b/gi, (_all, space: string, flag: string) => {
    if (flag.toLowerCase() === 'doctor') doctor = true;
    else nervous = true;
    return space;
  });
  return { text: rest.replace(/\s{2,}/g, ' ').trim(), doctor, nervous };
}

/** The "Wants the doctor" button: flags it and sends it to the provider. */
export async function flagDoctorButton(number: number, ctx: CommandContext): Promise<Reply[]> {
  const result = await ctx.services.inquiries.flagDoctor(number, ctx.actor.id, 'button');
  if (!result.ok) return changeWords(result, number, () => '');
  if (!result.changed) return [reply.private(`${result.inquiry.id} is already marked as wanting the doctor.`)];
  const routed = await routeAndSay(result.inquiry, ctx.services);
  return [reply.private(`${result.inquiry.id} wants the doctor. ${routed}`)];
}

/** The "Nervous patient" button: the urgent goal for this message, and the patient is remembered. */
export async function flagNervousButton(number: number, ctx: CommandContext): Promise<Reply[]> {
  const result = await ctx.services.inquiries.flagNervous(number, ctx.actor.id);
  if (!result.ok) return changeWords(result, number, () => '');
  const { inquiry } = result;
  if (inquiry.patientRef) await ctx.services.nervous.mark(inquiry.patientRef, ctx.actor.id);
  const { urgentReplySlaMs, nervousDays } = ctx.services.settings.current();
  const remembered = inquiry.patientRef
    ? ` Their messages get the same goal for ${nervousDays} days.`
    : ' It has no patient reference, so only this message gets the shorter goal.';
  return [
    reply.private(
      `${inquiry.id}: nervous patient after treatment, reply goal ${formatDuration(urgentReplySlaMs)} in real time.${remembered}`,
    ),
  ];
}
