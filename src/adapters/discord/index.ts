import { ApplicationFlags, Client, GatewayIntentBits, Routes, type RESTGetCurrentApplicationResult } from 'discord.js';
import type { Capabilities, ChatAdapter } from '../../chat/adapter.js';
import type { Delivered, Destination } from '../../chat/outbox.js';
import type { Pipeline } from '../../chat/pipeline.js';
import type { Reply } from '../../chat/reply.js';
import { ErrorCode, TactError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { DiscordOutbound } from './outbound.js';
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
    ? [
        'the Message Content intent is off (Developer Portal > Bot > Privileged Gateway Intents): Tact cannot read inbox or review messages',
      ]
    : [];
}

export class DiscordChat implements ChatAdapter {
  readonly name = 'discord';
  readonly capabilities: Capabilities = { ephemeral: true, modals: true, threads: true };
  readonly client: Client;
  /** what the bot lacks that Tact needs (intents), said at start-up */
  warnings: string[] = [];
  private readonly out: DiscordOutbound;

  constructor(
    private readonly options: DiscordOptions,
    private readonly logger: Logger,
  ) {
    this.client = new Client({ intents: INTENTS, ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}) });
    this.client.rest.setToken(options.token);
    this.out = new DiscordOutbound(this.client, logger, options.guildId);
  }

  send(reply: Reply, destination?: Destination): Promise<Delivered | undefined> {
    return this.out.send(reply, destination ?? {});
  }

  async start(pipeline: Pipeline): Promise<void> {
    const { client, options, logger } = this;
    registerDiscord({
      client,
      pipeline,
      adapter: this,
      out: this.out,
      logger,
      botUserId: () => client.user?.id ?? options.applicationId,
    });
    try {
      this.warnings = await missingIntents(client);
    } catch (error) {
      await client.destroy();
      throw new TactError(
        ErrorCode.DiscordStartFailed,
        'Discord rejected the bot token or application (check DISCORD_TOKEN and DISCORD_APPLICATION_ID)',
        { cause: error },
      );
    }
    for (const warning of this.warnings) logger.warn(`discord: ${warning}`);
    if (!options.connectGateway) return;
    try {
      await client.login(options.token);
    } catch (error) {
      await client.destroy();
      throw new TactError(ErrorCode.DiscordStartFailed, 'Could not connect to the Discord gateway', { cause: error });
    }
  }

  stop(): Promise<void> {
    return this.client.destroy();
  }

  describe(): string {
    return `Discord${this.warnings.length ? ` (${this.warnings.length} warning(s), see the log)` : ''}`;
  }
}
