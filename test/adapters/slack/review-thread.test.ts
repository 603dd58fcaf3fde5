import { describe, expect, it } from 'vitest';
import { behave, type FakeOpenAi } from '../../doubles/fake-openai.js';
import { CHANNEL, MANAGERS, STAFF, movableClock, startTact, type TactUnderTest } from './harness.js';
import {
  BOT_ID,
  BOT_USER,
  REVIEWS,
  buttonLabels,
  buttons,
  draftCards,
  draftText,
  draftingTactPerTest,
  feedPosts,
  inThread,
  isDraftCard,
  mention,
  newEventId,
  newTs,
  personPosts,
  posts,
  press,
  sendEvent,
  shortcut,
  textOf,
} from './review-helpers.js';

/**
 * Review replies end to end through Bolt: a review posted in the reviews channel (by a person or a
 * review feed) gets "Drafting…" and then a draft card in its thread; buttons and `@tact` words refine
 * and approve it; the message shortcut and `@tact draft` work elsewhere; the model picks library
 * sentences by id and never sees the review, and nothing it writes itself is shown anywhere.
 */
const CONTACT = 'call our practice manager at 555-0142';
const MANAGER = MANAGERS[0];
const REVIEW = 'Two stars on Google. Waited forever and nobody at the front desk could tell me why. Not impressed.';

let model: FakeOpenAi;
let tact: TactUnderTest;
const clock = movableClock();
draftingTactPerTest(
  { contact: CONTACT, clock, env: { TACT_LLM_MODEL: 'fake-model' } },
  (started) => ({ model, tact } = started),
);

// sentence choices the fake model answers with (they fit any topic of a one- or two-star review)
const SAFE_IDS = [
  'opening.thanks-write',
  'acknowledgement.serious',
  'standard.general',
  'policy.everyone',
  'invitation.direct',
];
const SHORT_IDS = ['opening.thanks-feedback', 'invitation.talk'];
const WARM_IDS = [
  'opening.sorry-unhappy',
  'acknowledgement.matters',
  'standard.general-warm',
  'policy.as-with-everyone',
  'invitation.listen',
  'closing.wishes',
];
const AGAIN_IDS = ['opening.thanks-share', 'acknowledgement.learn', 'policy.never-discuss', 'invitation.talk'];

/** The reply a choice of sentences makes, with the practice contact line. */
function replyOf(ids: readonly string[]): string {
  const library = new Map(tact.running.services.replies.usable().map((s) => [s.id, s.text]));
  return ids.map((id) => library.get(id)?.replace('{{contact}}', `${CONTACT}.`)).join(' ');
}

