import { afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../../commands/job-views.js';
import type { Reply } from '../../../src/chat/reply.js';
import { dailyDigest } from '../../../src/jobs/digest.js';
import { postOnce } from '../../../src/jobs/post-once.js';
import { recordFailsOnce } from '../../doubles/crash-store.js';
import { movableClock } from '../slack/harness.js';
import { DIGEST, startDiscordTact, storedId, type DiscordTact } from './harness.js';

/**
 * Discord cannot be asked whether a message is in a channel by its key, so a digest retried after a
 * crash between post and record is posted again, with the same nonce and `enforce_nonce`: Discord
 * answers with the message it already holds (within its few minutes) instead of posting a second.
 */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});

const ENV = { TACT_DIGEST_CHANNEL: DIGEST, TACT_DIGEST_AT: '08:00', TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00' };

describe('the daily digest across a crash, in Discord', () => {
  it('the retry repeats the post with the same nonce, which Discord folds into the first message', async () => {
    const clock = movableClock(new Date('2026-03-02T12:59:00.000Z')); // Monday 07:59 EST
    const t = (tact = await startDiscordTact({ clock, env: ENV }));
    const { services } = t.running;
    const digest = dailyDigest({
      services,
      post: postOnce({
        storage: recordFailsOnce(services.storage, 'post-intents', 1),
        notifier: services.outbox,
        clock: services.clock,
      }),
      views: jobViews,
    });
    const job = await digest.next();
    await expect(digest.run(job!)).rejects.toThrow('killed before the record was written');
    await digest.run(job!);

    const posts = t.fake.posted(DIGEST);
    expect(posts).toHaveLength(2);
    const nonces = posts.map((p) => (p.body as Record<string, unknown>)['nonce']);
    expect(typeof nonces[0]).toBe('string');
    expect(String(nonces[0]).length).toBeLessThanOrEqual(25);
    expect(nonces[1]).toBe(nonces[0]);
    expect(posts.every((p) => (p.body as Record<string, unknown>)['enforce_nonce'] === true)).toBe(true);
  });

  it('a repeat with the same intent key gets the first message back; another key and a plain message are new', async () => {
    const t = (tact = await startDiscordTact());
    const { outbox } = t.running.services;
    const notice: Reply = {
      visibility: 'channel',
      summary: 'Daily digest',
      sections: [{ kind: 'text', text: 'Daily digest' }],
    };
    const first = await outbox.send(notice, { channelId: storedId(DIGEST), intentKey: 'digest:x:2026-03-02' });
    const again = await outbox.send(notice, { channelId: storedId(DIGEST), intentKey: 'digest:x:2026-03-02' });
    const other = await outbox.send(notice, { channelId: storedId(DIGEST), intentKey: 'digest:x:2026-03-03' });
    const plain = await outbox.send(notice, { channelId: storedId(DIGEST) });
    expect(again?.messageId).toBe(first?.messageId);
    expect(other?.messageId).not.toBe(first?.messageId);
    expect(plain?.messageId).not.toBe(first?.messageId);
    expect((t.fake.posted(DIGEST).at(-1)!.body as Record<string, unknown>)['nonce']).toBeUndefined();
    // Discord has nothing to ask: the outbox says it cannot check.
    expect(
      await outbox.findSent?.('digest:x:2026-03-02', { kind: 'channel', channelId: storedId(DIGEST) }, new Date(0)),
    ).toEqual({ kind: 'unknown' });
  });
});
