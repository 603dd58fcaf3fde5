import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SnowflakeUtil } from 'discord.js';
import { readBody } from './read-body.js';

/**
 * A fake Discord REST API on 127.0.0.1 (port 0) for end-to-end tests. Point discord.js at `apiUrl`
 * (`DISCORD_API_URL`, base path `/api`): every request is recorded, in order, with its method, path
 * (after `/api`), query, headers and parsed body (JSON, or a multipart body's `payload_json` plus
 * the names of its files), including interaction callbacks (which carry no Authorization header)
 * and the webhook calls that edit and follow up interaction replies.
 *
 * Answers, shaped like Discord's:
 * - `GET /v10/applications/@me`: the application, `flags` with the Message Content intent on
 *   (`setApplicationFlags(0)` turns it off); 401 when `rejectToken()` was called;
 * - `POST /v10/interactions/:id/:token/callback`: 204, no body, no content type;
 * - `PATCH|POST /v10/webhooks/:app/:token...`: 200 with a message; `DELETE`: 204; 401 (50027) once
 *   the token has expired, 15 minutes after its interaction (the 3-second window for the first
 *   callback is not enforced: tests check the order of calls instead of the clock);
 * - `POST /v10/users/@me/channels`: a DM channel `DM-<recipient>` (a snowflake after `useSnowflakeDmChannels`; 50035 for an id that is no
 *   snowflake, 50007 for `undeliverable` users, 50033 for `notUsers` ids such as roles);
 * - `POST /v10/channels/:id/messages`: the message, with a new snowflake id (429 while `rateLimit`ed);
 *   with `enforce_nonce: true`, a nonce already used in that channel gets the earlier message back;
 * - `POST /v10/channels/:id/messages/:mid/threads`: a thread whose id is the message id
 *   (error 160004 when that message already has one);
 * - `GET /v10/channels/:id`: a thread (type 11, `parent_id` its channel) for threads created here
 *   or registered with `registerThread`; otherwise a text channel (type 0) under a category;
 * - `PUT /v10/applications/:app/commands` and `.../guilds/:guild/commands`: the body echoed back.
 */
export const FAKE_APPLICATION_ID = '1180000000000000001';
/** The category text channels sit in: a text channel's `parent_id` is a category, not a thread parent. */
export const FAKE_CATEGORY_ID = '1180000000000000009';
const TOKEN_LIFETIME_MS = 15 * 60_000;

export interface DiscordCall {
  method: string;
  /** the path after `/api`, e.g. `/v10/channels/123/messages` */
  path: string;
  /** the query string without `?` ('' when none) */
  query: string;
  headers: IncomingHttpHeaders;
  /** the Authorization header, if any (`Bot <token>` for REST calls; none for interaction callbacks) */
  authorization: string | undefined;
  /** parsed JSON (or a multipart body's payload_json); undefined when there was no body */
  body: unknown;
  /** names of files in a multipart body */
  files: string[];
  /** the bytes of those files, in the same order */
  fileBytes: Buffer[];
  /** the status the fake answered */
  status: number;
}

export type CallFilter = { method?: string; path?: string | RegExp } | ((call: DiscordCall) => boolean);

export interface MessageJson {
  id: string;
  channel_id: string;
  content: string;
  components: unknown[];
  [key: string]: unknown;
}

export interface FakeDiscord {
  /** e.g. http://127.0.0.1:40123/api, for DISCORD_API_URL */
  readonly apiUrl: string;
  readonly url: string;
  /** every call so far, in order; only those matching `filter` when given */
  calls(filter?: CallFilter): DiscordCall[];
  /** interaction callbacks (`POST /interactions/:id/:token/callback`), optionally of one interaction */
  callbacks(interactionId?: string): DiscordCall[];
  /** webhook calls (edits, follow-ups, deletes) made with one interaction token */
  webhookCalls(token: string): DiscordCall[];
  /** messages posted with `POST /channels/:id/messages`, optionally in one channel */
  posted(channelId?: string): Array<DiscordCall & { channelId: string; body: MessageJson }>;
  /** every message body Tact sent anywhere: channel messages, callbacks' data, webhook edits and follow-ups */
  messagesSent(): Array<{ call: DiscordCall; message: Record<string, unknown> }>;
  /** polls every 10 ms until the predicate holds; throws after `timeoutMs` */
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** the Message Content flags `GET /applications/@me` reports (default 1 << 18) */
  setApplicationFlags(flags: number): void;
  /** answer 401 to `GET /applications/@me` (a bad token) */
  rejectToken(): void;
  /** users who cannot get a DM (DMs closed): opening a DM channel fails with 50007 */
  undeliverable(...ids: string[]): void;
  /** ids that are no user at all (e.g. role ids): opening a DM channel fails with 50033 Invalid Recipient(s) */
  notUsers(...ids: string[]): void;
  /** a thread that already exists, so `GET /channels/:id` reports its parent */
  registerThread(threadId: string, parentId: string): void;
  /** a message Discord holds (e.g. a thread's first message), served by `GET /channels/:id/messages/:id` */
  rememberMessage(channelId: string, message: { id: string; content: string; author: Record<string, unknown> }): void;
  /**
   * DM channels get snowflake ids, as on Discord, instead of `DM-<recipient>` (which discord.js files
   * under one rate-limit bucket, since it is no snowflake); `dmChannelOf` gives a recipient's id.
   */
  useSnowflakeDmChannels(): void;
  dmChannelOf(recipient: string): string;
  /** messages posted to `channelId` get `429 Retry-After` (a per-route limit) until `lift` */
  rateLimit(channelId: string, retryAfterSeconds: number): void;
  lift(channelId: string): void;
  /** forgets recorded calls (threads and settings stay) */
  clear(): void;
  close(): Promise<void>;
}

