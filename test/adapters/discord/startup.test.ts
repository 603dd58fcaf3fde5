import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { start } from '../../../src/main.js';
import { startFakeDiscord, type FakeDiscord } from '../../doubles/fake-discord.js';
import { removeTempDirs, type LogEntry } from '../slack/harness.js';
import { TOKEN, discordEnv, startDiscordTact, type DiscordTact } from './harness.js';
import { discordOf } from '../../doubles/chat-adapters.js';

/**
 * Start-up with Discord: the bot's application is read with its token; a missing Message Content
 * intent is named in a warning (Tact still starts); a token Discord refuses stops the start with
 * TACT_DISCORD_START_FAILED.
 */
let tact: DiscordTact | undefined;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
  await fake?.close();
  fake = undefined;
});
afterAll(removeTempDirs);

describe('Discord start-up', () => {
  it('with the Message Content intent on: no warning, the application read with the bot token', async () => {
    fake = await startFakeDiscord();
    const t = (tact = await startDiscordTact({ fake }));
    expect(discordOf(t.running)?.warnings).toEqual([]);
    const [application] = fake.calls({ method: 'GET', path: '/v10/applications/@me' });
    expect(application?.authorization).toBe(`Bot ${TOKEN}`);
    expect(t.logs.filter((l) => String(l.message).includes('Message Content'))).toEqual([]);
  });

  it('the limited Message Content flag (unverified apps under 100 servers) counts as on', async () => {
    fake = await startFakeDiscord();
    fake.setApplicationFlags(1 << 19);
    const t = (tact = await startDiscordTact({ fake }));
    expect(discordOf(t.running)?.warnings).toEqual([]);
  });

  it('without the Message Content intent: starts, logs a warning naming it, and the banner points to the log', async () => {
    fake = await startFakeDiscord();
    fake.setApplicationFlags(0);
    const logs: LogEntry[] = [];
    const printed: string[] = [];
    const running = await start(
      { ...discordEnv(fake, 'memory://') },
      {
        discordGateway: false,
        print: (line) => printed.push(line),
        writeLog: (line) => logs.push(JSON.parse(line) as LogEntry),
      },
    );
    try {
      const warnings = logs.filter((l) => l.level === 'warn' && String(l.message).includes('Message Content intent'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.message).toMatch(
        /^discord: the Message Content intent is off \(Developer Portal > Bot > Privileged Gateway Intents\)/,
      );
      expect(discordOf(running)?.warnings).toHaveLength(1);
      expect(printed.find((l) => l.includes('chat:'))).toContain('Discord (1 warning(s), see the log)');
      expect(discordOf(running)?.client).toBeDefined();
    } finally {
      await running.stop();
    }
  });

  it('a token Discord refuses (401): start rejects with TACT_DISCORD_START_FAILED, naming the variables to check', async () => {
    fake = await startFakeDiscord();
    fake.rejectToken();
    const logs: LogEntry[] = [];
    const failure = await start(discordEnv(fake, 'memory://'), {
      discordGateway: false,
      print: () => undefined,
      writeLog: (line) => logs.push(JSON.parse(line) as LogEntry),
    }).then(
      async (running) => {
        await running.stop();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'TACT_DISCORD_START_FAILED' });
    expect((failure as Error).message).toContain('DISCORD_TOKEN');
    expect(String((failure as Error).cause)).toContain('401');
    expect(fake.calls({ method: 'GET', path: '/v10/applications/@me' })).toHaveLength(1);
  });

  it('a Discord token without an application id is a configuration error', async () => {
    fake = await startFakeDiscord();
    const { DISCORD_APPLICATION_ID: _unused, ...env } = discordEnv(fake, 'memory://');
    await expect(
      start(env, { discordGateway: false, print: () => undefined, writeLog: () => undefined }),
    ).rejects.toMatchObject({
      code: 'TACT_CONFIG_INVALID',
      message: expect.stringContaining('DISCORD_APPLICATION_ID is missing'),
    });
    expect(fake.calls()).toEqual([]);
  });
});
