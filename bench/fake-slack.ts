import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A tiny stand-in for Slack on 127.0.0.1: the Web API under /api/<method> (auth.test answers with an
 * identity, every other method with {ok:true}) and response_url targets under /response/<app>/<id>.
 * It counts what it receives so the bench can prove the work after the ack really happened.
 *
 * The bench runs it in a child process (`startFakeSlackProcess`): in production the response_url
 * posts land on Slack's machines, so handling them must not cost the measured app's event loop.
 */
export interface FakeSlackStats {
  /** response_url POSTs received per app */
  responses: Record<string, number>;
  /** the last response_url body per app */
  last: Record<string, string>;
  /** Web API calls received per method */
  apiCalls: Record<string, number>;
}

export interface FakeSlack {
  readonly apiUrl: string;
  responseUrl(app: string, id: string): string;
  /** true once `app` has received `count` response_url posts, false after `timeoutMs` */
  waitForResponses(app: string, count: number, timeoutMs: number): Promise<boolean>;
  stats(): Promise<FakeSlackStats>;
  close(): Promise<void>;
}

const IDENTITY = {
  ok: true,
  url: 'https://bench.slack.invalid/',
  team: 'Bench',
  user: 'tact',
  team_id: 'T1',
  user_id: 'U1',
  bot_id: 'B1',
};

function urls(port: number) {
  const base = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (app: string, id: string) => `${base}/response/${encodeURIComponent(app)}/${encodeURIComponent(id)}`,
  };
}

/** The server itself, in this process. */
export async function startFakeSlack(): Promise<FakeSlack & { port: number }> {
  const stats: FakeSlackStats = { responses: {}, last: {}, apiCalls: {} };
  const waiters = new Set<{ app: string; count: number; done: (ok: boolean) => void }>();

  const notify = (app: string) => {
    for (const waiter of waiters) {
      if (waiter.app === app && (stats.responses[app] ?? 0) >= waiter.count) waiter.done(true);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    };
    if (path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      stats.apiCalls[method] = (stats.apiCalls[method] ?? 0) + 1;
      return json(200, method === 'auth.test' ? IDENTITY : { ok: true });
    }
    const match = /^\/response\/([^/]+)\/[^/]+$/.exec(path);
    if (match && req.method === 'POST') {
      const app = decodeURIComponent(match[1] ?? '');
      stats.responses[app] = (stats.responses[app] ?? 0) + 1;
      stats.last[app] = body;
      json(200, { ok: true });
      notify(app);
      return;
    }
    json(404, { ok: false, error: 'unknown_method' });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    ...urls(port),
    waitForResponses(app, count, timeoutMs) {
      if ((stats.responses[app] ?? 0) >= count) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const waiter = {
          app,
          count,
          done: (ok: boolean) => {
            waiters.delete(waiter);
            clearTimeout(timer);
            resolve(ok);
          },
        };
        const timer = setTimeout(() => waiter.done(false), timeoutMs);
        waiters.add(waiter);
      });
    },
    stats: async () => structuredClone(stats),
    async close() {
      for (const waiter of [...waiters]) waiter.done(false);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Messages between the bench and the child process. */
export type FakeSlackRequest =
  | { id: number; kind: 'wait'; app: string; count: number; timeoutMs: number }
  | { id: number; kind: 'stats' }
  | { id: number; kind: 'close' };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type FakeSlackMessage = { kind: 'ready'; port: number } | { kind: 'reply'; id: number; value: unknown };

/** The same server in a child process (inherits tsx through execArgv), driven over IPC. */
export async function startFakeSlackProcess(): Promise<FakeSlack> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./fake-slack-process.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fake Slack process did not start within 15 s')), 15_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake Slack process exited with ${code}`)));
    child.on('message', (message: FakeSlackMessage) => {
      if (message.kind === 'ready') {
        clearTimeout(timer);
        resolve(message.port);
      } else {
        pending.get(message.id)?.(message.value);
        pending.delete(message.id);
      }
    });
  }).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  void exited.then(() => {
    for (const resolve of pending.values()) resolve(undefined);
    pending.clear();
  });

  const ask = (request: WithoutId<FakeSlackRequest>): Promise<unknown> =>
    new Promise((resolve) => {
      if (!child.connected) return resolve(undefined);
      nextId += 1;
      pending.set(nextId, resolve);
      child.send({ ...request, id: nextId });
    });

  return {
    ...urls(port),
    waitForResponses: async (app, count, timeoutMs) => (await ask({ kind: 'wait', app, count, timeoutMs })) === true,
    stats: async () =>
      ((await ask({ kind: 'stats' })) as FakeSlackStats | undefined) ?? { responses: {}, last: {}, apiCalls: {} },
    async close() {
      if (child.connected) child.send({ id: 0, kind: 'close' } satisfies FakeSlackRequest);
      const killer = setTimeout(() => child.kill(), 2_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
