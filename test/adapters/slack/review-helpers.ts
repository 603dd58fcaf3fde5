import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Clock } from '../../../src/clock.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../doubles/fake-openai.js';
import type { ApiCall } from '../../doubles/fake-slack.js';
import {
  blockActionsPayload,
  eventCallbackPayload,
  newTriggerId,
  nowSeconds,
  postEvent,
  postInteraction,
  type SlackResponse,
} from '../../doubles/slack-request.js';
import { removeTempDirs, startTact, stopStarted, textsOf, unescapeSlack, type TactUnderTest } from './harness.js';

/**
 * Shared by the review end-to-end tests: Events API deliveries (messages, mentions), button presses
 * on a draft in its thread, the message shortcut, and readers for what Tact posted.
 */
export const REVIEWS = 'CREVIEWS';
export const BOT_USER = 'UBOT';
export const BOT_ID = 'BBOT';

/**
 * Tact's settings for reviews in REVIEWS drafted by the fake `model` (TACT_LLM_TIMEOUT 2s), with
 * `contact` as the practice's contact line; `env` adds or overrides settings.
 */
export function draftingEnv(
  model: FakeOpenAi,
  contact: string,
  env: Record<string, string> = {},
): Record<string, string> {
  return {
    TACT_REVIEWS_CHANNEL: REVIEWS,
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: model.baseUrl,
    TACT_LLM_TIMEOUT: '2s',
    TACT_PRACTICE_CONTACT: contact,
    ...env,
  };
}

export interface DraftingSetup {
  /** TACT_PRACTICE_CONTACT */
  contact: string;
  clock?: Clock;
  /** more settings, or overrides of `draftingEnv`'s */
  env?: Record<string, string>;
}

/**
 * The hooks of a file of review tests against a fake drafting model: the model starts once for the
 * file; before each test a fresh Tact drafting with it starts and is handed to `use`; after each
 * test whatever Tact is still running stops and the model forgets its script and requests; after
 * the file the model closes and the temp folders go.
 */
export function draftingTactPerTest(
  setup: DraftingSetup,
  use: (started: { model: FakeOpenAi; tact: TactUnderTest }) => void,
): void {
  let model: FakeOpenAi | undefined;
  beforeAll(async () => {
    model = await startFakeOpenAi();
  });
  beforeEach(async () => {
    const ready = model!;
    const tact = await startTact({ clock: setup.clock, env: draftingEnv(ready, setup.contact, setup.env) });
    use({ model: ready, tact });
  });
  afterEach(async () => {
    await stopStarted();
    model?.reset();
  });
  afterAll(async () => {
    await model?.close();
    await removeTempDirs();
  });
}

let sequence = 0;
/** A fresh Slack message timestamp. */
export function newTs(): string {
  sequence += 1;
  return `${nowSeconds()}.${String(sequence).padStart(6, '0')}`;
}

let events = 0;
export function newEventId(): string {
  events += 1;
  return `EvREVIEW${Date.now().toString(36).toUpperCase()}${events}`;
}

/** The Events API envelope around one event, as Slack sends it. */
export function envelope(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return eventCallbackPayload(eventId, { event_ts: event['ts'], ...event });
}

export async function sendEvent(
  tact: TactUnderTest,
  event: Record<string, unknown>,
  eventId = newEventId(),
): Promise<SlackResponse> {
  const response = await postEvent(tact.target, envelope(eventId, event));
  if (response.status !== 200) throw new Error(`Slack event answered ${response.status}: ${response.text}`);
  return response;
}

export interface Posted {
  ts: string;
  eventId: string;
  response: SlackResponse;
}

/** A person's top-level message in a channel (by default the reviews channel). */
export async function personPosts(
  tact: TactUnderTest,
  user: string,
  text: string,
  channel = REVIEWS,
  eventId = newEventId(),
): Promise<Posted> {
  const ts = newTs();
  const response = await sendEvent(
    tact,
    { type: 'message', channel, channel_type: 'channel', user, text, ts },
    eventId,
  );
  return { ts, eventId, response };
}

/** A review feed integration's top-level post (a bot message with its own bot id and name). */
export async function feedPosts(
  tact: TactUnderTest,
  text: string,
  username = 'Google Reviews',
  channel = REVIEWS,
): Promise<Posted> {
  const ts = newTs();
  const eventId = newEventId();
  const response = await sendEvent(
    tact,
    {
      type: 'message',
      subtype: 'bot_message',
      channel,
      channel_type: 'channel',
      bot_id: 'BFEED01',
      username,
      text,
      ts,
    },
    eventId,
  );
  return { ts, eventId, response };
}

