import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buttonPress, messageCreate, snowflake } from '../../doubles/discord-payloads.js';
import { FAKE_APPLICATION_ID } from '../../doubles/fake-discord.js';
import { behave } from '../../doubles/fake-openai.js';
import { MONDAY_10AM, movableClock, removeTempDirs, stopStarted } from '../slack/harness.js';
import {
  MANAGER,
  REVIEWS,
  ROLE_MANAGER,
  STAFF,
  answerText,
  answersTo,
  bodyOf,
  customIdsOf,
  modelEnv,
  startDiscordTact,
  startDraftingModel,
  type DiscordTact,
  storedId,
} from './harness.js';

/**
 * Review replies on Discord: a review posted in the reviews channel gets "Drafting…" and then the
 * draft card in a thread on the review message, with Approve / Regenerate / Shorter / Warmer buttons.
 * A button whose work is slow (a drafting model that does not answer) is deferred first.
 */
afterEach(stopStarted);
afterAll(removeTempDirs);

const FEED = { id: '1180000000000007002', username: 'Google Reviews', bot: true };
const REVIEW = '★★☆☆☆ Waited forever and nobody at the front desk could tell me why. Not impressed. - Morgan T.';

async function reviewPosted(t: DiscordTact) {
  const message = messageCreate({ channelId: REVIEWS, content: REVIEW, author: FEED, webhookId: FEED.id });
  t.dispatch('MESSAGE_CREATE', message);
  await t.fake.waitFor(() => draftCards(t, message.id).length === 1, 20_000, 'the draft card in the review thread');
  return message;
}

function draftCards(t: DiscordTact, threadId: string) {
  return t.fake.posted(threadId).filter((p) => customIdsOf(p).some((id) => id.startsWith('act|review.approve|')));
}

/** The reply text inside a card's code block. */
function draftText(content: string): string {
  return /```\n([\s\S]*?)\n```/.exec(content)?.[1] ?? '';
}

describe('reviews channel on Discord', () => {
  it('a review post gets "Drafting…" then a draft card with four buttons, in a thread on the review message', async () => {
    const t = await startDiscordTact({ clock: movableClock(MONDAY_10AM), env: { TACT_REVIEWS_CHANNEL: REVIEWS } });
    const message = await reviewPosted(t);

    expect(
      t.fake.calls({ method: 'POST', path: `/v10/channels/${REVIEWS}/messages/${message.id}/threads` }),
    ).toHaveLength(1);
    const inThread = t.fake.posted(message.id);
    expect(inThread).toHaveLength(2);
    expect(inThread[0]?.body.content).toContain('Drafting a reply…');
    const card = inThread[1];
    expect(card?.body.content).toContain('**Draft reply R-1 · Google, 2★**');
    expect(card?.body.content).toContain('Built from the reply library: sentences chosen by Tact.');
    const stored = await t.running.services.reviews.get(1);
    const library = new Map(t.running.services.replies.usable().map((s) => [s.id, s.text]));
    expect(draftText(card?.body.content ?? '')).toBe(
      stored?.drafts[0]?.sentences
        .map((id) => library.get(id)?.replace('{{contact}}', 'call our practice manager.'))
        .join(' '),
    );
    expect(customIdsOf(card)).toEqual([
      'act|review.approve|R-1',
      'act|review.regenerate|R-1',
      'act|review.shorter|R-1',
      'act|review.warmer|R-1',
    ]);
    expect(card?.body.allowed_mentions).toEqual({ parse: [] });
    expect(t.fake.posted(REVIEWS)).toEqual([]);
    expect(await t.running.services.reviews.get(1)).toMatchObject({
      id: 'R-1',
      channelId: storedId(REVIEWS),
      threadId: message.id,
      platform: 'Google',
      rating: 2,
    });
    expect(t.errors()).toEqual([]);
  });

  it('Shorter posts a new card in the thread and acknowledges the press; Approve records the approval', async () => {
    const t = await startDiscordTact({ clock: movableClock(MONDAY_10AM), env: { TACT_REVIEWS_CHANNEL: REVIEWS } });
    const message = await reviewPosted(t);
    const where = { channelId: message.id, parentId: REVIEWS };

    const shorter = buttonPress(STAFF, 'act|review.shorter|R-1', where);
    await t.interact(shorter);
    expect(draftCards(t, message.id)).toHaveLength(2);
    // Every interaction gets an answer, or Discord shows "This interaction failed": the result is
    // in the thread, so the press is acknowledged without a message (type 6, deferred update).
    const answers = answersTo(t.fake, shorter);
    expect(answers.map((a) => bodyOf(a))).toEqual([{ type: 6 }]);
    const review = await t.running.services.reviews.get(1);
    expect(review?.drafts.map((d) => d.style)).toEqual(['default', 'shorter']);

    const approve = buttonPress(STAFF, 'act|review.approve|R-1', where);
    await t.interact(approve);
    expect(answersTo(t.fake, approve).map((a) => bodyOf(a))).toEqual([{ type: 6 }]);
    const approved = await t.running.services.reviews.get(1);
    expect(approved?.approved).toMatchObject({ by: storedId(STAFF.id) });
    expect(approved?.approved?.text).toBe(review?.drafts[1]?.text);
    const notice = t.fake.posted(message.id).at(-1);
    expect(notice?.body.content).toContain(`<@${STAFF.id}>`);
    expect(notice?.body.content).toContain('Paste this on the review site yourself');
    expect(notice?.body.content).toContain(review?.drafts[1]?.text ?? '-');
    expect(t.errors()).toEqual([]);
  });

  it('a review threatening legal action: no draft, a notice in the thread, managers told by DM; a manager logs it as a complaint privately', async () => {
    const t = await startDiscordTact({ clock: movableClock(MONDAY_10AM), env: { TACT_REVIEWS_CHANNEL: REVIEWS } });
    const message = messageCreate({
      channelId: REVIEWS,
      content: '★☆☆☆☆ My lawyer will be in touch about the burns. @everyone',
      author: FEED,
      webhookId: FEED.id,
    });
    t.dispatch('MESSAGE_CREATE', message);
    await t.fake.waitFor(() => t.fake.posted(`DM-${MANAGER.id}`).length === 1, 10_000, 'the legal alert DM');
    const [notice] = t.fake.posted(message.id);
    expect(notice?.body.content).toContain('R-1 mentions legal action or a complaint to a board. Tact makes no draft');
    expect(customIdsOf(notice)).toEqual(['act|review.complaint|R-1']);
    expect(draftCards(t, message.id)).toEqual([]);
    const dm = t.fake.posted(`DM-${MANAGER.id}`)[0];
    expect(dm?.body.content).toContain('**Review R-1 threatens legal action**');
    // The review text is shown as data, in a code block, and pings nobody.
    expect(dm?.body.content).toContain('My lawyer will be in touch');
    expect(dm?.body.allowed_mentions).toEqual({ parse: [] });

    const staffPress = buttonPress(STAFF, 'act|review.complaint|R-1', { channelId: message.id, parentId: REVIEWS });
    await t.interact(staffPress);
    expect(answerText(t.fake, staffPress)).toContain('Only practice managers can use that button.');

    const press = buttonPress(ROLE_MANAGER, 'act|review.complaint|R-1', { channelId: message.id, parentId: REVIEWS });
    await t.interact(press);
    expect(bodyOf(t.fake.callbacks(press.id)[0])).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(answerText(t.fake, press)).toContain('Logged R-1 as complaint C-1 (aggressive)');
    // Nothing about the complaint log went to the reviews thread.
    expect(t.fake.posted(message.id)).toHaveLength(1);
    expect(await t.running.services.complaints.get(1)).toMatchObject({ patientRef: 'R-1', source: 'online-review' });
  });

  it("Shorter with a drafting model that does not answer is slow: the press is deferred first, then a card of Tact's choice arrives", async () => {
    const model = await startDraftingModel();
    const t = await startDiscordTact({
      clock: movableClock(MONDAY_10AM),
      env: { TACT_REVIEWS_CHANNEL: REVIEWS, ...modelEnv(model) },
    });
    model.script(behave.choice(['opening.thanks-feedback', 'policy.everyone', 'invitation.talk']));
    const message = await reviewPosted(t);
    expect(draftCards(t, message.id)[0]?.body.content).toContain('sentences chosen by the drafting model');

    model.otherwise(behave.hang());
    const shorter = buttonPress(STAFF, 'act|review.shorter|R-1', { channelId: message.id, parentId: REVIEWS });
    await t.interact(shorter);
    const answers = answersTo(t.fake, shorter);
    expect(bodyOf(answers[0])).toEqual({ type: 5, data: { flags: 64 } });
    const cards = draftCards(t, message.id);
    expect(cards).toHaveLength(2);
    expect(cards[1]?.body.content).toContain('sentences chosen by Tact (the drafting model did not answer in time)');
    // The deferral came before the card; the deferred reply is then closed.
    const order = (body: unknown) => t.fake.calls().findIndex((c) => c.body === body);
    expect(order(cards[1]?.body)).toBeGreaterThan(order(answers[0]?.body));
    expect(answers.slice(1).map((a) => a.method)).toEqual(['PATCH']);
    expect(t.errors()).toEqual([]);
  });
});

