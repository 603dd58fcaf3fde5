import { afterEach, describe, expect, it } from 'vitest';
import { overdueStepReply } from '../../commands/complaints/complaint-view.js';
import { jobViews } from '../../commands/job-views.js';
import type { Destination, Notifier } from '../../src/chat/outbox.js';
import type { Reply } from '../../src/chat/reply.js';
import { complaintStepNudges } from '../../src/jobs/complaint-steps.js';
import { buildServices, type TestServices, silentLogger } from '../doubles/services.js';
import { planOf, postThrough } from './helpers.js';

/**
 * An overdue-step reminder is planned from a list read earlier; by the time it runs the step may be
 * done or the complaint closed. It reads the complaint again and then says nothing.
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
  const sent: Array<{ reply: Reply; destination: Destination | undefined }> = [];
  const notifier: Notifier = { send: async (reply, destination) => void sent.push({ reply, destination }) };
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
  const { complaint } = await t.services.complaints.log(
    { patientRef: 'P-7', category: 'complication', categoryGuessed: false, text: 'swelling two days after filler' },
    'console:USTAFF',
  );
  const [first] = await source.pending();
  if (!first) throw new Error('no pending step');
  t.clock.set(first.at);
  return { sent, complaint, first };
}

describe('an overdue-step reminder reads the complaint again when it runs', () => {
  it('skips a step done since the list was made, and does not mark it reminded', async () => {
    const { sent, complaint, first } = await setup();
    expect((await t.services.complaints.update(complaint.number, { kind: 'step', step: 1 }, 'console:UPROV')).ok).toBe(
      true,
    );
    await first.run();
    expect(sent).toEqual([]);
    expect((await t.services.complaints.get(complaint.number))?.steps[0]?.nudgedAt).toBeUndefined();
  });

  it('skips a complaint closed since the list was made', async () => {
    const { sent, complaint, first } = await setup();
    expect(
      (await t.services.complaints.update(complaint.number, { kind: 'status', status: 'resolved' }, 'console:UMGR1'))
        .ok,
    ).toBe(true);
    await first.run();
    expect(sent).toEqual([]);
  });

  it('skips a step replaced by a category fix; the new step is planned afresh', async () => {
    const { sent, complaint, first } = await setup();
    expect(
      (await t.services.complaints.update(complaint.number, { kind: 'category', category: 'wait' }, 'console:UMGR1'))
        .ok,
    ).toBe(true);
    const replaced = (await t.services.complaints.get(complaint.number))?.steps[0];
    expect(replaced?.due).not.toBe(complaint.steps[0]?.due);
    await first.run();
    expect(sent).toEqual([]);
  });

  it('otherwise tells each manager, with the words from the view, from the complaint as it is now', async () => {
    const { sent, complaint, first } = await setup();
    // a change made after the list was read shows in the reminder
    await t.services.complaints.update(complaint.number, { kind: 'tier', tier: 'aggressive' }, 'console:UMGR1');
    await first.run();
    const current = await t.services.complaints.get(complaint.number);
    if (!current?.steps[0]) throw new Error('no complaint');
    // a complication's first step is the provider's, and nobody is set as provider here
    expect(sent.map((s) => s.reply)).toEqual([
      overdueStepReply(current, current.steps[0], 1, 'console:UMGR1', { stoodIn: true }),
      overdueStepReply(current, current.steps[0], 1, 'console:UMGR2', { stoodIn: true }),
    ]);
    expect(sent[0]?.reply.sections[0]).toMatchObject({
      kind: 'text',
      text: expect.stringContaining(`${complaint.id} (aggressive): step 1 is overdue`),
    });
    expect(current.steps[0].nudgedAt).toBeDefined();
  });
});

describe('overdueStepReply', () => {
  it('names the complaint, the step, its owner and how to mark it done, in a direct message', async () => {
    const { complaint } = await setup();
    const step = complaint.steps[0];
    if (!step) throw new Error('no step');
    const reply = overdueStepReply(complaint, step, 1, 'console:UPROV', { stoodIn: false });
    expect(reply).toMatchObject({
      visibility: 'dm',
      to: 'console:UPROV',
      summary: `${complaint.id} step 1 is overdue`,
    });
    const text = reply.sections[0]?.kind === 'text' ? reply.sections[0].text : '';
    expect(text).toContain(`${complaint.id} (${complaint.tier}): step 1 is overdue: ${step.text}`);
    expect(text).toContain(`Mark it with /complaint update ${complaint.id} step 1.`);
    expect(reply.sections).toHaveLength(1);
  });

  it('tells a manager standing in for an empty role why it came to them and how to fill the role', async () => {
    const { complaint } = await setup();
    const step = complaint.steps[0];
    if (!step) throw new Error('no step');
    const reply = overdueStepReply(complaint, step, 1, 'UMGR1', { stoodIn: true });
    expect(reply.sections[1]).toEqual({
      kind: 'text',
      text: 'Nobody is set as provider, so this reminder went to the practice managers. Set who is with /tact roles set provider <user ids>.',
    });
  });
});

describe('a manager who cannot be reached', () => {
  it('does not make the others get the overdue-step reminder again; the step counts as reminded', async () => {
    t = await buildServices({ env: { ...ENV, TACT_MANAGERS: 'UMGR1,UGONE' }, now: MONDAY_10 });
    const sent: Reply[] = [];
    const notifier: Notifier = {
      send: async (reply) => {
        if (reply.to === 'console:UGONE') throw new Error('user_not_found');
        sent.push(reply);
        return undefined;
      },
    };
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
    await t.services.complaints.log(
      { patientRef: 'P-7', category: 'complication', categoryGuessed: false, text: 'swelling two days after filler' },
      'console:USTAFF',
    );
    const [first] = await source.pending();
    if (!first) throw new Error('no pending step');
    t.clock.set(first.at);
    await first.run();
    expect(sent.map((r) => r.to)).toEqual(['console:UMGR1']);
    expect((await t.services.complaints.get(1))?.steps[0]?.nudgedAt).toBeDefined();
    expect((await source.pending()).map((i) => i.key)).not.toContain(first.key);
  });
});
