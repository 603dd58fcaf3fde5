import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../doubles/services.js';

/** The follow-up service on a real store: records, the open index, redaction, channel memory, sets. */
let t: TestServices;
afterEach(async () => {
  await t.close();
});

const DUE = new Date('2026-12-07T15:00:00.000Z');

describe('FollowUpService', () => {
  it('numbers F-n, redacts free text, keeps open ones in the index until closed', async () => {
    t = await buildServices({ now: '2026-12-06T15:00:00.000Z' });
    const { followups } = t.services;
    const a = await followups.create({
      patientRef: 'P-1',
      channel: 'phone',
      what: 'call back on 555-867-0142 or jane.doe@example.com',
      dueAt: DUE,
      owner: 'console:U1',
    });
    const b = await followups.create({ patientRef: 'P-2', what: 'check', dueAt: DUE, owner: 'console:U1' });
    expect([a.id, b.id]).toEqual(['F-1', 'F-2']);
    expect(a.what).not.toContain('867-0142');
    expect(a.what).not.toContain('jane.doe');
    expect((await followups.open()).map((f) => f.id)).toEqual(['F-1', 'F-2']);
    expect((await followups.finish(1, 'done', 'console:U1', 'reached her')).ok).toBe(true);
    expect((await followups.open()).map((f) => f.id)).toEqual(['F-2']);
    expect(await followups.finish(1, 'skipped', 'console:U1')).toMatchObject({ ok: false, problem: 'closed' });
    expect(await followups.finish(9, 'done', 'console:U1')).toMatchObject({ ok: false, problem: 'not-found' });
  });

  it('a new due time clears the reminders already sent; only open ones move', async () => {
    t = await buildServices({ now: '2026-12-06T15:00:00.000Z' });
    const { followups } = t.services;
    await followups.create({ patientRef: 'P-1', what: 'check', dueAt: DUE, owner: 'console:U1' });
    await followups.markNudged(1, 'due');
    expect(Object.keys((await followups.get(1))?.nudged ?? {})).toEqual(['due']);
    const later = new Date(DUE.getTime() + 3_600_000);
    const moved = await followups.reschedule(1, later, 'console:U1', 'snoozed');
    expect(moved.ok && moved.followUp).toMatchObject({ dueAt: later.toISOString(), nudged: {} });
    await followups.finish(1, 'cancelled', 'console:U1');
    expect((await followups.reschedule(1, later, 'console:U1', 'moved')).ok).toBe(false);
  });

  it("remembers a patient's last channel under a keyed hash, however the reference is typed", async () => {
    t = await buildServices({ now: '2026-12-06T15:00:00.000Z' });
    const { followups } = t.services;
    await followups.rememberChannel('P-12', 'text', new Date('2026-12-06T14:00:00.000Z'));
    await followups.rememberChannel('P-12', 'unknown', new Date('2026-12-06T14:30:00.000Z'));
    // an older message changed later (claimed, answered) does not bring its channel back
    await followups.rememberChannel('P-12', 'email', new Date('2026-12-05T14:00:00.000Z'));
    expect((await followups.lastChannel('p-12'))?.channel).toBe('text');
    expect(await followups.lastChannel('P-13')).toBeUndefined();
    // the store key holds no patient reference
    const stored = t.services.storage.collection('patient-channels');
    expect(await stored.get('P-12')).toBeUndefined();
    const f = await followups.create({ patientRef: 'P-12', what: 'check', dueAt: DUE, owner: 'console:U1' });
    expect(f).toMatchObject({ channel: 'text', channelFrom: 'last-used' });
  });

  it('an inquiry with a patient reference updates the last channel', async () => {
    t = await buildServices({ now: '2026-12-06T15:00:00.000Z' });
    await t.services.inquiries.create({
      channel: 'instagram',
      patientRef: 'P-12',
      origin: 'command',
      loggedBy: 'console:U1',
    });
    expect((await t.services.followups.lastChannel('P-12'))?.channel).toBe('instagram');
    // claimed and answered later: still the same channel, and a newer message by text takes over
    t.clock.set('2026-12-06T15:10:00.000Z');
    await t.services.inquiries.claim(1, 'console:U1');
    await t.services.inquiries.create({
      channel: 'text',
      patientRef: 'p-12',
      origin: 'command',
      loggedBy: 'console:U1',
    });
    t.clock.set('2026-12-06T15:20:00.000Z');
    await t.services.inquiries.answer(1, 'console:U1');
    expect((await t.services.followups.lastChannel('P-12'))?.channel).toBe('text');
  });

  it('sets: define, replace, remove; names are case-insensitive', async () => {
    t = await buildServices({ now: '2026-12-06T15:00:00.000Z' });
    const { followups } = t.services;
    await followups.defineSet('Filler', [{ days: 1, channel: 'phone' }], 'console:U1');
    await followups.defineSet('peel', [{ days: 7, channel: 'text' }], 'console:U1');
    await followups.defineSet('filler', [{ days: 2, channel: 'email' }], 'console:U1');
    const sets = await followups.afterCareSets();
    expect(sets.map((s) => [s.name, s.steps])).toEqual([
      ['filler', [{ days: 2, channel: 'email' }]],
      ['peel', [{ days: 7, channel: 'text' }]],
    ]);
    expect((await followups.removeSet('FILLER'))?.name).toBe('filler');
    expect(await followups.removeSet('filler')).toBeUndefined();
    expect((await followups.afterCareSets()).map((s) => s.name)).toEqual(['peel']);
  });
});
