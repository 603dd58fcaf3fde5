import { afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../commands/job-views.js';
import { stepRecipients } from '../../src/complaints/roles.js';
import { complaintStepNudges } from '../../src/jobs/complaint-steps.js';
import { buildServices, silentLogger, type TestServices } from '../doubles/services.js';
import { attachRecorder, moveAndRun, planOf, postThrough } from './helpers.js';

/**
 * Step reminders reach the person in the step's role (TACT_PROVIDERS, TACT_NURSES, ...); the
 * managers only when nobody fills it, and then the reminder says so.
 */
const ENV = {
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_TIMEZONE: 'America/New_York',
  TACT_MANAGERS: 'UMGR1,UMGR2',
};
/** Monday 2 March 2026, 10:00 EST */
const MONDAY_10 = '2026-03-02T15:00:00.000Z';

let t: TestServices;
afterEach(async () => {
  await t.close();
});

/** Logs a complaint and runs its steps' reminders as each falls due over the next two weeks. */
async function remindersFor(category: 'complication' | 'billing', env: Record<string, string>) {
  t = await buildServices({ env: { ...ENV, ...env }, now: MONDAY_10 });
  const notifier = attachRecorder(t);
  const work = complaintStepNudges({
    complaints: t.services.complaints,
    settings: t.services.settings,
    post: postThrough(t, notifier),
    logger: silentLogger,
    views: jobViews,
  });
  const plan = planOf(t, work);
  const { complaint } = await t.services.complaints.log(
    { patientRef: 'P-7', category, categoryGuessed: false, text: 'swelling two days after filler' },
    'UFRONT',
  );
  // a complication also pages the person on call; acknowledged at once, so only step reminders are sent
  await t.services.pages.acknowledge(complaint.id, 'console:UMGR1', { manager: true });
  const at = moveAndRun(t, 2);
  for (const item of await plan.pending()) await at(item.at);
  return {
    complaint,
    sent: notifier.sent.map((s) => ({
      to: s.reply.to,
      step: s.reply.summary,
      words: s.reply.sections.map((x) => (x.kind === 'text' ? x.text : '')).join(' '),
    })),
  };
}

describe('step reminders by role', () => {
  it("a complication's provider step goes to the providers, its coordinator step to the managers (nobody set), saying why", async () => {
    const { complaint, sent } = await remindersFor('complication', { TACT_PROVIDERS: 'UDRA,UDRB' });
    expect(sent.map((s) => `${s.step} -> ${s.to}`)).toEqual([
      `${complaint.id} step 1 is overdue -> UDRA`,
      `${complaint.id} step 1 is overdue -> UDRB`,
      `${complaint.id} step 2 is overdue -> UMGR1`,
      `${complaint.id} step 2 is overdue -> UMGR2`,
    ]);
    expect(sent[0]?.words).not.toContain('Nobody is set');
    expect(sent[2]?.words).toContain(
      'Nobody is set as patient coordinator, so this reminder went to the practice managers.',
    );
  });

  it('a role set in chat takes effect for the next reminder', async () => {
    t = await buildServices({ env: ENV, now: MONDAY_10 });
    expect((await t.services.settings.set('coordinators', 'UCOORD', 'UMGR1')).ok).toBe(true);
    expect(stepRecipients('coordinator', t.services.settings.current())).toEqual({
      people: ['console:UCOORD'],
      stoodIn: false,
    });
  });

  it('manager steps go to the managers, never flagged as standing in', async () => {
    const { sent } = await remindersFor('billing', { TACT_FRONT_DESK: 'UDESK' });
    expect(sent.map((s) => s.to)).toEqual(['UDESK', 'UMGR1', 'UMGR2']);
    expect(sent.every((s) => !s.words.includes('Nobody is set'))).toBe(true);
  });
});