/** `@tact <words>` in a thread. */
export async function mention(
  tact: TactUnderTest,
  user: string,
  words: string,
  threadTs: string | undefined,
  channel = REVIEWS,
): Promise<Posted> {
  const ts = newTs();
  const eventId = newEventId();
  const response = await sendEvent(
    tact,
    {
      type: 'app_mention',
      user,
      text: `<@${BOT_USER}> ${words}`,
      ts,
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    },
    eventId,
  );
  return { ts, eventId, response };
}

/** Presses a button on a message inside the review's thread. */
export async function press(
  tact: TactUnderTest,
  user: string,
  actionId: string,
  value: string,
  threadTs: string,
  channel = REVIEWS,
): Promise<SlackResponse> {
  const messageTs = newTs();
  const payload = blockActionsPayload({ userId: user, actionId, value, channelId: channel, messageTs });
  const container = payload['container'] as Record<string, unknown>;
  const message = payload['message'] as Record<string, unknown>;
  payload['container'] = { ...container, thread_ts: threadTs };
  payload['message'] = { ...message, thread_ts: threadTs, bot_id: BOT_ID, user: BOT_USER };
  const response = await postInteraction(tact.target, payload);
  if (response.status !== 200) throw new Error(`button answered ${response.status}: ${response.text}`);
  return response;
}

/** The "Draft a review reply" message shortcut used on a message. */
export async function shortcut(
  tact: TactUnderTest,
  user: string,
  message: { ts: string; text: string; user?: string; bot_id?: string; thread_ts?: string },
  channel = REVIEWS,
): Promise<SlackResponse> {
  const response = await postInteraction(tact.target, {
    type: 'message_action',
    token: 'verification-token-unused',
    action_ts: `${nowSeconds()}.000300`,
    team: { id: 'T1', domain: 'tact-test' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
    channel: { id: channel, name: 'reviews' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'draft_review_reply',
    trigger_id: newTriggerId(),
    response_url: 'https://hooks.slack.com/app/T1/1/unused',
    message_ts: message.ts,
    message: { type: 'message', ...message },
  });
  if (response.status !== 200) throw new Error(`shortcut answered ${response.status}: ${response.text}`);
  return response;
}

export function posts(tact: TactUnderTest): ApiCall[] {
  return tact.fake.calls('chat.postMessage');
}

/** Messages Tact posted in one thread, in order. */
export function inThread(tact: TactUnderTest, threadTs: string, channel = REVIEWS): ApiCall[] {
  return posts(tact).filter((c) => c.body['thread_ts'] === threadTs && c.body['channel'] === channel);
}

function blocksOf(call: ApiCall): Array<Record<string, unknown>> {
  const blocks = call.body['blocks'];
  return Array.isArray(blocks) ? (blocks as Array<Record<string, unknown>>) : [];
}

/** The action ids of a message's buttons. */
export function buttons(call: ApiCall): string[] {
  return blocksOf(call)
    .filter((b) => b['type'] === 'actions')
    .flatMap((b) => (b['elements'] as Array<Record<string, unknown>>).map((e) => String(e['action_id'])));
}

export function buttonLabels(call: ApiCall): string[] {
  return blocksOf(call)
    .filter((b) => b['type'] === 'actions')
    .flatMap((b) => (b['elements'] as Array<{ text: { text: string } }>).map((e) => e.text.text));
}

export function isDraftCard(call: ApiCall): boolean {
  return buttons(call).includes('review.approve');
}

export function draftCards(tact: TactUnderTest, threadTs: string, channel = REVIEWS): ApiCall[] {
  return inThread(tact, threadTs, channel).filter(isDraftCard);
}

/** The reply text a draft card shows, as a person reads it. */
export function draftText(card: ApiCall): string {
  const section = blocksOf(card).find((b) => {
    const text = (b['text'] as { text?: string } | undefined)?.text;
    return b['type'] === 'section' && typeof text === 'string' && text.startsWith('```');
  });
  const text = (section?.['text'] as { text: string } | undefined)?.text ?? '';
  return unescapeSlack(text.replace(/^```|```$/g, ''));
}

/** Every text in a message, joined, unescaped. */
export function textOf(call: ApiCall): string {
  return unescapeSlack(textsOf(call.body).join('\n'));
}

/** Polls until `predicate` holds, up to `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
