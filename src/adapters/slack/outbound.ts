import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { webApi } from '@slack/bolt';
import type { Delivered, Destination, SentCheck, SentPlace } from '../../chat/outbox.js';
import type { Attachment, Reply } from '../../chat/reply.js';
import { ErrorCode, TactError, describeError, errorCodeOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { ChannelQueues } from './channel-queue.js';
import { findMessageByIntent, intentMetadata } from './intent.js';
import { renderHome, renderReply } from './render.js';

// Bolt's own Web API client type: the top-level @slack/web-api may be another major version.
export type WebClient = webApi.WebClient;

/** Who asked, and where: private answers go to the response_url when there is one, else ephemeral in the channel. */
export interface Origin {
  userId: string;
  channelId: string | undefined;
  /** the request's response_url: private answers to commands and buttons go there */
  responseUrl?: string | undefined;
}

/** Everything Tact says on Slack, through each channel's rate-limit queue. */
export class SlackOutbound {
  constructor(
    private readonly client: WebClient,
    private readonly queues: ChannelQueues,
    private readonly logger: Logger,
  ) {}

  async sendPrivate(origin: Origin, reply: Reply): Promise<void> {
    for (const message of renderReply(reply)) {
      if (origin.responseUrl) {
        await postJson(origin.responseUrl, { response_type: 'ephemeral', replace_original: false, ...message });
        continue;
      }
      try {
        const channelId = origin.channelId;
        if (!channelId) throw new Error('no channel to answer in');
        await this.queues.run(channelId, () =>
          this.client.chat.postEphemeral({ channel: channelId, user: origin.userId, ...message }),
        );
      } catch {
        // Not in that channel (or none known): a direct message still reaches only this person.
        await this.queues.run(origin.userId, () =>
          this.client.chat.postMessage({ channel: origin.userId, ...message, unfurl_links: false }),
        );
      }
    }
    // Slack has no private files: a private answer's charts go to the person's direct message with Tact.
    if (reply.files?.length) {
      const dm = await this.dmChannel(origin.userId).catch(() => undefined);
      await this.upload(reply.files, dm ?? origin.userId);
    }
  }

  /**
   * Files (charts) the files.uploadV2 way: an upload URL per file, the bytes, then one share. The
   * text is out by then: a failed upload is logged, not thrown, so the text is never sent twice.
   */
  private async upload(files: readonly Attachment[], channelId: string, threadTs?: string): Promise<void> {
    try {
      await this.queues.run(channelId, () =>
        this.client.files.uploadV2({
          channel_id: channelId,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          file_uploads: files.map((f) => ({ file: Buffer.from(f.bytes), filename: f.name, title: f.title })),
        }),
      );
    } catch (error) {
      this.logger.warn('slack: a chart could not be uploaded (does the app have the files:write scope?)', {
        channel: channelId,
        files: files.map((f) => f.name).join(', '),
        code: errorCodeOf(error),
        error: describeError(error),
      });
    }
  }

  /** The person's Home tab, replaced whole (views.publish), in that person's own rate-limit queue. */
  async publishHome(userId: string, view: readonly Reply[]): Promise<void> {
    await this.queues.run(`home:${userId}`, () =>
      this.client.views.publish({ user_id: userId, view: renderHome(view) }),
    );
  }

  async post(reply: Reply, destination: Destination): Promise<Delivered | undefined> {
    const channel = reply.visibility === 'dm' ? reply.to : destination.channelId;
    if (!channel) throw new TactError(ErrorCode.DeliveryFailed, `no destination for a ${reply.visibility} reply`);
    const thread = reply.visibility === 'thread' && destination.threadId ? { thread_ts: destination.threadId } : {};
    const metadata = destination.intentKey ? { metadata: intentMetadata(destination.intentKey) } : {};
    let first: Delivered | undefined;
    for (const message of renderReply(reply)) {
      const posted = await this.queues.run(channel, () =>
        this.client.chat.postMessage({
          channel,
          ...thread,
          ...message,
          ...metadata,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      if (!first && posted.ts && posted.channel)
        first = { channelId: posted.channel, messageId: posted.ts, link: messageLink(posted.channel, posted.ts) };
    }
    // Files are shared where the text went (a direct message's channel id comes back from the post).
    if (reply.files?.length) await this.upload(reply.files, first?.channelId ?? channel, thread.thread_ts);
    return first;
  }

  /**
   * A message with this intent key in the place; a direct message is looked for in the person's DM
   * channel (conversations.open). A Slack that refuses to show history makes it `unknown` (the job posts).
   */
  async findSent(key: string, place: SentPlace, since: Date): Promise<SentCheck> {
    const where = place.kind === 'dm' ? place.userId : place.channelId;
    try {
      const channel = place.kind === 'dm' ? await this.dmChannel(place.userId) : place.channelId;
      const thread = place.kind === 'channel' ? place.threadId : undefined;
      const ts = await findMessageByIntent(this.client, this.queues, key, { channel, thread }, since);
      return ts
        ? { kind: 'found', delivered: { channelId: channel, messageId: ts, link: messageLink(channel, ts) } }
        : { kind: 'absent' };
    } catch (error) {
      this.logger.warn(
        'slack: could not read the channel to check for a message already posted, so it is posted again',
        {
          channel: where,
          code: errorCodeOf(error),
          error: describeError(error),
        },
      );
      return { kind: 'unknown' };
    }
  }

  private async dmChannel(userId: string): Promise<string> {
    const opened = await this.queues.run(userId, () => this.client.conversations.open({ users: userId }));
    if (!opened.channel?.id)
      throw new TactError(ErrorCode.DeliveryFailed, `Slack opened no direct message channel with ${userId}`);
    return opened.channel.id;
  }
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
