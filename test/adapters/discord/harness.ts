import { Events, type Client } from 'discord.js';
import type { Clock } from '../../../src/clock.js';
import type { Running } from '../../../src/main.js';
import { APPLICATION_ID, GUILD_ID, MANAGER_ROLE, STAFF_ROLE, type Person } from '../../doubles/discord-payloads.js';
import { freshStore, keyFor } from '../../doubles/test-store.js';
import { startFakeDiscord, type DiscordCall, type FakeDiscord } from '../../doubles/fake-discord.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../doubles/fake-openai.js';
import { endAfterTest, startWithFake, tempDir, type LogEntry } from '../slack/harness.js';
import { discordOf } from '../../doubles/chat-adapters.js';

/**
 * Starts the whole app in-process with the Discord adapter (no gateway) against a fake Discord REST
 * API, and feeds it raw payloads: interactions go through discord.js's own InteractionCreate action
 * (real ChatInputCommandInteraction / ButtonInteraction / ModalSubmitInteraction objects), gateway
 * message and reaction events through `client.ws`. `interact` resolves when the adapter's listener
 * has finished, so everything it sent is recorded by then; gateway events need a bounded wait.
 */
export const TOKEN = 'MTE4MDAwMDAwMDAwMDAwMDAwMQ.fake.discord-bot-token';
export const MANAGER: Person = { id: '1180000000000001001', username: 'maria.manager', roles: [] };
/** a manager only through the manager role */
export const ROLE_MANAGER: Person = { id: '1180000000000001002', username: 'rafael.lead', roles: [MANAGER_ROLE] };
export const STAFF: Person = { id: '1180000000000001003', username: 'sam.frontdesk', roles: [STAFF_ROLE] };
export const SPOKESPERSON: Person = { id: '1180000000000001004', username: 'pat.press', roles: [STAFF_ROLE] };
/** An id as Tact stores it: Discord sends the snowflake, the store holds `discord:<snowflake>`. */
export const storedId = (raw: string): string => `discord:${raw}`;
export const INBOX = '1180000000000000300';
export const REVIEWS = '1180000000000000400';
export const DIGEST = '1180000000000000500';

export interface DiscordTact {
  fake: FakeDiscord;
  running: Running;
  client: Client;
  logs: LogEntry[];
  /** feeds a raw interaction through discord.js and waits for the adapter's listener to finish */
  interact(raw: unknown): Promise<void>;
  /** a raw gateway dispatch (MESSAGE_CREATE, MESSAGE_REACTION_ADD) as discord.js's WebSocketManager emits it */
  dispatch(event: 'MESSAGE_CREATE' | 'MESSAGE_REACTION_ADD', data: unknown): void;
  errors(): LogEntry[];
  stop(): Promise<void>;
}

export interface StartDiscordOptions {
  env?: Record<string, string>;
  clock?: Clock;
  fake?: FakeDiscord;
  /** TACT_STORE; default a fresh SQLite file */
  store?: string;
}

export function discordEnv(fake: FakeDiscord, store: string): Record<string, string> {
  return {
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_API_URL: fake.apiUrl,
    TACT_STORE: store,
    ...keyFor(store),
    TACT_MANAGERS: `${MANAGER.id},${MANAGER_ROLE}`,
    TACT_LOG_LEVEL: 'debug',
    PORT: '0',
  };
}

interface InteractionAction {
  actions: { InteractionCreate: { handle(data: unknown): void } };
}

/** The private discord.js API the tests drive interactions through (guarded by guard.test.ts). */
export function handleInteraction(client: Client, raw: unknown): void {
  (client as unknown as InteractionAction).actions.InteractionCreate.handle(raw);
}

/**
 * Makes `interactionCreate` listeners awaitable: discord.js ignores what a listener returns, so the
 * client's emit is wrapped to collect the adapter listener's promise.
 */
