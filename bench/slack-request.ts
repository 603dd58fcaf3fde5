import { createHmac } from 'node:crypto';
import { request, type Agent } from 'node:http';
import { performance } from 'node:perf_hooks';

/** Builds and sends a signed slash command the way Slack does, and times the HTTP round trip. */
export interface SlashCommand {
  command: string;
  text: string;
  userId: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
}

export function commandBody(c: SlashCommand): string {
  return new URLSearchParams({
    token: 'bench-verification-token',
    team_id: 'T1',
    team_domain: 'bench',
    channel_id: c.channelId,
    channel_name: 'front-desk',
    user_id: c.userId,
    user_name: 'bench-user',
    command: c.command,
    text: c.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  }).toString();
}

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface Timed {
  status: number;
  ms: number;
  body: string;
}

/** POSTs a signed form body to http://127.0.0.1:<port>/slack/events; `ms` runs from send to the last byte. */
export function postSigned(agent: Agent, port: number, secret: string, body: string): Promise<Timed> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': Buffer.byteLength(body),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(secret, timestamp, body),
  };
  return new Promise<Timed>((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/slack/events', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
