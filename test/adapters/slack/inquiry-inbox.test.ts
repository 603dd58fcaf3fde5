import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../doubles/fake-slack.js';
import { blockActionsPayload, eventCallbackPayload, postEvent, postInteraction } from '../../doubles/slack-request.js';
import {
  CHANNEL,
  MANAGERS,
  MONDAY_10AM,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  stored,
  textsOf,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';

/**
 * Patient messages in Slack, end to end (real Bolt HTTP receiver, SQLite store, fake Web API): a
 * top-level post in the inbox channel becomes an inquiry tracked in its thread; staff claim it by
 * replying, reacting :eyes: or pressing Claim, and answer it with "done"/"called back", a check
 * mark, Mark replied or `/inquiry done`; integrations' and Tact's own posts never count.
 */
const INBOX = 'CINBOX';
const STAFF2 = 'USTAFF2';
const BODY = 'ZEBRAFISH my lips are still swollen after the filler';

let tact: TactUnderTest | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

let counter = 0;
const nextTs = () => `1772463600.${String((counter += 1)).padStart(6, '0')}`;
const nextEventId = () => `Ev0INQ${(counter += 1)}`;

async function boot(env: Record<string, string> = {}) {
  tact = await startTact({
    clock: movableClock(MONDAY_10AM),
    env: { TACT_INBOX_CHANNELS: INBOX, TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00', TACT_REPLY_SLA: '15m', ...env },
  });
  return tact;
}

async function event(t: TactUnderTest, body: Record<string, unknown>, eventId = nextEventId()) {
  const response = await postEvent(t.target, eventCallbackPayload(eventId, body));
  expect(response.status).toBe(200);
  return response;
}

/** An integration (phone system, email forwarder) posts in the inbox channel; returns the message ts. */
async function integrationPost(
  t: TactUnderTest,
  text: string,
  username: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const ts = nextTs();
  await event(t, {
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'BRING',
    username,
    text,
    channel: INBOX,
    channel_type: 'channel',
    ts,
    event_ts: ts,
    ...extra,
  });
  return ts;
}

async function threadReply(
  t: TactUnderTest,
  user: string,
  text: string,
  threadTs: string,
  extra: Record<string, unknown> = {},
) {
  const ts = nextTs();
  await event(t, {
    type: 'message',
    user,
    text,
    channel: INBOX,
    channel_type: 'channel',
    ts,
    event_ts: ts,
    thread_ts: threadTs,
    ...extra,
  });
}

async function react(t: TactUnderTest, user: string, reaction: string, ts: string, channel = INBOX) {
  await event(t, {
    type: 'reaction_added',
    user,
    reaction,
    item: { type: 'message', channel, ts },
    item_user: 'BRING',
    event_ts: nextTs(),
  });
}

async function press(t: TactUnderTest, user: string, actionId: string, value: string) {
  const responseUrl = t.fake.responseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const http = await postInteraction(
    t.target,
    blockActionsPayload({ userId: user, actionId, value, responseUrl, channelId: INBOX }),
  );
  expect(http.status).toBe(200);
  return textsOf(
    t.fake
      .responses()
      .filter((r) => r.id === id)
      .map((r) => r.body),
  ).join('\n');
}

function inThread(t: TactUnderTest, ts: string): ApiCall[] {
  return t.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === INBOX && c.body['thread_ts'] === ts);
}

function ephemeralsTo(t: TactUnderTest, user: string): string[] {
  return t.fake
    .calls('chat.postEphemeral')
    .filter((c) => c.body['user'] === user)
    .map((c) => unescapeSlack(textsOf(c.body).join('\n')));
}

function buttons(call: ApiCall | undefined): Array<[string, string, string]> {
  const blocks = (call?.body['blocks'] ?? []) as Array<{
    type: string;
    elements?: Array<{ action_id: string; value: string; text: { text: string } }>;
  }>;
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => [e.action_id, e.value, e.text.text]);
}

