import { runDue } from '../../doubles/services.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApiCall, FakeSlack } from '../../doubles/fake-slack.js';
import {
  MANAGERS,
  STAFF,
  removeTempDirs,
  sharedFakeAndStore,
  startTact,
  stopStarted,
  textsOf,
  type TactUnderTest,
} from './harness.js';

/**
 * Reminders for unclaimed press inquiries, on real timers with a short TACT_MEDIA_SLA: one to the
 * spokesperson after the SLA, one to the managers after twice that, one before the deadline; each
 * once, and a restart neither loses nor repeats one. Waits are bounded; counts are checked after the
 * awaited event plus a short settle period and extra scheduler passes.
 */
const SPOKESPERSON = 'USPOKES1';
const WAIT_MS = 8_000;

const SPOKESPERSON_NUDGE = (id: string) => `Reminder: press inquiry ${id} (Daily News) is still unclaimed.`;
const MANAGERS_NUDGE = (id: string) => `Press inquiry ${id} (Daily News) has not been claimed by the spokesperson.`;
const DEADLINE_NUDGE = (id: string) =>
  `Press inquiry ${id} (Daily News) is due within the hour and has not been answered.`;

let tact: TactUnderTest | undefined;
afterEach(stopStarted);
afterAll(removeTempDirs);

/** Direct messages to `user` whose fallback text starts with `text`. */
function dms(fake: FakeSlack, user: string, text: string): ApiCall[] {
  return fake
    .calls('chat.postMessage')
    .filter((c) => c.body['channel'] === user && String(c.body['text']).startsWith(text));
}

/** Lets any stray timer fire, then runs the scheduler twice more by hand: whatever was sent once stays sent once. */
async function settle(t: TactUnderTest): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  await runDue(t.running);
  await runDue(t.running);
}

function media(t: TactUnderTest, user: string, text: string) {
  return t.command(user, text, { command: '/media' });
}

