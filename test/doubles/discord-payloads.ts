import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionType,
  type APIChatInputApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitInteraction,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageReactionAddDispatchData,
} from 'discord.js';
import { FAKE_APPLICATION_ID, messageJson, snowflake } from './fake-discord.js';

export { snowflake };

/**
 * Raw Discord payloads as the gateway delivers them, for building real discord.js objects in tests:
 * chat-input commands with a subcommand and string options, button presses, modal submissions, and
 * MESSAGE_CREATE / MESSAGE_REACTION_ADD dispatch data. Ids are snowflakes whose timestamp is "now"
 * unless `at` says otherwise (an old interaction has an expired token).
 */
export const APPLICATION_ID = FAKE_APPLICATION_ID;
export const GUILD_ID = '1180000000000000002';
export const CHANNEL_ID = '1180000000000000100';
/** a manager role's id: TACT_MANAGERS may name roles */
export const MANAGER_ROLE = '1180000000000000200';
export const STAFF_ROLE = '1180000000000000201';

/** All permissions a bot usually has in a text channel; the value is opaque to Tact. */
const APP_PERMISSIONS = '2248473465835073';

export interface Person {
  id: string;
  username?: string;
  roles?: readonly string[];
}

export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(24).toString('hex')}`;
}

function user(person: Person) {
  return {
    id: person.id,
    username: person.username ?? `user${person.id.slice(-4)}`,
    discriminator: '0',
    global_name: person.username ?? null,
    avatar: null,
    public_flags: 0,
  };
}

function member(person: Person) {
  return {
    user: user(person),
    roles: [...(person.roles ?? [])],
    permissions: '1071698660929',
    joined_at: '2025-01-06T15:00:00.000000+00:00',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    nick: null,
    avatar: null,
    communication_disabled_until: null,
  };
}

export interface Where {
  /** the channel the interaction happens in (a thread id for a thread) */
  channelId?: string;
  /** set when `channelId` is a thread: its parent text channel */
  parentId?: string;
  /** a direct message with the bot: no guild, `user` instead of `member` */
  dm?: boolean;
  /** when the interaction was created (its id's timestamp) */
  at?: Date | number;
}

function place(person: Person, where: Where) {
  const channelId = where.channelId ?? (where.dm ? `DM-${person.id}` : CHANNEL_ID);
  const common = {
    id: snowflake(where.at),
    application_id: APPLICATION_ID,
    token: interactionToken(),
    version: 1 as const,
    locale: 'en-US' as const,
    app_permissions: APP_PERMISSIONS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
    channel_id: channelId,
  };
  if (where.dm) {
    return {
      ...common,
      user: user(person),
      channel: { id: channelId, type: ChannelType.DM, flags: 0, last_message_id: null, recipients: [user(person)] },
      authorizing_integration_owners: { '0': GUILD_ID },
      context: 1,
    };
  }
  const channel = where.parentId
    ? {
        id: channelId,
        type: ChannelType.PublicThread,
        guild_id: GUILD_ID,
        parent_id: where.parentId,
        name: 'Tact',
        flags: 0,
        thread_metadata: {
          archived: false,
          locked: false,
          auto_archive_duration: 1440,
          archive_timestamp: new Date().toISOString(),
        },
      }
    : {
        id: channelId,
        type: ChannelType.GuildText,
        guild_id: GUILD_ID,
        parent_id: null,
        name: 'front-desk',
        flags: 0,
        nsfw: false,
        position: 0,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        permissions: '1071698660929',
      };
  return {
    ...common,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'en-US', features: [] },
    guild_locale: 'en-US' as const,
    member: member(person),
    channel,
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
  };
}

/** `/<command> <subcommand> option:value ...`: string options, as Tact declares them. */
export function chatInput(
  person: Person,
  command: string,
  subcommand: string,
  options: Record<string, string> = {},
  where: Where = {},
): APIChatInputApplicationCommandInteraction {
  const payload = {
    ...place(person, where),
    type: InteractionType.ApplicationCommand,
    data: {
      id: snowflake(Date.UTC(2026, 0, 5)),
      name: command,
      type: ApplicationCommandType.ChatInput,
      guild_id: where.dm ? undefined : GUILD_ID,
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: subcommand,
          options: Object.entries(options).map(([name, value]) => ({
            type: ApplicationCommandOptionType.String,
            name,
            value,
          })),
        },
      ],
    },
  };
  return payload as unknown as APIChatInputApplicationCommandInteraction;
}

/** The message a button sits on, as the interaction carries it. */
function componentMessage(channelId: string, customId: string, messageId: string) {
  return messageJson(
    channelId,
    {
      content: 'A message from Tact',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.Button, style: 1, label: 'Button', custom_id: customId }],
        },
      ],
    },
    messageId,
  );
}

/** A press of the button whose custom id is `customId` (e.g. `act|media.claim|M-1`). */
export function buttonPress(
  person: Person,
  customId: string,
  where: Where & { messageId?: string } = {},
): APIMessageComponentButtonInteraction {
  const base = place(person, where);
  const payload = {
    ...base,
    type: InteractionType.MessageComponent,
    message: componentMessage(base.channel_id, customId, where.messageId ?? snowflake()),
    data: { custom_id: customId, component_type: ComponentType.Button },
  };
  return payload as unknown as APIMessageComponentButtonInteraction;
}

/** A modal submitted with these text input values (field custom id -> typed text). */
export function modalSubmit(
  person: Person,
  customId: string,
  values: Record<string, string>,
  where: Where = {},
): APIModalSubmitInteraction {
  const payload = {
    ...place(person, where),
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([id, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: id, value }],
      })),
    },
  };
  return payload as unknown as APIModalSubmitInteraction;
}

export interface MessageOptions {
  channelId: string;
  content: string;
  author: Person & { bot?: boolean };
  /** a webhook's post (review feeds, phone systems): sets webhook_id */
  webhookId?: string;
  id?: string;
  /** a reply in a thread: Discord type 19 (reply) is also accepted; default 0 */
  type?: 0 | 19;
  /** users the message mentions (e.g. the bot, for "@Tact shorter") */
  mentions?: ReadonlyArray<{ id: string; username: string; bot?: boolean }>;
}

/** MESSAGE_CREATE dispatch data for a guild message. */
export function messageCreate(options: MessageOptions): GatewayMessageCreateDispatchData {
  const data = {
    id: options.id ?? snowflake(),
    type: options.type ?? 0,
    channel_id: options.channelId,
    guild_id: GUILD_ID,
    author: { ...user(options.author), ...(options.author.bot ? { bot: true } : {}) },
    ...(options.webhookId
      ? { webhook_id: options.webhookId }
      : { member: { ...member(options.author), user: undefined } }),
    content: options.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: (options.mentions ?? []).map((m) => ({ ...m, discriminator: '0', global_name: null, avatar: null })),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
    components: [],
    nonce: undefined,
  };
  return data as unknown as GatewayMessageCreateDispatchData;
}

/** MESSAGE_REACTION_ADD dispatch data: `person` reacted with `emoji` (the character itself) to a message. */
export function reactionAdd(
  person: Person,
  channelId: string,
  messageId: string,
  emoji: string,
): GatewayMessageReactionAddDispatchData {
  const data = {
    user_id: person.id,
    channel_id: channelId,
    message_id: messageId,
    guild_id: GUILD_ID,
    member: member(person),
    emoji: { id: null, name: emoji },
    burst: false,
    burst_colors: [],
    type: 0,
    message_author_id: undefined,
  };
  return data as unknown as GatewayMessageReactionAddDispatchData;
}
