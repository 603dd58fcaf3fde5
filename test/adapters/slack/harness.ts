import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AckFirst } from '../../../src/ack-first.js';
import type { Clock } from '../../../src/clock.js';
import { start, type Running, type StartOptions } from '../../../src/main.js';
import { POSTGRES_MODE, freshStore, keyFor } from '../../doubles/test-store.js';
import { startFakeSlack, type FakeSlack } from '../../doubles/fake-slack.js';
import { slackOf } from '../../doubles/chat-adapters.js';
import {
  postInteraction,
  postSlashCommand,
  viewSubmissionPayload,
  type OpenedView,
  type SignOptions,
  type SlackResponse,
  type SlackTarget,
} from '../../doubles/slack-request.js';

/**
 * Starts the whole app in-process (real Bolt HTTP receiver, real store) against a fake Slack Web
 * API, and drives it with signed requests. `processBeforeResponse` makes each HTTP response wait
 * for the listener, so once a request returns, everything it sent is already recorded.
 */
export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-e2e-test-token';
export const MANAGERS = ['UMGR1', 'UMGR2'] as const;
export const STAFF = 'USTAFF1';
export const CHANNEL = 'C0FRONTDESK';
/** An id as Tact stores it: Slack sends `U…`, the store holds `slack:U…`. */
export const stored = (raw: string): string => `slack:${raw}`;

/** Monday 2 March 2026, 10:00 in New York (EST, before the DST change): a business morning. */
export const MONDAY_10AM = new Date('2026-03-02T15:00:00.000Z');

/** A clock tests can move. */
export function movableClock(
  at: Date = MONDAY_10AM,
): Clock & { set(next: Date): void; advanceDays(days: number): void } {
  let now = new Date(at);
  return {
    now: () => new Date(now),
    set: (next) => {
      now = new Date(next);
    },
    advanceDays: (days) => {
      now = new Date(now.getTime() + days * 86_400_000);
    },
  };
}

export interface LogEntry {
  level: string;
  message: string;
  [field: string]: unknown;
}

export interface CommandResult {
  http: SlackResponse;
  /** bodies Tact posted to this command's response_url */
  replies: Record<string, unknown>[];
  /** every text in those replies (fallback text, headers, sections, fields), joined by newlines */
  text: string;
}

export interface TactUnderTest {
  fake: FakeSlack;
  running: Running;
  target: SlackTarget;
  logs: LogEntry[];
  /** `/complaint <text>` as `user`; `options.command` names another slash command, e.g. `/media` */
  command(
    user: string,
    text: string,
    options?: { trigger_id?: string; channel_id?: string; sign?: SignOptions; command?: string },
  ): Promise<CommandResult>;
  submitView(
    user: string,
    view: OpenedView & { id: string },
    values: Record<string, string | undefined>,
  ): Promise<SlackResponse>;
  stop(): Promise<void>;
}

export interface StartTactOptions {
  /** TACT_STORE; default: a fresh SQLite file */
  store?: string;
  clock?: Clock;
  /** reuse a fake (restart tests); otherwise one is started and closed with the app */
  fake?: FakeSlack;
  env?: Record<string, string>;
  /** how a rate-limited channel waits out Retry-After; a test passes a wait it releases by hand */
  rateLimitWait?: (ms: number) => Promise<void>;
  /** answers as in production (the ack before the work), the work held back by this lane */
  ackFirst?: AckFirst;
  /** how long after a change an open Home tab is refreshed (default 3 s) */
  homeRefreshMs?: number;
}

/** Every string under a `text` key, depth first: fallback text, header/section/field texts. */
export function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'text' && typeof inner === 'string') out.push(inner);
    else out.push(...textsOf(inner));
  }
  return out;
}

/** Undoes Slack's mrkdwn escaping, for reading what a person would see. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const directories: string[] = [];

/** A fresh folder under the OS temp dir; removed by `removeTempDirs`. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tact-e2e-'));
  directories.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(directories.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** How to end what a test started and has not ended itself, in the order it was started. */
const started: Array<() => Promise<void>> = [];

/**
 * Has `stopStarted` run `end` (the harnesses' apps, shared fakes and drafting models register
 * themselves); the returned function takes it back, for when it has ended otherwise.
 */
