import { runDue } from '../../doubles/services.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chatInput, GUILD_ID, messageCreate } from '../../doubles/discord-payloads.js';
import { movableClock, removeTempDirs } from '../slack/harness.js';
import {
  DIGEST,
  INBOX,
  MANAGER,
  ROLE_MANAGER,
  STAFF,
  answerText,
  startDiscordTact,
  type DiscordTact,
} from './harness.js';

/**
 * `/tact` on Discord (digest now, stats, settings) for managers only, and the daily digest job
 * posting in its Discord channel when due, driven by a movable clock and a scheduler poke.
 */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

/** Monday 2 March 2026, 07:00 in New York: an hour before the digest. */
const MONDAY_7AM = new Date('2026-03-02T12:00:00.000Z');
const PHONE_SYSTEM = { id: '1180000000000007001', username: 'Voicemail Bot', bot: true };

describe('/tact on Discord', () => {
  it('digest now and stats answer a manager privately; staff are refused', async () => {
    const t = (tact = await startDiscordTact({ clock: movableClock(MONDAY_7AM) }));
    await t.running.services.complaints.log(
      { patientRef: 'P-1', category: 'billing', categoryGuessed: false, text: 'charged twice' },
      STAFF.id,
    );

    const digest = chatInput(ROLE_MANAGER, 'tact', 'digest', { now: 'now' });
    await t.interact(digest);
    const text = answerText(t.fake, digest);
    expect(text).toContain('**Daily digest · Mon 2 Mar**');
    expect(text).toContain('Patient messages still waiting: 0.');
    expect(text).toContain('**Open complaints: 1**\n- occasional: 0\n- legitimate: 1');

    const stats = chatInput(MANAGER, 'tact', 'stats', { period: '30d' });
    await t.interact(stats);
    expect(answerText(t.fake, stats)).toContain('**Patient messages, last 30 days**');

    for (const [sub, options] of [
      ['digest', { now: 'now' }],
      ['stats', {}],
      ['settings', {}],
    ] as const) {
      const refused = chatInput(STAFF, 'tact', sub, options);
      await t.interact(refused);
      expect(answerText(t.fake, refused)).toContain(`Only practice managers can use /tact ${sub}`);
    }
    // Nothing went to a channel.
    expect(t.fake.posted()).toEqual([]);
    expect(t.errors()).toEqual([]);
  });

  it('settings: a manager sees and changes them; the change holds', async () => {
    const t = (tact = await startDiscordTact());
    const set = chatInput(MANAGER, 'tact', 'settings', { action: 'set', name: 'reply-sla', value: '30m' });
    await t.interact(set);
    expect(answerText(t.fake, set)).toContain('reply-sla is now 30 min.');
    expect(t.running.services.settings.current().replySlaMs).toBe(30 * 60_000);
  });
});

describe('the daily digest in a Discord channel', () => {
  it('is posted in TACT_DIGEST_CHANNEL once it is due, once, with links to waiting messages', async () => {
    const clock = movableClock(MONDAY_7AM);
    const t = (tact = await startDiscordTact({
      clock,
      env: { TACT_DIGEST_CHANNEL: DIGEST, TACT_DIGEST_AT: '08:00', TACT_INBOX_CHANNELS: INBOX },
    }));
    const message = messageCreate({
      channelId: INBOX,
      content: 'Voicemail from ***-***-0142: call me back',
      author: PHONE_SYSTEM,
      webhookId: PHONE_SYSTEM.id,
    });
    t.dispatch('MESSAGE_CREATE', message);
    await t.fake.waitFor(() => t.fake.posted(message.id).length === 1, 10_000, 'the tracking note');

    await runDue(t.running);
    expect(t.fake.posted(DIGEST)).toEqual([]);

    clock.set(new Date('2026-03-02T13:01:00.000Z'));
    await runDue(t.running);
    const posted = t.fake.posted(DIGEST);
    expect(posted).toHaveLength(1);
    const content = posted[0]?.body.content ?? '';
    expect(content).toContain('**Daily digest · Mon 2 Mar**');
    expect(content).toContain('Patient messages still waiting: 1, oldest first.');
    expect(content).toContain(
      '**voicemail or missed call (1)**\n- I-1 · sender not given · waiting under a minute · unclaimed · ',
    );
    expect(content).toContain(`https://discord.com/channels/${GUILD_ID}/${INBOX}/${message.id}`);
    expect(content).not.toContain('call me back');
    expect(posted[0]?.body.allowed_mentions).toEqual({ parse: [] });
    expect(posted[0]?.authorization).toMatch(/^Bot /);

    await runDue(t.running);
    expect(t.fake.posted(DIGEST)).toHaveLength(1);
    expect(t.errors()).toEqual([]);
  });
});
