import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lastSequence } from '../../../src/storage.js';
import { start, type Running } from '../../../src/main.js';
import { removeTempDirs, startTact, tempDir, textsOf, type TactUnderTest } from '../slack/harness.js';
import { slackOf } from '../../doubles/chat-adapters.js';

/**
 * `POST /intake/messages` through the real HTTP stack (Bolt's receiver, custom route, SQLite store,
 * fake Slack): 201 and a masked notice in the first inbox channel; 401 / 400 / 413 store nothing;
 * the same `id` twice makes one inquiry; neither the full number nor the body reaches Slack or a log.
 */
const TOKEN = 'intake-token-0123456789abcdef';
const PHONE = '+1 (555) 867-0142';
const BODY = 'ZEBRAFISH my lips are still swollen after the filler, is that normal?';
const WAIT_MS = 5_000;

let tact: TactUnderTest | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

async function intake(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
): Promise<Answer> {
  const response = await fetch(`${baseUrl}/intake/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A chunked upload (no content-length), for the streaming size check. */
function chunked(baseUrl: string, chunks: string[]): Promise<Answer> {
  const url = new URL(`${baseUrl}/intake/messages`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} }),
        );
      },
    );
    // the server may close the connection as soon as it has answered
    req.on('error', (error) =>
      (error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET'
        ? undefined
        : reject(error),
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

async function startWithIntake(env: Record<string, string> = {}) {
  tact = await startTact({ env: { TACT_INTAKE_TOKEN: TOKEN, TACT_INBOX_CHANNELS: 'CINBOX', ...env } });
  return tact;
}

async function nothingStored(t: TactUnderTest): Promise<void> {
  expect(await lastSequence(t.running.services.storage, 'inquiry')).toBe(0);
  expect(await t.running.services.inquiries.get(1)).toBeUndefined();
  expect(await t.running.services.inquiries.open()).toEqual([]);
  expect(t.fake.calls('chat.postMessage')).toEqual([]);
}

function noticesIn(t: TactUnderTest, channel: string) {
  return t.fake
    .calls('chat.postMessage')
    .filter((c) => c.body['channel'] === channel && c.body['thread_ts'] === undefined);
}

async function tracked(t: TactUnderTest, number: number): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await t.running.services.inquiries.get(number))?.chatMessageId) {
    if (Date.now() > deadline) throw new Error(`I-${number} was not attached to its notice within ${WAIT_MS} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('POST /intake/messages', () => {
  it('201: creates I-1 and posts a masked notice in the inbox channel; no full number or body anywhere', async () => {
    const t = await startWithIntake();
    const answer = await intake(t.target.baseUrl, { channel: 'text', from: PHONE, text: BODY, id: 'ring-1' });
    expect(answer).toEqual({ status: 201, json: { ok: true, inquiry: 'I-1' } });

    await t.fake.waitFor(() => noticesIn(t, 'CINBOX').length === 1, WAIT_MS);
    await tracked(t, 1);
    const notice = noticesIn(t, 'CINBOX')[0]!;
    const words = textsOf(notice.body).join('\n');
    expect(words).toContain('New text message · I-1 · ***-***-0142.');
    expect(words).toContain('Patient texted: reply by text.');
    const buttons = (
      notice.body['blocks'] as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>
    ).find((b) => b.type === 'actions');
    expect(buttons?.elements?.map((e) => [e.action_id, e.value])).toEqual([
      ['inquiry.claim', 'I-1'],
      ['inquiry.answer', 'I-1'],
      ['inquiry.doctor', 'I-1'],
      ['inquiry.nervous', 'I-1'],
    ]);

    const inquiry = await t.running.services.inquiries.get(1);
    expect(inquiry).toMatchObject({
      id: 'I-1',
      channel: 'text',
      contact: '***-***-0142',
      origin: 'intake',
      status: 'open',
      chatChannelId: 'slack:CINBOX',
    });
    expect(inquiry?.link).toMatch(/^https:\/\/slack\.com\/archives\/CINBOX\/p\d+$/);

    const sent = t.fake.everythingSent().join('\n');
    const logged = JSON.stringify(t.logs);
    for (const haystack of [sent, logged, JSON.stringify(inquiry)]) {
      expect(haystack).not.toContain('ZEBRAFISH');
      expect(haystack).not.toContain('swollen');
      expect(haystack).not.toMatch(/867[\s.-]?0142|5558670142|\(555\)/);
    }
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a message with emergency signs pages the person on call, and its notice thread says who and what to tell the patient', async () => {
    const t = await startWithIntake({ TACT_ONCALL: 'Sun-Sat UDRONCALL' });
    const text = 'ZEBRAFISH having trouble breathing and my face is swelling up after the injection';
    const answer = await intake(t.target.baseUrl, { channel: 'text', from: PHONE, text, id: 'ring-urgent' });
    expect(answer.status).toBe(201);
    await t.fake.waitFor(
      () => t.fake.calls('chat.postMessage').some((c) => c.body['channel'] === 'UDRONCALL'),
      WAIT_MS,
    );
    await tracked(t, 1);
    const noticeTs = (await t.running.services.inquiries.get(1))?.chatMessageId;
    expect(noticeTs).toBeDefined();
    const thread = () =>
      t.fake
        .calls('chat.postMessage')
        .filter((c) => c.body['channel'] === 'CINBOX' && c.body['thread_ts'] === noticeTs);
    await t.fake.waitFor(() => thread().length > 0, WAIT_MS);
    const words = thread()
      .flatMap((c) => textsOf(c.body))
      .join('\n');
    expect(words).toContain('Urgent (trouble breathing');
    expect(words).toContain('Paging UDRONCALL (on call) now');
    expect(words).toContain('Tell the patient:');
    expect((await t.running.services.inquiries.get(1))?.signs).toContain('trouble breathing');
    expect(t.fake.everythingSent().join('\n')).not.toContain('ZEBRAFISH');
  });

  it('takes the channel in staff words, the patient reference and the receipt time', async () => {
    const t = await startWithIntake();
    const receivedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const answer = await intake(t.target.baseUrl, {
      channel: 'Voicemail',
      from: '555-867-0142',
      text: '',
      receivedAt,
      patientRef: 'P-12',
    });
    expect(answer.status).toBe(201);
    const missed = await intake(t.target.baseUrl, { channel: 'missed', from: 'front line', text: 'x' });
    expect(missed.status).toBe(201);
    await t.fake.waitFor(() => noticesIn(t, 'CINBOX').length === 2, WAIT_MS);
    expect(await t.running.services.inquiries.get(1)).toMatchObject({
      channel: 'voicemail',
      patientRef: 'P-12',
      receivedAt,
    });
    expect((await t.running.services.inquiries.get(2))?.channel).toBe('voicemail');
    expect(textsOf(noticesIn(t, 'CINBOX')[0]?.body).join('\n')).toContain('patient P-12, ***-***-0142');
  });

  it('wantsDoctor: true, or the words of the text, flag it and send it to the provider by DM', async () => {
    const t = await startWithIntake({ TACT_PROVIDERS: 'UDR1' });
    const flagged = await intake(t.target.baseUrl, { channel: 'web-form', from: PHONE, text: 'x', wantsDoctor: true });
    expect(flagged.status).toBe(201);
    const words = await intake(t.target.baseUrl, {
      channel: 'email',
      from: 'pat@example.com',
      text: 'Bonjour, je veux parler au médecin, merci',
    });
    expect(words.status).toBe(201);
    const plain = await intake(t.target.baseUrl, { channel: 'text', from: PHONE, text: "doctor's note for work" });
    expect(plain.status).toBe(201);
    const dms = () => t.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === 'UDR1');
    await t.fake.waitFor(() => dms().length === 2, WAIT_MS);
    expect((await t.running.services.inquiries.get(1))?.wantsDoctor?.how).toBe('intake');
    expect((await t.running.services.inquiries.get(2))?.wantsDoctor?.how).toBe('words');
    expect((await t.running.services.inquiries.get(3))?.wantsDoctor).toBeUndefined();
    expect(textsOf(dms().map((c) => c.body)).join('\n')).not.toContain('parler');
    const bad = await intake(t.target.baseUrl, { channel: 'text', from: PHONE, text: 'x', wantsDoctor: 'yes' });
    expect(bad.status).toBe(400);
  });

  it('the same id twice makes one inquiry and one notice; the second answer says duplicate', async () => {
    const t = await startWithIntake();
    const message = { channel: 'sms', from: PHONE, text: BODY, id: 'ringcentral-msg-42' };
    expect(await intake(t.target.baseUrl, message)).toEqual({ status: 201, json: { ok: true, inquiry: 'I-1' } });
    await t.fake.waitFor(() => noticesIn(t, 'CINBOX').length === 1, WAIT_MS);
    const again = await intake(t.target.baseUrl, message);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ok: true, duplicate: true, inquiry: 'I-1' });
    // a different id is a different message
    expect((await intake(t.target.baseUrl, { ...message, id: 'ringcentral-msg-43' })).json).toEqual({
      ok: true,
      inquiry: 'I-2',
    });
    await t.fake.waitFor(() => noticesIn(t, 'CINBOX').length === 2, WAIT_MS);
    await new Promise((r) => setTimeout(r, 200));
    expect(noticesIn(t, 'CINBOX')).toHaveLength(2);
    expect((await t.running.services.inquiries.open()).map((i) => i.id)).toEqual(['I-1', 'I-2']);
  });

  it('the same id sent twice at once still makes one inquiry', async () => {
    const t = await startWithIntake();
    const message = { channel: 'text', from: PHONE, text: BODY, id: 'burst-1' };
    const answers = await Promise.all([
      intake(t.target.baseUrl, message),
      intake(t.target.baseUrl, message),
      intake(t.target.baseUrl, message),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect((await t.running.services.inquiries.open()).map((i) => i.id)).toEqual(['I-1']);
  });

  it('401 for a wrong, missing or malformed token; nothing stored', async () => {
    const t = await startWithIntake();
    const message = { channel: 'text', from: PHONE, text: BODY };
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcd' },
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
      { authorization: `Bearer ${TOKEN}x` },
    ];
    for (const headers of attempts) {
      const answer = await intake(t.target.baseUrl, message, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.json['ok']).toBe(false);
    }
    await nothingStored(t);
  });

  it('400 naming each bad field; nothing stored', async () => {
    const t = await startWithIntake();
    const bad = await intake(t.target.baseUrl, { channel: 'pigeon', from: '', text: BODY });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json['fields'] as object).sort()).toEqual(['channel', 'from']);
    expect(bad.json['error']).toBe('invalid fields: channel, from');
    expect((bad.json['fields'] as Record<string, string>)['channel']).toContain('one of text, phone, voicemail');

    const missing = await intake(t.target.baseUrl, {});
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.json['fields'] as object).sort()).toEqual(['channel', 'from', 'text']);

    const types = await intake(t.target.baseUrl, {
      channel: 'text',
      from: PHONE,
      text: 42,
      receivedAt: 'yesterday',
      patientRef: 'x'.repeat(41),
      id: '',
    });
    expect(types.status).toBe(400);
    expect(Object.keys(types.json['fields'] as object).sort()).toEqual(['id', 'patientRef', 'receivedAt', 'text']);

    const long = await intake(t.target.baseUrl, { channel: 'text', from: PHONE, text: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(Object.keys(long.json['fields'] as object)).toEqual(['text']);

    const notAnObject = await intake(t.target.baseUrl, [1, 2]);
    expect(notAnObject.status).toBe(400);
    await nothingStored(t);
  });

  it('400 for a body that is not JSON; nothing stored', async () => {
    const t = await startWithIntake();
    const answer = await intake(t.target.baseUrl, '{"channel": "text", "from": ');
    expect(answer).toEqual({ status: 400, json: { ok: false, error: 'the body is not JSON', fields: {} } });
    expect((await intake(t.target.baseUrl, '')).status).toBe(400);
    await nothingStored(t);
  });

  it('413 for a body over 64 KiB, declared or streamed; nothing stored', async () => {
    const t = await startWithIntake();
    const big = JSON.stringify({ channel: 'text', from: PHONE, text: 'x'.repeat(70 * 1024) });
    const declared = await intake(t.target.baseUrl, big);
    expect(declared.status).toBe(413);
    expect(declared.json['ok']).toBe(false);
    const streamed = await chunked(
      t.target.baseUrl,
      Array.from({ length: 80 }, () => 'x'.repeat(1024)),
    );
    expect(streamed.status).toBe(413);
    // a body of exactly 64 KiB is still read (and here rejected as a too-long text, not as too large)
    const edge = JSON.stringify({ channel: 'text', from: PHONE, text: '' });
    const padded = edge.slice(0, -1) + ' '.repeat(64 * 1024 - edge.length) + '}';
    expect(Buffer.byteLength(padded)).toBe(64 * 1024);
    expect((await intake(t.target.baseUrl, padded)).status).toBe(201);
    await t.fake.waitFor(() => noticesIn(t, 'CINBOX').length === 1, WAIT_MS);
    expect((await t.running.services.inquiries.open()).map((i) => i.id)).toEqual(['I-1']);
  });

  it('without TACT_INTAKE_TOKEN the route does not exist', async () => {
    tact = await startTact({ env: { TACT_INBOX_CHANNELS: 'CINBOX' } });
    const response = await fetch(`${tact.target.baseUrl}/intake/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(await tact.running.services.inquiries.get(1)).toBeUndefined();
  });
});

describe('intake in console mode (no chat credentials, PORT set)', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('serves /intake/messages on its own HTTP server and prints the masked notice', async () => {
    const output = new PassThrough();
    let printed = '';
    output.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    const logs: string[] = [];
    running = await start(
      {
        PORT: '0',
        TACT_STORE: `sqlite://${join(await tempDir(), 'console.sqlite')}`,
        TACT_INTAKE_TOKEN: TOKEN,
        TACT_INBOX_CHANNELS: 'CINBOX',
      },
      { print: () => undefined, writeLog: (line) => logs.push(line), consoleOutput: output },
    );
    expect(slackOf(running)).toBeUndefined();
    const port = (running.http!.address() as AddressInfo).port;
    const baseUrl = `http://127.0.0.1:${port}`;
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect(
      await intake(baseUrl, { channel: 'text', from: PHONE, text: BODY }, { authorization: 'Bearer nope' }),
    ).toMatchObject({ status: 401 });
    expect(await intake(baseUrl, { channel: 'text', from: PHONE, text: BODY })).toEqual({
      status: 201,
      json: { ok: true, inquiry: 'I-1' },
    });
    const deadline = Date.now() + WAIT_MS;
    while (!printed.includes('I-1') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(printed).toContain('New text message · I-1 · ***-***-0142.');
    expect(printed + logs.join('\n')).not.toMatch(/ZEBRAFISH|867-0142/);
    expect((await fetch(`${baseUrl}/intake/messages`)).status).toBe(405);
  });
});
