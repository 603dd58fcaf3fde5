import { createHash } from 'node:crypto';
import {
  ChannelType,
  MessageFlags,
  Routes,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Delivered, Destination } from '../../chat/outbox.js';
import type { Attachment, Reply } from '../../chat/reply.js';
import { ErrorCode, TactError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { renderReply, type DiscordMessage } from './render.js';

/**
 * Everything Tact says on Discord: channel and thread posts and direct messages over REST, and the
 * private answers to an interaction (deferred reply, follow-ups, or a DM once its token expired).
 */
const TOKEN_LIFETIME_MS = 15 * 60_000;
/** Discord: "A thread has already been started from this message". */
const THREAD_EXISTS = 160004;
const THREAD_TYPES: ReadonlySet<number> = new Set([
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
]);
/** Discord: "Invalid Recipient(s)" and "Unknown User": the id is no user, e.g. a manager role. */
const NOT_A_USER = new Set([50033, 10013]);

export type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** discord.js's own option names for a rendered message (the REST body uses snake_case). */
export function forInteraction(message: DiscordMessage) {
  return { content: message.content, components: message.components, allowedMentions: { parse: [] } };
}

export class DiscordOutbound {
  /**
   * The thread under a message: Discord gives it the message's id; it is created on first use and
   * remembered, so later replies do not spend a failing request (Discord limits invalid requests).
   */
  private readonly threads = new Map<string, Promise<void>>();
  /** thread id -> its parent channel (null: not a thread), learnt from threads Tact starts and from Discord */
  private readonly parents = new Map<string, string | null>();

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    /** the server (DISCORD_GUILD_ID), for links to messages posted without one */
    private readonly defaultGuildId: string | undefined,
  ) {}

  async send(reply: Reply, destination: Destination): Promise<Delivered | undefined> {
    const channelId = await this.channelFor(reply, destination);
    if (channelId === null) return undefined;
    if (!channelId) throw new TactError(ErrorCode.DeliveryFailed, `no destination for a ${reply.visibility} reply`);
    const guildId = reply.visibility === 'dm' ? undefined : (destination.guildId ?? this.defaultGuildId);
    let first: Delivered | undefined;
    const messages = renderReply(reply);
    for (const [part, message] of messages.entries()) {
      const id = await this.postMessage(
        channelId,
        message,
        destination.intentKey && intentNonce(destination.intentKey, part),
        part === messages.length - 1 ? reply.files : undefined,
      );
      first ??= {
        channelId,
        messageId: id,
        link: guildId ? `https://discord.com/channels/${guildId}/${channelId}/${id}` : undefined,
      };
    }
    return first;
  }

  /** Private replies to an interaction: the deferred reply first, then follow-ups; by DM once the token has expired. */
  async answerPrivately(interaction: Answerable, reply: Reply): Promise<void> {
    const expired = Date.now() - interaction.createdTimestamp > TOKEN_LIFETIME_MS - 30_000;
    const messages = renderReply(reply);
    for (const [part, message] of messages.entries()) {
      // Files (charts) go with the last part, as attachments of the same private message.
      const files = part === messages.length - 1 ? reply.files : undefined;
      const attached = files?.length
        ? { files: files.map((f) => ({ attachment: Buffer.from(f.bytes), name: f.name, description: f.title })) }
        : {};
      if (expired) {
        await this.postMessage(await this.dmChannel(interaction.user.id), message, undefined, files);
      } else if (interaction.deferred && !interaction.replied) {
        await interaction.editReply({ ...forInteraction(message), ...attached });
      } else if (interaction.deferred || interaction.replied) {
        await interaction.followUp({ ...forInteraction(message), ...attached, flags: MessageFlags.Ephemeral });
      } else {
        await interaction.reply({ ...forInteraction(message), ...attached, flags: MessageFlags.Ephemeral });
      }
    }
  }

  /**
   * A thread's parent channel, cached: thread messages carry only the thread's id. Only threads
   * count: a text channel's `parent_id` is its category, which makes it no thread.
   */
  async parentOf(channelId: string): Promise<string | undefined> {
    if (!this.parents.has(channelId)) {
      const cached = this.client.channels.cache.get(channelId);
      let parent: string | null | undefined;
      if (cached) parent = cached.isThread() ? cached.parentId : null;
      else {
        const channel = (await this.client.rest.get(Routes.channel(channelId))) as {
          parent_id?: string | null;
          type: number;
        };
        parent = THREAD_TYPES.has(channel.type) ? channel.parent_id : null;
      }
      this.parents.set(channelId, parent ?? null);
    }
    return this.parents.get(channelId) ?? undefined;
  }

  /** The channel a reply goes to; null when a direct message's recipient is no user (nothing to send). */
  private async channelFor(reply: Reply, destination: Destination): Promise<string | undefined | null> {
    if (reply.visibility === 'dm') {
      if (!reply.to) return undefined;
      try {
        return await this.dmChannel(reply.to);
      } catch (error) {
        // Managers and the spokesperson may be given as role ids; a role has no direct messages.
        if (!NOT_A_USER.has((error as { code?: unknown }).code as number)) throw error;
        this.logger.warn(
          `discord: ${reply.to} is not a user (a role id?), so it was not sent a direct message; name users to receive them`,
        );
        return null;
      }
    }
    const { channelId, threadId } = destination;
    if (reply.visibility === 'thread' && channelId && threadId && threadId !== channelId)
      return this.threadFor(channelId, threadId);
    return channelId;
  }

  private async postMessage(
    channelId: string,
    message: DiscordMessage,
    nonce?: string,
    files?: readonly Attachment[],
  ): Promise<string> {
    // With `enforce_nonce`, Discord answers a repeat of a recent nonce in the channel with the message it already holds.
    const body = nonce ? { ...message, nonce, enforce_nonce: true } : message;
    // Files go as a multipart body (payload_json plus one part per file), described in `attachments`.
    const attachments = files?.length
      ? {
          body: { ...body, attachments: files.map((f, id) => ({ id, filename: f.name, description: f.title })) },
          files: files.map((f) => ({ name: f.name, data: Buffer.from(f.bytes), contentType: f.mime })),
        }
      : { body };
    const created = (await this.client.rest.post(Routes.channelMessages(channelId), attachments)) as { id: string };
    return created.id;
  }

  private async dmChannel(userId: string): Promise<string> {
    const channel = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
      id: string;
    };
    return channel.id;
  }

  private async threadFor(channelId: string, messageId: string): Promise<string> {
    let ready = this.threads.get(messageId);
    if (!ready) {
      ready = this.client.rest
        .post(Routes.threads(channelId, messageId), { body: { name: 'Tact', auto_archive_duration: 1440 } })
        .then(
          () => undefined,
          (error: unknown) => {
            if ((error as { code?: unknown }).code !== THREAD_EXISTS) throw error;
          },
        );
      this.threads.set(messageId, ready);
      ready.then(
        () => this.parents.set(messageId, channelId),
        () => this.threads.delete(messageId),
      );
    }
    await ready;
    return messageId;
  }
}

/** Discord's nonce holds at most 25 characters: a digest of the job's intent key and the message's place in the reply. */
export function intentNonce(key: string, part: number): string {
  return createHash('sha256').update(`${key}#${part}`).digest('base64url').slice(0, 25);
}
