import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/chat/reply.js';
import {
  MANAGERS,
  MONDAY_10AM,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  stopStarted,
  type TactUnderTest,
} from './harness.js';

/**
 * A `429 Retry-After` on one channel holds back only that channel. Driven through the real Bolt app
 * and Slack's real Web API client against the fake Slack, which answers 429 for one channel until
 * the test lifts it; the wait for Retry-After is one the test releases, so nothing depends on time.
 */
let tact: TactUnderTest | undefined;
afterEach(async () => {
  await stopStarted();
  tact = undefined;
});
afterAll(removeTempDirs);

/** A wait for Retry-After that ends when the test says so; records what Slack asked for. */
function heldWait() {
  const asked: number[] = [];
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const wait = (ms: number): Promise<void> => {
    asked.push(ms);
    return released;
  };
  return { asked, release, wait };
}

const postsTo = (t: TactUnderTest, channel: string) =>
  t.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === channel);
const statusesTo = (t: TactUnderTest, channel: string) => postsTo(t, channel).map((c) => c.status);
const notice = (text: string): Reply => ({ visibility: 'channel', summary: text, sections: [{ kind: 'text', text }] });
const dm = (to: string, text: string): Reply => ({
  visibility: 'dm',
  to,
  summary: text,
  sections: [{ kind: 'text', text }],
});

describe('a rate-limited channel', () => {
  it("does not hold back the other manager's DM or the staff member's answer", async () => {
    const held = heldWait();
    const clock = movableClock(MONDAY_10AM);
    tact = await startTact({ clock, rateLimitWait: held.wait });
    const t = tact;
    await t.command(STAFF, 'P-2001 billing: charged twice for filler');
    t.fake.rateLimit(MANAGERS[0], 30);

    // The second complaint from P-2001 escalates: a DM to each manager.
    const logging = t.command(STAFF, 'P-2001 wait: kept waiting 40 minutes past her appointment time');
    await t.fake.waitFor(() => statusesTo(t, MANAGERS[1]).includes(200) && held.asked.length === 1);
    // While the first manager's DM waits out Slack's Retry-After, the other one has gone out...
    expect(held.asked).toEqual([30_000]);
    expect(statusesTo(t, MANAGERS[0])).toEqual([429]);
    expect(statusesTo(t, MANAGERS[1])).toEqual([200]);
    // ...and so has the answer to the person who logged it (its response_url).
    await t.fake.waitFor(() => t.fake.responses().length === 2);

    t.fake.lift(MANAGERS[0]);
    held.release();
    const logged = await logging;
    expect(logged.text).toContain('Logged C-2');
    expect(statusesTo(t, MANAGERS[0])).toEqual([429, 200]);
    const delivered = t.fake
      .calls('chat.postMessage')
      .filter((c) => c.status === 200)
      .map((c) => c.body['channel']);
    expect(delivered).toEqual([MANAGERS[1], MANAGERS[0]]);
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('keeps its own messages in order, while a DM to someone else goes out at once', async () => {
    const held = heldWait();
    tact = await startTact({ rateLimitWait: held.wait });
    const t = tact;
    const outbox = t.running.services.outbox;
    t.fake.rateLimit('CBUSY', 2);

    const first = outbox.send(notice('first notice'), { channelId: 'slack:CBUSY' });
    const second = outbox.send(notice('second notice'), { channelId: 'slack:CBUSY' });
    await t.fake.waitFor(() => held.asked.length === 1);
    // Sent and answered while CBUSY is still held.
    await outbox.send(dm('slack:UOTHER', 'your patient is here'));
    expect(statusesTo(t, 'UOTHER')).toEqual([200]);
    expect(postsTo(t, 'CBUSY').map((c) => [c.body['text'], c.status])).toEqual([['first notice', 429]]);

    t.fake.lift('CBUSY');
    held.release();
    await Promise.all([first, second]);
    expect(postsTo(t, 'CBUSY').map((c) => [c.body['text'], c.status])).toEqual([
      ['first notice', 429],
      ['first notice', 200],
      ['second notice', 200],
    ]);
  });

  it('a Retry-After longer than a minute fails the delivery at once instead of holding it', async () => {
    const held = heldWait();
    tact = await startTact({ rateLimitWait: held.wait });
    tact.fake.rateLimit('CBUSY', 120);
    await expect(tact.running.services.outbox.send(notice('late'), { channelId: 'slack:CBUSY' })).rejects.toMatchObject(
      { code: 'slack_webapi_rate_limited_error', retryAfter: 120 },
    );
    expect(held.asked).toEqual([]);
    expect(statusesTo(tact, 'CBUSY')).toEqual([429]);
  });
});