async function parseBody(
  headers: IncomingHttpHeaders,
  raw: Buffer,
): Promise<{ body: unknown; files: string[]; fileBytes: Buffer[] }> {
  if (raw.length === 0) return { body: undefined, files: [], fileBytes: [] };
  const type = headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: string[] = [];
    const fileBytes: Buffer[] = [];
    let body: unknown;
    for (const [name, value] of form.entries()) {
      if (name === 'payload_json' && typeof value === 'string') body = JSON.parse(value) as unknown;
      else if (typeof value !== 'string') {
        files.push(value.name || name);
        fileBytes.push(Buffer.from(await value.arrayBuffer()));
      }
    }
    return { body, files, fileBytes };
  }
  const text = raw.toString('utf8');
  return {
    body: type.startsWith('application/json') ? (JSON.parse(text) as unknown) : text,
    files: [],
    fileBytes: [],
  };
}

function json(res: ServerResponse, status: number, body: unknown): number {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return status;
}

function noContent(res: ServerResponse): number {
  res.writeHead(204);
  res.end();
  return 204;
}

function matches(call: DiscordCall, filter: CallFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'function') return filter(call);
  if (filter.method !== undefined && call.method !== filter.method.toUpperCase()) return false;
  if (filter.path !== undefined) {
    if (typeof filter.path === 'string' ? call.path !== filter.path : !filter.path.test(call.path)) return false;
  }
  return true;
}

const BOT_USER = {
  id: FAKE_APPLICATION_ID,
  username: 'Tact',
  discriminator: '0000',
  global_name: null,
  avatar: null,
  bot: true,
};

/** A new snowflake, unique within the process (discord.js keeps the increment); its timestamp is `at` (default now). */
export function snowflake(at: Date | number = Date.now()): string {
  return SnowflakeUtil.generate({ timestamp: at }).toString();
}

