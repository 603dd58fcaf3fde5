import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { snowflake } from '../../doubles/discord-payloads.js';
import { startFakeDiscord, type FakeDiscord } from '../../doubles/fake-discord.js';

/**
 * The fake Discord API as discord.js's own REST client sees it: callbacks answered 204 without a
 * content type (which the client must not try to parse), Discord-shaped errors surfacing as
 * DiscordAPIError codes, multipart bodies recorded with their payload_json and file names.
 */
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function client(): Promise<{ fake: FakeDiscord; rest: REST }> {
  fake = await startFakeDiscord();
  return { fake, rest: new REST({ api: fake.apiUrl }).setToken('fake-token') };
}

describe('fake Discord API', () => {
  it('records an interaction callback without Authorization and answers 204 with no content type', async () => {
    const { fake, rest } = await client();
    const id = snowflake();
    await rest.post(Routes.interactionCallback(id, 'tok'), { body: { type: 5, data: { flags: 64 } }, auth: false });
    const [call] = fake.callbacks(id);
    expect(call).toMatchObject({
      method: 'POST',
      path: `/v10/interactions/${id}/tok/callback`,
      authorization: undefined,
      status: 204,
      body: { type: 5, data: { flags: 64 } },
    });
    expect(call?.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers channel messages with new snowflake ids and records the bot token', async () => {
    const { fake, rest } = await client();
    const first = (await rest.post(Routes.channelMessages('123456789012345678'), { body: { content: 'a' } })) as {
      id: string;
    };
    const second = (await rest.post(Routes.channelMessages('123456789012345678'), { body: { content: 'b' } })) as {
      id: string;
    };
    expect(first.id).toMatch(/^\d{17,20}$/);
    expect(second.id).not.toBe(first.id);
    expect(fake.posted('123456789012345678').map((p) => [p.body.content, p.authorization])).toEqual([
      ['a', 'Bot fake-token'],
      ['b', 'Bot fake-token'],
    ]);
  });

  it('a second thread on one message is error 160004; the thread then reports its parent', async () => {
    const { fake, rest } = await client();
    const message = snowflake();
    await rest.post(Routes.threads('200000000000000001', message), { body: { name: 'Tact' } });
    const again = await rest
      .post(Routes.threads('200000000000000001', message), { body: { name: 'Tact' } })
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(DiscordAPIError);
    expect((again as DiscordAPIError).code).toBe(160004);
    expect(await rest.get(Routes.channel(message))).toMatchObject({
      id: message,
      type: 11,
      parent_id: '200000000000000001',
    });
    expect(await rest.get(Routes.channel('200000000000000001'))).toMatchObject({
      type: 0,
      parent_id: expect.any(String),
    });
    expect(fake.calls({ method: 'POST', path: /\/threads$/ }).map((c) => c.status)).toEqual([201, 400]);
  });

  it("DM channels: DM-<user>; refusals shaped like Discord's", async () => {
    const { fake, rest } = await client();
    fake.undeliverable('300000000000000001');
    fake.notUsers('300000000000000002');
    expect(await rest.post(Routes.userChannels(), { body: { recipient_id: '300000000000000003' } })).toMatchObject({
      id: 'DM-300000000000000003',
      type: 1,
    });
    const codes = await Promise.all(
      ['300000000000000001', '300000000000000002', 'UMGR1'].map((id) =>
        rest.post(Routes.userChannels(), { body: { recipient_id: id } }).then(
          () => 0,
          (error: unknown) => (error as DiscordAPIError).code,
        ),
      ),
    );
    expect(codes).toEqual([50007, 50033, 50035]);
  });

  it('records a multipart body: its payload_json and file names', async () => {
    const { fake, rest } = await client();
    await rest.post(Routes.channelMessages('123456789012345678'), {
      body: { content: 'with a file' },
      files: [{ name: 'letter.txt', data: Buffer.from('Dear patient') }],
    });
    const [call] = fake.calls({ method: 'POST' });
    expect(call?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(call?.body).toMatchObject({ content: 'with a file' });
    expect(call?.files).toEqual(['letter.txt']);
  });

  it('a webhook token is refused 15 minutes after its interaction', async () => {
    const { fake, rest } = await client();
    const old = snowflake(Date.now() - 16 * 60_000);
    await rest.post(Routes.interactionCallback(old, 'oldtoken'), { body: { type: 5 }, auth: false });
    const edit = await rest
      .patch(Routes.webhookMessage('1', 'oldtoken', '@original'), { body: { content: 'late' }, auth: false })
      .catch((error: unknown) => error);
    expect((edit as DiscordAPIError).code).toBe(50027);
    const fresh = snowflake();
    await rest.post(Routes.interactionCallback(fresh, 'newtoken'), { body: { type: 5 }, auth: false });
    expect(
      await rest.patch(Routes.webhookMessage('1', 'newtoken', '@original'), {
        body: { content: 'on time' },
        auth: false,
      }),
    ).toMatchObject({ content: 'on time' });
    expect(fake.webhookCalls('newtoken').map((c) => c.path)).toEqual(['/v10/webhooks/1/newtoken/messages/@original']);
  });

  it('waitFor gives up after its bound, naming what it waited for', async () => {
    const { fake } = await client();
    await expect(fake.waitFor(() => false, 50, 'nothing')).rejects.toThrow(/nothing not met within 50 ms/);
  });
});
