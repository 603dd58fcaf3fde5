import type { App, SlackEventMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { ATTACHMENT_ONLY } from '../../../commands/messages.js';
import type { ChatAdapter } from '../../chat/adapter.js';
import { commandForms } from '../../chat/command.js';
import type { FormSpec } from '../../chat/form.js';
import type { HomeRefresher } from '../../chat/home.js';
import type { Envelope, Responder } from '../../chat/inbound.js';
import type { Pipeline } from '../../chat/pipeline.js';
import { ErrorCode, TactError, describeError, errorCodeOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import { messageLink, type Origin, type SlackOutbound, type WebClient } from './outbound.js';
import { readModal, renderModal } from './render.js';

/**
 * Turns Bolt's requests into the pipeline's neutral events. Each listener acknowledges first (Slack
 * wants an answer within 3 seconds), waits its turn on the ack-first lane (`afterAck`), and hands
 * the event on; the pipeline does the rest. Private answers go to the request's response_url.
 */
export interface SlackWiring {
  app: App;
  pipeline: Pipeline;
  adapter: ChatAdapter;
  out: SlackOutbound;
  logger: Logger;
  /** awaited between each acknowledgement and its work: the acks of requests still arriving go first */
  afterAck: () => Promise<void>;
  /** keeps the Home tabs of people who opened them recently current */
  home: HomeRefresher;
}

interface FormMetadata {
  channelId?: string;
  context?: string;
}

/** One listener per kind, routed by name: Bolt runs every listener's matching before one can ack. */
export function registerSlack(w: SlackWiring): void {
  registerRequests(w);
  registerEvents(w);
  registerHome(w);
  w.app.error(async (error) => {
    w.logger.error('unhandled Slack error', { code: errorCodeOf(error), error: describeError(error) });
  });
}

function envelope(userId: string, channelId: string | undefined, deliveryId?: string, threadId?: string): Envelope {
  return { platform: 'slack', actor: { id: userId }, place: { channelId, threadId }, deliveryId };
}

/** Commands and buttons: private answers by response_url, forms as modals opened with the trigger. */
function requestResponder(w: SlackWiring, client: WebClient, origin: Origin, triggerId: string | undefined): Responder {
  return {
    answerPrivately: (reply) => w.out.sendPrivate(origin, reply),
    async openForm(form: FormSpec) {
      if (!triggerId) throw new TactError(ErrorCode.HandlerFailed, 'a form needs a trigger id');
      const metadata: FormMetadata = {
        ...(origin.channelId ? { channelId: origin.channelId } : {}),
        ...(form.context ? { context: form.context } : {}),
      };
      await client.views.open({ trigger_id: triggerId, view: renderModal(form, JSON.stringify(metadata)) });
    },
  };
}

function registerRequests(w: SlackWiring): void {
  registerCommands(w);
  registerForms(w);
  registerButtons(w);
  registerShortcut(w);
}

function registerCommands(w: SlackWiring): void {
  const { app, pipeline, adapter, afterAck } = w;
  const catalogue = pipeline.catalogue();
  app.command(exactly(catalogue.commands.map((c) => `/${c.name}`)), async ({ command: payload, ack, client }) => {
    await ack();
    await afterAck();
    const origin: Origin = {
      userId: payload.user_id,
      channelId: payload.channel_id,
      responseUrl: payload.response_url,
    };
    const event = {
      ...envelope(payload.user_id, payload.channel_id, `trigger:${payload.trigger_id}`),
      kind: 'command' as const,
    };
    await pipeline.handle(
      adapter,
      { ...event, command: payload.command.replace(/^\//, ''), text: payload.text ?? '' },
      requestResponder(w, client, origin, payload.trigger_id),
    );
  });
}

/** A submitted modal: problems go back to it before the ack, a valid one is acked and then run. */
function registerForms(w: SlackWiring): void {
  const { app, pipeline, adapter, afterAck } = w;
  const catalogue = pipeline.catalogue();
  app.view(exactly(catalogue.formIds), async ({ ack, body, view }) => {
    const metadata = parseMetadata(view.private_metadata);
    const origin: Origin = { userId: body.user.id, channelId: metadata.channelId };
    let acked = false;
    const responder: Responder = {
      answerPrivately: (reply) => w.out.sendPrivate(origin, reply),
      async rejectForm(errors) {
        acked = true;
        await ack({ response_action: 'errors', errors });
      },
      async accept() {
        acked = true;
        await ack();
        await afterAck();
      },
    };
    const formId = view.callback_id;
    const form = catalogue.commands.flatMap(commandForms).find((f) => f.spec.id === formId);
    const values = form ? readModal(form.spec, view.state.values) : {};
    const event = {
      ...envelope(body.user.id, metadata.channelId, `view:${view.id}`),
      kind: 'form' as const,
      formId,
      values,
      context: metadata.context,
    };
    await pipeline.handle(adapter, event, responder);
    if (!acked) await ack();
  });
}

function registerButtons(w: SlackWiring): void {
  const { app, pipeline, adapter, afterAck } = w;
  app.action(exactly(pipeline.catalogue().actionIds), async ({ ack, body, action: pressed, client }) => {
    await ack();
    await afterAck();
    const actionId = 'action_id' in pressed ? pressed.action_id : '';
    const channelId = 'channel' in body ? body.channel?.id : undefined;
    const responseUrl = 'response_url' in body && typeof body.response_url === 'string' ? body.response_url : undefined;
    const value = 'value' in pressed && typeof pressed.value === 'string' ? pressed.value : '';
    const triggerId = 'trigger_id' in body ? body.trigger_id : undefined;
    // A button on a message in a thread (a review draft) answers in that thread.
    const place = envelope(body.user.id, channelId, `action:${triggerId ?? ''}:${actionId}`, threadOf(body));
    const origin: Origin = { userId: body.user.id, channelId, responseUrl };
    await pipeline.handle(
      adapter,
      { ...place, kind: 'action', actionId, value },
      requestResponder(w, client, origin, triggerId),
    );
  });
}

/** "Draft a reply" on a message (a message shortcut): the message read as a review. */
function registerShortcut(w: SlackWiring): void {
  const { app, pipeline, adapter, afterAck } = w;
  app.shortcut('draft_review_reply', async ({ ack, shortcut }) => {
    await ack();
    await afterAck();
    if (shortcut.type !== 'message_action') return;
    const channelId = shortcut.channel.id;
    const threadId = shortcut.message.thread_ts ?? shortcut.message.ts;
    const text = typeof shortcut.message.text === 'string' ? shortcut.message.text : '';
    const event = {
      ...envelope(shortcut.user.id, channelId, `shortcut:${shortcut.trigger_id}`, threadId),
      kind: 'shortcut' as const,
    };
    const origin: Origin = { userId: shortcut.user.id, channelId };
    await pipeline.handle(
      adapter,
      { ...event, message: { text, channelId, threadId } },
      { answerPrivately: (r) => w.out.sendPrivate(origin, r) },
    );
  });
}

/** Opening the Home tab shows the person's day (the Messages tab is left to the platform). */
function registerHome(w: SlackWiring): void {
  w.app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await w.afterAck();
    w.home.opened(event.user);
    await publishHome(w, event.user);
  });
}

/** Builds and publishes one person's Home view through the pipeline (a failure is logged there). */
export function publishHome(w: Pick<SlackWiring, 'pipeline' | 'adapter' | 'out'>, userId: string): Promise<void> {
  return w.pipeline.handle(
    w.adapter,
    { ...envelope(userId, undefined), kind: 'home' },
    {
      answerPrivately: (reply) => w.out.sendPrivate({ userId, channelId: undefined }, reply),
      publishHome: (view) => w.out.publishHome(userId, view),
    },
  );
}

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

function registerEvents(w: SlackWiring): void {
  const { app, pipeline, adapter, afterAck } = w;
  const privately = (userId: string, channelId: string): Responder => ({
    answerPrivately: (r) => w.out.sendPrivate({ userId, channelId }, r),
  });

  app.event('message', async (args) => {
    const event = channelMessage(args);
    if (!event) return;
    await afterAck();
    await pipeline.handle(adapter, event, privately(event.actor.id, event.message.channelId));
  });

  app.event('reaction_added', async ({ event, body }) => {
    if (event.item.type !== 'message') return;
    await afterAck();
    const { channel, ts } = event.item;
    const posted = { eventId: body.event_id, authorIds: [], selfIds: [] };
    const reaction = { name: event.reaction, channelId: channel, messageId: ts };
    await pipeline.handle(
      adapter,
      { ...envelope(event.user, channel, undefined, ts), ...posted, kind: 'reaction', reaction },
      privately(event.user, channel),
    );
  });

  app.event('app_mention', async ({ event, body, client }) => {
    await afterAck();
    const userId = event.user ?? '';
    const threadId = event.thread_ts;
    const readThreadStart = async () => {
      if (!threadId) return undefined;
      const replies = await client.conversations.replies({
        channel: event.channel,
        ts: threadId,
        limit: 1,
        inclusive: true,
      });
      const first = replies.messages?.[0];
      if (!first?.text) return undefined;
      return {
        text: first.text,
        messageId: threadId,
        fromIntegration: first.bot_id !== undefined,
        integrationName: first.bot_profile?.name,
      };
    };
    const posted = { eventId: body.event_id, authorIds: [], selfIds: [], readThreadStart };
    const mention = { text: event.text, channelId: event.channel, threadId };
    const place = envelope(userId, event.channel, undefined, threadId ?? event.ts);
    await pipeline.handle(adapter, { ...place, ...posted, kind: 'mention', mention }, privately(userId, event.channel));
  });
}

/**
 * A new message (people's and integrations'), not an edit, deletion or join, as a neutral event.
 * Bolt's ignoreSelf drops Tact's own bot_message subtype; the pipeline also skips Tact's bot id.
 */
function channelMessage({ event, body, context: bolt }: MessageArgs) {
  if (event.subtype !== undefined && event.subtype !== 'bot_message' && event.subtype !== 'file_share')
    return undefined;
  // A forwarded screenshot with no words is still a patient message in an inbox channel.
  const text =
    ('text' in event && typeof event.text === 'string' ? event.text : '') ||
    (event.subtype === 'file_share' ? ATTACHMENT_ONLY : '');
  const userId = 'user' in event && typeof event.user === 'string' ? event.user : undefined;
  const botId = 'bot_id' in event && typeof event.bot_id === 'string' ? event.bot_id : undefined;
  if (!text || (!userId && !botId)) return undefined;
  const threadId =
    'thread_ts' in event && typeof event.thread_ts === 'string' && event.thread_ts !== event.ts
      ? event.thread_ts
      : undefined;
  const username = 'username' in event && typeof event.username === 'string' ? event.username : undefined;
  const message = {
    text,
    channelId: event.channel,
    messageId: event.ts,
    threadId,
    fromIntegration: !userId || botId !== undefined,
    integrationName: username,
    link: messageLink(event.channel, event.ts),
    // "@tact draft" arrives as app_mention too: the mention itself is not a review.
    mentionsTact: bolt.botUserId !== undefined && text.includes(`<@${bolt.botUserId}>`),
  };
  const posted = { eventId: body.event_id, authorIds: botId ? [botId] : [], selfIds: bolt.botId ? [bolt.botId] : [] };
  return {
    ...envelope(userId ?? botId ?? 'integration', event.channel, undefined, threadId ?? event.ts),
    ...posted,
    kind: 'message' as const,
    message,
  };
}

const exactly = (names: Iterable<string>) =>
  new RegExp(`^(?:${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);

/** The thread of the message a button was pressed on, if it sits in one. */
function threadOf(body: unknown): string | undefined {
  const { message, container } = body as { message?: { thread_ts?: unknown }; container?: { thread_ts?: unknown } };
  const ts = message?.thread_ts ?? container?.thread_ts;
  return typeof ts === 'string' ? ts : undefined;
}

function parseMetadata(text: string): FormMetadata {
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { channelId, context } = parsed as { channelId?: unknown; context?: unknown };
    return {
      ...(typeof channelId === 'string' ? { channelId } : {}),
      ...(typeof context === 'string' ? { context } : {}),
    };
  } catch {
    return {};
  }
}