describe('media reminders (TACT_MEDIA_SLA=1s)', () => {
  it('an unclaimed inquiry nudges the spokesperson once, then the managers once', async () => {
    const t = (tact = await startTact({ env: { TACT_SPOKESPERSON: SPOKESPERSON, TACT_MEDIA_SLA: '1s' } }));
    expect((await media(t, STAFF, 'Daily News: is the senator a patient?')).text).toContain('Logged press inquiry M-1');
    expect(dms(t.fake, SPOKESPERSON, 'Press inquiry M-1 from Daily News')).toHaveLength(1);

    await t.fake.waitFor(() => dms(t.fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-1')).length > 0, WAIT_MS);
    await t.fake.waitFor(() => MANAGERS.every((m) => dms(t.fake, m, MANAGERS_NUDGE('M-1')).length > 0), WAIT_MS);
    await settle(t);

    const reminder = dms(t.fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-1'));
    expect(reminder).toHaveLength(1);
    expect(textsOf(reminder[0]?.body).join('\n')).toContain('Claim it, or hand it on.');
    for (const manager of MANAGERS) expect(dms(t.fake, manager, MANAGERS_NUDGE('M-1'))).toHaveLength(1);
    // The managers' reminder goes to the managers only; no deadline was given, so no escalation.
    expect(dms(t.fake, SPOKESPERSON, MANAGERS_NUDGE('M-1'))).toEqual([]);
    expect(
      t.fake.calls('chat.postMessage').filter((c) => String(c.body['text']).includes('due within the hour')),
    ).toEqual([]);
    expect(t.fake.calls('chat.postMessage')).toHaveLength(1 + 1 + MANAGERS.length);

    // The record says which reminders went out.
    const inquiry = await t.running.services.media.get(1);
    expect(Object.keys(inquiry?.nudged ?? {}).sort()).toEqual(['managers', 'spokesperson']);
    expect(inquiry?.history.map((h) => h.what)).toEqual([
      'logged',
      'reminder sent: spokesperson',
      'reminder sent: managers',
    ]);
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a claimed inquiry gets no reminders', async () => {
    const t = (tact = await startTact({ env: { TACT_SPOKESPERSON: SPOKESPERSON, TACT_MEDIA_SLA: '1s' } }));
    await media(t, STAFF, 'Daily News: is the senator a patient?');
    expect((await media(t, SPOKESPERSON, 'claim M-1')).text).toContain('You own M-1 now.');
    // A second, unclaimed inquiry logged at the same time is the yardstick: once its managers'
    // reminder has arrived, M-1's would have too.
    await media(t, STAFF, 'Daily News: and the governor?');
    await t.fake.waitFor(() => MANAGERS.every((m) => dms(t.fake, m, MANAGERS_NUDGE('M-2')).length > 0), WAIT_MS);
    await settle(t);

    expect(dms(t.fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-1'))).toEqual([]);
    for (const manager of MANAGERS) expect(dms(t.fake, manager, MANAGERS_NUDGE('M-1'))).toEqual([]);
    expect(dms(t.fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-2'))).toHaveLength(1);
    expect((await t.running.services.media.get(1))?.nudged).toEqual({});
  });

  it('a deadline within the hour escalates once to the spokesperson and the managers', async () => {
    // The deadline is a clock time about 30 minutes from now, in UTC to keep the arithmetic plain.
    const soon = new Date(Date.now() + 30 * 60_000);
    const hhmm = `${String(soon.getUTCHours()).padStart(2, '0')}:${String(soon.getUTCMinutes()).padStart(2, '0')}`;
    const t = (tact = await startTact({ env: { TACT_SPOKESPERSON: SPOKESPERSON, TACT_TIMEZONE: 'UTC' } }));
    await media(t, STAFF, `Daily News: is the senator a patient? by ${hhmm}`);
    const deadline = (await t.running.services.media.get(1))?.deadline;
    expect(Date.parse(deadline ?? '') - Date.now()).toBeLessThan(3_600_000);

    for (const user of [SPOKESPERSON, ...MANAGERS]) {
      await t.fake.waitFor(() => dms(t.fake, user, DEADLINE_NUDGE('M-1')).length > 0, WAIT_MS);
    }
    await settle(t);
    for (const user of [SPOKESPERSON, ...MANAGERS]) expect(dms(t.fake, user, DEADLINE_NUDGE('M-1'))).toHaveLength(1);
    // The 15-minute SLA has not passed: no unclaimed reminders yet.
    expect(dms(t.fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-1'))).toEqual([]);
  });

  it('an answered inquiry is not escalated before its deadline', async () => {
    const soon = new Date(Date.now() + 30 * 60_000);
    const hhmm = `${String(soon.getUTCHours()).padStart(2, '0')}:${String(soon.getUTCMinutes()).padStart(2, '0')}`;
    const t = (tact = await startTact({ env: { TACT_SPOKESPERSON: SPOKESPERSON, TACT_TIMEZONE: 'UTC' } }));
    // Answer it before any pass can see it: with the job queue paused (its deadline reminder is due
    // as soon as it is logged), log it through the service, finish it, then resume.
    await t.running.jobs.queue.stop();
    const inquiry = await t.running.services.media.log(
      { outlet: 'Daily News', question: 'is the senator a patient?', deadline: hhmm },
      STAFF,
    );
    await t.running.services.media.finish(inquiry.number, 'answered', SPOKESPERSON, 'no comment');
    await t.running.jobs.queue.start();
    // Yardstick: an unanswered one logged now with the same deadline is escalated.
    await media(t, STAFF, `Daily News: and the governor? by ${hhmm}`);
    await t.fake.waitFor(() => dms(t.fake, SPOKESPERSON, DEADLINE_NUDGE('M-2')).length > 0, WAIT_MS);
    await settle(t);
    expect(t.fake.calls('chat.postMessage').filter((c) => String(c.body['text']).includes('M-1'))).toEqual([]);
  });
});

describe('media reminders across a restart (TACT_MEDIA_SLA=2s)', () => {
  it('a reminder due while Tact was stopped is sent once after the restart, and not again after another', async () => {
    const { fake, store } = await sharedFakeAndStore();
    const env = { TACT_SPOKESPERSON: SPOKESPERSON, TACT_MEDIA_SLA: '2s' };

    tact = await startTact({ store, fake, env });
    expect((await media(tact, STAFF, 'Daily News: is the senator a patient?')).text).toContain(
      'Logged press inquiry M-1',
    );
    await tact.stop();
    tact = undefined;
    // Stopped before the SLA: nothing was sent yet.
    expect(dms(fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-1'))).toEqual([]);

    // Not lost: the restarted app sends it.
    tact = await startTact({ store, fake, env });
    await fake.waitFor(() => dms(fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-1')).length > 0, WAIT_MS);
    await tact.stop();
    tact = undefined;
    expect(dms(fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-1'))).toHaveLength(1);

    // Not repeated: after another restart the managers' reminder (due at twice the SLA) still comes,
    // but the spokesperson's does not come again.
    tact = await startTact({ store, fake, env });
    await fake.waitFor(() => MANAGERS.every((m) => dms(fake, m, MANAGERS_NUDGE('M-1')).length > 0), WAIT_MS);
    await settle(tact);
    expect(dms(fake, SPOKESPERSON, SPOKESPERSON_NUDGE('M-1'))).toHaveLength(1);
    for (const manager of MANAGERS) expect(dms(fake, manager, MANAGERS_NUDGE('M-1'))).toHaveLength(1);
    await tact.stop();
    tact = undefined;

    // And once everything was sent, a restart sends nothing at all.
    const sent = fake.calls('chat.postMessage').length;
    tact = await startTact({ store, fake, env });
    await settle(tact);
    expect(fake.calls('chat.postMessage')).toHaveLength(sent);
  });
});
