import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/chat/reply.js';
import { stopStarted } from '../slack/harness.js';
import { chatInput } from '../../doubles/discord-payloads.js';
import { DIGEST, INBOX, MANAGER, STAFF, answerText, startDiscordTact, type DiscordTact, storedId } from './harness.js';

/**
 * discord.js queues REST calls per route bucket: a `429 Retry-After` on one channel's messages holds
 * only that channel. Proved against the fake Discord REST server, which answers 429 for one channel
 * until the test lifts it: the other message must arrive while the first is still being refused,
 * so nothing here depends on how long Retry-After lasts. DM channels get snowflake ids there, as on
 * Discord: the fake's usual `DM-<user>` ids are no snowflakes, and discord.js files them all under
 * one bucket.
 */
afterEach(stopStarted);

const notice = (text: string): Reply => ({ visibility: 'channel', summary: text, sections: [{ kind: 'text', text }] });
const statuses = (t: DiscordTact, channelId: string) =>
  t.fake.calls({ method: 'POST', path: `/v10/channels/${channelId}/messages` }).map((c) => c.status);

describe('a rate-limited Discord channel', () => {
  it('does not delay a message to another channel', async () => {
    const t = await startDiscordTact();
    const outbox = t.running.services.outbox;
    t.fake.rateLimit(INBOX, 1);

    const held = outbox.send(notice('new voicemail · I-1'), { channelId: storedId(INBOX) });
    await t.fake.waitFor(() => statuses(t, INBOX).includes(429), 5_000, 'the first 429');
    await outbox.send(notice('Daily digest'), { channelId: storedId(DIGEST) });
    // Delivered while the inbox channel is still refused (it stays refused until lifted below).
    expect(statuses(t, DIGEST)).toEqual([200]);
    expect(statuses(t, INBOX).every((s) => s === 429)).toBe(true);

    t.fake.lift(INBOX);
    await held;
    expect(statuses(t, INBOX).at(-1)).toBe(200);
    const delivered = t.fake
      .posted()
      .filter((p) => p.status === 200)
      .map((p) => p.channelId);
    expect(delivered).toEqual([DIGEST, INBOX]);
    expect(t.errors()).toEqual([]);
  });

  it("does not delay the answer to someone's slash command", async () => {
    const t = await startDiscordTact();
    t.fake.rateLimit(INBOX, 1);
    const held = t.running.services.outbox.send(notice('new voicemail · I-1'), { channelId: storedId(INBOX) });
    await t.fake.waitFor(() => statuses(t, INBOX).includes(429), 5_000, 'the first 429');

    const raw = chatInput(STAFF, 'complaint', 'log', {
      'patient-ref': 'P-2001',
      category: 'billing',
      'what-happened': 'charged twice for filler',
    });
    await t.interact(raw);
    expect(answerText(t.fake, raw)).toContain('Logged C-1');
    expect(statuses(t, INBOX).every((s) => s === 429)).toBe(true);

    t.fake.lift(INBOX);
    await held;
  });

  it("an escalation DM to one manager, limited, does not delay the other manager's", async () => {
    const OTHER_MANAGER = '1180000000000001005';
    const t = await startDiscordTact({ env: { TACT_MANAGERS: `${MANAGER.id},${OTHER_MANAGER}` } });
    t.fake.useSnowflakeDmChannels();
    const log = (what: string) =>
      chatInput(STAFF, 'complaint', 'log', { 'patient-ref': 'P-2001', category: 'billing', 'what-happened': what });
    await t.interact(log('charged twice for filler'));
    const limitedDm = t.fake.dmChannelOf(MANAGER.id);
    t.fake.rateLimit(limitedDm, 1);

    // The second complaint from P-2001 escalates: a DM to each manager.
    const second = log('charged again for the same visit');
    const logging = t.interact(second);
    await t.fake.waitFor(
      () => statuses(t, t.fake.dmChannelOf(OTHER_MANAGER)).includes(200),
      5_000,
      "the other manager's DM",
    );
    expect(statuses(t, limitedDm).every((s) => s === 429)).toBe(true);
    expect(answerText(t.fake, second)).toContain('Logged C-2 · escalating');

    t.fake.lift(limitedDm);
    await logging;
    expect(statuses(t, limitedDm).at(-1)).toBe(200);
    expect(t.errors()).toEqual([]);
  });
});