describe('a review posted in the reviews channel', () => {
  it("by a person: 'Drafting…' in its thread at once, then the reply built from the model's choice of sentences, with the four buttons", async () => {
    model.script(behave.choice(SAFE_IDS));
    const review = await personPosts(tact, STAFF, REVIEW);

    const thread = inThread(tact, review.ts);
    expect(thread).toHaveLength(2);
    expect(textOf(thread[0]!)).toContain('Drafting a reply…');
    expect(isDraftCard(thread[0]!)).toBe(false);
    const card = thread[1]!;
    expect(card.body['channel']).toBe(REVIEWS);
    expect(draftText(card)).toBe(replyOf(SAFE_IDS));
    expect(buttons(card)).toEqual(['review.approve', 'review.regenerate', 'review.shorter', 'review.warmer']);
    expect(buttonLabels(card)).toEqual(['Approve', 'Regenerate', 'Shorter', 'Warmer']);
    const words = textOf(card);
    expect(words).toContain('Draft reply R-1 · Google, 2★');
    expect(words).toContain('Built from the reply library: sentences chosen by the drafting model.');
    expect(words).toContain(`Sentences: ${SAFE_IDS.join(', ')}.`);
    // nothing went to the channel itself, and the model was asked once
    expect(posts(tact).filter((c) => c.body['thread_ts'] === undefined)).toEqual([]);
    expect(model.requests()).toHaveLength(1);

    const stored = await tact.running.services.reviews.get(1);
    expect(stored).toMatchObject({
      id: 'R-1',
      channelId: `slack:${REVIEWS}`,
      threadId: review.ts,
      platform: 'Google',
      rating: 2,
      postedBy: `slack:${STAFF}`,
      legal: false,
    });
    expect(stored?.drafts.map((d) => [d.source, d.text, d.sentences])).toEqual([
      ['model', replyOf(SAFE_IDS), SAFE_IDS],
    ]);
  });

  it('by a review feed integration (a bot message): the same, reading the platform from its name', async () => {
    model.script(behave.choice(SAFE_IDS));
    const review = await feedPosts(tact, '★☆☆☆☆\n"Rude staff, never again."\n- Morgan T.', 'Yelp for Business');
    const cards = draftCards(tact, review.ts);
    expect(cards).toHaveLength(1);
    expect(draftText(cards[0]!)).toBe(replyOf(SAFE_IDS));
    expect(textOf(cards[0]!)).toContain('R-1 · Yelp, 1★');
    expect(textOf(inThread(tact, review.ts)[0]!)).toContain('Drafting a reply…');
    const stored = await tact.running.services.reviews.get(1);
    expect(stored).toMatchObject({ platform: 'Yelp', rating: 1 });
    expect(stored).not.toHaveProperty('reviewerName');
  });

  it('a leaking model draft is never shown, in any Slack call or log line: Tact chooses, marked, without asking twice', async () => {
    const leak =
      'We are sorry your lip filler appointment with Dr. Alvarez on March 3 ran late; we can refund the $450.';
    model.script(behave.reply(leak));
    const review = await personPosts(tact, STAFF, REVIEW);

    const cards = draftCards(tact, review.ts);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0]!)).toContain(
      'sentences chosen by Tact (the drafting model did not answer with sentence ids)',
    );
    expect(draftText(cards[0]!)).toContain(CONTACT);
    expect(model.requests()).toHaveLength(1);

    const everything = [...tact.fake.everythingSent(), ...tact.logs.map((l) => JSON.stringify(l))].join('\n');
    for (const fragment of ['lip filler', 'Alvarez', 'March 3', '$450', 'refund'])
      expect(everything).not.toContain(fragment);
    const stored = await tact.running.services.reviews.get(1);
    expect(JSON.stringify(stored)).not.toContain('Alvarez');
    expect(stored?.drafts).toHaveLength(1);
    expect(stored?.drafts[0]?.source).toBe('library');
    expect(draftText(cards[0]!)).toBe(replyOf(stored?.drafts[0]?.sentences ?? []));
  });

  it('a model choice with an id that is not a candidate is not used, and the model is not asked again', async () => {
    model.script(
      behave.choice(['opening.thanks-write', 'Jenna remembers you well.', 'policy.everyone', 'invitation.direct']),
    );
    const review = await personPosts(tact, STAFF, REVIEW);
    const cards = draftCards(tact, review.ts);
    expect(textOf(cards[0]!)).toContain('(the drafting model chose a sentence that is not a candidate)');
    expect(tact.fake.everythingSent().join('\n')).not.toContain('Jenna');
    expect(model.requests()).toHaveLength(1);
  });

  it('the model never sees the review: not its words, phone numbers, email addresses or registered names', async () => {
    await tact.running.services.aliases.add('Taylor Quinn', 'VIP-7', MANAGER);
    model.script(behave.choice(SAFE_IDS));
    const text =
      'One star. Taylor Quinn sent me here. Call me on 917-555-0123 or mail taylor.fan@example.com, nobody ever does.';
    const review = await personPosts(tact, STAFF, text);
    expect(draftText(draftCards(tact, review.ts)[0]!)).toBe(replyOf(SAFE_IDS));
    const seen = JSON.stringify(model.requests()[0]?.body.messages);
    for (const secret of [
      '917',
      '0123',
      'taylor',
      'Taylor',
      'example.com',
      'Quinn',
      'VIP-7',
      'nobody ever does',
      'sent me here',
      '555-0142',
    ])
      expect(seen).not.toContain(secret);
    expect(seen).toContain('Rating: 1 of 5 stars');
  });

  it('a reply in a thread of the reviews channel is not a review', async () => {
    const review = await personPosts(tact, STAFF, REVIEW);
    const before = posts(tact).length;
    await sendEvent(tact, {
      type: 'message',
      channel: REVIEWS,
      user: STAFF,
      text: 'I think we should call them.',
      ts: newTs(),
      thread_ts: review.ts,
    });
    expect(posts(tact)).toHaveLength(before);
    expect(await tact.running.services.reviews.get(2)).toBeUndefined();
  });

  it('a message in another channel is not a review', async () => {
    await personPosts(tact, STAFF, REVIEW, CHANNEL);
    expect(posts(tact)).toEqual([]);
    expect(model.requests()).toEqual([]);
  });

  it('the same delivery twice (same event_id) gives one draft', async () => {
    const eventId = newEventId();
    const ts = newTs();
    const event = { type: 'message', channel: REVIEWS, channel_type: 'channel', user: STAFF, text: REVIEW, ts };
    await sendEvent(tact, event, eventId);
    await sendEvent(tact, event, eventId);
    expect(draftCards(tact, ts)).toHaveLength(1);
    expect(inThread(tact, ts)).toHaveLength(2);
    expect(model.requests()).toHaveLength(1);
    expect(await tact.running.services.reviews.get(2)).toBeUndefined();
  });

  const OWN_MESSAGES: Array<[string, Record<string, unknown>]> = [
    ['a bot_message with its bot id', { subtype: 'bot_message', bot_id: BOT_ID }],
    ['a message from its bot user', { user: BOT_USER, bot_id: BOT_ID, app_id: 'A1' }],
    ['a message with its bot id and no user', { bot_id: BOT_ID, app_id: 'A1' }],
  ];
  it.each(OWN_MESSAGES)("Tact's own top-level message (%s) is ignored", async (_what, from) => {
    const ts = newTs();
    await sendEvent(tact, {
      type: 'message',
      channel: REVIEWS,
      channel_type: 'channel',
      text: 'Drafting a reply… R-1 · Google, 2★',
      ts,
      ...from,
    });
    expect(posts(tact)).toEqual([]);
    expect(model.requests()).toEqual([]);
    expect(await tact.running.services.reviews.get(1)).toBeUndefined();
  });
});

