import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  buttonPress,
  chatInput,
  messageCreate,
  reactionAdd,
  snowflake,
} from '../../doubles/discord-payloads.js';
import { FAKE_CATEGORY_ID, startFakeDiscord } from '../../doubles/fake-discord.js';
import { MONDAY_10AM, movableClock, removeTempDirs, tempDir } from '../slack/harness.js';
import {
  INBOX,
  STAFF,
  answerText,
  bodyOf,
  customIdsOf,
  startDiscordTact,
  type DiscordTact,
  storedId,
} from './harness.js';

/**
 * Inbox channels on Discord: a webhook's post becomes an inquiry, Tact opens a thread on it and posts
 * the tracking note there; staff claim it by replying in the thread (whose messages carry only the
 * thread's id: its parent comes from GET /channels/:thread), answer it with "done" or a ✅ reaction,
 * or with the buttons. `/inquiry` posts a notice in the inbox channel.
 */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

const PHONE_SYSTEM = { id: '1180000000000007001', username: 'Voicemail Bot', bot: true };
const WEBHOOK_ID = PHONE_SYSTEM.id;

async function inbox(): Promise<DiscordTact> {
  tact = await startDiscordTact({ clock: movableClock(MONDAY_10AM), env: { TACT_INBOX_CHANNELS: INBOX } });
  return tact;
}

/** The phone system posts a voicemail; resolves once Tact's tracking note is in the new thread. */
async function voicemailArrives(
  t: DiscordTact,
  text = 'New voicemail from ***-***-0142: please call back about moving my appointment',
) {
  const message = messageCreate({ channelId: INBOX, content: text, author: PHONE_SYSTEM, webhookId: WEBHOOK_ID });
  t.dispatch('MESSAGE_CREATE', message);
  await t.fake.waitFor(() => t.fake.posted(message.id).length > 0, 10_000, `the tracking note in thread ${message.id}`);
  return message;
}

async function waitForDm(t: DiscordTact, userId: string, count: number): Promise<string[]> {
  await t.fake.waitFor(() => t.fake.posted(`DM-${userId}`).length >= count, 10_000, `${count} DM(s) to ${userId}`);
  return t.fake.posted(`DM-${userId}`).map((p) => p.body.content);
}

