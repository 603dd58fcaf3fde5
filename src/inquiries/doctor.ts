import type { DoctorOutcome, Inquiry } from './model.js';

/**
 * The rules of a "wants the doctor" inquiry, pure: who it goes to, and who may call it answered.
 * A nurse or extender may claim it to triage until the provider is free, but a patient who insists
 * on the doctor must not be brushed off: it is answered only when the provider has called back or
 * the patient accepted the triage.
 */
export interface DoctorStaffing {
  providers: readonly string[];
  /** the person on call now, if the rota names one */
  onCall: string | undefined;
  managers: readonly string[];
  /** the clinic is open now (weekly hours less closures and holidays) */
  clinicOpen: boolean;
}

/** Who hears of it: `managers` means nobody fills the provider role nor the rota, and says so. */
export type DoctorRoute = { via: 'providers' | 'on-call' | 'managers'; people: readonly string[] };

/**
 * The providers while the clinic is open; the person on call when it is shut or nobody is set as
 * provider (the providers again when it is shut and the rota is empty); the managers when nobody at all.
 */
export function doctorRoute(staffing: DoctorStaffing): DoctorRoute {
  const { providers, onCall, managers, clinicOpen } = staffing;
  if (clinicOpen && providers.length) return { via: 'providers', people: providers };
  if (onCall) return { via: 'on-call', people: [onCall] };
  if (providers.length) return { via: 'providers', people: providers };
  return { via: 'managers', people: managers };
}

/** Providers and the person on call now speak for the provider. */
export function isProviderNow(actor: string, staffing: Pick<DoctorStaffing, 'providers' | 'onCall'>): boolean {
  return staffing.providers.includes(actor) || staffing.onCall === actor;
}

export type DoctorAnswer = { ok: true; outcome: DoctorOutcome | undefined } | { ok: false; problem: 'needs-provider' };

/**
 * Whether `actor` may mark an inquiry answered, and as what. An ordinary inquiry: anyone, as ever.
 * One that wants the doctor: a provider (counts as the provider calling back), or anyone who says
 * which it was (`provider-called`, `triage-accepted`); a bare "done" from anyone else is refused.
 */
export function doctorAnswer(
  inquiry: Pick<Inquiry, 'wantsDoctor'>,
  byProvider: boolean,
  said?: DoctorOutcome,
): DoctorAnswer {
  if (!inquiry.wantsDoctor) return { ok: true, outcome: said };
  if (said) return { ok: true, outcome: said };
  if (byProvider) return { ok: true, outcome: 'provider-called' };
  return { ok: false, problem: 'needs-provider' };
}

/** The words `/inquiry done <id> <outcome>` takes, first word of the note. */
export function readOutcome(note: string | undefined): {
  outcome: DoctorOutcome | undefined;
  note: string | undefined;
} {
  const match = /^\s*(provider[- ]called|triage[- ]accepted)\b[\s:,.-]*/i.exec(note ?? '');
  if (!match) return { outcome: undefined, note };
  const outcome = (match[1] ?? '').toLowerCase().startsWith('provider') ? 'provider-called' : 'triage-accepted';
  const rest = (note ?? '').slice(match[0].length).trim();
  return { outcome, note: rest || undefined };
}
