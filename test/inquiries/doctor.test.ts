import { describe, expect, it } from 'vitest';
import { doctorAnswer, doctorRoute, isProviderNow, readOutcome } from '../../src/inquiries/doctor.js';
import type { WantsDoctor } from '../../src/inquiries/model.js';

const wants: WantsDoctor = { at: '2026-03-02T15:00:00.000Z', by: 'slack:UFD', how: 'words' };

describe('doctorRoute: who a wants-the-doctor message goes to', () => {
  const staff = { providers: ['slack:UDR1', 'slack:UDR2'], onCall: 'slack:UONCALL', managers: ['slack:UMGR'] };

  it('the providers while the clinic is open', () => {
    expect(doctorRoute({ ...staff, clinicOpen: true })).toEqual({ via: 'providers', people: staff.providers });
  });

  it('the person on call when the clinic is shut, or when nobody is set as provider', () => {
    expect(doctorRoute({ ...staff, clinicOpen: false })).toEqual({ via: 'on-call', people: ['slack:UONCALL'] });
    expect(doctorRoute({ ...staff, providers: [], clinicOpen: true })).toEqual({
      via: 'on-call',
      people: ['slack:UONCALL'],
    });
  });

  it('the providers again when shut with nobody on call; the managers when nobody at all', () => {
    expect(doctorRoute({ ...staff, onCall: undefined, clinicOpen: false })).toEqual({
      via: 'providers',
      people: staff.providers,
    });
    expect(doctorRoute({ providers: [], onCall: undefined, managers: ['slack:UMGR'], clinicOpen: true })).toEqual({
      via: 'managers',
      people: ['slack:UMGR'],
    });
  });
});

describe('doctorAnswer: a wants-the-doctor inquiry is answered only by the provider or an accepted triage', () => {
  it('an ordinary inquiry: anyone may close it, as before', () => {
    expect(doctorAnswer({}, false)).toEqual({ ok: true, outcome: undefined });
  });

  it('a bare "done" from a nurse or the front desk is refused', () => {
    expect(doctorAnswer({ wantsDoctor: wants }, false)).toEqual({ ok: false, problem: 'needs-provider' });
    expect(doctorAnswer({ wantsDoctor: { ...wants, triagedBy: 'slack:UNURSE' } }, false)).toEqual({
      ok: false,
      problem: 'needs-provider',
    });
  });

  it('a provider closing it counts as the provider calling back', () => {
    expect(doctorAnswer({ wantsDoctor: wants }, true)).toEqual({ ok: true, outcome: 'provider-called' });
  });

  it('anyone who says which it was may close it', () => {
    expect(doctorAnswer({ wantsDoctor: wants }, false, 'triage-accepted')).toEqual({
      ok: true,
      outcome: 'triage-accepted',
    });
    expect(doctorAnswer({ wantsDoctor: wants }, false, 'provider-called')).toEqual({
      ok: true,
      outcome: 'provider-called',
    });
  });

  it('providers and the person on call speak for the provider', () => {
    const staffing = { providers: ['slack:UDR1'], onCall: 'slack:UONCALL' };
    expect(isProviderNow('slack:UDR1', staffing)).toBe(true);
    expect(isProviderNow('slack:UONCALL', staffing)).toBe(true);
    expect(isProviderNow('slack:UNURSE', staffing)).toBe(false);
  });
});

describe('readOutcome: the first word of /inquiry done’s note', () => {
  it.each([
    ['provider-called', 'provider-called', undefined],
    ['Provider called: Dr Lee spoke to her', 'provider-called', 'Dr Lee spoke to her'],
    ['triage-accepted, happy with the nurse', 'triage-accepted', 'happy with the nurse'],
    ['TRIAGE ACCEPTED', 'triage-accepted', undefined],
    ['called her back', undefined, 'called her back'],
  ])('%j', (note, outcome, rest) => {
    expect(readOutcome(note)).toEqual({ outcome, note: rest });
  });
});
