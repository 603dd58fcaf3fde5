import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { App, webApi } from '@slack/bolt';
import { commands, findCommand } from '../../../commands/index.js';
import { ATTACHMENT_ONLY, onChannelMessage, onMention, onReaction } from '../../../commands/messages.js';
import { draftForMessage } from '../../../commands/review.js';
import { commandForms, type Command, type CommandContext, type Outcome } from '../../chat/command.js';
import { dispatch, dispatchAction, prepareForm } from '../../chat/dispatch.js';
import { failureReply } from '../../chat/failure.js';
import { qualify, strip } from '../../chat/ids.js';
import { sendPerDestination, type Delivered, type Destination, type Notifier, type SentCheck, type SentPlace } from '../../chat/outbox.js';
import { reply, type Reply } from '../../chat/reply.js';
import { ErrorCode, TactError, describeError, errorCodeOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import { cleanText } from '../../privacy/text.js';
import type { Services } from '../../services.js';
import { runOnce } from '../../storage.js';
import type { ChannelQueues } from './channel-queue.js';
import { findMessageByIntent, intentMetadata } from './intent.js';
import { readModal, renderModal, renderReply } from './render.js';

// Bolt's own Web API client type: the top-level @slack/web-api may be another major version.
type WebClient = webApi.WebClient;

/**
 * Wires every command in commands/ to Bolt: slash commands, their forms (modals), their buttons,
 * and the staff-message listener. Each listener acknowledges first (Slack wants an answer within
 * 3 seconds) and then does the work; replies go out through `deliver`, failures through
 * `reportFailure`, the one place that tells the user something went wrong.
 */
interface Origin {
  userId: string;
  channelId: string | undefined;
  threadId?: string | undefined;
  /** the request's response_url: private answers to commands and buttons go there */
  responseUrl?: string | undefined;
}

interface FormMetadata {
  channelId?: string;
  context?: string;
}

const EVENT_TTL_MS = 24 * 3_600_000;

/**
 * `afterAck` is awaited between each acknowledgement (events: Bolt's own, before any listener) and
 * its work: the acks of requests still arriving go first (src/ack-first.ts).
 */
export function registerSlack(
  app: App,
  services: Services,
  logger: Logger,
  queues: ChannelQueues,
  afterAck: () => Promise<void>,
): { notifier: Notifier } {
  const context = (userId: string, channelId: string | undefined, deliveryId?: string): CommandContext => ({
    actor: { id: qualify('slack', userId) },
    place: { platform: 'slack', channelId: channelId === undefined ? undefined : qualify('slack', channelId) },
    services,
    deliveryId,
  });

  async function sendPrivate(client: WebClient, origin: Origin, reply: Reply): Promise<void> {
    for (const message of renderReply(reply)) {
      if (origin.responseUrl) {
        await postJson(origin.responseUrl, { response_type: 'ephemeral', replace_original: false, ...message });
        continue;
      }
      try {
        const channelId = origin.channelId;
        if (!channelId) throw new Error('no channel to answer in');
        await queues.run(channelId, () => client.chat.postEphemeral({ channel: channelId, user: origin.userId, ...message }));
      } catch {
        // Not in that channel (or none known): a direct message still reaches only this person.
        await queues.run(origin.userId, () => client.chat.postMessage({ channel: origin.userId, ...message, unfurl_links: false }));
      }
    }
  }

  async function post(client: WebClient, reply: Reply, destination: Destination): Promise<Delivered | undefined> {
    const to = reply.visibility === 'dm' ? reply.to : destination.channelId;
    const channel = to === undefined ? undefined : strip('slack', to);
    if (!channel) throw new TactError(ErrorCode.SlackDeliveryFailed, `no destination for a ${reply.visibility} reply`);
    const thread = reply.visibility === 'thread' && destination.threadId ? { thread_ts: destination.threadId } : {};
    const metadata = destination.intentKey ? { metadata: intentMetadata(destination.intentKey) } : {};
    let first: Delivered | undefined;
    for (const message of renderReply(reply)) {
      const posted = await queues.run(channel, () =>
        client.chat.postMessage({ channel, ...thread, ...message, ...metadata, unfurl_links: false, unfurl_media: false }),
      );
      if (!first && posted.ts && posted.channel) first = { channelId: qualify('slack', posted.channel), messageId: posted.ts, link: messageLink(posted.channel, posted.ts) };
    }
    return first;
  }

  /**
   * A message with this intent key in the place; a direct message is looked for in the person's DM
   * channel (conversations.open). A Slack that refuses to show history makes it `unknown` (the job posts).
   */
  async function findSent(client: WebClient, key: string, place: SentPlace, since: Date): Promise<SentCheck> {
    const where = place.kind === 'dm' ? place.userId : place.channelId;
    try {
      const channel = place.kind === 'dm' ? await dmChannel(client, strip('slack', place.userId)) : strip('slack', place.channelId);
      const ts = await findMessageByIntent(client, queues, key, { channel, thread: place.kind === 'channel' ? place.threadId : undefined }, since);
      return ts ? { kind: 'found', delivered: { channelId: qualify('slack', channel), messageId: ts, link: messageLink(channel, ts) } } : { kind: 'absent' };
    } catch (error) {
      logger.warn('slack: could not read the channel to check for a message already posted, so it is posted again', {
        channel: where,
        code: errorCodeOf(error),
        error: describeError(error),
      });
      return { kind: 'unknown' };
    }
  }

  async function dmChannel(client: WebClient, userId: string): Promise<string> {
    const opened = await queues.run(userId, () => client.conversations.open({ users: userId }));
    if (!opened.channel?.id) throw new TactError(ErrorCode.SlackDeliveryFailed, `Slack opened no direct message channel with ${userId}`);
    return opened.channel.id;
  }

  /** One reply, by its visibility; `deliver` sends several, one destination after another at once. */
  async function deliverOne(client: WebClient, origin: Origin, reply: Reply): Promise<void> {
    if (reply.visibility === 'private') await sendPrivate(client, origin, reply);
    // Direct messages go through the outbox, which knows which platform a user id belongs to.
    else if (reply.visibility === 'dm') await services.outbox.send(reply);
    else await post(client, reply, { channelId: origin.channelId, threadId: origin.threadId });
  }

  async function deliver(client: WebClient, origin: Origin, replies: readonly Reply[]): Promise<void> {
    const failures = await sendPerDestination(replies, (reply) => deliverOne(client, origin, reply));
    if (failures.length) {
      throw new TactError(ErrorCode.SlackDeliveryFailed, `Could not deliver ${failures.length} of ${replies.length} replies`, {
        cause: failures[0],
      });
    }
  }

  async function reportFailure(client: WebClient, origin: Origin, error: unknown, what: string): Promise<void> {
    const code = errorCodeOf(error);
    logger.error(`${what} failed`, { code, user: origin.userId, error: describeError(error) });
    try {
      await sendPrivate(client, origin, failureReply(code, what));
    } catch (sendError) {
      logger.error('could not report a failure to the user', { error: describeError(sendError) });
    }
  }

  async function show(client: WebClient, origin: Origin, outcome: Outcome, triggerId: string | undefined, command: Command): Promise<void> {
    switch (outcome.kind) {
      case 'replies':
        return deliver(client, origin, outcome.replies);
      case 'duplicate':
        logger.info('ignored a repeated delivery', { command: command.name });
        return;
      case 'form': {
        if (!triggerId) throw new TactError(ErrorCode.HandlerFailed, 'a form needs a trigger id');
        const metadata: FormMetadata = {
          ...(origin.channelId ? { channelId: origin.channelId } : {}),
          ...(outcome.form.context ? { context: outcome.form.context } : {}),
        };
        await client.views.open({ trigger_id: triggerId, view: renderModal(outcome.form, JSON.stringify(metadata)) });
      }
    }
  }

  // One listener per kind, routed by name: Bolt runs every listener's matching for every request
  // before one can ack, so fewer listeners answer Slack sooner.
  const forms = new Map(commands.flatMap((command) => commandForms(command).map((form) => [form.spec.id, { command, form }] as const)));
  const actions = new Map(commands.flatMap((command) => (command.actions ?? []).map((action) => [action.id, command] as const)));
  const exactly = (names: Iterable<string>) => new RegExp(`^(?:${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);

  app.command(exactly(commands.map((c) => `/${c.name}`)), async ({ command: payload, ack, client }) => {
    await ack();
    await afterAck();
    const command = findCommand(payload.command);
    const origin: Origin = { userId: payload.user_id, channelId: payload.channel_id, responseUrl: payload.response_url };
    if (!command) return;
    try {
      const ctx = context(payload.user_id, payload.channel_id, `trigger:${payload.trigger_id}`);
      await show(client, origin, await dispatch(command, payload.text ?? '', ctx), payload.trigger_id, command);
    } catch (error) {
      await reportFailure(client, origin, error, `/${command.name}`);
    }
  });

  app.view(exactly(forms.keys()), async ({ ack, body, view, client }) => {
    const found = forms.get(view.callback_id);
    if (!found) return ack();
    const { command, form } = found;
    const metadata = parseMetadata(view.private_metadata);
    const origin: Origin = { userId: body.user.id, channelId: metadata.channelId };
    const ctx = context(body.user.id, metadata.channelId, `view:${view.id}`);
    const prepared = prepareForm(command, form.spec.id, readModal(form.spec, view.state.values), metadata.context, ctx);
    if (prepared.kind === 'invalid-form') {
      await ack({ response_action: 'errors', errors: prepared.errors });
      return;
    }
    await ack();
    await afterAck();
    try {
      await show(client, origin, await prepared.run(), undefined, command);
    } catch (error) {
      await reportFailure(client, origin, error, `the ${form.spec.title.toLowerCase()} form`);
    }
  });

  app.action(exactly(actions.keys()), async ({ ack, body, action: pressed, client }) => {
    await ack();
    await afterAck();
    const actionId = 'action_id' in pressed ? pressed.action_id : '';
    const command = actions.get(actionId);
    if (!command) return;
    const channelId = 'channel' in body ? body.channel?.id : undefined;
    // A button on a message in a thread (a review draft) answers in that thread.
    const responseUrl = 'response_url' in body && typeof body.response_url === 'string' ? body.response_url : undefined;
    const origin: Origin = { userId: body.user.id, channelId, threadId: threadOf(body), responseUrl };
    const value = 'value' in pressed && typeof pressed.value === 'string' ? pressed.value : '';
    const triggerId = 'trigger_id' in body ? body.trigger_id : undefined;
    try {
      const ctx = context(body.user.id, channelId, `action:${triggerId ?? ''}:${actionId}`);
      await show(client, origin, await dispatchAction(command, actionId, value, ctx), triggerId, command);
    } catch (error) {
      await reportFailure(client, origin, error, 'that button');
    }
  });

  /** Answers in the message's thread; private replies go to the person as ephemeral messages. */
  function threadSender(client: WebClient, origin: Origin, threadId: string) {
    return async (reply: Reply) => {
      if (reply.visibility === 'thread' || reply.visibility === 'channel') {
        await post(client, { ...reply, visibility: 'thread' }, { channelId: origin.channelId, threadId });
      } else {
        await deliver(client, origin, [reply]);
      }
    };
  }

  /** Events run once per event id; a failure gives the claim back, so Slack's retry is heard. */
  const onceEvent = (eventId: string, work: () => Promise<void>) => runOnce(services.storage, `event:slack:${eventId}`, EVENT_TTL_MS, work);

  app.event('message', async ({ event, body, client, context: bolt }) => {
    // New messages only (people's and integrations'), not edits, deletions or joins; Bolt's
    // ignoreSelf already drops Tact's own messages.
    if (event.subtype !== undefined && event.subtype !== 'bot_message' && event.subtype !== 'file_share') return;
    // A forwarded screenshot with no words is still a patient message in an inbox channel.
    const text = ('text' in event && typeof event.text === 'string' ? event.text : '') || (event.subtype === 'file_share' ? ATTACHMENT_ONLY : '');
    const userId = 'user' in event && typeof event.user === 'string' ? event.user : undefined;
    const botId = 'bot_id' in event && typeof event.bot_id === 'string' ? event.bot_id : undefined;
    if (!text || (!userId && !botId)) return;
    await afterAck();
    // ignoreSelf only knows a bot_message subtype or the bot user: also skip anything with Tact's bot id.
    if (botId !== undefined && botId === bolt.botId) return;
    const origin: Origin = { userId: userId ?? '', channelId: event.channel };
    const threadId = 'thread_ts' in event && typeof event.thread_ts === 'string' && event.thread_ts !== event.ts ? event.thread_ts : undefined;
    const username = 'username' in event && typeof event.username === 'string' ? event.username : undefined;
    try {
      await onceEvent(body.event_id, () =>
        onChannelMessage(
          {
            text,
            channelId: qualify('slack', event.channel),
            messageId: event.ts,
            threadId,
            fromIntegration: !userId || botId !== undefined,
            integrationName: username,
            link: messageLink(event.channel, event.ts),
            // "@tact draft" arrives as app_mention too: the mention itself is not a review.
            mentionsTact: bolt.botUserId !== undefined && text.includes(`<@${bolt.botUserId}>`),
          },
          context(userId ?? botId ?? 'integration', event.channel),
          threadSender(client, origin, threadId ?? event.ts),
        ),
      );
    } catch (error) {
      logger.error('channel message listener failed', { code: errorCodeOf(error), error: describeError(error) });
    }
  });

  app.event('reaction_added', async ({ event, body, client }) => {
    if (event.item.type !== 'message') return;
    await afterAck();
    const origin: Origin = { userId: event.user, channelId: event.item.channel };
    try {
      await onceEvent(body.event_id, () =>
        onReaction(
          { name: event.reaction, channelId: qualify('slack', event.item.channel), messageId: event.item.ts },
          context(event.user, event.item.channel),
          threadSender(client, origin, event.item.ts),
        ),
      );
    } catch (error) {
      logger.error('reaction listener failed', { code: errorCodeOf(error), error: describeError(error) });
    }
  });

  app.event('app_mention', async ({ event, body, client }) => {
    await afterAck();
    const userId = event.user ?? '';
    const origin: Origin = { userId, channelId: event.channel };
    const threadId = event.thread_ts;
    const threadStart = async () => {
      if (!threadId) return undefined;
      const replies = await client.conversations.replies({ channel: event.channel, ts: threadId, limit: 1, inclusive: true });
      const first = replies.messages?.[0];
      if (!first?.text) return undefined;
      return { text: first.text, messageId: threadId, fromIntegration: first.bot_id !== undefined, integrationName: first.bot_profile?.name };
    };
    try {
      await onceEvent(body.event_id, () =>
        onMention(
          { text: event.text, channelId: qualify('slack', event.channel), threadId },
          context(userId, event.channel),
          threadSender(client, origin, threadId ?? event.ts),
          threadStart,
        ),
      );
    } catch (error) {
      await reportFailure(client, origin, error, 'that request');
    }
  });

  app.shortcut('draft_review_reply', async ({ ack, shortcut, client }) => {
    await ack();
    await afterAck();
    if (shortcut.type !== 'message_action') return;
    const channelId = shortcut.channel.id;
    const message = shortcut.message;
    const origin: Origin = { userId: shortcut.user.id, channelId };
    const threadId = message.thread_ts ?? message.ts;
    try {
      const text = cleanText(typeof message.text === 'string' ? message.text : '');
      const ctx = context(shortcut.user.id, channelId, `shortcut:${shortcut.trigger_id}`);
      await draftForMessage({ text, channelId: qualify('slack', channelId), threadId }, ctx, threadSender(client, origin, threadId));
    } catch (error) {
      await reportFailure(client, origin, error, 'the review draft');
    }
  });

  app.error(async (error) => {
    logger.error('unhandled Slack error', { code: errorCodeOf(error), error: describeError(error) });
  });

  return {
    notifier: {
      send: (reply, destination) => post(app.client, reply, destination ?? {}),
      findSent: (key, place, since) => findSent(app.client, key, place, since),
    },
  };
}

/**
 * Posts to a response_url over node's own HTTP client with kept-alive connections. Bolt's respond()
 * goes through a heavier client; this answer runs right after every ack, beside the next request.
 */
const keepAlive = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export function postJson(url: string, body: unknown): Promise<void> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        agent: secure ? keepAlive.https : keepAlive.http,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        timeout: 10_000,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`response_url answered ${status}`));
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('response_url did not answer within 10 s')));
    request.on('error', reject);
    request.end(payload);
  });
}

/** Slack resolves this form of link for any signed-in member of the workspace. */
export function messageLink(channelId: string, ts: string): string {
  return `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

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
