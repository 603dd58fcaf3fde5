import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  blockActionsPayload,
  messageEventPayload,
  newTriggerId,
  nowSeconds,
  postEvent,
  postInteraction,
  postSigned,
  slackSignature,
  slashCommandBody,
} from '../../doubles/slack-request.js';
import { POSTGRES_MODE } from '../../doubles/test-store.js';
import { MANAGERS, SIGNING_SECRET, STAFF, removeTempDirs, startTact, type TactUnderTest } from './harness.js';
import { slackOf } from '../../doubles/chat-adapters.js';

/** What reaches /slack/events: only signed, fresh requests, each handled once; /healthz beside it. */
let tact: TactUnderTest | undefined;

afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

const apiCallsBeyondStartup = (t: TactUnderTest) => t.fake.calls().filter((c) => c.method !== 'auth.test');

async function expectNothingStored(t: TactUnderTest): Promise<void> {
  const all = await t.command(MANAGERS[0], 'list all');
  expect(all.text).toContain('All complaints: 0');
}

describe('request verification', () => {
  it('a forged signature gets 401, and Tact neither answers nor stores anything', async () => {
    tact = await startTact();
    const forged = await tact.command(STAFF, 'P-2001 billing: charged twice', {
      sign: { signature: slackSignature('not-the-signing-secret', nowSeconds(), 'whatever') },
    });
    expect(forged.http.status).toBe(401);
    expect(forged.replies).toEqual([]);
    expect(tact.fake.responses()).toEqual([]);
    expect(apiCallsBeyondStartup(tact)).toEqual([]);
    await expectNothingStored(tact);
  });

  it('a body changed after signing gets 401', async () => {
    tact = await startTact();
    const timestamp = nowSeconds();
    const signedFor = slashCommandBody({
      command: '/complaint',
      text: 'help',
      user_id: STAFF,
      response_url: tact.fake.responseUrl(),
    });
    const tampered = signedFor.replace('text=help', 'text=P-1+billing%3A+charged+twice');
    const response = await postSigned(tact.target, tampered, {
      timestamp,
      signature: slackSignature(SIGNING_SECRET, timestamp, signedFor),
    });
    expect(response.status).toBe(401);
    expect(tact.fake.responses()).toEqual([]);
    await expectNothingStored(tact);
  });

  it('a correctly signed request older than five minutes gets 401', async () => {
    tact = await startTact();
    const stale = await tact.command(STAFF, 'P-2001 billing: charged twice', {
      sign: { timestamp: nowSeconds() - 6 * 60 },
    });
    expect(stale.http.status).toBe(401);
    expect(stale.replies).toEqual([]);
    expect(apiCallsBeyondStartup(tact)).toEqual([]);
    await expectNothingStored(tact);
  });

  it('a correctly signed request timestamped ten minutes in the future gets 401, before any handler runs', async () => {
    tact = await startTact();
    const future = await tact.command(STAFF, 'P-2001 billing: charged twice', {
      sign: { timestamp: nowSeconds() + 10 * 60 },
    });
    expect(future.http.status).toBe(401);
    expect(future.http.text).toBe('');
    expect(future.replies).toEqual([]);
    expect(tact.fake.responses()).toEqual([]);
    expect(apiCallsBeyondStartup(tact)).toEqual([]);
    expect(
      tact.logs.some(
        (l) => l.level === 'warn' && l.message.includes('timestamped more than five minutes in the future'),
      ),
    ).toBe(true);
    await expectNothingStored(tact);
  });

  it('a future-dated event or button press is refused the same way', async () => {
    tact = await startTact();
    const timestamp = nowSeconds() + 6 * 60;
    const event = await postEvent(
      tact.target,
      messageEventPayload({ eventId: 'Ev0FUTURE1', userId: STAFF, text: 'hello' }),
      { timestamp },
    );
    expect(event.status).toBe(401);
    const press = await postInteraction(
      tact.target,
      blockActionsPayload({ userId: MANAGERS[0], actionId: 'media.claim', value: 'M-1' }),
      { timestamp },
    );
    expect(press.status).toBe(401);
    expect(apiCallsBeyondStartup(tact)).toEqual([]);
  });

  it('a small clock difference is still accepted: four minutes ahead, and four minutes old', async () => {
    tact = await startTact();
    const ahead = await tact.command(STAFF, 'P-2001 billing: charged twice', {
      sign: { timestamp: nowSeconds() + 4 * 60 },
    });
    expect(ahead.http.status).toBe(200);
    expect(ahead.text).toContain('Logged C-1');
    const behind = await tact.command(STAFF, 'P-2002 billing: charged twice', {
      sign: { timestamp: nowSeconds() - 4 * 60 },
    });
    expect(behind.text).toContain('Logged C-2');
  });

  it('other routes on the port are not Slack requests: /healthz answers whatever the timestamp header says', async () => {
    tact = await startTact();
    const health = await fetch(`${tact.target.baseUrl}/healthz`, {
      headers: { 'x-slack-request-timestamp': String(nowSeconds() + 3_600) },
    });
    expect(health.status).toBe(200);
  });

  it('a signed request without a timestamp header gets 401', async () => {
    tact = await startTact();
    const body = slashCommandBody({
      command: '/complaint',
      text: 'P-1 billing: x y z',
      user_id: STAFF,
      response_url: tact.fake.responseUrl(),
    });
    const response = await fetch(`${tact.target.baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-signature': slackSignature(SIGNING_SECRET, 0, body),
      },
      body,
    });
    expect(response.status).toBe(401);
    await expectNothingStored(tact);
  });
});

describe('repeated deliveries', () => {
  it('the same slash command delivered twice (same trigger_id) creates one record and one answer', async () => {
    tact = await startTact();
    const trigger_id = newTriggerId();
    const first = await tact.command(STAFF, 'P-2001 billing: charged twice for filler', { trigger_id });
    const again = await tact.command(STAFF, 'P-2001 billing: charged twice for filler', { trigger_id });
    expect(first.http.status).toBe(200);
    expect(again.http.status).toBe(200);
    expect(first.text).toContain('Logged C-1');
    expect(again.replies).toEqual([]);
    const all = (await tact.command(MANAGERS[0], 'list all')).text;
    expect(all).toContain('All complaints: 1');
    expect(all).not.toContain('C-2');
    // A second real complaint for the same patient would have escalated; the repeat did not count.
    expect((await tact.command(MANAGERS[0], 'show C-1')).text).toContain('C-1 · legitimate');
  });

  it('the same text with a new trigger_id is a new complaint', async () => {
    tact = await startTact();
    await tact.command(STAFF, 'P-2001 billing: charged twice for filler');
    const second = await tact.command(STAFF, 'P-2001 billing: charged twice for filler');
    expect(second.text).toContain('Logged C-2');
  });
});

describe('health', () => {
  it('GET /healthz answers 200 on the Slack port', async () => {
    tact = await startTact();
    const response = await fetch(`${tact.target.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    // on PostgreSQL the tests run due jobs by hand, on an in-process queue
    const engine = POSTGRES_MODE ? 'in-process (memory)' : 'in-process (SQLite)';
    expect(await response.json()).toEqual({ ok: true, store: 'ok', jobs: { engine, ok: true } });
  });

  it('the Slack endpoint and health share one port chosen by PORT=0', async () => {
    tact = await startTact();
    expect(slackOf(tact.running)?.mode).toBe('http');
    expect(slackOf(tact.running)?.routesPort).toBeGreaterThan(0);
    expect(tact.running.http).toBeUndefined();
  });
});
