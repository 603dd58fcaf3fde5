import { runDue } from '../../doubles/services.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApiCall, FakeSlack } from '../../doubles/fake-slack.js';
import { eventCallbackPayload, postEvent } from '../../doubles/slack-request.js';
import {
  MANAGERS,
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
 * The daily digest through Slack with a clock the test moves: posted once in TACT_DIGEST_CHANNEL at
 * TACT_DIGEST_AT, not again the same day (nor after a restart); no message body and no full phone
 * number in it. `/tact digest now` shows it privately to a manager; `/tact stats 7d` the figures;
 * staff who are not managers are refused.
 */
const DIGEST = 'CDIGEST';
const INBOX = 'CINBOX';
const TOKEN = 'intake-token-0123456789abcdef';
const BODY = 'ZEBRAFISH my lips are still swollen after the filler';
/** Monday 2 March 2026, 07:59 EST */
const MONDAY_0759 = new Date('2026-03-02T12:59:00.000Z');
const MONDAY_0800 = new Date('2026-03-02T13:00:00.000Z');
const ENV = {
  TACT_INBOX_CHANNELS: INBOX,
  TACT_DIGEST_CHANNEL: DIGEST,
  TACT_DIGEST_AT: '08:00',
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_INTAKE_TOKEN: TOKEN,
};

let tact: TactUnderTest | undefined;
afterEach(stopStarted);
afterAll(removeTempDirs);

const digests = (f: FakeSlack): ApiCall[] => f.calls('chat.postMessage').filter((c) => c.body['channel'] === DIGEST);
const words = (calls: ApiCall[]) => unescapeSlack(calls.map((c) => textsOf(c.body).join('\n')).join('\n'));

async function intake(t: TactUnderTest, body: Record<string, unknown>) {
  const response = await fetch(`${t.target.baseUrl}/intake/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
}

describe('the daily digest in Slack', () => {
  it('is posted once at 08:00, shows what waits without bodies or full numbers, and is not repeated after a restart', async () => {
    const { fake, store } = await sharedFakeAndStore();
    const clock = movableClock(MONDAY_0759);
    tact = await startTact({ clock, fake, store, env: ENV });
    await intake(tact, { channel: 'text', from: '+1 (555) 867-0142', text: BODY, patientRef: 'P-12' });
    const ts = '1772456340.000100';
    await postEvent(
      tact.target,
      eventCallbackPayload('Ev0DIGEST1', {
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'BRING',
        username: 'RingCentral',
        text: `Voicemail from 555-867-0199: ${BODY}`,
        channel: INBOX,
        ts,
        event_ts: ts,
      }),
    );
    await fake.waitFor(() => fake!.calls('chat.postMessage').filter((c) => c.body['channel'] === INBOX).length >= 2);
    await runDue(tact.running);
    expect(digests(fake)).toEqual([]);

    clock.set(MONDAY_0800);
    await runDue(tact.running);
    await fake.waitFor(() => digests(fake!).length > 0);
    await runDue(tact.running);
    await runDue(tact.running);
    expect(digests(fake)).toHaveLength(1);
    const text = words(digests(fake));
    expect(text).toContain('Daily digest · Mon 2 Mar');
    expect(text).toContain('Patient messages still waiting: 2, oldest first.');
    expect(text).toMatch(
      /text message \(1\)\*\n• I-1 · P-12 · waiting under a minute · unclaimed · https:\/\/slack\.com\/archives\/CINBOX\/p\d+/,
    );
    expect(text).toContain(
      'voicemail or missed call (1)*\n• I-2 · sender not given · waiting under a minute · unclaimed · https://slack.com/archives/CINBOX/p1772456340000100',
    );
    expect(text).toContain('Last clinic day (2026-02-27)');
    expect(text).toContain('Open complaints: 0');
    expect(text).toContain('Open press inquiries: 0');
    const raw = digests(fake)
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(raw).not.toContain('ZEBRAFISH');
    expect(raw).not.toContain('swollen');
    expect(raw).not.toMatch(/867[\s.-]?0142|8670142|867[\s.-]?0199/);

    // Later the same day, after a restart: no second digest.
    await tact.stop();
    tact = undefined;
    clock.set(new Date(MONDAY_0800.getTime() + 2 * 3_600_000));
    tact = await startTact({ clock, fake, store, env: ENV });
    await runDue(tact.running);
    expect(digests(fake)).toHaveLength(1);

    // The next clinic day: one more.
    clock.set(new Date(MONDAY_0800.getTime() + 24 * 3_600_000));
    await runDue(tact.running);
    await fake.waitFor(() => digests(fake!).length > 1);
    await runDue(tact.running);
    expect(digests(fake)).toHaveLength(2);
  });

  it('/tact digest now shows it privately to a manager; /tact stats 7d shows the figures; others are refused', async () => {
    const clock = movableClock(new Date('2026-03-02T15:00:00.000Z')); // Monday 10:00 EST
    const t = (tact = await startTact({ clock, env: ENV }));
    // Started after 08:00 on an open day: that day's digest went out late, at start, once.
    expect(digests(t.fake)).toHaveLength(1);
    await intake(t, { channel: 'text', from: '+1 (555) 867-0142', text: BODY });
    // logged as it arrived (10:00 in New York): its response time counts
    await t.command(STAFF, 'call P-12 at 10:00 wants to reschedule', { command: '/inquiry' });
    clock.set(new Date('2026-03-02T15:06:00.000Z'));
    expect((await t.command(STAFF, 'done I-2', { command: '/inquiry' })).text).toContain('I-2 is marked answered.');
    const before = t.fake.calls('chat.postMessage').length;

    const now = await t.command(MANAGERS[0], 'digest now', { command: '/tact' });
    expect(now.replies).toHaveLength(1);
    expect(now.replies[0]?.['response_type']).toBe('ephemeral');
    const digest = unescapeSlack(now.text);
    expect(digest).toContain('Daily digest · Mon 2 Mar');
    expect(digest).toContain('Patient messages still waiting: 1, oldest first.');
    expect(digest).toContain('• I-1 · ***-***-0142 · waiting 6 min · unclaimed');
    expect(digest).not.toContain('ZEBRAFISH');
    expect(digest).not.toMatch(/867-0142/);
    // privately: nothing was posted in a channel
    expect(t.fake.calls('chat.postMessage')).toHaveLength(before);
    expect(digests(t.fake)).toHaveLength(1);

    const stats = await t.command(MANAGERS[1], 'stats 7d', { command: '/tact' });
    expect(stats.replies[0]?.['response_type']).toBe('ephemeral');
    const figures = unescapeSlack(stats.text);
    expect(figures).toContain('Patient messages, last 7 days');
    expect(figures).toContain('received 2, answered 1');
    expect(figures).toContain('median first response: 6 business min');
    expect(figures).toContain('answered within the 15 min goal: 100%');
    expect(figures).toContain('phone call: received 1, answered 1');
    expect(figures).toContain('text message: received 1, answered 0');

    for (const text of ['digest now', 'stats 7d', 'stats']) {
      const refused = await t.command(STAFF, text, { command: '/tact' });
      expect(refused.text).toContain('Only practice managers can use');
      expect(refused.text).not.toContain('Daily digest');
      expect(refused.text).not.toContain('received');
    }
  });
});