describe('refining in the thread', () => {
  it('Shorter, Warmer and Regenerate each post a new draft in the thread, asking the model for that style', async () => {
    model.script(behave.choice(SAFE_IDS), behave.choice(SHORT_IDS), behave.choice(WARM_IDS), behave.choice(AGAIN_IDS));
    const review = await personPosts(tact, STAFF, REVIEW);
    await press(tact, STAFF, 'review.shorter', 'R-1', review.ts);
    await press(tact, STAFF, 'review.warmer', 'R-1', review.ts);
    await press(tact, STAFF, 'review.regenerate', 'R-1', review.ts);

    const cards = draftCards(tact, review.ts);
    expect(cards.map(draftText)).toEqual([SAFE_IDS, SHORT_IDS, WARM_IDS, AGAIN_IDS].map(replyOf));
    // all in the thread: nothing at the top of the channel
    expect(posts(tact).filter((c) => c.body['thread_ts'] !== review.ts)).toEqual([]);

    const asked = model.requests().map((r) => r.body.messages?.[1]?.content ?? '');
    expect(asked[1]).toContain('Style: shorter');
    expect(asked[1]).toContain(`Previous draft: ${SAFE_IDS.join(', ')}`);
    expect(asked[2]).toContain('Style: warmer');
    expect(asked[2]).toContain(`Previous draft: ${SHORT_IDS.join(', ')}`);
    expect(asked[3]).toContain('Style: default');
    expect(asked[3]).toContain(`Previous draft: ${WARM_IDS.join(', ')}`);

    const stored = await tact.running.services.reviews.get(1);
    expect(stored?.drafts.map((d) => [d.style, d.by])).toEqual([
      ['default', `slack:${STAFF}`],
      ['shorter', `slack:${STAFF}`],
      ['warmer', `slack:${STAFF}`],
      ['default', `slack:${STAFF}`],
    ]);
  });

  it('`@tact shorter`, `@tact warmer` and `@tact regenerate` in the thread do the same', async () => {
    model.script(behave.choice(SAFE_IDS), behave.choice(SHORT_IDS), behave.choice(WARM_IDS), behave.choice(AGAIN_IDS));
    const review = await personPosts(tact, STAFF, REVIEW);
    await mention(tact, STAFF, 'shorter please', review.ts);
    await mention(tact, STAFF, 'warmer', review.ts);
    await mention(tact, STAFF, 'regenerate', review.ts);
    expect(draftCards(tact, review.ts).map(draftText)).toEqual([SAFE_IDS, SHORT_IDS, WARM_IDS, AGAIN_IDS].map(replyOf));
    expect(model.requests()[1]?.body.messages?.[1]?.content).toContain('Style: shorter');
  });

  it('Approve records the text, who and when, and says so in the thread; later refinements are refused', async () => {
    model.script(behave.choice(SAFE_IDS), behave.choice(SHORT_IDS));
    const review = await personPosts(tact, STAFF, REVIEW);
    await press(tact, STAFF, 'review.shorter', 'R-1', review.ts);
    clock.set(new Date('2026-03-02T15:30:00.000Z'));
    await press(tact, MANAGER, 'review.approve', 'R-1', review.ts);

    const notice = inThread(tact, review.ts).at(-1)!;
    expect(isDraftCard(notice)).toBe(false);
    expect(textOf(notice)).toMatch(new RegExp(`Approved by\\*\\n<@${MANAGER}>`));
    expect(textOf(notice)).toContain('Paste this on the review site yourself');
    expect(textOf(notice)).toContain(replyOf(SHORT_IDS));

    const stored = await tact.running.services.reviews.get(1);
    expect(stored?.approved).toEqual({
      text: replyOf(SHORT_IDS),
      by: `slack:${MANAGER}`,
      at: '2026-03-02T15:30:00.000Z',
    });

    const before = draftCards(tact, review.ts).length;
    await press(tact, STAFF, 'review.warmer', 'R-1', review.ts);
    await mention(tact, STAFF, 'approve', review.ts);
    expect(draftCards(tact, review.ts)).toHaveLength(before);
    expect(model.requests()).toHaveLength(2);
    const refusals = [...tact.fake.calls('chat.postEphemeral'), ...posts(tact)].map(textOf).join('\n');
    expect(refusals).toContain('R-1 already has an approved reply.');
    expect((await tact.running.services.reviews.get(1))?.approved?.text).toBe(replyOf(SHORT_IDS));
  });

  it('`@tact approve` in the thread approves too', async () => {
    model.script(behave.choice(SAFE_IDS));
    const review = await personPosts(tact, STAFF, REVIEW);
    await mention(tact, MANAGER, 'approve', review.ts);
    expect(textOf(inThread(tact, review.ts).at(-1)!)).toMatch(new RegExp(`Approved by\\*\\n<@${MANAGER}>`));
    expect((await tact.running.services.reviews.get(1))?.approved).toMatchObject({
      text: replyOf(SAFE_IDS),
      by: `slack:${MANAGER}`,
    });
  });

  it('a mention with no known word, or outside a thread, gets a private hint', async () => {
    const review = await personPosts(tact, STAFF, REVIEW);
    const before = posts(tact).length;
    await mention(tact, STAFF, 'what do you think?', review.ts);
    await mention(tact, STAFF, 'shorter', undefined);
    expect(posts(tact)).toHaveLength(before);
    const hints = tact.fake.calls('chat.postEphemeral').map(textOf);
    expect(hints).toHaveLength(2);
    for (const hint of hints)
      expect(hint).toContain('mention Tact with one of: draft, regenerate, shorter, warmer, approve');
  });
});

