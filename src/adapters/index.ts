import type { AckFirst } from '../ack-first.js';
import { AckFirst as AckFirstLane } from '../ack-first.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { ConsoleAdapter } from './console/index.js';
import { DiscordChat } from './discord/index.js';
import type { Route } from './http/routes.js';
import { SlackChat } from './slack/index.js';

/**
 * The chat platforms Tact knows, as factories: main.ts builds every configured one and names none.
 * Adding a platform is one entry here (or a factory passed to `start` from a test).
 */
export interface AdapterOptions {
  /** tests: make Bolt's HTTP response wait for the listener */
  processBeforeResponse?: boolean;
  /** tests: how a rate-limited Slack channel waits out Retry-After (default: a timer) */
  slackRateLimitWait?: (ms: number) => Promise<void>;
  /** tests: how long after a change an open Slack Home tab is refreshed (default 3 s) */
  slackHomeRefreshMs?: number;
  /** tests: the lane that holds work after an ack back while requests arrive (default: on real timers) */
  ackFirst?: AckFirst;
  /** false in tests: Discord runs without a gateway connection (events are fed in directly) */
  discordGateway?: boolean;
  /** the console's output, for reminders when no chat platform is configured */
  consoleOutput?: NodeJS.WritableStream;
}

export interface AdapterDeps {
  logger: Logger;
  /** Tact's own HTTP routes (/healthz, intake), for an adapter that serves HTTP anyway */
  routes: readonly Route[];
  options: AdapterOptions;
}

export interface AdapterFactory {
  name: string;
  configured(config: Config): boolean;
  create(config: Config, deps: AdapterDeps): ChatAdapter;
}

const slack: AdapterFactory = {
  name: 'slack',
  configured: (config) => config.slack !== undefined,
  create(config, { logger, routes, options }) {
    if (!config.slack) throw new Error('Slack is not configured');
    return new SlackChat(
      {
        ...config.slack,
        port: config.port,
        routes,
        processBeforeResponse: options.processBeforeResponse ?? false,
        rateLimitWait: options.slackRateLimitWait,
        homeRefreshMs: options.slackHomeRefreshMs,
        // When the response waits for the listener, holding the work back would hold the ack back.
        ...(options.processBeforeResponse ? {} : { ackFirst: options.ackFirst ?? new AckFirstLane() }),
      },
      logger,
    );
  },
};

const discord: AdapterFactory = {
  name: 'discord',
  configured: (config) => config.discord !== undefined,
  create(config, { logger, options }) {
    if (!config.discord) throw new Error('Discord is not configured');
    return new DiscordChat({ ...config.discord, connectGateway: options.discordGateway ?? true }, logger);
  },
};

/** With no chat credentials at all: the local console, on the terminal that started Tact. */
const localConsole: AdapterFactory = {
  name: 'console',
  configured: () => true,
  create: (_config, { options }) =>
    new ConsoleAdapter(
      options.consoleOutput ?? process.stdout,
      () => ({ input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true }),
      process.env['USER'] ?? 'console',
    ),
};

export const chatPlatforms: readonly AdapterFactory[] = [slack, discord];

/**
 * The names of the platforms this configuration starts, the console when none: they decide whose a
 * bare id in the settings or an old store is (src/chat/ids.ts).
 */
export function configuredPlatforms(config: Config, factories: readonly AdapterFactory[] = chatPlatforms): string[] {
  const names = factories.filter((f) => f.configured(config)).map((f) => f.name);
  return names.length ? names : [localConsole.name];
}

/** The configured adapters, in order; the console alone when none is (`local` tells the banner and HTTP). */
export function buildAdapters(
  config: Config,
  deps: AdapterDeps,
  factories: readonly AdapterFactory[] = chatPlatforms,
): { adapters: ChatAdapter[]; local: boolean } {
  const adapters = factories.filter((f) => f.configured(config)).map((f) => f.create(config, deps));
  return adapters.length ? { adapters, local: false } : { adapters: [localConsole.create(config, deps)], local: true };
}