describe('the inbox channel', () => {
  it('an integration post becomes an inquiry, with a tracking note in its thread that never echoes the message', async () => {
    const t = await boot();
    const ts = await integrationPost(t, `New SMS from +1 555 867 0142: ${BODY}`, 'RingCentral SMS');
    const inquiry = await t.running.services.inquiries.get(1);
    expect(inquiry).toMatchObject({
      id: 'I-1',
      channel: 'text',
      origin: 'inbox',
      status: 'open',
      chatChannelId: stored(INBOX),
      chatMessageId: ts,
      receivedAt: MONDAY_10AM.toISOString(),
    });
    expect(inquiry?.link).toBe(`https://slack.com/archives/${INBOX}/p${ts.replace('.', '')}`);

    const notes = inThread(t, ts);
    expect(notes).toHaveLength(1);
    const words = unescapeSlack(textsOf(notes[0]?.body).join('\n'));
    expect(words).toContain('Tracking I-1 (text message). Patient texted: reply by text.');
    expect(buttons(notes[0])).toEqual([
      ['inquiry.claim', 'I-1', 'Claim'],
      ['inquiry.answer', 'I-1', 'Mark replied'],
      ['inquiry.doctor', 'I-1', 'Wants the doctor'],
      ['inquiry.nervous', 'I-1', 'Nervous patient'],
    ]);
    const everything = t.fake.everythingSent().join('\n');
    expect(everything).not.toContain('ZEBRAFISH');
    expect(everything).not.toMatch(/867 0142/);
    expect(JSON.stringify(inquiry)).not.toContain('ZEBRAFISH');
    // Tact's log lines (debug level here) hold neither the body nor the number
    expect(JSON.stringify(t.logs)).not.toContain('ZEBRAFISH');
    expect(JSON.stringify(t.logs)).not.toMatch(/867 0142/);
    // only the tracking note: no other message went out
    expect(t.fake.calls('chat.postMessage')).toHaveLength(1);
    expect(t.fake.calls('chat.postEphemeral')).toEqual([]);
  });

  it('reads the channel from the message and the integration; unknown gets channel buttons that set it', async () => {
    const t = await boot();
    await integrationPost(t, 'Voicemail from ***-***-0142 (0:42)', 'RingCentral');
    await integrationPost(t, 'New message from a patient', 'Instagram DMs');
    const unknownTs = await integrationPost(t, 'Hello, can someone help me?', 'Zapier');
    expect((await t.running.services.inquiries.open()).map((i) => [i.id, i.channel])).toEqual([
      ['I-1', 'voicemail'],
      ['I-2', 'instagram'],
      ['I-3', 'unknown'],
    ]);
    const note = inThread(t, unknownTs)[0];
    expect(unescapeSlack(textsOf(note?.body).join('\n'))).toContain(
      'Tracking I-3 (unknown channel). Channel unknown: set it, then reply the way the patient wrote.',
    );
    const choices = buttons(note).filter(([id]) => id === 'inquiry.channel');
    expect(choices.map(([, value]) => value)).toEqual([
      'I-3:text',
      'I-3:phone',
      'I-3:voicemail',
      'I-3:email',
      'I-3:web-form',
      'I-3:facebook',
      'I-3:instagram',
      'I-3:google',
      'I-3:walk-in',
    ]);

    expect(await press(t, STAFF, 'inquiry.channel', 'I-3:facebook')).toContain(
      'I-3 came by Facebook: reply the same way.',
    );
    expect((await t.running.services.inquiries.get(3))?.channel).toBe('facebook');
  });

  it('a repeated delivery of one event makes one inquiry', async () => {
    const t = await boot();
    const ts = nextTs();
    const body = {
      type: 'message',
      subtype: 'bot_message',
      bot_id: 'BRING',
      username: 'RingCentral SMS',
      text: 'New SMS from ***-***-0142',
      channel: INBOX,
      ts,
      event_ts: ts,
    };
    await event(t, body, 'Ev0REPEAT1');
    await event(t, body, 'Ev0REPEAT1');
    expect((await t.running.services.inquiries.open()).map((i) => i.id)).toEqual(['I-1']);
    expect(inThread(t, ts)).toHaveLength(1);
  });

  it('messages outside the inbox channel are not inquiries', async () => {
    const t = await boot();
    const ts = nextTs();
    await event(t, {
      type: 'message',
      subtype: 'bot_message',
      bot_id: 'BRING',
      username: 'RingCentral SMS',
      text: 'New SMS',
      channel: CHANNEL,
      ts,
      event_ts: ts,
    });
    expect(await t.running.services.inquiries.open()).toEqual([]);
  });
});

