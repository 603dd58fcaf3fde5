import { afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../commands/job-views.js';
import { weeklyDigest } from '../../src/jobs/weekly-digest.js';
import { readWeeklyDigest } from '../../src/settings/definitions.js';
import { decodePng } from '../charts/png-check.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import { attachRecorder, digestPlan, moveAndRun, postThrough } from './helpers.js';

/**
 * TACT_WEEKLY_DIGEST: once a week at its day and time (clinic time) in the digest channel, with
 * both charts; off when unset; never a patient reference or a message body.
 */
const ENV = {
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_TIMEZONE: 'America/New_York',
  TACT_MANAGERS: 'UMGR1',
  TACT_DIGEST_CHANNEL: 'CDIGEST',
  TACT_WEEKLY_DIGEST: 'Mon 08:00',
};

let t: TestServices | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup(now: string, env: Record<string, string> = {}) {
  const services = await buildServices({ env: { ...ENV, ...env }, now });
  t = services;
  const notifier = attachRecorder(services);
  const plan = digestPlan(
    weeklyDigest({ services: services.services, post: postThrough(services, notifier), views: jobViews }),
  );
  return { t: services, notifier, plan, at: moveAndRun(services, 2) };
}

describe('TACT_WEEKLY_DIGEST', () => {
  it('reads a weekday and a time as people write them; none turns it off; nonsense is refused', () => {
    expect(readWeeklyDigest('Mon 08:00')).toEqual({ day: 1, at: '08:00' });
    expect(readWeeklyDigest('friday 7:30')).toEqual({ day: 5, at: '07:30' });
    expect(readWeeklyDigest('SUN 18:05')).toEqual({ day: 0, at: '18:05' });
    expect(readWeeklyDigest('')).toBeUndefined();
    expect(readWeeklyDigest('none')).toBeUndefined();
    for (const bad of ['Mon', '08:00', 'Mox 08:00', 'Mon 25:00', 'Monday8:00', 'Mondays 08:00'])
      expect(readWeeklyDigest(bad)).toBeNull();
  });

  it('is refused at start-up when not understood, with what to write', async () => {
    await expect(buildServices({ env: { ...ENV, TACT_WEEKLY_DIGEST: 'every monday' } })).rejects.toThrow(
      /TACT_WEEKLY_DIGEST.*Mon 08:00/s,
    );
  });

  it('goes out once a week at its time, in the digest channel, with both charts', async () => {
    // Sunday 1 March 2026, 12:00 EST
    const { t, notifier, plan, at } = await setup('2026-03-01T17:00:00.000Z');
    await t.services.complaints.log(
      { patientRef: 'P-2001', category: 'billing', categoryGuessed: false, text: 'Maria Lopez was charged twice' },
      'console:USTAFF',
    );
    expect((await plan.pending()).map((p) => [p.key, p.at.toISOString()])).toEqual([
      ['weekly-digest:console:CDIGEST:2026-03-02', '2026-03-02T13:00:00.000Z'],
    ]);
    for (const time of [
      '2026-03-02T12:59:00.000Z',
      '2026-03-02T13:00:00.000Z',
      '2026-03-02T15:00:00.000Z',
      '2026-03-03T13:00:00.000Z',
    ])
      await at(time);
    const weekly = notifier.sent.filter((s) => s.reply.summary.startsWith('Weekly digest'));
    expect(weekly).toHaveLength(1);
    const [sent] = weekly;
    expect(sent?.destination?.channelId).toBe('CDIGEST');
    expect(sent?.reply.summary).toBe('Weekly digest: 1 complaint, 0 patient messages');
    expect(sent?.reply.files?.map((f) => f.name)).toEqual(['complaint-trends.png', 'first-responses.png']);
    for (const file of sent?.reply.files ?? []) expect(decodePng(file.bytes).colours).toBeGreaterThan(10);
    expect(JSON.stringify(sent?.reply.sections)).not.toMatch(/P-2001|Maria|charged twice/);
    // the next one is a week on
    expect((await plan.pending()).map((p) => p.at.toISOString())).toEqual(['2026-03-09T12:00:00.000Z']);
  });

  it('nothing when unset or without a digest channel', async () => {
    const off = await setup('2026-03-01T17:00:00.000Z', { TACT_WEEKLY_DIGEST: '' });
    expect(await off.plan.pending()).toEqual([]);
    await off.t.close();
    const noChannel = await setup('2026-03-01T17:00:00.000Z', { TACT_DIGEST_CHANNEL: 'none' });
    expect(await noChannel.plan.pending()).toEqual([]);
  });
});