export function endAfterTest(end: () => Promise<void>): () => void {
  started.push(end);
  return () => {
    const at = started.indexOf(end);
    if (at >= 0) started.splice(at, 1);
  };
}

/** For `afterEach`: ends what the test started and did not end itself, the latest first (an app before the fake it talks to). */
export async function stopStarted(): Promise<void> {
  for (let end = started.pop(); end; end = started.pop()) await end();
}

/**
 * `start(env, options)` for a harness whose app talks to `fake`; `own`: the harness started the fake
 * for this app, so closes it when the app stops or fails to start. `adapterOf` reads what the test
 * needs of the chat adapter (its port, its client); when there is none, the start fails with
 * `missing`. `stopStarted` calls the returned `stop` if the test did not.
 */
export async function startWithFake<A>(
  env: NodeJS.ProcessEnv,
  options: StartOptions,
  fake: { close(): Promise<void> },
  own: boolean,
  adapterOf: (running: Running) => A | undefined,
  missing: string,
): Promise<{ running: Running; adapter: A; stop(): Promise<void> }> {
  let running: Running;
  try {
    running = await start(env, { jobsInProcess: POSTGRES_MODE, ...options });
  } catch (error) {
    if (own) await fake.close();
    throw error;
  }
  const adapter = adapterOf(running);
  if (!adapter) {
    await running.stop();
    if (own) await fake.close();
    throw new Error(missing);
  }
  const stop = async () => {
    ended();
    try {
      await running.stop();
    } finally {
      if (own) await fake.close();
    }
  };
  const ended = endAfterTest(stop);
  return { running, adapter, stop };
}

/** A fake Slack and a fresh SQLite store for a test that restarts Tact on them; `stopStarted` closes the fake. */
export async function sharedFakeAndStore(): Promise<{ fake: FakeSlack; store: string }> {
  const fake = await startFakeSlack();
  endAfterTest(() => fake.close());
  return { fake, store: await freshStore(await tempDir()) };
}

export async function startTact(options: StartTactOptions = {}): Promise<TactUnderTest> {
  const ownFake = options.fake === undefined;
  const fake = options.fake ?? (await startFakeSlack());
  const store = options.store ?? (await freshStore(await tempDir()));
  const logs: LogEntry[] = [];
  const writeLog = (line: string) => logs.push(JSON.parse(line) as LogEntry);
  const env: NodeJS.ProcessEnv = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    TACT_STORE: store,
    ...keyFor(store),
    TACT_MANAGERS: MANAGERS.join(','),
    TACT_LOG_LEVEL: 'debug',
    ...options.env,
  };
  const {
    running,
    adapter: port,
    stop,
  } = await startWithFake(
    env,
    {
      ...(options.ackFirst
        ? { processBeforeResponse: false, ackFirst: options.ackFirst }
        : { processBeforeResponse: true }),
      print: () => undefined,
      writeLog,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.rateLimitWait ? { slackRateLimitWait: options.rateLimitWait } : {}),
      ...(options.homeRefreshMs === undefined ? {} : { slackHomeRefreshMs: options.homeRefreshMs }),
    },
    fake,
    ownFake,
    (app) => slackOf(app)?.routesPort,
    'the Slack adapter did not start over HTTP',
  );
  const target: SlackTarget = { baseUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET };

  return {
    fake,
    running,
    target,
    logs,
    async command(user, text, commandOptions = {}) {
      const responseUrl = fake.responseUrl();
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      const http = await postSlashCommand(
        target,
        {
          command: commandOptions.command ?? '/complaint',
          text,
          user_id: user,
          channel_id: commandOptions.channel_id ?? CHANNEL,
          response_url: responseUrl,
          ...(commandOptions.trigger_id ? { trigger_id: commandOptions.trigger_id } : {}),
        },
        commandOptions.sign,
      );
      const replies = fake
        .responses()
        .filter((r) => r.id === id)
        .map((r) => r.body);
      return { http, replies, text: textsOf(replies).join('\n') };
    },
    async submitView(user, view, values) {
      return postInteraction(target, viewSubmissionPayload({ viewId: view.id, userId: user, view, values }));
    },
    stop,
  };
}
