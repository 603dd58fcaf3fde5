import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.js';

/**
 * A fake Slack Web API on 127.0.0.1 for end-to-end tests. Point the app's `SLACK_API_URL` at
 * `apiUrl` and use `responseUrl(...)` as a slash command's `response_url`; every call is recorded
 * with its body parsed (form or JSON; `blocks`, `view` and friends decoded from their JSON strings).
 * Posted messages are kept per channel (with their `metadata`) and served by `conversations.history`
 * (top-level ones) and `conversations.replies` (a thread); a message to a user id lands in that
 * user's DM channel, `D<user id>`, which `conversations.open` gives.
 */
export interface ApiCall {
  /** Web API method, e.g. `chat.postMessage` */
  method: string;
  body: Record<string, unknown>;
  /** the Authorization header, if any */
  authorization: string | undefined;
  /** the HTTP status the fake answered (429 while the channel is rate-limited) */
  status: number;
}

export interface ResponseUrlCall {
  /** the part of the path after `/response/` */
  id: string;
  body: Record<string, unknown>;
}

/** Form fields the Web API client sends as JSON strings. */
const JSON_FIELDS = new Set([
  'blocks',
  'view',
  'attachments',
  'metadata',
  'unfurls',
  'options',
  'option_groups',
  'user_auth_blocks',
  'files',
]);

/** A file uploaded the files.uploadV2 way and shared by files.completeUploadExternal. */
export interface FakeUpload {
  fileId: string;
  filename: string;
  title: string | undefined;
  /** where it was shared; undefined: uploaded but shared nowhere */
  channelId: string | undefined;
  threadTs: string | undefined;
  initialComment: string | undefined;
  bytes: Buffer;
}

export interface FakeSlack {
  /** base of the Web API, ending in `/api/` */
  readonly apiUrl: string;
  /** base URL of the server, e.g. `http://127.0.0.1:40123` */
  readonly url: string;
  /** a URL to use as a slash command's `response_url` */
  responseUrl(id?: string): string;
  /** every Web API call so far, in order; only those of one method when given */
  calls(method?: string): ApiCall[];
  /** every POST to a response_url so far, in order */
  responses(): ResponseUrlCall[];
  /** files completed by files.completeUploadExternal, in order, with the bytes POSTed to their upload URL */
  uploads(): FakeUpload[];
  /** every text and block sent anywhere (Web API and response_url), as JSON strings */
  everythingSent(): string[];
  /** answer the next calls of `method` with this body instead of the default (until `reset`) */
  answer(method: string, body: Record<string, unknown>): void;
  /** messages to `channel` (chat.postMessage, chat.postEphemeral) get `429 Retry-After` until `lift` */
  rateLimit(channel: string, retryAfterSeconds: number): void;
  lift(channel: string): void;
  /**
   * Runs `hook` on every chat.postMessage the fake has taken (kept in its channel), before it
   * answers: a test can kill the app there, between "Slack took it" and the app hearing so.
   */
  onPost(hook: ((call: ApiCall) => void | Promise<void>) | undefined): void;
  /** polls every 10 ms until the predicate holds; throws after `timeoutMs` */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** forgets recorded calls and custom answers */
  reset(): void;
  close(): Promise<void>;
}

function decodeJsonFields(fields: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && JSON_FIELDS.has(key)) {
      try {
        result[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the raw string: a test will see it was not JSON
      }
    }
    result[key] = value;
  }
  return result;
}

export function parseRequestBody(contentType: string | undefined, text: string): Record<string, unknown> {
  if (text === '') return {};
  if (contentType?.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null
      ? decodeJsonFields(parsed as Record<string, unknown>)
      : { value: parsed };
  }
  return decodeJsonFields(Object.fromEntries(new URLSearchParams(text)));
}

/**
 * The bytes POSTed to an upload URL: Slack takes the raw body or a multipart form with the file
 * (the Web API client sends a form with one part), so the first part's content is the file.
 */
async function uploadedBytes(contentType: string | undefined, raw: Buffer): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://fake/upload', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const [first] = [...form.values()];
  return typeof first === 'string' || first === undefined
    ? Buffer.from(first ?? '')
    : Buffer.from(await first.arrayBuffer());
}