describe('inbox channel messages on Discord', () => {
  it('a webhook post becomes I-1: Tact starts a thread on it and posts the tracking note with Claim and Mark replied there', async () => {
    const t = await inbox();
    const message = await voicemailArrives(t);

    const threads = t.fake.calls({ method: 'POST', path: `/v10/channels/${INBOX}/messages/${message.id}/threads` });
    expect(threads).toHaveLength(1);
    expect(bodyOf(threads[0])).toMatchObject({ name: 'Tact', auto_archive_duration: 1440 });
    const [note] = t.fake.posted(message.id);
    expect(note?.body.content).toContain(
      'Tracking I-1 (voicemail or missed call). Patient left a voicemail or missed call: call back.',
    );
    expect(note?.body.allowed_mentions).toEqual({ parse: [] });
    expect(customIdsOf(note)).toEqual([
      'act|inquiry.claim|I-1',
      'act|inquiry.answer|I-1',
      'act|inquiry.doctor|I-1',
      'act|inquiry.nervous|I-1',
    ]);
    // Nothing at the top level of the inbox channel: the note is in the thread.
    expect(t.fake.posted(INBOX)).toEqual([]);

    const stored = await t.running.services.inquiries.get(1);
    expect(stored).toMatchObject({
      id: 'I-1',
      channel: 'voicemail',
      origin: 'inbox',
      status: 'open',
      chatChannelId: storedId(INBOX),
      chatMessageId: message.id,
    });
    expect(stored?.link).toBe(`https://discord.com/channels/${message.guild_id}/${INBOX}/${message.id}`);
    expect(t.errors()).toEqual([]);
  });

  it('a staff reply in the thread claims it; "done" in the thread answers it; both are confirmed by DM', async () => {
    const t = await inbox();
    const message = await voicemailArrives(t);

    t.dispatch(
      'MESSAGE_CREATE',
      messageCreate({ channelId: message.id, content: "I'll ring her after this patient", author: STAFF }),
    );
    expect((await waitForDm(t, STAFF.id, 1))[0]).toContain(
      'You own I-1: patient left a voicemail or missed call: call back.',
    );
    // Tact started this thread, so it knows its parent without asking Discord.
    expect(t.fake.calls({ method: 'GET', path: `/v10/channels/${message.id}` })).toEqual([]);
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ status: 'claimed', owner: storedId(STAFF.id) });

    t.dispatch(
      'MESSAGE_CREATE',
      messageCreate({ channelId: message.id, content: 'done, called her back', author: STAFF }),
    );
    expect((await waitForDm(t, STAFF.id, 2))[1]).toContain('I-1 is marked answered. Thank you.');
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ status: 'answered' });
    expect(t.errors()).toEqual([]);
  });

  it('after a restart, a reply in an existing thread is matched through its parent, read from Discord', async () => {
    const store = `sqlite://${join(await tempDir(), 'tact.sqlite')}`;
    const fake = await startFakeDiscord();
    try {
      const env = { TACT_INBOX_CHANNELS: INBOX };
      const before = await startDiscordTact({ fake, store, env });
      const message = await voicemailArrives(before);
      await before.stop();

      const t = (tact = await startDiscordTact({ fake, store, env }));
      t.dispatch('MESSAGE_CREATE', messageCreate({ channelId: message.id, content: 'on it', author: STAFF }));
      expect((await waitForDm(t, STAFF.id, 1))[0]).toContain('You own I-1');
      // Messages in a thread carry only the thread's id: its parent came from GET /channels/:thread.
      expect(fake.calls({ method: 'GET', path: `/v10/channels/${message.id}` })).toHaveLength(1);
      // A reply in a thread is never a new inquiry, and Tact does not start a thread on a thread.
      expect(fake.calls({ method: 'POST', path: /\/threads$/ })).toHaveLength(1);
      expect(await t.running.services.inquiries.get(2)).toBeUndefined();
    } finally {
      await tact?.stop();
      tact = undefined;
      await fake.close();
    }
  });

  it('a ✅ reaction on the inbox message answers it; the same reaction delivered twice is handled once', async () => {
    const t = await inbox();
    const message = await voicemailArrives(t);
    const reaction = reactionAdd(STAFF, INBOX, message.id, '✅');
    t.dispatch('MESSAGE_REACTION_ADD', reaction);
    expect((await waitForDm(t, STAFF.id, 1))[0]).toContain('I-1 is marked answered. Thank you.');
    expect(await t.running.services.inquiries.get(1)).toMatchObject({
      status: 'answered',
      answeredBy: storedId(STAFF.id),
    });

    // Discord may deliver an event twice (a resumed gateway session): the repeat is ignored.
    const second = await voicemailArrives(t, 'Missed call from ***-***-0199');
    t.dispatch('MESSAGE_REACTION_ADD', reaction);
    t.dispatch('MESSAGE_REACTION_ADD', reactionAdd(STAFF, INBOX, second.id, '👀'));
    const dms = await waitForDm(t, STAFF.id, 2);
    expect(dms[1]).toContain('You own I-2');
    expect(dms.filter((d) => d.includes('I-1 is marked answered'))).toHaveLength(1);
    // Reactions elsewhere (an untracked message) do nothing.
    t.dispatch('MESSAGE_REACTION_ADD', reactionAdd(STAFF, INBOX, snowflake(), '✅'));
    const third = await voicemailArrives(t, 'Voicemail: please call me back');
    t.dispatch('MESSAGE_REACTION_ADD', reactionAdd(STAFF, INBOX, third.id, '✅'));
    expect((await waitForDm(t, STAFF.id, 3))[2]).toContain('I-3 is marked answered');
    expect(t.fake.posted(`DM-${STAFF.id}`)).toHaveLength(3);
    expect(t.errors()).toEqual([]);
  });

  it('👀 claims; the Claim button in the thread answers privately', async () => {
    const t = await inbox();
    const first = await voicemailArrives(t);
    t.dispatch('MESSAGE_REACTION_ADD', reactionAdd(STAFF, INBOX, first.id, '👀'));
    expect((await waitForDm(t, STAFF.id, 1))[0]).toContain('You own I-1');

    const second = await voicemailArrives(t, 'Web form: Name withheld, wants to know about laser pricing, email me');
    const press = buttonPress(STAFF, 'act|inquiry.claim|I-2', { channelId: second.id, parentId: INBOX });
    await t.interact(press);
    expect(bodyOf(t.fake.callbacks(press.id)[0])).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(answerText(t.fake, press)).toContain('You own I-2');
    expect(await t.running.services.inquiries.get(2)).toMatchObject({ status: 'claimed', owner: storedId(STAFF.id) });
    expect(t.errors()).toEqual([]);
  });

  it("Tact's own posts echoed back by the gateway are ignored", async () => {
    const t = await inbox();
    const own = messageCreate({
      channelId: INBOX,
      content: 'New phone call · I-9 · patient P-1.',
      author: { id: APPLICATION_ID, username: 'Tact', bot: true },
    });
    t.dispatch('MESSAGE_CREATE', own);
    // A later message from the phone system is handled: the echo before it made no inquiry.
    await voicemailArrives(t);
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ channel: 'voicemail' });
    expect(await t.running.services.inquiries.get(2)).toBeUndefined();
    expect(t.fake.calls({ method: 'POST', path: `/v10/channels/${INBOX}/messages/${own.id}/threads` })).toEqual([]);
  });

  it("an inbox channel inside a category is no thread: a person's top-level post there is tracked too", async () => {
    const t = await inbox();
    // The inbox channel sits in a category: its parent_id is the category, which does not make it a thread.
    t.dispatch(
      'MESSAGE_CREATE',
      messageCreate({ channelId: INBOX, content: 'Walk-in: patient asked about her refund', author: STAFF }),
    );
    await t.fake.waitFor(
      () => t.fake.calls({ method: 'POST', path: /\/threads$/ }).length === 1,
      10_000,
      'a thread on the staff post',
    );
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ id: 'I-1', chatChannelId: storedId(INBOX) });
    expect(t.fake.calls({ path: `/v10/channels/${FAKE_CATEGORY_ID}` })).toEqual([]);
  });
});