/** A message from Tact's bot in `channelId`, as Discord returns it, from the body Tact sent (content, embeds, components, flags). */
export function messageJson(channelId: string, body: Record<string, unknown>, id = snowflake()): MessageJson {
  return {
    id,
    type: 0,
    channel_id: channelId,
    author: BOT_USER,
    content: typeof body['content'] === 'string' ? body['content'] : '',
    embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
    components: Array.isArray(body['components']) ? body['components'] : [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: typeof body['flags'] === 'number' ? body['flags'] : 0,
  };
}

export async function startFakeDiscord(options: { guildId?: string } = {}): Promise<FakeDiscord> {
  const guildId = options.guildId ?? '1180000000000000002';
  let recorded: DiscordCall[] = [];
  let applicationFlags = 1 << 18;
  let tokenRejected = false;
  const noDm = new Set<string>();
  const nonUsers = new Set<string>();
  /** channel id -> Retry-After seconds, while that channel is rate-limited */
  const limited = new Map<string, number>();
  /** recipient -> DM channel id, once DM channels have snowflake ids as on Discord (`useSnowflakeDmChannels`) */
  let dmSnowflakes: Map<string, string> | undefined;
  const snowflakeDms = new Set<string>();
  const dmChannelOf = (recipient: string): string => {
    if (!dmSnowflakes) return `DM-${recipient}`;
    const id = dmSnowflakes.get(recipient) ?? snowflake();
    dmSnowflakes.set(recipient, id);
    snowflakeDms.add(id);
    return id;
  };
  /** thread id -> parent channel id */
  const threads = new Map<string, string>();
  /** `channel/message` -> a message the tests say Discord holds */
  const messages = new Map<string, Record<string, unknown>>();
  /** `channel/nonce` -> the message created with that nonce and `enforce_nonce` (Discord keeps them a few minutes) */
  const nonces = new Map<string, Record<string, unknown>>();
  /** interaction token -> interaction id, learnt from callbacks */
  const interactions = new Map<string, string>();

  function route(method: string, path: string, body: unknown, res: ServerResponse): number {
    const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/v10/applications/@me') {
      if (tokenRejected) return json(res, 401, { message: '401: Unauthorized', code: 0 });
      return json(res, 200, {
        id: FAKE_APPLICATION_ID,
        name: 'Tact',
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: applicationFlags,
        bot: BOT_USER,
      });
    }
    if (method === 'POST' && (m = /^\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      interactions.set(m[2] ?? '', m[1] ?? '');
      return noContent(res);
    }
    if ((m = /^\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(path))) {
      // An interaction token lasts 15 minutes from the interaction (its id's timestamp).
      const interactionId = interactions.get(m[2] ?? '');
      if (interactionId && Date.now() - SnowflakeUtil.timestampFrom(interactionId) > TOKEN_LIFETIME_MS) {
        return json(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
      }
      if (method === 'DELETE') return noContent(res);
      if (method === 'PATCH' || method === 'POST')
        return json(res, 200, {
          ...messageJson('interaction-channel', object),
          webhook_id: m[1],
          application_id: m[1],
        });
    }
    if (method === 'POST' && path === '/v10/users/@me/channels') {
      const recipient = String(object['recipient_id'] ?? '');
      if (!/^\d{15,25}$/.test(recipient)) {
        return json(res, 400, {
          message: 'Invalid Form Body',
          code: 50035,
          errors: {
            recipient_id: {
              _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${recipient}" is not snowflake.` }],
            },
          },
        });
      }
      if (nonUsers.has(recipient)) return json(res, 400, { message: 'Invalid Recipient(s)', code: 50033 });
      if (noDm.has(recipient)) return json(res, 403, { message: 'Cannot send messages to this user', code: 50007 });
      return json(res, 200, {
        id: dmChannelOf(recipient),
        type: 1,
        last_message_id: null,
        flags: 0,
        recipients: [
          { id: recipient, username: `user${recipient}`, discriminator: '0', global_name: null, avatar: null },
        ],
      });
    }
    if (method === 'POST' && (m = /^\/v10\/channels\/([^/]+)\/messages$/.exec(path))) {
      const retryAfter = limited.get(m[1] ?? '');
      if (retryAfter !== undefined) {
        // A per-route (not global) limit, as Discord answers it.
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(retryAfter),
          'x-ratelimit-scope': 'user',
        });
        res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: false }));
        return 429;
      }
      const nonce =
        object['enforce_nonce'] === true && typeof object['nonce'] === 'string'
          ? `${m[1] ?? ''}/${object['nonce']}`
          : undefined;
      const earlier = nonce === undefined ? undefined : nonces.get(nonce);
      if (earlier) return json(res, 200, earlier);
      const created: Record<string, unknown> = messageJson(m[1] ?? '', object);
      if (nonce !== undefined) nonces.set(nonce, created);
      return json(res, 200, created);
    }
    if (method === 'POST' && (m = /^\/v10\/channels\/([^/]+)\/messages\/(\d+)\/threads$/.exec(path))) {
      const [, channelId = '', messageId = ''] = m;
      if (threads.has(messageId))
        return json(res, 400, { message: 'A thread has already been created for this message', code: 160004 });
      threads.set(messageId, channelId);
      return json(res, 201, {
        id: messageId,
        type: 11,
        guild_id: guildId,
        parent_id: channelId,
        name: typeof object['name'] === 'string' ? object['name'] : 'thread',
        owner_id: FAKE_APPLICATION_ID,
        message_count: 0,
        member_count: 1,
        thread_metadata: {
          archived: false,
          auto_archive_duration: object['auto_archive_duration'] ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      });
    }
    if (method === 'GET' && (m = /^\/v10\/channels\/([^/]+)\/messages\/([^/]+)$/.exec(path))) {
      const message = messages.get(`${m[1] ?? ''}/${m[2] ?? ''}`);
      return message
        ? json(res, 200, { ...message, channel_id: m[1], type: 0 })
        : json(res, 404, { message: 'Unknown Message', code: 10008 });
    }
    if (method === 'GET' && (m = /^\/v10\/channels\/([^/]+)$/.exec(path))) {
      const id = m[1] ?? '';
      const parent = threads.get(id);
      if (parent)
        return json(res, 200, {
          id,
          type: 11,
          guild_id: guildId,
          parent_id: parent,
          name: 'Tact',
          thread_metadata: {
            archived: false,
            locked: false,
            auto_archive_duration: 1440,
            archive_timestamp: new Date().toISOString(),
          },
        });
      if (id.startsWith('DM-') || snowflakeDms.has(id)) return json(res, 200, { id, type: 1, recipients: [] });
      return json(res, 200, {
        id,
        type: 0,
        guild_id: guildId,
        parent_id: FAKE_CATEGORY_ID,
        name: `channel-${id.slice(-4)}`,
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
      });
    }
    if (method === 'PUT' && /^\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path))
      return json(res, 200, body ?? []);
    return json(res, 404, { message: `404: Not Found (fake Discord has no ${method} ${path})`, code: 0 });
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const raw = await readBody(req);
      const pathname = decodeURIComponent(url.pathname);
      const path = pathname.startsWith('/api/') ? pathname.slice('/api'.length) : pathname;
      const { body, files, fileBytes } = await parseBody(req.headers, raw);
      const call: DiscordCall = {
        method,
        path,
        query: url.search.replace(/^\?/, ''),
        headers: req.headers,
        authorization: req.headers.authorization,
        body,
        files,
        fileBytes,
        status: 0,
      };
      recorded.push(call);
      call.status = pathname.startsWith('/api/')
        ? route(method, path, body, res)
        : json(res, 404, { message: '404: Not Found', code: 0 });
    })().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { message: `fake Discord failed: ${String(error)}`, code: 0 });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const fake: FakeDiscord = {
    apiUrl: `${url}/api`,
    url,
    calls: (filter) => recorded.filter((c) => matches(c, filter)),
    callbacks: (interactionId) =>
      recorded.filter(
        (c) =>
          c.method === 'POST' &&
          /^\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(c.path) &&
          (interactionId === undefined || c.path.startsWith(`/v10/interactions/${interactionId}/`)),
      ),
    webhookCalls: (token) =>
      recorded.filter((c) => c.path.startsWith(`/v10/webhooks/`) && c.path.split('/')[4] === token),
    posted(channelId) {
      return recorded
        .filter((c) => c.method === 'POST' && /^\/v10\/channels\/[^/]+\/messages$/.test(c.path))
        .map((c) => ({ ...c, channelId: c.path.split('/')[3] ?? '', body: c.body as MessageJson }))
        .filter((c) => channelId === undefined || c.channelId === channelId);
    },
    messagesSent() {
      const sent: Array<{ call: DiscordCall; message: Record<string, unknown> }> = [];
      for (const call of recorded) {
        const body = (typeof call.body === 'object' && call.body !== null ? call.body : {}) as Record<string, unknown>;
        if (call.method === 'POST' && /^\/v10\/channels\/[^/]+\/messages$/.test(call.path))
          sent.push({ call, message: body });
        else if (/^\/v10\/webhooks\//.test(call.path) && (call.method === 'POST' || call.method === 'PATCH'))
          sent.push({ call, message: body });
        else if (/\/callback$/.test(call.path)) {
          const data = body['data'];
          // Message callbacks (4, 7) carry a message; deferrals (5, 6) and modals (9) do not.
          if ((body['type'] === 4 || body['type'] === 7) && typeof data === 'object' && data !== null)
            sent.push({ call, message: data as Record<string, unknown> });
        }
      }
      return sent;
    },
    async waitFor(predicate, timeoutMs = 10_000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) {
          const seen = recorded.map((c) => `${c.method} ${c.path}`).join('\n  ');
          throw new Error(`fake Discord: ${what} not met within ${timeoutMs} ms; calls so far:\n  ${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    setApplicationFlags(flags) {
      applicationFlags = flags;
    },
    rejectToken() {
      tokenRejected = true;
    },
    rememberMessage(channelId, message) {
      messages.set(`${channelId}/${message.id}`, message);
    },
    useSnowflakeDmChannels() {
      dmSnowflakes ??= new Map();
    },
    dmChannelOf,
    rateLimit(channelId, retryAfterSeconds) {
      limited.set(channelId, retryAfterSeconds);
    },
    lift(channelId) {
      limited.delete(channelId);
    },
    undeliverable(...ids) {
      for (const id of ids) noDm.add(id);
    },
    notUsers(...ids) {
      for (const id of ids) nonUsers.add(id);
    },
    registerThread(threadId, parentId) {
      threads.set(threadId, parentId);
    },
    clear() {
      recorded = [];
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return fake;
}
