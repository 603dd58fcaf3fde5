import { ErrorCode, TactError } from '../errors.js';

/**
 * Ids of people, roles and channels as the core stores and compares them: `<platform>:<raw id>`
 * (`slack:U123`, `discord:123456789012345678`, `console:ana`). The prefix says which adapter a
 * direct message goes through, so routing never guesses from the id's shape, and a Slack user and
 * a Discord user whose raw ids happen to match stay two people.
 *
 * Message and thread ids (Slack `ts`, Discord message snowflakes) are not qualified: they mean
 * something only inside their channel, and every place that stores one stores its (qualified)
 * channel beside it.
 */
/** A chat adapter's name (`slack`, `discord`, `console`, a test's `teams`): lower-case letters, digits and dashes. */
export type ChatPlatform = string;

/** A platform-qualified id. A template type: a plain string must pass `qualify` or `readChatId` first. */
export type ChatId = `${ChatPlatform}:${string}`;

const SNOWFLAKE = /^\d+$/;
/** No platform's own ids (Slack U…/C…, Discord snowflakes, console logins) start like this. */
const PLATFORM_NAME = /^[a-z][a-z0-9-]*$/;

function isPlatform(text: string): text is ChatPlatform {
  return PLATFORM_NAME.test(text);
}

/** The platform an id names, or undefined for a bare id (one written before ids carried it, or typed by a person). */
export function platformOf(id: string): ChatPlatform | undefined {
  const colon = id.indexOf(':');
  const prefix = colon > 0 ? id.slice(0, colon) : '';
  return isPlatform(prefix) && colon < id.length - 1 ? prefix : undefined;
}

export function isChatId(id: string): id is ChatId {
  return platformOf(id) !== undefined;
}

/**
 * Where a raw platform id enters the core. Idempotent for an id already qualified with this
 * platform; an id that names another platform is refused (no platform's own ids hold a colon, and
 * a Unix login cannot), so one platform's id is never taken for another's.
 */
export function qualify(platform: ChatPlatform, raw: string): ChatId {
  const id = raw.trim();
  if (id === '') throw new TactError(ErrorCode.ChatIdInvalid, `an empty ${platform} id`);
  const named = platformOf(id);
  if (named === platform) return id as ChatId;
  if (named !== undefined)
    throw new TactError(ErrorCode.ChatIdInvalid, `${id} is a ${named} id, not a ${platform} one`);
  return `${platform}:${id}`;
}

/**
 * Where an id leaves the core for a platform's API: the raw id. A bare id passes as it is (adapters
 * also hand their own raw ids back to themselves); an id of another platform is a routing bug and
 * throws rather than reaching the wrong workspace.
 */
export function strip(platform: ChatPlatform, id: string): string {
  const named = platformOf(id);
  if (named === undefined) return id;
  if (named !== platform)
    throw new TactError(
      ErrorCode.ChatIdUnrouted,
      `${id} is a ${named} id: the ${platform} adapter cannot deliver to it`,
    );
  return id.slice(platform.length + 1);
}

/**
 * Which platform a bare id belongs to, given the chat platforms configured: the first; on Slack
 * and Discord together, Discord for a snowflake (all digits) and Slack otherwise (Slack ids start
 * with a letter); with none, the console. Only ids written before ids carried their platform, or
 * typed bare by a manager, need it.
 */
export function bareIdPlatform(raw: string, configured: readonly ChatPlatform[]): ChatPlatform {
  const chat = configured.filter((p) => p !== 'console');
  const [first] = chat;
  if (first === undefined) return 'console';
  if (chat.includes('slack') && chat.includes('discord')) return SNOWFLAKE.test(raw.trim()) ? 'discord' : 'slack';
  return first;
}

/** An id a person typed or an old store held: kept if qualified, else qualified by `bareIdPlatform`. */
export function readChatId(text: string, configured: readonly ChatPlatform[]): ChatId {
  const id = text.trim();
  return isChatId(id) ? id : qualify(bareIdPlatform(id, configured), id);
}

/**
 * The raw id when `id` is this platform's (or bare), else undefined: for rendering a mention, where
 * another platform's id (a Slack user named in a record read on Discord) is shown as text instead.
 */
export function ownRawId(platform: ChatPlatform, id: string): string | undefined {
  const named = platformOf(id);
  if (named === undefined) return id;
  return named === platform ? id.slice(platform.length + 1) : undefined;
}

/**
 * An id inside a sentence ("owner U123", a history line): the raw id, as staff know it on their
 * platform. The record keeps the platform; prose stays as it read before ids carried it. Mentions
 * (`user: true` fields) are rendered by each adapter instead.
 */
export function shownId(id: string): string {
  const platform = platformOf(id);
  return platform ? id.slice(platform.length + 1) : id;
}