describe('drafting for a message elsewhere', () => {
  const FEED_REVIEW = '1/5 on Yelp: "Staff ignored my calls for a week." - Casey R.';

  it("`@tact draft` in a thread drafts for the thread's first message, read through conversations.replies", async () => {
    const root = newTs();
    tact.fake.answer('conversations.replies', {
      ok: true,
      messages: [
        { type: 'message', ts: root, text: FEED_REVIEW, bot_id: 'BFEED01', bot_profile: { name: 'Yelp for Business' } },
      ],
      has_more: false,
    });
    model.script(behave.choice(SAFE_IDS));
    await mention(tact, STAFF, 'draft', root, CHANNEL);

    const lookups = tact.fake.calls('conversations.replies');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.body).toMatchObject({ channel: CHANNEL, ts: root });
    const thread = inThread(tact, root, CHANNEL);
    expect(textOf(thread[0]!)).toContain('Drafting a reply…');
    const cards = draftCards(tact, root, CHANNEL);
    expect(cards).toHaveLength(1);
    expect(draftText(cards[0]!)).toBe(replyOf(SAFE_IDS));
    expect(textOf(cards[0]!)).toContain('R-1 · Yelp, 1★');
    const stored = await tact.running.services.reviews.get(1);
    expect(stored).toMatchObject({
      channelId: `slack:${CHANNEL}`,
      threadId: root,
      platform: 'Yelp',
      rating: 1,
      postedBy: `slack:${STAFF}`,
    });
    expect(JSON.stringify(model.requests()[0]?.body.messages)).not.toContain('ignored my calls');

    // a second `@tact draft` in the same thread refines the same review instead of making another
    model.script(behave.choice(AGAIN_IDS));
    await mention(tact, STAFF, 'draft', root, CHANNEL);
    expect(draftCards(tact, root, CHANNEL).map(draftText)).toEqual([SAFE_IDS, AGAIN_IDS].map(replyOf));
    expect(await tact.running.services.reviews.get(2)).toBeUndefined();
  });

  it('the "Draft a review reply" message shortcut drafts in the message\'s thread', async () => {
    model.script(behave.choice(SAFE_IDS));
    const ts = newTs();
    await shortcut(tact, STAFF, { ts, text: FEED_REVIEW, bot_id: 'BFEED01' }, CHANNEL);
    const thread = inThread(tact, ts, CHANNEL);
    expect(thread).toHaveLength(2);
    expect(textOf(thread[0]!)).toContain('Drafting a reply…');
    expect(draftText(thread[1]!)).toBe(replyOf(SAFE_IDS));
    expect(buttons(thread[1]!)).toEqual(['review.approve', 'review.regenerate', 'review.shorter', 'review.warmer']);
    expect(await tact.running.services.reviews.get(1)).toMatchObject({
      channelId: `slack:${CHANNEL}`,
      threadId: ts,
      platform: 'Yelp',
    });

    // used again on the same message, it re-drafts the same review
    model.script(behave.choice(AGAIN_IDS));
    await shortcut(tact, STAFF, { ts, text: FEED_REVIEW, bot_id: 'BFEED01' }, CHANNEL);
    expect(draftCards(tact, ts, CHANNEL).map(draftText)).toEqual([SAFE_IDS, AGAIN_IDS].map(replyOf));
  });
});