export function trackInteractions(client: Client): () => Promise<void> {
  const pending: Array<Promise<unknown>> = [];
  const emit = client.emit.bind(client) as (event: string, ...args: unknown[]) => boolean;
  (client as unknown as { emit: (event: string, ...args: unknown[]) => boolean }).emit = (event, ...args) => {
    if (event !== Events.InteractionCreate) return emit(event, ...args);
    const listeners = client.rawListeners(event) as Array<(...a: unknown[]) => unknown>;
    for (const listener of listeners) pending.push(Promise.resolve(listener.apply(client, args)));
    return listeners.length > 0;
  };
  return async () => {
    while (pending.length) await Promise.all(pending.splice(0));
  };
}

export async function startDiscordTact(options: StartDiscordOptions = {}): Promise<DiscordTact> {
  const ownFake = options.fake === undefined;
  const fake = options.fake ?? (await startFakeDiscord());
  // Role ids are no users: like Discord, the fake refuses to open a DM channel with one.
  fake.notUsers(MANAGER_ROLE, STAFF_ROLE);
  const store = options.store ?? (await freshStore(await tempDir()));
  const logs: LogEntry[] = [];
  const {
    running,
    adapter: client,
    stop,
  } = await startWithFake(
    { ...discordEnv(fake, store), ...options.env },
    {
      discordGateway: false,
      print: () => undefined,
      writeLog: (line) => logs.push(JSON.parse(line) as LogEntry),
      ...(options.clock ? { clock: options.clock } : {}),
    },
    fake,
    ownFake,
    (app) => discordOf(app)?.client,
    'the Discord adapter did not start',
  );
  const settled = trackInteractions(client);
  return {
    fake,
    running,
    client,
    logs,
    async interact(raw) {
      handleInteraction(client, raw);
      await settled();
    },
    dispatch(event, data) {
      client.ws.emit(event, data);
    },
    errors: () => logs.filter((l) => l.level === 'error'),
    stop,
  };
}

/** A fake drafting model that `stopStarted` (../slack/harness.ts) closes after the test. */
export async function startDraftingModel(): Promise<FakeOpenAi> {
  const model = await startFakeOpenAi();
  endAfterTest(() => model.close());
  return model;
}

/** Tact's settings to draft with the fake `model`, which gets 2 s to answer. */
export function modelEnv(model: FakeOpenAi): Record<string, string> {
  return { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: model.baseUrl, TACT_LLM_TIMEOUT: '2s' };
}

/** The JSON body of a call as an object ({} when there is none). */
export function bodyOf(call: DiscordCall | undefined): Record<string, unknown> {
  return (typeof call?.body === 'object' && call.body !== null ? call.body : {}) as Record<string, unknown>;
}

/** What a person reads in a message body (a callback's `data`, an edit, a channel message). */
export function contentOf(call: DiscordCall | undefined): string {
  const body = bodyOf(call);
  const data =
    typeof body['data'] === 'object' && body['data'] !== null ? (body['data'] as Record<string, unknown>) : body;
  return typeof data['content'] === 'string' ? data['content'] : '';
}

/** Every button custom id in a message body. */
export function customIdsOf(call: DiscordCall | undefined): string[] {
  const body = bodyOf(call);
  const data =
    typeof body['data'] === 'object' && body['data'] !== null ? (body['data'] as Record<string, unknown>) : body;
  const rows = Array.isArray(data['components'])
    ? (data['components'] as Array<{ components?: Array<{ custom_id?: string }> }>)
    : [];
  return rows.flatMap((r) => (r.components ?? []).map((c) => c.custom_id ?? ''));
}

/** Everything said in answer to one interaction: its callback's message and its webhook edits and follow-ups. */
export function answersTo(fake: FakeDiscord, raw: { id: string; token: string }): DiscordCall[] {
  return [...fake.callbacks(raw.id), ...fake.webhookCalls(raw.token)];
}

/** The text of those answers, joined. */
export function answerText(fake: FakeDiscord, raw: { id: string; token: string }): string {
  return answersTo(fake, raw).map(contentOf).filter(Boolean).join('\n');
}
