import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import type { AckFirst } from '../../ack-first.js';
import { ErrorCode, TactError, describeError } from '../../errors.js';
import type { Capabilities, ChatAdapter } from '../../chat/adapter.js';
import type { Delivered, Destination, SentCheck, SentPlace } from '../../chat/outbox.js';
import { HOME_REFRESH_DEFAULTS, HomeRefresher } from '../../chat/home.js';
import type { Pipeline } from '../../chat/pipeline.js';
import type { Reply } from '../../chat/reply.js';
import type { Logger } from '../../log.js';
import type { Route } from '../http/routes.js';
import { ChannelQueues } from './channel-queue.js';
import { SlackOutbound } from './outbound.js';
import { publishHome, registerSlack } from './register.js';
import { refuseFutureTimestamps } from './timestamp.js';

/**
 * The Slack adapter: Bolt over HTTP at /slack/events (signing secret + bot token), or Socket Mode
 * when an app-level token is also given. Other HTTP routes (/healthz, intake) share its port.
 */
export interface SlackOptions {
  signingSecret: string;
  botToken: string;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  port: number;
  routes: readonly Route[];
  /** true in tests: the HTTP response waits for the listener, so assertions need no polling */
  processBeforeResponse?: boolean;
  /** how a rate-limited channel waits out Slack's Retry-After (tests release it by hand) */
  rateLimitWait?: ((ms: number) => Promise<void>) | undefined;
  /** work after an ack waits while more requests come in (left out when the response waits for the work) */
  ackFirst?: AckFirst | undefined;
  /** how long after a change an open Home tab is refreshed (tests shorten it) */
  homeRefreshMs?: number | undefined;
}

/** Where Slack sends commands, interactions and events. */
const SLACK_EVENTS_PATH = '/slack/events';

/** Bolt's own logs go through Tact's logger, and so through the redactor. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (messages: unknown[]) => messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    // Bolt's and Socket Mode's debug lines carry whole request payloads (patient messages): never logged.
    debug: () => undefined,
    info: (...m: unknown[]) => logger.info(`bolt: ${line(m)}`),
    warn: (...m: unknown[]) => logger.warn(`bolt: ${line(m)}`),
    error: (...m: unknown[]) => logger.error(`bolt: ${line(m)}`),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Bolt's HTTP receiver, with requests signed in the future refused as Bolt refuses stale ones. */
function httpReceiver(options: SlackOptions, customRoutes: CustomRoute[], logger: Logger): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: [SLACK_EVENTS_PATH],
    customRoutes,
    processBeforeResponse: options.processBeforeResponse ?? false,
    logger: boltLogger(logger),
  });
  receiver.requestListener = refuseFutureTimestamps(receiver.requestListener, SLACK_EVENTS_PATH, logger);
  return receiver;
}

export class SlackChat implements ChatAdapter {
  readonly name = 'slack';
  readonly capabilities: Capabilities = { ephemeral: true, modals: true, threads: true };
  mode: 'http' | 'socket';
  /** the port actually bound (useful with port 0) */
  routesPort: number | undefined;
  private readonly app: App;
  private readonly out: SlackOutbound;
  private home: HomeRefresher | undefined;

  constructor(
    private readonly options: SlackOptions,
    private readonly logger: Logger,
  ) {
    this.mode = options.appToken !== undefined ? 'socket' : 'http';
    this.app = slackApp(options, logger);
    this.out = new SlackOutbound(this.app.client, new ChannelQueues({ wait: options.rateLimitWait }), logger);
  }

  send(reply: Reply, destination?: Destination): Promise<Delivered | undefined> {
    return this.out.post(reply, destination ?? {});
  }

  findSent(intentKey: string, place: SentPlace, since: Date): Promise<SentCheck> {
    return this.out.findSent(intentKey, place, since);
  }

  async start(pipeline: Pipeline): Promise<void> {
    const { app, options } = this;
    const { ackFirst } = options;
    // Global middleware runs for every request before any listener acks it.
    if (ackFirst) {
      app.use(async ({ next }) => {
        ackFirst.requestArrived();
        await next();
      });
    }
    const afterAck = () => ackFirst?.whenQuiet() ?? Promise.resolve();
    const wiring = { pipeline, adapter: this, out: this.out };
    const home = new HomeRefresher({
      ...HOME_REFRESH_DEFAULTS,
      ...(options.homeRefreshMs === undefined ? {} : { delayMs: options.homeRefreshMs, spacingMs: 0 }),
      publish: (userId) => publishHome(wiring, userId),
      onError: (error, userId) =>
        this.logger.warn('could not refresh a Home tab', { user: userId, error: describeError(error) }),
    });
    this.home = home;
    pipeline.watchRecords(() => home.changed());
    registerSlack({ app, ...wiring, logger: this.logger, afterAck, home });
    try {
      await app.init();
    } catch (error) {
      throw new TactError(
        ErrorCode.SlackStartFailed,
        'Slack rejected the bot token (auth.test failed); check SLACK_BOT_TOKEN',
        { cause: error },
      );
    }
    try {
      const started: unknown = await app.start(options.port);
      const address = (started as Server | undefined)?.address?.();
      this.routesPort = address && typeof address === 'object' ? (address as AddressInfo).port : options.port;
    } catch (error) {
      throw new TactError(ErrorCode.SlackStartFailed, `Could not start the Slack adapter on port ${options.port}`, {
        cause: error,
      });
    }
  }

  async stop(): Promise<void> {
    this.home?.stop();
    await this.app.stop();
  }

  describe(): string {
    const port = this.routesPort ?? this.options.port;
    return this.mode === 'socket'
      ? `Slack (Socket Mode; HTTP on port ${port})`
      : `Slack over HTTP on port ${port} (/slack/events)`;
  }
}

function slackApp(options: SlackOptions, logger: Logger): App {
  const socketMode = options.appToken !== undefined;
  const customRoutes = options.routes.map((r) => ({ path: r.path, method: r.method, handler: r.handler }));
  const receiver = socketMode ? undefined : httpReceiver(options, customRoutes, logger);
  return new App({
    token: options.botToken,
    signingSecret: options.signingSecret,
    logger: boltLogger(logger),
    deferInitialization: true,
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
      // Slack's default is up to 10 retries over minutes; a reply that late is worse than an error.
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
      timeout: 10_000,
      // A 429 is retried in the limited channel's own queue (ChannelQueues), not by pausing every call.
      rejectRateLimitedCalls: true,
    },
    ...(socketMode
      ? { socketMode: true, appToken: options.appToken, customRoutes, installerOptions: { port: options.port } }
      : { receiver }),
  });
}
