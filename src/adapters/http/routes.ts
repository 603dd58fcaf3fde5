import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { JobQueue } from '../../jobs/queue.js';
import type { Storage } from '../../storage.js';

/**
 * HTTP routes beside Slack's: served by Bolt's receiver (customRoutes) when Slack runs over HTTP,
 * or by a plain server of their own otherwise, so one port serves everything.
 */
export interface Route {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function healthRoute(storage: Storage, jobs: Pick<JobQueue, 'health'>): Route {
  return {
    path: '/healthz',
    method: ['GET'],
    async handler(_req, res) {
      const queue = jobs.health();
      const jobEngine = { engine: queue.engine, ok: queue.ok };
      try {
        await storage.ping();
      } catch {
        // the cause may name the host; /healthz is often public, so it says only the state
        return sendJson(res, 503, { ok: false, store: 'unreachable', error: 'store unreachable', jobs: jobEngine });
      }
      sendJson(res, queue.ok ? 200 : 503, {
        ok: queue.ok,
        store: 'ok',
        ...(queue.ok ? {} : { error: 'job engine unreachable' }),
        jobs: jobEngine,
      });
    },
  };
}

export async function startHttpServer(routes: readonly Route[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path);
    if (!route) return sendJson(res, 404, { ok: false, error: 'not found' });
    if (!route.method.includes(req.method ?? '')) return sendJson(res, 405, { ok: false, error: 'method not allowed' });
    Promise.resolve(route.handler(req, res)).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
  return server;
}