describe('a legal threat', () => {
  const THREAT =
    'One star. My attorney will sue this clinic for malpractice. You will hear from the medical board too.';

  it('gets no draft: a notice in the thread, a direct message to each manager, and a "Log as complaint" button', async () => {
    const review = await personPosts(tact, STAFF, THREAT);
    expect(model.requests()).toEqual([]);
    const thread = inThread(tact, review.ts);
    expect(thread).toHaveLength(1);
    expect(thread.some(isDraftCard)).toBe(false);
    const notice = textOf(thread[0]!);
    expect(notice).toContain('R-1 mentions legal action');
    expect(notice).toContain('a practice manager must handle it');
    expect(notice).not.toContain('Drafting');
    expect(buttons(thread[0]!)).toEqual(['review.complaint']);
    expect(buttonLabels(thread[0]!)).toEqual(['Log as complaint']);

    for (const manager of MANAGERS) {
      const dms = posts(tact).filter((c) => c.body['channel'] === manager);
      expect(dms).toHaveLength(1);
      expect(textOf(dms[0]!)).toContain('Review R-1 threatens legal action');
      expect(buttons(dms[0]!)).toEqual(['review.complaint']);
    }
    expect((await tact.running.services.reviews.get(1))?.drafts).toEqual([]);

    // nor can anyone ask for one
    await mention(tact, STAFF, 'draft', review.ts);
    await press(tact, STAFF, 'review.regenerate', 'R-1', review.ts);
    expect(model.requests()).toEqual([]);
    expect(draftCards(tact, review.ts)).toEqual([]);
  });

  it('a manager pressing "Log as complaint" logs it once; staff cannot', async () => {
    const review = await personPosts(tact, STAFF, THREAT);
    await press(tact, STAFF, 'review.complaint', 'R-1', review.ts);
    expect(await tact.running.services.complaints.get(1)).toBeUndefined();
    expect(tact.fake.calls('chat.postEphemeral').map(textOf).join('\n')).toMatch(/manager/i);

    await press(tact, MANAGER, 'review.complaint', 'R-1', review.ts);
    const complaint = await tact.running.services.complaints.get(1);
    expect(complaint).toMatchObject({ id: 'C-1', patientRef: 'R-1', source: 'online-review', tier: 'aggressive' });
    expect((await tact.running.services.reviews.get(1))?.complaintId).toBe('C-1');
    // told privately: the complaint log is for managers, not the reviews channel
    const told = tact.fake.calls('chat.postEphemeral').filter((c) => c.body['user'] === MANAGER);
    expect(told.map(textOf).join('\n')).toContain('Logged R-1 as complaint C-1');
    expect(posts(tact).map(textOf).join('\n')).not.toContain('C-1');

    await press(tact, MANAGER, 'review.complaint', 'R-1', review.ts);
    expect(await tact.running.services.complaints.get(2)).toBeUndefined();
    expect(tact.fake.calls('chat.postEphemeral').map(textOf).join('\n')).toContain('R-1 is already logged as C-1');
    expect(posts(tact).map(textOf).join('\n')).not.toContain('C-1');
  });
});

describe('the model is not there', () => {
  it('without OPENAI_API_KEY, Tact chooses library sentences, unmarked', async () => {
    await tact.stop();
    tact = await startTact({ clock, env: { TACT_REVIEWS_CHANNEL: REVIEWS, TACT_PRACTICE_CONTACT: CONTACT } });
    const review = await personPosts(tact, STAFF, REVIEW);
    const cards = draftCards(tact, review.ts);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0]!)).toContain('Built from the reply library: sentences chosen by Tact.');
    expect(textOf(cards[0]!)).not.toContain('(the drafting model');
    expect(draftText(cards[0]!)).toContain(CONTACT);
    expect(model.requests()).toEqual([]);
    const stored = await tact.running.services.reviews.get(1);
    expect(draftText(cards[0]!)).toBe(replyOf(stored?.drafts[0]?.sentences ?? []));
  });
});
