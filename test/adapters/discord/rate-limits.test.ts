import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/chat/reply.js';
import { stopStarted } from '../slack/harness.js';
import { chatInput } from '../../doubles/discord-payloads.js';
import { DIGEST, INBOX, STAFF, answerText, startDiscordTact, type DiscordTact } from './harness.js';

/**
 * discord.js queues REST calls per route bucket: a `429 Retry-After` on one channel's messages holds
 * only that channel. Proved against the fake Discord REST server, which answers 429 for one channel
 * until the test lifts it: the other message must arrive while the first is still being refused,
 * so nothing here depends on how long Retry-After lasts. (Direct messages are not shown here: the
 * fake names DM channels `DM-<user>`, which discord.js files under one bucket because they are no
 * snowflakes; Discord's own DM channel ids are snowflakes, each its own bucket like any channel.)
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

    const held = outbox.send(notice('new voicemail · I-1'), { channelId: INBOX });
    await t.fake.waitFor(() => statuses(t, INBOX).includes(429), 5_000, 'the first 429');
    await outbox.send(notice('Daily digest'), { channelId: DIGEST });
    // Delivered while the inbox channel is still refused (it stays refused until lifted below).
    expect(statuses(t, DIGEST)).toEqual([200]);
    expect(statuses(t, INBOX).every((s) => s === 429)).toBe(true);

    t.fake.lift(INBOX);
    await held;
    expect(statuses(t, INBOX).at(-1)).toBe(200);
    const delivered = t.fake.posted().filter((p) => p.status === 200).map((p) => p.channelId);
    expect(delivered).toEqual([DIGEST, INBOX]);
    expect(t.errors()).toEqual([]);
  });

  it("does not delay the answer to someone's slash command", async () => {
    const t = await startDiscordTact();
    t.fake.rateLimit(INBOX, 1);
    const held = t.running.services.outbox.send(notice('new voicemail · I-1'), { channelId: INBOX });
    await t.fake.waitFor(() => statuses(t, INBOX).includes(429), 5_000, 'the first 429');

    const raw = chatInput(STAFF, 'complaint', 'log', { 'patient-ref': 'P-2001', category: 'billing', 'what-happened': 'charged twice for filler' });
    await t.interact(raw);
    expect(answerText(t.fake, raw)).toContain('Logged C-1');
    expect(statuses(t, INBOX).every((s) => s === 429)).toBe(true);

    t.fake.lift(INBOX);
    await held;
  });
});
