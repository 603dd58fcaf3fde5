import { afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../commands/job-views.js';
import { complaintStepNudges } from '../../src/jobs/complaint-steps.js';
import { buildServices, type TestServices, silentLogger } from '../doubles/services.js';
import { attachRecorder, moveAndRun, planOf, postThrough } from './helpers.js';

/**
 * Complaint pathway steps not done by their due time: each one produces one direct message to each
 * manager, once, through the same scheduler as the inquiry reminders (fixed clock).
 */
const ENV = {
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_TIMEZONE: 'America/New_York',
  TACT_MANAGERS: 'UMGR1,UMGR2',
};
const MONDAY_10 = '2026-03-02T15:00:00.000Z';

let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup() {
  t = await buildServices({ env: ENV, now: MONDAY_10 });
  const notifier = attachRecorder(t);
  const source = planOf(
    t,
    complaintStepNudges({
      complaints: t.services.complaints,
      settings: t.services.settings,
      post: postThrough(t, notifier),
      logger: silentLogger,
      views: jobViews,
    }),
  );
  const at = moveAndRun(t, 2);
  return { sent: notifier.sent, source, at };
}

async function logComplication() {
  const { complaint } = await t.services.complaints.log(
    { patientRef: 'P-7', category: 'complication', categoryGuessed: false, text: 'swelling two days after filler' },
    'console:USTAFF',
  );
  // A complication pages the person on call at once (test/jobs/urgent-pages.test.ts); here it is
  // acknowledged before any page goes out, so only the step reminders are seen.
  expect((await t.services.pages.acknowledge(complaint.id, 'console:UMGR1', { manager: true })).ok).toBe(true);
  return complaint;
}

describe('overdue pathway steps', () => {
  it('are pending at their due time, one item per open step', async () => {
    const { source } = await setup();
    const complaint = await logComplication();
    const items = await source.pending();
    expect(items.map((i) => i.key)).toEqual(complaint.steps.map((_, n) => `complaint:${complaint.id}:step:${n + 1}`));
    expect(items.map((i) => i.at.toISOString())).toEqual(complaint.steps.map((s) => new Date(s.due).toISOString()));
  });

  it('each step past its due time gives one DM to each manager, once', async () => {
    const { sent, at } = await setup();
    const complaint = await logComplication();
    const dues = [...new Set(complaint.steps.map((s) => s.due))].sort();
    expect(dues.length).toBeGreaterThan(0);
    await at(new Date(Date.parse(dues[0]!) - 1_000));
    expect(sent).toEqual([]);

    const firstDue = complaint.steps.filter((s) => s.due === dues[0]).length;
    await at(dues[0]!);
    expect(sent).toHaveLength(firstDue * 2);
    expect(sent.map((s) => s.reply.to)).toEqual(Array.from({ length: firstDue }, () => ['UMGR1', 'UMGR2']).flat());
    const first = sent[0]!.reply;
    expect(first.visibility).toBe('dm');
    expect(first.summary).toBe(`${complaint.id} step 1 is overdue`);
    expect(first.sections[0]).toMatchObject({ kind: 'text' });
    expect(first.sections[0]?.kind === 'text' && first.sections[0].text).toContain(
      `Mark it with /complaint update ${complaint.id} step 1.`,
    );
    expect(first.sections[0]?.kind === 'text' && first.sections[0].text).toContain(complaint.steps[0]!.text);

    // Past every due time, polled repeatedly: each step once per manager, never again.
    await at(new Date(Date.parse(dues.at(-1)!) + 3_600_000));
    await at(new Date(Date.parse(dues.at(-1)!) + 7_200_000));
    expect(sent).toHaveLength(complaint.steps.length * 2);
    const summaries = sent.filter((s) => s.reply.to === 'UMGR1').map((s) => s.reply.summary);
    expect(summaries).toEqual(complaint.steps.map((_, n) => `${complaint.id} step ${n + 1} is overdue`));
    const stored = await t.services.complaints.get(complaint.number);
    expect(stored?.steps.every((s) => s.nudgedAt !== undefined)).toBe(true);
  });

  it('a step done in time, or a closed complaint, is not nudged', async () => {
    const { sent, at, source } = await setup();
    const complaint = await logComplication();
    const other = await logComplication();
    expect((await t.services.complaints.update(complaint.number, { kind: 'step', step: 1 }, 'console:UPROV')).ok).toBe(
      true,
    );
    expect(
      (await t.services.complaints.update(other.number, { kind: 'status', status: 'resolved' }, 'console:UMGR1')).ok,
    ).toBe(true);
    expect((await source.pending()).map((i) => i.key)).toEqual(
      complaint.steps.slice(1).map((_, n) => `complaint:${complaint.id}:step:${n + 2}`),
    );
    await at(new Date(Date.parse(complaint.steps.at(-1)!.due) + 60_000));
    expect(sent.map((s) => s.reply.summary)).not.toContain(`${complaint.id} step 1 is overdue`);
    expect(sent.filter((s) => s.reply.summary.startsWith(other.id))).toEqual([]);
    expect(sent).toHaveLength((complaint.steps.length - 1) * 2);
  });
});