let counter = 0;
const ts = () => {
  counter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}`;
};

/** A message the fake holds in a channel, for `conversations.history`. */
interface HeldMessage {
  ts: string;
  text: unknown;
  metadata: unknown;
  /** the parent's ts, for a reply in a thread */
  threadTs: string | undefined;
}

/** The DM channel the fake gives a user id (`U…`/`W…`); other ids are channels already. */
function channelOf(id: string): string {
  return /^[UW][A-Z0-9]+$/.test(id) ? `D${id}` : id;
}

/**
 * `conversations.history` (top-level messages) and `conversations.replies` (the thread under `ts`)
 * as Slack answers them: newest first, messages after `oldest` (exclusive), `metadata` only with
 * `include_all_metadata`; one page (`has_more: false`).
 */
function history(
  held: readonly HeldMessage[],
  body: Record<string, unknown>,
  thread?: string,
): Record<string, unknown> {
  const oldest = Number(body['oldest'] ?? 0);
  const withMetadata = String(body['include_all_metadata']) === 'true';
  const messages = held
    .filter((m) => Number(m.ts) > oldest && (thread === undefined ? m.threadTs === undefined : m.threadTs === thread))
    .reverse()
    .map((m) => ({
      type: 'message',
      ts: m.ts,
      text: m.text,
      bot_id: 'BBOT',
      ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
    }));
  return { ok: true, messages, has_more: false };
}

function defaultAnswer(method: string, body: Record<string, unknown>): Record<string, unknown> {
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://tact-test.slack.com/',
        team: 'Tact Test',
        user: 'tact',
        team_id: 'T1',
        user_id: 'UBOT',
        bot_id: 'BBOT',
      };
    case 'conversations.open':
      return { ok: true, channel: { id: channelOf(String(body['users'])) } };
    case 'chat.postMessage': {
      const at = ts();
      return {
        ok: true,
        channel: channelOf(String(body['channel'])),
        ts: at,
        message: { type: 'message', text: body['text'], ts: at, bot_id: 'BBOT' },
      };
    }
    case 'chat.postEphemeral':
      return { ok: true, message_ts: ts() };
    case 'views.open': {
      const view = typeof body['view'] === 'object' && body['view'] !== null ? body['view'] : {};
      counter += 1;
      return { ok: true, view: { ...view, id: `VFAKE${counter}`, team_id: 'T1', app_id: 'A1', bot_id: 'BBOT' } };
    }
    default:
      return { ok: true };
  }
}

/** The methods Slack rate-limits per channel. */
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral']);

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeSlack(): Promise<FakeSlack> {
  let apiCalls: ApiCall[] = [];
  let responseCalls: ResponseUrlCall[] = [];
  let answers = new Map<string, Record<string, unknown>>();
  const limited = new Map<string, number>();
  /** channel -> messages posted there, oldest first */
  const channels = new Map<string, HeldMessage[]>();
  let postHook: ((call: ApiCall) => void | Promise<void>) | undefined;
  const read = (method: string, body: Record<string, unknown>): Record<string, unknown> | undefined => {
    const held = channels.get(String(body['channel'])) ?? [];
    if (method === 'conversations.history') return history(held, body);
    if (method === 'conversations.replies') return history(held, body, String(body['ts']));
    return undefined;
  };

  // files.uploadV2 is three steps: files.getUploadURLExternal gives a URL and a file id, the bytes
  // are POSTed to that URL, files.completeUploadExternal shares the files (Slack checks the length).
  let uploadedFiles: FakeUpload[] = [];
  const pending = new Map<string, { filename: string; length: number; bytes?: Buffer }>();
  let fileIds = 0;
  const receiveUpload = (path: string, raw: Buffer, res: ServerResponse): void => {
    const file = pending.get(path.slice('/upload/'.length));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('unknown upload');
      return;
    }
    file.bytes = raw;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${raw.length}`);
  };
  const fileAnswer = (method: string, body: Record<string, unknown>): Record<string, unknown> | undefined => {
    if (method === 'files.getUploadURLExternal') {
      const length = Number(body['length']);
      if (!body['filename'] || !Number.isInteger(length) || length <= 0)
        return { ok: false, error: 'invalid_arguments' };
      fileIds += 1;
      const fileId = `F${String(fileIds).padStart(6, '0')}`;
      pending.set(fileId, { filename: String(body['filename']), length });
      return { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId };
    }
    if (method === 'files.completeUploadExternal') {
      const files = Array.isArray(body['files']) ? (body['files'] as Array<{ id?: string; title?: string }>) : [];
      const ready = files.map((f) => ({ ...f, upload: pending.get(String(f.id)) }));
      if (!ready.length || ready.some((f) => f.upload?.bytes?.length !== f.upload?.length))
        return { ok: false, error: 'file_upload_size_mismatch' };
      const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
      for (const f of ready) {
        pending.delete(String(f.id));
        uploadedFiles.push({
          fileId: String(f.id),
          filename: f.upload?.filename ?? '',
          title: f.title,
          channelId: str('channel_id'),
          threadTs: str('thread_ts'),
          initialComment: str('initial_comment'),
          bytes: f.upload?.bytes ?? Buffer.alloc(0),
        });
      }
      return { ok: true, files: ready.map((f) => ({ id: f.id, title: f.title })) };
    }
    return undefined;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const raw = await readBody(req);
      if (req.method === 'POST' && path.startsWith('/upload/'))
        return receiveUpload(path, await uploadedBytes(req.headers['content-type'], raw), res);
      const text = raw.toString('utf8');
      let body: Record<string, unknown>;
      try {
        body = parseRequestBody(req.headers['content-type'], text);
      } catch {
        return send(res, 400, { ok: false, error: 'invalid_body' });
      }
      if (req.method === 'POST' && path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const retryAfter = MESSAGE_METHODS.has(method) ? limited.get(String(body['channel'])) : undefined;
        const call: ApiCall = {
          method,
          body,
          authorization: req.headers.authorization,
          status: retryAfter === undefined ? 200 : 429,
        };
        apiCalls.push(call);
        if (retryAfter !== undefined) {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
          return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        }
        const answer =
          answers.get(method) ?? read(method, body) ?? fileAnswer(method, body) ?? defaultAnswer(method, body);
        if (method === 'chat.postMessage' && answer['ok'] === true && typeof answer['ts'] === 'string') {
          const channel = channelOf(String(body['channel']));
          const threadTs = typeof body['thread_ts'] === 'string' ? body['thread_ts'] : undefined;
          channels.set(channel, [
            ...(channels.get(channel) ?? []),
            { ts: answer['ts'], text: body['text'], metadata: body['metadata'], threadTs },
          ]);
          await postHook?.(call);
        }
        return send(res, 200, answer);
      }
      if (req.method === 'POST' && path.startsWith('/response/')) {
        responseCalls.push({ id: path.slice('/response/'.length), body });
        return send(res, 200, { ok: true });
      }
      send(res, 404, { ok: false, error: 'unknown_path' });
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: 'fake_failed' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let responseIds = 0;

  return {
    apiUrl: `${url}/api/`,
    url,
    responseUrl(id) {
      responseIds += 1;
      return `${url}/response/${id ?? `R${responseIds}`}`;
    },
    calls: (method) => (method === undefined ? [...apiCalls] : apiCalls.filter((c) => c.method === method)),
    responses: () => [...responseCalls],
    uploads: () => [...uploadedFiles],
    everythingSent() {
      const sent: string[] = [];
      for (const call of apiCalls) sent.push(JSON.stringify(call.body));
      for (const call of responseCalls) sent.push(JSON.stringify(call.body));
      return sent;
    },
    answer(method, body) {
      answers.set(method, body);
    },
    rateLimit(channel, retryAfterSeconds) {
      limited.set(channel, retryAfterSeconds);
    },
    lift(channel) {
      limited.delete(channel);
    },
    onPost(hook) {
      postHook = hook;
    },
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      apiCalls = [];
      responseCalls = [];
      uploadedFiles = [];
      pending.clear();
      answers = new Map();
      limited.clear();
      channels.clear();
      postHook = undefined;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