describe('claiming and answering in the thread', () => {
  it('a staff reply claims it, "called back" answers it; later replies change nothing', async () => {
    const t = await boot();
    const ts = await integrationPost(t, 'New SMS from ***-***-0142', 'RingCentral SMS');
    await threadReply(t, STAFF, 'on it, will text her now', ts);
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ status: 'claimed', owner: stored(STAFF) });
    expect(ephemeralsTo(t, STAFF)).toEqual([expect.stringContaining('You own I-1: patient texted: reply by text.')]);

    // someone else chatting in the thread does not take it over
    await threadReply(t, STAFF2, 'thanks!', ts);
    expect((await t.running.services.inquiries.get(1))?.owner).toBe(stored(STAFF));
    expect(ephemeralsTo(t, STAFF2)).toEqual([]);

    await threadReply(t, STAFF2, 'Called back, all sorted', ts);
    const answered = await t.running.services.inquiries.get(1);
    expect(answered).toMatchObject({
      status: 'answered',
      owner: stored(STAFF),
      answeredBy: stored(STAFF2),
      firstResponseMs: 0,
    });
    expect(ephemeralsTo(t, STAFF2)).toEqual([expect.stringContaining('I-1 is marked answered. Thank you.')]);
    expect(await t.running.services.inquiries.open()).toEqual([]);

    await threadReply(t, STAFF, 'done', ts);
    expect(ephemeralsTo(t, STAFF)).toHaveLength(1);
    expect((await t.running.services.inquiries.get(1))?.answeredBy).toBe(stored(STAFF2));
  });

  it.each(['done', 'Done - texted her the aftercare sheet', 'replied', 'texted her back', 'called them back'])(
    '"%s" answers an unclaimed message at once',
    async (words) => {
      const t = await boot();
      const ts = await integrationPost(t, 'New SMS from ***-***-0142', 'RingCentral SMS');
      await threadReply(t, STAFF, words, ts);
      expect(await t.running.services.inquiries.get(1)).toMatchObject({
        status: 'answered',
        owner: stored(STAFF),
        answeredBy: stored(STAFF),
      });
    },
  );

  it("integrations' thread replies and Tact's own messages never claim or answer", async () => {
    const t = await boot();
    const ts = await integrationPost(t, 'New SMS from ***-***-0142', 'RingCentral SMS');
    // the phone system posts the patient's follow-up (and its own "done" status) in the thread
    await threadReply(t, 'UINTEGRATION', 'done', ts, {
      subtype: 'bot_message',
      bot_id: 'BRING',
      username: 'RingCentral SMS',
      user: undefined,
    });
    await threadReply(t, 'UAPPUSER', 'done', ts, { bot_id: 'BZAPIER' });
    // Tact's own posts come back as events too
    await threadReply(t, 'UBOT', 'done', ts, { bot_id: 'BBOT' });
    await threadReply(t, 'UBOT', 'replied', ts, { subtype: 'bot_message', bot_id: 'BBOT', user: undefined });
    expect(await t.running.services.inquiries.get(1)).toMatchObject({
      status: 'open',
      history: [{ what: 'received by inbox' }],
    });
    expect(t.fake.calls('chat.postEphemeral')).toEqual([]);
    expect(inThread(t, ts)).toHaveLength(1);
  });

  it('a reply in a thread Tact does not track is ignored', async () => {
    const t = await boot();
    await integrationPost(t, 'New SMS from ***-***-0142', 'RingCentral SMS');
    await threadReply(t, STAFF, 'done', '1111111111.000001');
    expect((await t.running.services.inquiries.get(1))?.status).toBe('open');
  });
});

describe('reactions and buttons', () => {
  it(':eyes: claims, :white_check_mark: answers; other reactions and other messages do nothing', async () => {
    const t = await boot();
    const ts = await integrationPost(t, 'Voicemail from ***-***-0142', 'RingCentral');
    await react(t, STAFF2, 'thumbsup', ts);
    await react(t, STAFF2, 'eyes', '1111111111.000001');
    expect((await t.running.services.inquiries.get(1))?.status).toBe('open');

    await react(t, STAFF2, 'eyes', ts);
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ status: 'claimed', owner: stored(STAFF2) });
    expect(ephemeralsTo(t, STAFF2)).toEqual([
      expect.stringContaining('You own I-1: patient left a voicemail or missed call: call back.'),
    ]);

    await react(t, STAFF2, 'white_check_mark', ts);
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ status: 'answered', answeredBy: stored(STAFF2) });
    await react(t, STAFF, 'white_check_mark', ts);
    expect((await t.running.services.inquiries.get(1))?.answeredBy).toBe(stored(STAFF2));
    expect(ephemeralsTo(t, STAFF)).toEqual([]);
  });

  it('Claim and Mark replied buttons', async () => {
    const t = await boot();
    await integrationPost(t, 'New SMS from ***-***-0142', 'RingCentral SMS');
    expect(await press(t, STAFF, 'inquiry.claim', 'I-1')).toContain('You own I-1: patient texted: reply by text.');
    expect(await press(t, STAFF2, 'inquiry.claim', 'I-1')).toContain(`I-1 is already owned by ${STAFF}.`);
    expect(await press(t, STAFF2, 'inquiry.answer', 'I-1')).toContain('I-1 is marked answered. Thank you.');
    expect(await t.running.services.inquiries.get(1)).toMatchObject({
      status: 'answered',
      owner: stored(STAFF),
      answeredBy: stored(STAFF2),
    });
    expect(await press(t, STAFF, 'inquiry.answer', 'I-1')).toContain('I-1 is already answered.');
    expect(await press(t, STAFF, 'inquiry.claim', 'I-9')).toContain('There is no inquiry I-9.');
  });
});