describe('@Tact in a review thread on Discord', () => {
  const TACT_BOT = { id: FAKE_APPLICATION_ID, username: 'Tact', bot: true };

  it('"@Tact shorter" in the thread posts a shorter draft there, as on Slack', async () => {
    const t = await startDiscordTact({ clock: movableClock(MONDAY_10AM), env: { TACT_REVIEWS_CHANNEL: REVIEWS } });
    const review = await reviewPosted(t);
    t.fake.registerThread(review.id, REVIEWS);
    t.dispatch(
      'MESSAGE_CREATE',
      messageCreate({
        channelId: review.id,
        content: `<@${FAKE_APPLICATION_ID}> shorter`,
        author: STAFF,
        mentions: [TACT_BOT],
      }),
    );
    await t.fake.waitFor(() => draftCards(t, review.id).length === 2, 10_000, 'a second draft card in the thread');
    expect((await t.running.services.reviews.get(1))?.drafts.map((d) => d.style)).toEqual(['default', 'shorter']);
    expect(t.errors()).toEqual([]);
  });

  it('"@Tact draft" in a thread that is not yet a review drafts for its first message', async () => {
    const t = await startDiscordTact({ clock: movableClock(MONDAY_10AM), env: { TACT_REVIEWS_CHANNEL: REVIEWS } });
    const starter = { id: snowflake(), content: REVIEW, author: { ...FEED } };
    const elsewhere = '1180000000000000777';
    t.fake.registerThread(starter.id, elsewhere);
    t.fake.rememberMessage(elsewhere, starter);
    t.dispatch(
      'MESSAGE_CREATE',
      messageCreate({
        channelId: starter.id,
        content: `<@${FAKE_APPLICATION_ID}> draft`,
        author: STAFF,
        mentions: [TACT_BOT],
      }),
    );
    await t.fake.waitFor(() => draftCards(t, starter.id).length === 1, 10_000, 'a draft card in the thread');
    expect(await t.running.services.reviews.get(1)).toMatchObject({
      channelId: storedId(elsewhere),
      threadId: starter.id,
    });
  });
});