describe('/inquiry on Discord', () => {
  it('logs a call, posts a notice at the top of the inbox channel whose reactions then work, and answers privately', async () => {
    const t = await inbox();
    const raw = chatInput(STAFF, 'inquiry', 'log', {
      channel: 'call',
      'patient-ref': 'P-7001',
      summary: 'wants her results explained',
    });
    await t.interact(raw);
    expect(answerText(t.fake, raw)).toContain(
      'Logged I-1 (phone call), posted in the inbox channel, where its thread tracks it.',
    );
    const [notice] = t.fake.posted(INBOX);
    expect(notice?.body.content).toContain('New phone call · I-1 · patient P-7001. Note: wants her results explained.');
    expect(customIdsOf(notice)).toEqual([
      'act|inquiry.claim|I-1',
      'act|inquiry.answer|I-1',
      'act|inquiry.doctor|I-1',
      'act|inquiry.nervous|I-1',
    ]);
    const stored = await t.running.services.inquiries.get(1);
    expect(stored?.chatChannelId).toBe(storedId(INBOX));
    expect(stored?.link).toMatch(new RegExp(`^https://discord\\.com/channels/\\d+/${INBOX}/\\d+$`));

    const messageId = stored?.chatMessageId ?? '';
    t.dispatch('MESSAGE_REACTION_ADD', reactionAdd(STAFF, INBOX, messageId, '✅'));
    await waitForDm(t, STAFF.id, 1);
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ status: 'answered' });

    const list = chatInput(STAFF, 'inquiry', 'list', {});
    await t.interact(list);
    expect(answerText(t.fake, list)).toContain('Unanswered patient messages: 0');
  });
});
