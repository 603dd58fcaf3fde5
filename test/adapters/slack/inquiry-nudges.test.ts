import { runDue } from '../../doubles/services.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApiCall, FakeSlack } from '../../doubles/fake-slack.js';
import { eventCallbackPayload, postEvent } from '../../doubles/slack-request.js';
import {
  MANAGERS,
  MONDAY_10AM,
  STAFF,
  movableClock,
  removeTempDirs,
  sharedFakeAndStore,
  startTact,
  stopStarted,
  textsOf,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';

/**
 * Reminders for patient messages through Slack, with a clock the test moves: the message's thread
 * at the reply goal (naming the owner), each manager by DM at twice the goal, each once; a restart
 * on the same SQLite file sends what fell due while Tact was down, once, and repeats nothing.
 */
const INBOX = 'CINBOX';
const ENV = { TACT_INBOX_CHANNELS: INBOX, TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00', TACT_REPLY_SLA: '15m' };
const MIN = 60_000;

let tact: TactUnderTest | undefined;
afterEach(stopStarted);
afterAll(removeTempDirs);

let counter = 0;
const nextTs = () => `1772463600.${String((counter += 1)).padStart(6, '0')}`;

async function integrationPost(t: TactUnderTest, text: string, username: string): Promise<string> {
  const ts = nextTs();
  const response = await postEvent(
    t.target,
    eventCallbackPayload(`Ev0NUDGE${ts}`, {
      type: 'message',
      subtype: 'bot_message',
      bot_id: 'BRING',
      username,
      text,
      channel: INBOX,
      ts,
      event_ts: ts,
    }),
  );
  expect(response.status).toBe(200);
  return ts;
}

async function staffReply(t: TactUnderTest, user: string, text: string, threadTs: string) {
  const ts = nextTs();
  await postEvent(
    t.target,
    eventCallbackPayload(`Ev0NUDGE${ts}`, {
      type: 'message',
      user,
      text,
      channel: INBOX,
      ts,
      event_ts: ts,
      thread_ts: threadTs,
    }),
  );
}

const nudgesIn = (f: FakeSlack, ts: string): ApiCall[] =>
  f
    .calls('chat.postMessage')
    .filter((c) => c.body['thread_ts'] === ts && String(c.body['text']).includes('is waiting'));
const dmsTo = (f: FakeSlack, user: string): ApiCall[] =>
  f.calls('chat.postMessage').filter((c) => c.body['channel'] === user);
const words = (call: ApiCall | undefined) => unescapeSlack(textsOf(call?.body).join('\n'));

async function settle(t: TactUnderTest) {
  await runDue(t.running);
  await runDue(t.running);
}

describe('inquiry reminders in Slack', () => {
  it('the thread at 15 minutes naming the owner, the managers at 30, each once; an answered message gets none', async () => {
    const clock = movableClock(MONDAY_10AM);
    const t = (tact = await startTact({ clock, env: ENV }));
    const claimed = await integrationPost(t, 'New SMS from ***-***-0142', 'RingCentral SMS');
    const answered = await integrationPost(t, 'Voicemail from ***-***-0199', 'RingCentral');
    await staffReply(t, STAFF, 'mine', claimed);
    await staffReply(t, STAFF, 'done, called back', answered);

    clock.set(new Date(MONDAY_10AM.getTime() + 14 * MIN));
    await settle(t);
    expect(nudgesIn(t.fake, claimed)).toEqual([]);

    clock.set(new Date(MONDAY_10AM.getTime() + 15 * MIN));
    await settle(t);
    const nudges = nudgesIn(t.fake, claimed);
    expect(nudges).toHaveLength(1);
    expect(nudges[0]?.body['channel']).toBe(INBOX);
    expect(words(nudges[0])).toContain(
      'I-1 has waited 15 min of business time without an answer. The owner, please reply now (patient texted: reply by text).',
    );
    expect(words(nudges[0])).toContain(`<@${STAFF}>`);
    for (const manager of MANAGERS) expect(dmsTo(t.fake, manager)).toEqual([]);

    clock.set(new Date(MONDAY_10AM.getTime() + 30 * MIN));
    await settle(t);
    for (const manager of MANAGERS) {
      const dms = dmsTo(t.fake, manager);
      expect(dms).toHaveLength(1);
      expect(words(dms[0])).toContain(
        'I-1 (text message, sender not given) has waited 30 min of business time, twice the reply goal, and is still unanswered.',
      );
    }

    clock.set(new Date(MONDAY_10AM.getTime() + 3 * 60 * MIN));
    await settle(t);
    expect(nudgesIn(t.fake, claimed)).toHaveLength(1);
    for (const manager of MANAGERS) expect(dmsTo(t.fake, manager)).toHaveLength(1);
    expect(nudgesIn(t.fake, answered)).toEqual([]);
    expect(
      t.fake.calls('chat.postMessage').filter((c) => /^I-2 is (waiting|overdue)/.test(String(c.body['text']))),
    ).toEqual([]);
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a restart sends what fell due while Tact was down, once, and never repeats what was sent', async () => {
    const { fake, store } = await sharedFakeAndStore();
    const clock = movableClock(MONDAY_10AM);
    tact = await startTact({ clock, fake, store, env: ENV });
    const first = await integrationPost(tact, 'New SMS from ***-***-0142', 'RingCentral SMS');
    clock.set(new Date(MONDAY_10AM.getTime() + 10 * MIN));
    const second = await integrationPost(tact, 'New SMS from ***-***-0199', 'RingCentral SMS');
    await tact.stop();
    tact = undefined;

    // Down from 10:10 to 10:35: I-1's thread (10:15) and managers' (10:30) reminders and I-2's thread
    // reminder (10:25) fell due meanwhile.
    clock.set(new Date(MONDAY_10AM.getTime() + 35 * MIN));
    tact = await startTact({ clock, fake, store, env: ENV });
    await fake.waitFor(
      () =>
        nudgesIn(fake!, first).length > 0 &&
        nudgesIn(fake!, second).length > 0 &&
        MANAGERS.every((m) => dmsTo(fake!, m).length > 0),
    );
    await settle(tact);
    expect(nudgesIn(fake, first)).toHaveLength(1);
    expect(nudgesIn(fake, second)).toHaveLength(1);
    for (const manager of MANAGERS)
      expect(dmsTo(fake, manager).map((c) => String(c.body['text']))).toEqual(['I-1 is overdue']);
    await tact.stop();
    tact = undefined;

    // Up again at 10:45: I-2's managers' reminder (due 10:40) is the only new one.
    clock.set(new Date(MONDAY_10AM.getTime() + 45 * MIN));
    tact = await startTact({ clock, fake, store, env: ENV });
    await fake.waitFor(() => MANAGERS.every((m) => dmsTo(fake!, m).length > 1));
    await settle(tact);
    expect(nudgesIn(fake, first)).toHaveLength(1);
    expect(nudgesIn(fake, second)).toHaveLength(1);
    for (const manager of MANAGERS)
      expect(dmsTo(fake, manager).map((c) => String(c.body['text']))).toEqual(['I-1 is overdue', 'I-2 is overdue']);
    await tact.stop();
    tact = undefined;

    // And once more, the next day: nothing is repeated.
    const before = fake.calls('chat.postMessage').length;
    clock.set(new Date(MONDAY_10AM.getTime() + 24 * 60 * MIN));
    tact = await startTact({ clock, fake, store, env: ENV });
    await settle(tact);
    expect(fake.calls('chat.postMessage')).toHaveLength(before);
  });
});
