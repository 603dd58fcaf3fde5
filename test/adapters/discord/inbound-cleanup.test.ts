import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { messageCreate } from '../../doubles/discord-payloads.js';
import { MONDAY_10AM, movableClock, removeTempDirs } from '../slack/harness.js';
import { INBOX, MANAGER, REVIEWS, STAFF, startDiscordTact, type DiscordTact, storedId } from './harness.js';

/**
 * Discord messages get the inbound clean-up that slash commands get: a review posted with invisible
 * characters and look-alike letters is stored clean (and redacted), and "done" written with a
 * zero-width space in an inbox thread still answers the message.
 */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

const FEED = { id: '1180000000000007002', username: 'Google Reviews', bot: true };
const PHONE_SYSTEM = { id: '1180000000000007001', username: 'Voicemail Bot', bot: true };

describe('Discord messages', () => {
  it('a review is cleaned and redacted before it is stored or drafted from', async () => {
    tact = await startDiscordTact({
      clock: movableClock(MONDAY_10AM),
      env: { TACT_REVIEWS_CHANNEL: REVIEWS, TACT_MANAGERS: MANAGER.id },
    });
    const added = await tact.running.services.aliases.add('Jessica Moreno', 'Rose', MANAGER.id, ['Jessie']);
    expect(added.ok).toBe(true);
    const content =
      '★★☆☆☆ J\u0435ssie waited f\u200Borever and the fill\u00ADer was l\u0435ss than promised. +33 6 12 34 56 78 \u202Eevil\u202C';
    const message = messageCreate({ channelId: REVIEWS, content, author: FEED, webhookId: FEED.id });
    tact.dispatch('MESSAGE_CREATE', message);
    await tact.fake.waitFor(
      () => tact!.fake.posted(message.id).length >= 2,
      20_000,
      'the draft card in the review thread',
    );
    const stored = await tact.running.services.reviews.findByThread(storedId(REVIEWS), message.id);
    expect(stored?.text).toBe('★★☆☆☆ Rose waited forever and the filler was less than promised. ***-***-5678 evil');
    for (const post of tact.fake.posted(message.id))
      expect(JSON.stringify(post.body)).not.toMatch(/jessie|\u0435ssie|12 34 56 78/i);
  });

  it('"done" with a zero-width space in an inbox thread answers the message', async () => {
    tact = await startDiscordTact({ clock: movableClock(MONDAY_10AM), env: { TACT_INBOX_CHANNELS: INBOX } });
    const message = messageCreate({
      channelId: INBOX,
      content: 'New voicemail: please call back',
      author: PHONE_SYSTEM,
      webhookId: PHONE_SYSTEM.id,
    });
    tact.dispatch('MESSAGE_CREATE', message);
    await tact.fake.waitFor(() => tact!.fake.posted(message.id).length > 0, 10_000, 'the tracking note');
    tact.dispatch(
      'MESSAGE_CREATE',
      messageCreate({ channelId: message.id, content: 'd\u200Bone, called her back', author: STAFF }),
    );
    await tact.fake.waitFor(
      () => tact!.fake.posted(`DM-${STAFF.id}`).some((p) => p.body.content.includes('marked answered')),
      10_000,
      'the answer DM',
    );
    expect(await tact.running.services.inquiries.get(1)).toMatchObject({ status: 'answered' });
  });
});
