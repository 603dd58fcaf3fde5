import { ApplicationFlags, Client, GatewayIntentBits, Routes, type RESTGetCurrentApplicationResult } from 'discord.js';
import type { Notifier } from '../../chat/outbox.js';
import { ErrorCode, TactError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { registerDiscord } from './register.js';

/**
 * The Discord adapter: discord.js over the gateway for events, its REST client for everything said.
 * It can run beside the Slack adapter in one process. `DISCORD_API_URL` points REST elsewhere (tests).
 */
export interface DiscordOptions {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
  /** false in tests: no gateway connection; interactions and events are fed in directly */
  connectGateway: boolean;
}

export interface RunningDiscord {
  client: Client;
  notifier: Notifier;
  /** what the bot lacks that Tact needs (intents), said at start-up */
  warnings: string[];
  stop(): Promise<void>;
}

/** Message text (inbox, reviews, alias reminders) needs the privileged MessageContent intent. */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
];

async function missingIntents(client: Client): Promise<string[]> {
  const application = (await client.rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  const flags = application.flags ?? 0;
  const messageContent = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;
  return (flags & messageContent) === 0
    ? ['the Message Content intent is off (Developer Portal > Bot > Privileged Gateway Intents): Tact cannot read inbox or review messages']
    : [];
}

export async function startDiscord(options: DiscordOptions, services: Services, logger: Logger): Promise<RunningDiscord> {
  const client = new Client({ intents: INTENTS, ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}) });
  client.rest.setToken(options.token);
  const { notifier } = registerDiscord(client, services, logger, () => client.user?.id ?? options.applicationId, options.guildId);
  let warnings: string[];
  try {
    warnings = await missingIntents(client);
  } catch (error) {
    await client.destroy();
    throw new TactError(ErrorCode.DiscordStartFailed, 'Discord rejected the bot token or application (check DISCORD_TOKEN and DISCORD_APPLICATION_ID)', { cause: error });
  }
  for (const warning of warnings) logger.warn(`discord: ${warning}`);
  if (options.connectGateway) {
    try {
      await client.login(options.token);
    } catch (error) {
      await client.destroy();
      throw new TactError(ErrorCode.DiscordStartFailed, 'Could not connect to the Discord gateway', { cause: error });
    }
  }
  return { client, notifier, warnings, stop: () => client.destroy() };
}