describe('/inquiry', () => {
  function inquiryCommand(t: TactUnderTest, user: string, text: string) {
    return t.command(user, text, { command: '/inquiry' });
  }

  it('logs a call with a notice in the inbox channel, lists it, and `done` answers it', async () => {
    const t = await boot();
    const logged = await inquiryCommand(t, STAFF, 'call P-12 wants to reschedule');
    expect(logged.http.status).toBe(200);
    expect(logged.text).toContain('Logged I-1 (phone call), posted in the inbox channel, where its thread tracks it.');
    const notices = t.fake
      .calls('chat.postMessage')
      .filter((c) => c.body['channel'] === INBOX && c.body['thread_ts'] === undefined);
    expect(notices).toHaveLength(1);
    expect(unescapeSlack(textsOf(notices[0]?.body).join('\n'))).toContain(
      'New phone call · I-1 · patient P-12. Note: wants to reschedule. Patient called: call back.',
    );
    const inquiry = await t.running.services.inquiries.get(1);
    expect(inquiry).toMatchObject({
      channel: 'phone',
      patientRef: 'P-12',
      summary: 'wants to reschedule',
      origin: 'command',
      loggedBy: stored(STAFF),
      chatChannelId: stored(INBOX),
    });

    const listed = await inquiryCommand(t, STAFF2, 'list');
    expect(listed.text).toContain('Unanswered patient messages: 1');
    expect(listed.text).toContain('I-1 · phone call · patient P-12 · open · waiting under a minute · unclaimed');

    // the notice's thread tracks it like an inbox message
    await threadReply(t, STAFF2, 'I will call after lunch', inquiry?.chatMessageId ?? '');
    expect((await t.running.services.inquiries.get(1))?.owner).toBe(stored(STAFF2));

    const done = await inquiryCommand(t, STAFF2, 'done I-1');
    expect(done.text).toContain('I-1 is marked answered. Thank you.');
    expect((await inquiryCommand(t, STAFF2, 'done I-1')).text).toContain('I-1 is already answered.');
    expect((await inquiryCommand(t, STAFF2, 'list')).text).toContain('Unanswered patient messages: 0');
  });

  it('a check mark on the notice answers it', async () => {
    const t = await boot();
    await inquiryCommand(t, STAFF, 'walk-in P-30 asked about a refund');
    const inquiry = await t.running.services.inquiries.get(1);
    await react(t, MANAGERS[0], 'white_check_mark', inquiry?.chatMessageId ?? '');
    expect(await t.running.services.inquiries.get(1)).toMatchObject({
      status: 'answered',
      answeredBy: stored(MANAGERS[0]),
    });
  });

  it('explains bad input and stores nothing', async () => {
    const t = await boot();
    expect((await inquiryCommand(t, STAFF, 'pigeon P-12 hello there')).text).toContain('unknown channel "pigeon"');
    expect((await inquiryCommand(t, STAFF, 'done X-1')).text).toContain('"X-1" is not an inquiry id');
    expect((await inquiryCommand(t, STAFF, 'done I-5')).text).toContain('There is no inquiry I-5.');
    expect(await t.running.services.inquiries.open()).toEqual([]);
    expect(t.fake.calls('chat.postMessage')).toEqual([]);
  });

  it('without an inbox channel nothing is posted where the command was typed: the person who logged it owns it', async () => {
    const t = await boot({ TACT_INBOX_CHANNELS: '' });
    const logged = await inquiryCommand(t, STAFF, 'voicemail P-12 call back about results');
    expect(logged.text).toContain('Logged I-1 (voicemail or missed call). No inbox channel is set, so it is yours');
    expect(t.fake.calls('chat.postMessage')).toEqual([]);
    expect(await t.running.services.inquiries.get(1)).toMatchObject({ owner: stored(STAFF), status: 'claimed' });
    expect((await t.running.services.inquiries.get(1))?.chatChannelId).toBeUndefined();
  });

  it('when the notice cannot be posted, the reply says the inquiry is saved (no retry, no duplicate)', async () => {
    const t = await boot();
    t.fake.answer('chat.postMessage', { ok: false, error: 'not_in_channel' });
    const logged = await inquiryCommand(t, STAFF, 'voicemail P-12 call back about results');
    expect(logged.text).toContain(
      'Logged I-1 (voicemail or missed call), but Tact could not post it in the inbox channel',
    );
    expect(logged.text).toContain('It is saved');
    expect((await t.running.services.inquiries.open()).map((i) => i.id)).toEqual(['I-1']);
  });
});

