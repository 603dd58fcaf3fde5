import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../log.js';

/**
 * Slack signs a request together with its timestamp so that a captured request cannot be replayed
 * later. Bolt refuses a timestamp more than five minutes old but accepts any future one, so a
 * request signed with a clock set ahead (or captured and held) would stay valid for as long as its
 * timestamp lies ahead. Tact refuses both sides the same way: 401, no body, before Bolt or any
 * handler sees the request.
 */
export const MAX_SKEW_SECONDS = 5 * 60;

/** True when the header names a second more than five minutes after `nowMs`. */
export function isFromTheFuture(header: string | string[] | undefined, nowMs: number): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const seconds = Number(value);
  // Missing or malformed timestamps are Bolt's to refuse: it answers those with 401 too.
  if (value === undefined || value.trim() === '' || !Number.isFinite(seconds)) return false;
  return seconds > Math.floor(nowMs / 1000) + MAX_SKEW_SECONDS;
}

/** Wraps the receiver's listener: requests to `endpoint` timestamped in the future get 401. */
export function refuseFutureTimestamps(
  listener: RequestListener,
  endpoint: string,
  logger: Logger,
  now: () => number = Date.now,
): RequestListener<typeof IncomingMessage, typeof ServerResponse> {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === endpoint && isFromTheFuture(req.headers['x-slack-request-timestamp'], now())) {
      logger.warn('refused a Slack request timestamped more than five minutes in the future', { status: 401 });
      res.writeHead(401);
      res.end();
      return;
    }
    listener(req, res);
  };
}
