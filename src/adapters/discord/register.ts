import { createHash } from 'node:crypto';
import {
  ChannelType,
  Events,
  GatewayDispatchEvents,
  MessageFlags,
  Routes,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageReactionAddDispatchData,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { commands, findCommand } from '../../../commands/index.js';
import { ATTACHMENT_ONLY, onChannelMessage, onMention, onReaction } from '../../../commands/messages.js';
import { commandForms, type Command, type CommandContext, type Outcome } from '../../chat/command.js';
import { dispatch, dispatchAction, prepareForm } from '../../chat/dispatch.js';
import { matchChoice, type FormValues } from '../../chat/form.js';
import { failureReply } from '../../chat/failure.js';
import { platformOf, qualify, strip } from '../../chat/ids.js';
import { sendPerDestination, type Delivered, type Destination, type Notifier } from '../../chat/outbox.js';
import type { Reply } from '../../chat/reply.js';
import { ErrorCode, TactError, describeError, errorCodeOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { runOnce } from '../../storage.js';
import { DEFAULT_SUBCOMMAND, optionName, renderModal, renderReply, subcommandName, type DiscordMessage } from './render.js';

/**
 * Wires commands/ to discord.js: slash commands (their options rebuilt into the same text the
 * other adapters parse), modals, buttons, and inbox / review / reaction events. An interaction gets
 * its first answer within Discord's 3 seconds: quick work answers directly, slow work is deferred
 * and the answer edited in; after the 15-minute token expiry private answers go by direct message.
 */
const QUICK_MS = 1_500;
const TOKEN_LIFETIME_MS = 15 * 60_000;
const EVENT_TTL_MS = 24 * 3_600_000;
/** Discord: "A thread has already been started from this message". */
const THREAD_EXISTS = 160004;
const THREAD_TYPES: ReadonlySet<number> = new Set([ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread]);
/** Discord: "Invalid Recipient(s)" and "Unknown User": the id is no user, e.g. a manager role. */
const NOT_A_USER = new Set([50033, 10013]);

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

function rolesOf(interaction: Interaction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** discord.js's own option names for a rendered message (the REST body uses snake_case). */
function forInteraction(message: DiscordMessage) {
  return { content: message.content, components: message.components, allowedMentions: { parse: [] } };
}

/** Quotes a word that holds spaces, so the text parser reads it as one argument. */
function word(value: string): string {
  return /\s/.test(value) && !value.includes('"') ? `"${value}"` : value;
}

/** Slash-command options back into the text `/complaint ...` would carry on Slack or the console. */
export function textFromOptions(command: Command, interaction: ChatInputCommandInteraction): string {
  const name = interaction.options.getSubcommand(false) ?? 'help';
  if (name === 'help') return 'help';
  const subcommand = command.subcommands.find((s) => subcommandName(s) === name);
  if (!subcommand) return name;
  const parts = subcommand.name ? [subcommand.name] : [];
  for (const arg of subcommand.args) {
    const value = interaction.options.getString(optionName(arg.name), false)?.trim();
    if (!value) continue;
    if (arg.kind === 'rest') parts.push(value);
    else parts.push(arg.name.endsWith(':') ? `${value}:` : word(value));
  }
  return parts.join(' ');
}

export function registerDiscord(
  client: Client,
  services: Services,
  logger: Logger,
  botUserId: () => string | undefined,
  /** the server (DISCORD_GUILD_ID), for links to messages the notifier posts without one */
  defaultGuildId?: string,
): { notifier: Notifier } {
  const context = (interactionOrUser: Interaction | string, channelId: string | undefined, deliveryId?: string): CommandContext => ({
    actor:
      typeof interactionOrUser === 'string'
        ? { id: qualify('discord', interactionOrUser) }
        : { id: qualify('discord', interactionOrUser.user.id), roles: rolesOf(interactionOrUser).map((role) => qualify('discord', role)) },
    place: { platform: 'discord', channelId: channelId === undefined ? undefined : qualify('discord', channelId) },
    services,
    deliveryId,
  });

  async function postMessage(channelId: string, message: DiscordMessage, nonce?: string): Promise<string> {
    // With `enforce_nonce`, Discord answers a repeat of a recent nonce in the channel with the message it already holds.
    const body = nonce ? { ...message, nonce, enforce_nonce: true } : message;
    const created = (await client.rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
    return created.id;
  }

  async function dmChannel(userId: string): Promise<string> {
    const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    return channel.id;
  }

  /**
   * The thread under a message: Discord gives it the message's id; it is created on first use and
   * remembered, so later replies do not spend a failing request (Discord limits invalid requests).
   */
  const threads = new Map<string, Promise<void>>();
  /** thread id -> its parent channel (null: not a thread), learnt from threads Tact starts and from Discord */
  const parents = new Map<string, string | null>();
  async function threadFor(channelId: string, messageId: string): Promise<string> {
    let ready = threads.get(messageId);
    if (!ready) {
      ready = client.rest
        .post(Routes.threads(channelId, messageId), { body: { name: 'Tact', auto_archive_duration: 1440 } })
        .then(
          () => undefined,
          (error: unknown) => {
            if ((error as { code?: unknown }).code !== THREAD_EXISTS) throw error;
          },
        );
      threads.set(messageId, ready);
      ready.then(
        () => parents.set(messageId, channelId),
        () => threads.delete(messageId),
      );
    }
    await ready;
    return messageId;
  }

  async function send(reply: Reply, destination: Destination): Promise<Delivered | undefined> {
    let channelId: string | undefined;
    const target = destination.channelId === undefined ? undefined : strip('discord', destination.channelId);
    if (reply.visibility === 'dm') {
      if (reply.to) {
        try {
          channelId = await dmChannel(strip('discord', reply.to));
        } catch (error) {
          // Managers and the spokesperson may be given as role ids; a role has no direct messages.
          if (!NOT_A_USER.has((error as { code?: unknown }).code as number)) throw error;
          logger.warn(`discord: ${reply.to} is not a user (a role id?), so it was not sent a direct message; name users to receive them`);
          return undefined;
        }
      }
    } else if (reply.visibility === 'thread' && target && destination.threadId && destination.threadId !== target) {
      channelId = await threadFor(target, destination.threadId);
    } else channelId = target;
    if (!channelId) throw new TactError(ErrorCode.DiscordDeliveryFailed, `no destination for a ${reply.visibility} reply`);
    const guildId = reply.visibility === 'dm' ? undefined : (destination.guildId ?? defaultGuildId);
    let first: Delivered | undefined;
    for (const [part, message] of renderReply(reply).entries()) {
      const id = await postMessage(channelId, message, destination.intentKey && intentNonce(destination.intentKey, part));
      first ??= { channelId: qualify('discord', channelId), messageId: id, link: guildId ? `https://discord.com/channels/${guildId}/${channelId}/${id}` : undefined };
    }
    return first;
  }

  /** Private replies to an interaction: the deferred reply first, then follow-ups; by DM once the token has expired. */
  async function answerPrivately(interaction: Answerable, replies: readonly Reply[]): Promise<void> {
    const expired = Date.now() - interaction.createdTimestamp > TOKEN_LIFETIME_MS - 30_000;
    for (const reply of replies) {
      for (const message of renderReply(reply)) {
        if (expired) {
          await postMessage(await dmChannel(interaction.user.id), message);
        } else if (interaction.deferred && !interaction.replied) {
          await interaction.editReply(forInteraction(message));
        } else if (interaction.deferred || interaction.replied) {
          await interaction.followUp({ ...forInteraction(message), flags: MessageFlags.Ephemeral });
        } else {
          await interaction.reply({ ...forInteraction(message), flags: MessageFlags.Ephemeral });
        }
      }
    }
  }

  async function deliver(interaction: Answerable, outcome: Outcome): Promise<void> {
    switch (outcome.kind) {
      case 'duplicate':
        if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
        return;
      case 'form':
        if (interaction.isModalSubmit() || interaction.deferred || interaction.replied) {
          throw new TactError(ErrorCode.HandlerFailed, 'a form can only be the first answer to a command or button');
        }
        await interaction.showModal(renderModal(outcome.form));
        return;
      case 'replies': {
        const own = outcome.replies.filter((r) => r.visibility === 'private');
        const others = outcome.replies.filter((r) => r.visibility !== 'private');
        if (own.length) await answerPrivately(interaction, own);
        else if (interaction.deferred && !interaction.replied) await interaction.editReply({ content: 'Done.', allowedMentions: { parse: [] } });
        else if (!interaction.deferred && !interaction.replied) {
          // Every interaction needs an answer, or Discord shows "This interaction failed": a button
          // whose result is posted elsewhere (a thread) is acknowledged without changing its message.
          if (interaction.isMessageComponent()) await interaction.deferUpdate();
          else await interaction.reply({ content: 'Done.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
        }
        // Each destination at once: a rate-limited DM channel holds back only its own messages.
        const failures = await sendPerDestination(others, (reply) =>
          // Beside Slack, a manager may be a Slack user: the outbox hands that DM to the platform owning the id.
          reply.visibility === 'dm' && reply.to && platformOf(reply.to) !== 'discord'
            ? services.outbox.send(reply)
            : send(reply, { channelId: interaction.channelId ?? undefined, guildId: interaction.guildId ?? undefined }),
        );
        if (failures.length) {
          throw new TactError(ErrorCode.DiscordDeliveryFailed, `Could not deliver ${failures.length} of ${others.length} messages`, { cause: failures[0] });
        }
      }
    }
  }

  /**
   * Starts the work and answers within Discord's window: a result ready in time (a form, a quick
   * reply) is the first answer; otherwise the reply is deferred, privately, and edited in later.
   */
  async function answer(interaction: Answerable, work: () => Promise<Outcome>, mayBeForm: boolean): Promise<void> {
    const running = work();
    let outcome: Outcome | undefined;
    if (mayBeForm) {
      outcome = await Promise.race([running, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), QUICK_MS).unref())]);
    }
    if (!outcome) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      outcome = await running;
    }
    await deliver(interaction, outcome);
  }

  async function reportFailure(interaction: Answerable, error: unknown, what: string): Promise<void> {
    const code = errorCodeOf(error);
    logger.error(`${what} failed`, { code, user: interaction.user.id, error: describeError(error) });
    try {
      await answerPrivately(interaction, [failureReply(code, what)]);
    } catch (sendError) {
      logger.error('could not report a failure to the user', { error: describeError(sendError) });
    }
  }

  function readModal(command: Command, formId: string, interaction: ModalSubmitInteraction): FormValues {
    const form = commandForms(command).find((f) => f.spec.id === formId);
    const values: Record<string, string | undefined> = {};
    for (const field of form?.spec.fields ?? []) {
      const value = interaction.fields.fields.has(field.id) ? interaction.fields.getTextInputValue(field.id).trim() : '';
      values[field.id] = value === '' ? undefined : field.kind === 'choice' ? matchChoice(field, value) : value;
    }
    return values;
  }

  client.on(Events.InteractionCreate, async (interaction) => {
    if (interaction.isChatInputCommand()) {
      const command = findCommand(interaction.commandName);
      if (!command) return;
      const text = textFromOptions(command, interaction);
      const ctx = context(interaction, interaction.channelId, `interaction:${interaction.id}`);
      try {
        await answer(interaction, () => dispatch(command, text, ctx), text === '' || text === DEFAULT_SUBCOMMAND);
      } catch (error) {
        await reportFailure(interaction, error, `/${command.name}`);
      }
      return;
    }
    if (interaction.isButton()) {
      const [, actionId = '', ...rest] = interaction.customId.split('|');
      const command = commands.find((c) => c.actions?.some((a) => a.id === actionId));
      if (!command) return;
      const ctx = context(interaction, interaction.channelId, `interaction:${interaction.id}`);
      try {
        await answer(interaction, () => dispatchAction(command, actionId, rest.join('|'), ctx), true);
      } catch (error) {
        await reportFailure(interaction, error, 'that button');
      }
      return;
    }
    if (interaction.isModalSubmit()) {
      const [, formId = '', context_ = ''] = interaction.customId.split('|');
      const command = commands.find((c) => commandForms(c).some((f) => f.spec.id === formId));
      if (!command) return;
      const ctx = context(interaction, interaction.channelId ?? undefined, `interaction:${interaction.id}`);
      try {
        const prepared = prepareForm(command, formId, readModal(command, formId, interaction), context_ || undefined, ctx);
        if (prepared.kind === 'invalid-form') {
          const problems = Object.entries(prepared.errors).map(([field, message]) => `${field}: ${message}`);
          const words = `Not saved. ${problems.join('; ')}. Open the form again and correct it.`;
          await answerPrivately(interaction, [{ visibility: 'private', summary: words, sections: [{ kind: 'text', text: words }] }]);
          return;
        }
        await answer(interaction, prepared.run, false);
      } catch (error) {
        await reportFailure(interaction, error, 'the form');
      }
    }
  });

  /**
   * A thread's parent channel, cached: thread messages carry only the thread's id. Only threads
   * count: a text channel's `parent_id` is its category, which makes it no thread.
   */
  async function parentOf(channelId: string): Promise<string | undefined> {
    if (!parents.has(channelId)) {
      const cached = client.channels.cache.get(channelId);
      let parent: string | null | undefined;
      if (cached) parent = cached.isThread() ? cached.parentId : null;
      else {
        const channel = (await client.rest.get(Routes.channel(channelId))) as { parent_id?: string | null; type: number };
        parent = THREAD_TYPES.has(channel.type) ? channel.parent_id : null;
      }
      parents.set(channelId, parent ?? null);
    }
    return parents.get(channelId) ?? undefined;
  }

  /** Gateway events run once (a resumed session may replay them); a failure gives the claim back. */
  const onceEvent = (key: string, work: () => Promise<void>) => runOnce(services.storage, `event:discord:${key}`, EVENT_TTL_MS, work);

  async function onMessage(data: GatewayMessageCreateDispatchData, text: string): Promise<void> {
    const parent = data.guild_id ? await parentOf(data.channel_id) : undefined;
    const channelId = parent ?? data.channel_id;
    const threadId = parent ? data.channel_id : undefined;
    const ctx = context(data.author.id, channelId);
    const answer = inPlace(channelId, threadId ?? data.id, data.guild_id, data.author.id);
    if (data.mentions.some((m) => m.id === botUserId())) {
      // "@Tact shorter" in a review's thread, as on Slack; the thread's id is its first message's.
      const threadStart = async () => {
        if (!threadId) return undefined;
        const first = (await client.rest.get(Routes.channelMessage(channelId, threadId))) as { content?: string; author?: { bot?: boolean; username?: string } };
        if (!first.content) return undefined;
        return { text: first.content, messageId: threadId, fromIntegration: first.author?.bot === true, integrationName: first.author?.username };
      };
      await onMention({ text: text.replace(/<@!?\d+>/g, ''), channelId: qualify('discord', channelId), threadId }, ctx, answer, threadStart);
      return;
    }
    await onChannelMessage(
      {
        text,
        channelId: qualify('discord', channelId),
        messageId: data.id,
        threadId,
        fromIntegration: data.author.bot === true || data.webhook_id !== undefined,
        integrationName: data.author.username,
        link: data.guild_id ? `https://discord.com/channels/${data.guild_id}/${data.channel_id}/${data.id}` : undefined,
      },
      ctx,
      answer,
    );
  }

  function inPlace(channelId: string, threadId: string, guildId: string | undefined, userId: string) {
    return async (reply: Reply): Promise<void> => {
      if (reply.visibility === 'private') {
        // Discord has no ephemeral messages outside interactions: private notes go by direct message.
        await send({ ...reply, visibility: 'dm', to: userId }, {});
      } else {
        await send({ ...reply, visibility: reply.visibility === 'dm' ? 'dm' : 'thread' }, { channelId, threadId, guildId });
      }
    };
  }

  // Raw gateway dispatches: they need no cache of channels or messages (MessageContent intent required).
  client.ws.on(GatewayDispatchEvents.MessageCreate, (data: GatewayMessageCreateDispatchData) => {
    void (async () => {
      if (data.author.id === botUserId() || (data.type !== 0 && data.type !== 19)) return;
      const text = data.content || (data.attachments.length > 0 ? ATTACHMENT_ONLY : '');
      if (!text) return;
      try {
        await onceEvent(`message:${data.id}`, () => onMessage(data, text));
      } catch (error) {
        logger.error('channel message listener failed', { code: errorCodeOf(error), error: describeError(error) });
      }
    })();
  });

  client.ws.on(GatewayDispatchEvents.MessageReactionAdd, (data: GatewayMessageReactionAddDispatchData) => {
    void (async () => {
      if (data.user_id === botUserId()) return;
      const name = REACTION_NAMES[data.emoji.name ?? ''] ?? data.emoji.name ?? '';
      try {
        await onceEvent(`reaction:${data.message_id}:${data.user_id}:${name}`, () =>
          onReaction(
            { name, channelId: qualify('discord', data.channel_id), messageId: data.message_id },
            context(data.user_id, data.channel_id),
            inPlace(data.channel_id, data.message_id, data.guild_id, data.user_id),
          ),
        );
      } catch (error) {
        logger.error('reaction listener failed', { code: errorCodeOf(error), error: describeError(error) });
      }
    })();
  });

  return { notifier: { send: (reply, destination) => send(reply, destination ?? {}) } };
}

/** Discord's nonce holds at most 25 characters: a digest of the job's intent key and the message's place in the reply. */
export function intentNonce(key: string, part: number): string {
  return createHash('sha256').update(`${key}#${part}`).digest('base64url').slice(0, 25);
}

/** Discord sends the emoji itself; the core speaks Slack's names for them. */
const REACTION_NAMES: Record<string, string> = {
  '👀': 'eyes',
  '✅': 'white_check_mark',
  '✔️': 'heavy_check_mark',
  '☑️': 'ballot_box_with_check',
};