describe('a forwarded screenshot with no words', () => {
  it('is tracked as an inquiry in the inbox, and is never taken for a review', async () => {
    const t = await boot({ TACT_REVIEWS_CHANNEL: 'CREVIEWS' });
    const file = {
      type: 'message',
      subtype: 'file_share',
      user: STAFF,
      text: '',
      files: [{ id: 'F1', name: 'sms.png' }],
    };
    await event(t, { ...file, channel: INBOX, ts: nextTs() });
    await event(t, { ...file, channel: 'CREVIEWS', ts: nextTs() });
    expect((await t.running.services.inquiries.open()).map((i) => i.id)).toEqual(['I-1']);
    expect(await t.running.services.reviews.get(1)).toBeUndefined();
  });
});

describe('a patient who wants the doctor', () => {
  const PROVIDER = 'UDRPATEL';
  const dmsTo = (t: TactUnderTest, user: string) =>
    t.fake
      .calls('chat.postMessage')
      .filter((c) => c.body['channel'] === user)
      .map((c) => unescapeSlack(textsOf(c.body).join('\n')));

  it('reaches the provider by DM; the front desk cannot close it with Mark replied or "done"; the provider can; the digest says so', async () => {
    const t = await boot({ TACT_PROVIDERS: PROVIDER, TACT_FRONT_DESK: STAFF });
    const ts = await integrationPost(
      t,
      'New SMS from +1 555 867 0142: Hi, this is about my filler, I need to talk to the doctor please',
      'RingCentral SMS',
    );
    const inquiry = await t.running.services.inquiries.get(1);
    expect(inquiry?.wantsDoctor).toMatchObject({ how: 'words' });
    expect(inquiry?.history.map((h) => h.what)).toContain(`sent to the provider: ${stored(PROVIDER)}`);

    const dms = dmsTo(t, PROVIDER);
    expect(dms).toHaveLength(1);
    expect(dms[0]).toContain('I-1: a patient wants the doctor (text message; patient texted: reply by text).');
    expect(dms[0]).toContain(`https://slack.com/archives/${INBOX}/p${ts.replace('.', '')}`);
    expect(dms[0]).not.toContain('filler'); // never the message itself
    const note = inThread(t, ts)[0];
    expect(unescapeSlack(textsOf(note?.body).join('\n'))).toContain(
      'Wants the doctor: waiting for the provider to call back',
    );
    expect(buttons(note).map(([id]) => id)).toEqual([
      'inquiry.claim',
      'inquiry.answer',
      'inquiry.provider-called',
      'inquiry.triage-accepted',
      'inquiry.nervous',
    ]);

    // a nurse claims it to triage meanwhile
    expect(await press(t, STAFF2, 'inquiry.claim', 'I-1')).toContain('You own I-1');
    // the front desk presses Mark replied, then writes "done" in the thread: both refused, privately, saying how
    const refused = await press(t, STAFF, 'inquiry.answer', 'I-1');
    expect(refused).toContain('I-1 wants the doctor');
    expect(refused).toContain('/inquiry done I-1 provider-called or /inquiry done I-1 triage-accepted');
    await threadReply(t, STAFF, 'done, told her the doctor will call', ts);
    expect(ephemeralsTo(t, STAFF).join('\n')).toContain('I-1 wants the doctor');
    expect((await t.running.services.inquiries.get(1))?.status).not.toBe('answered');

    // the digest shows it as such, without the message
    const digest = await t.command(MANAGERS[0], 'digest now', { command: '/tact' });
    expect(digest.text).toMatch(/I-1 · sender not given · wants the doctor \(triaged by USTAFF2\) · waiting/);
    expect(digest.text).not.toContain('filler');

    // the provider's own "done" counts as the provider calling back
    const done = await t.command(PROVIDER, 'done I-1', { command: '/inquiry' });
    expect(done.text).toContain('I-1 is marked answered (the provider called back).');
    expect(await t.running.services.inquiries.get(1)).toMatchObject({
      status: 'answered',
      answeredBy: stored(PROVIDER),
      wantsDoctor: { outcome: 'provider-called', triagedBy: stored(STAFF2) },
    });
    const stats = await t.command(MANAGERS[0], 'stats 1d', { command: '/tact' });
    expect(stats.text).toContain('wanted the doctor: 1');
  });
});
