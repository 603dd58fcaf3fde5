import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readText } from './read-body.js';

/**
 * A fake OpenAI-compatible server on 127.0.0.1 (port 0) for tests. It implements
 * `POST /v1/chat/completions`, records every request body, and answers each call as scripted:
 * `script(...)` queues behaviours for the next calls, in order; once the queue is empty every call
 * gets the `otherwise(...)` behaviour (default: a polite, safe reply).
 */
export type Behaviour =
  /** a normal completion whose content is `{"reply": text}` */
  | { kind: 'reply'; text: string }
  /** a normal completion whose content is this raw string (e.g. prose, or JSON of another shape) */
  | { kind: 'content'; content: string }
  /** a completion with `refusal` set and no content */
  | { kind: 'refusal'; refusal?: string }
  /** an HTTP error: 500, 429, ... with an OpenAI-shaped error body */
  | { kind: 'status'; status: number; message?: string }
  /** accepts the request and never answers, until the server is closed or the client gives up */
  | { kind: 'hang' };

export const behave = {
  reply: (text: string): Behaviour => ({ kind: 'reply', text }),
  /** a review-reply sentence choice: `{"sentences": ids, "tone": tone}` */
  choice: (ids: readonly string[], tone?: 'plain' | 'warm'): Behaviour => ({
    kind: 'content',
    content: JSON.stringify({ sentences: ids, ...(tone ? { tone } : {}) }),
  }),
  malformed: (content = 'Sure! Here is a reply: Thank you for your feedback.'): Behaviour => ({
    kind: 'content',
    content,
  }),
  refusal: (refusal = "I'm sorry, but I can't help with that."): Behaviour => ({ kind: 'refusal', refusal }),
  serverError: (): Behaviour => ({
    kind: 'status',
    status: 500,
    message: 'The server had an error while processing your request.',
  }),
  rateLimited: (): Behaviour => ({ kind: 'status', status: 429, message: 'Rate limit reached for requests' }),
  hang: (): Behaviour => ({ kind: 'hang' }),
};

export const SAFE_MODEL_REPLY =
  'Thank you for sharing this with us. We take every comment seriously and hold ourselves to high standards of courtesy and respect. We would welcome the chance to talk directly: please call our practice manager.';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  /** the parsed JSON body, as the client sent it */
  body: {
    model?: string;
    messages?: ChatMessage[];
    response_format?: { type?: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean } };
    [key: string]: unknown;
  };
  authorization: string | undefined;
  path: string;
  /** what the scripted behaviour was */
  behaviour: Behaviour['kind'];
}

export interface FakeOpenAi {
  /** e.g. http://127.0.0.1:40123/v1, for OPENAI_BASE_URL */
  readonly baseUrl: string;
  readonly url: string;
  /** every chat completion request so far, in order */
  requests(): RecordedRequest[];
  /** behaviours for the next calls, in order */
  script(...behaviours: Behaviour[]): void;
  /** the behaviour once the script is used up */
  otherwise(behaviour: Behaviour): void;
  /** how many requests are being held open by `hang` right now */
  hanging(): number;
  /** polls every 10 ms until `count` requests have arrived; throws after `timeoutMs` */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** forgets requests and the script; the default behaviour is the safe reply again */
  reset(): void;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

let completions = 0;
function completion(model: string, message: Record<string, unknown>): Record<string, unknown> {
  completions += 1;
  return {
    id: `chatcmpl-fake-${completions}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 100, completion_tokens: 40, total_tokens: 140 },
  };
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  let recorded: RecordedRequest[] = [];
  let queue: Behaviour[] = [];
  let fallback: Behaviour = behave.reply(SAFE_MODEL_REPLY);
  const held = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const text = await readText(req);
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        return json(res, 404, {
          error: { message: `fake OpenAI: no route ${req.method ?? ''} ${path}`, type: 'invalid_request_error' },
        });
      }
      let body: RecordedRequest['body'];
      try {
        body = JSON.parse(text) as RecordedRequest['body'];
      } catch {
        return json(res, 400, { error: { message: 'fake OpenAI: body is not JSON', type: 'invalid_request_error' } });
      }
      const behaviour = queue.shift() ?? fallback;
      recorded.push({ body, authorization: req.headers.authorization, path, behaviour: behaviour.kind });
      const model = typeof body.model === 'string' ? body.model : 'fake-model';
      switch (behaviour.kind) {
        case 'reply':
          return json(
            res,
            200,
            completion(model, { content: JSON.stringify({ reply: behaviour.text }), refusal: null }),
          );
        case 'content':
          return json(res, 200, completion(model, { content: behaviour.content, refusal: null }));
        case 'refusal':
          return json(
            res,
            200,
            completion(model, { content: null, refusal: behaviour.refusal ?? "I can't help with that." }),
          );
        case 'status':
          return json(res, behaviour.status, {
            error: {
              message: behaviour.message ?? `fake OpenAI: status ${behaviour.status}`,
              type: behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error',
              code: behaviour.status === 429 ? 'rate_limit_exceeded' : null,
            },
          });
        case 'hang':
          held.add(res);
          res.on('close', () => held.delete(res));
          return;
      }
    })().catch(() => {
      if (!res.headersSent) json(res, 500, { error: { message: 'fake OpenAI failed', type: 'server_error' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${url}/v1`,
    url,
    requests: () => [...recorded],
    script(...behaviours) {
      queue.push(...behaviours);
    },
    otherwise(behaviour) {
      fallback = behaviour;
    },
    hanging: () => held.size,
    async waitForRequests(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (recorded.length < count) {
        if (Date.now() > deadline)
          throw new Error(`fake OpenAI: ${recorded.length} of ${count} requests within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      recorded = [];
      queue = [];
      fallback = behave.reply(SAFE_MODEL_REPLY);
    },
    async close() {
      for (const res of held) res.destroy();
      held.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
