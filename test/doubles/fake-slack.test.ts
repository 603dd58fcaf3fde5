import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';

// The fake must understand what the real Web API client sends, so it is checked with that client.
describe('fake Slack Web API', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack();
  });
  afterEach(async () => {
    await fake.close();
  });

  const client = () => new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });

  it('answers auth.test with the bot identity and records the token', async () => {
    const answer = await client().auth.test();
    expect(answer).toMatchObject({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    expect(fake.calls('auth.test')).toHaveLength(1);
    expect(fake.calls('auth.test')[0]?.authorization).toBe('Bearer xoxb-test');
  });

  it('parses blocks and views sent as JSON strings inside form bodies', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'a & b <c>' } }];
    const posted = await client().chat.postMessage({ channel: 'U1', text: 'hi', blocks });
    expect(posted.ok).toBe(true);
    expect(posted.ts).toEqual(expect.any(String));
    expect(fake.calls('chat.postMessage')[0]?.body).toMatchObject({ channel: 'U1', text: 'hi', blocks });

    const opened = await client().views.open({
      trigger_id: 'T.1',
      view: { type: 'modal', callback_id: 'x', title: { type: 'plain_text', text: 'X' }, blocks: [] },
    });
    expect(opened.view?.id).toEqual(expect.any(String));
    expect(fake.calls('views.open')[0]?.body).toMatchObject({ trigger_id: 'T.1', view: { callback_id: 'x' } });

    const ephemeral = await client().chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'psst' });
    expect(ephemeral.ok).toBe(true);
    expect(await client().reactions.add({ channel: 'C1', timestamp: '1.2', name: 'eyes' })).toMatchObject({ ok: true });
    expect(fake.calls().map((c) => c.method)).toEqual([
      'chat.postMessage',
      'views.open',
      'chat.postEphemeral',
      'reactions.add',
    ]);
  });

  it('records JSON posted to a response_url, and reset forgets everything', async () => {
    const url = fake.responseUrl('abc');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'ok' }),
    });
    expect(response.status).toBe(200);
    expect(fake.responses()).toEqual([{ id: 'abc', body: { text: 'ok' } }]);
    expect(fake.everythingSent().join('\n')).toContain('"text":"ok"');
    fake.reset();
    expect(fake.responses()).toEqual([]);
    expect(fake.calls()).toEqual([]);
  });

  it('waitFor resolves once the predicate holds and gives up after its bound', async () => {
    let ready = false;
    setTimeout(() => (ready = true), 20);
    await fake.waitFor(() => ready, 2_000);
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/not met/);
  });

  it('custom answers replace the default until reset', async () => {
    fake.answer('chat.postMessage', { ok: false, error: 'channel_not_found' });
    await expect(client().chat.postMessage({ channel: 'C9', text: 'x' })).rejects.toThrow(/channel_not_found/);
    fake.reset();
    await expect(client().chat.postMessage({ channel: 'C9', text: 'x' })).resolves.toMatchObject({ ok: true });
  });
});
