import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { start, type Running } from '../../../src/main.js';
import { chatInput } from '../../doubles/discord-payloads.js';
import { startFakeDiscord, type FakeDiscord } from '../../doubles/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../../doubles/fake-slack.js';
import { postSlashCommand, type SlackTarget } from '../../doubles/slack-request.js';
import {
  BOT_TOKEN,
  MONDAY_10AM,
  SIGNING_SECRET,
  movableClock,
  removeTempDirs,
  tempDir,
  textsOf,
  unescapeSlack,
  type LogEntry,
} from '../slack/harness.js';
import {
  MANAGER,
  ROLE_MANAGER,
  STAFF,
  answerText,
  discordEnv,
  handleInteraction,
  trackInteractions,
} from './harness.js';
import { slackOf, discordOf } from '../../doubles/chat-adapters.js';

/**
 * One process, both platforms: the Slack adapter over HTTP and the Discord adapter side by side on
 * one core and one store. The same `/complaint` scenario runs through each, and the records are
 * shared: what is logged on Slack is there on Discord, and the patient's history spans both.
 */
const SLACK_STAFF = 'USTAFF1';
const SLACK_MANAGER = 'UMGR1';

let running: Running | undefined;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await slack?.close();
  slack = undefined;
  await discord?.close();
  discord = undefined;
});
afterAll(removeTempDirs);

async function bothPlatforms() {
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  discord.notUsers(...(ROLE_MANAGER.roles ?? []));
  const logs: LogEntry[] = [];
  const store = `sqlite://${join(await tempDir(), 'tact.sqlite')}`;
  running = await start(
    {
      ...discordEnv(discord, store),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      // Managers from both platforms: a Slack user, a Discord user and a Discord role.
      TACT_MANAGERS: [SLACK_MANAGER, MANAGER.id, ...(ROLE_MANAGER.roles ?? [])].join(','),
    },
    {
      discordGateway: false,
      processBeforeResponse: true,
      clock: movableClock(MONDAY_10AM),
      print: () => undefined,
      writeLog: (line) => logs.push(JSON.parse(line) as LogEntry),
    },
  );
  const client = discordOf(running)?.client;
  const port = slackOf(running)?.routesPort;
  if (!client || !port) throw new Error('both adapters should be running');
  const target: SlackTarget = { baseUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET };
  const settled = trackInteractions(client);
  let responses = 0;

  return {
    logs,
    async onSlack(user: string, text: string): Promise<string> {
      const fake = slack!;
      responses += 1;
      const id = `R${responses}`;
      const http = await postSlashCommand(target, {
        command: '/complaint',
        text,
        user_id: user,
        channel_id: 'C0FRONTDESK',
        response_url: fake.responseUrl(id),
      });
      expect(http.status).toBe(200);
      return unescapeSlack(
        textsOf(
          fake
            .responses()
            .filter((r) => r.id === id)
            .map((r) => r.body),
        ).join('\n'),
      );
    },
    async onDiscord(raw: ReturnType<typeof chatInput>): Promise<string> {
      handleInteraction(client, raw);
      await settled();
      return answerText(discord!, raw);
    },
  };
}

describe('Slack and Discord in one process', () => {
  it('the same /complaint scenario on both; a complaint logged on Slack is shown on Discord, and history spans both', async () => {
    const both = await bothPlatforms();

    // Slack: staff log a complaint; a Slack manager lists it.
    const onSlack = await both.onSlack(SLACK_STAFF, 'P-2001 billing: charged twice for filler');
    expect(onSlack).toContain('Logged C-1 · legitimate');

    // Discord: a manager by role shows the complaint logged on Slack.
    const shown = await both.onDiscord(chatInput(ROLE_MANAGER, 'complaint', 'show', { id: 'C-1' }));
    expect(shown).toContain('C-1 · legitimate');
    expect(shown).toContain('charged twice for filler');
    // A Slack user id is not a Discord mention: shown as text.
    expect(shown).toContain(`**Reported by:** ${SLACK_STAFF}`);

    // Discord: the same scenario; the same patient's second complaint escalates across platforms.
    const onDiscord = await both.onDiscord(
      chatInput(STAFF, 'complaint', 'log', {
        'patient-ref': 'P-2001',
        category: 'wait',
        'what-happened': 'kept waiting 40 minutes',
      }),
    );
    expect(onDiscord).toContain('**Logged C-2 · escalating**');
    // Staff are not told the history; the managers' DMs below carry it.
    expect(onDiscord).not.toContain('2nd complaint');
    expect(onDiscord).not.toContain('could not finish');

    // Each manager is told on their own platform.
    const slackDms = slack!.calls('chat.postMessage').filter((c) => c.body['channel'] === SLACK_MANAGER);
    expect(slackDms).toHaveLength(1);
    expect(slackDms[0]?.body['text']).toBe('Complaint C-2 needs a manager: escalating');
    expect(discord!.posted(`DM-${MANAGER.id}`)).toHaveLength(1);
    expect(
      discord!
        .calls({ method: 'POST', path: '/v10/users/@me/channels' })
        .map((c) => (c.body as { recipient_id: string }).recipient_id),
    ).not.toContain(SLACK_MANAGER);

    // Slack: the Slack manager sees both, one log.
    const listed = await both.onSlack(SLACK_MANAGER, 'list');
    expect(listed).toContain('Open complaints: 2');
    expect(listed).toMatch(/C-2 · P-2001 · wait[\s\S]*C-1 · P-2001 · billing/);
    expect(both.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('an escalation logged on Slack reaches the Discord manager by Discord DM', async () => {
    const both = await bothPlatforms();
    await both.onDiscord(
      chatInput(STAFF, 'complaint', 'log', {
        'patient-ref': 'P-5001',
        category: 'billing',
        'what-happened': 'charged twice',
      }),
    );
    expect(discord!.posted()).toEqual([]);

    const onSlack = await both.onSlack(SLACK_STAFF, 'P-5001 wait: kept waiting an hour');
    expect(onSlack).toContain('Logged C-2 · escalating');
    expect(onSlack).not.toContain('could not send every message');
    const dms = discord!.posted(`DM-${MANAGER.id}`);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.body.content).toContain('**C-2 needs a manager · escalating**');
    expect(dms[0]?.body.content).toContain(`**Logged by:** ${SLACK_STAFF}`);
    expect(slack!.calls('chat.postMessage').map((c) => c.body['channel'])).toEqual([SLACK_MANAGER]);
    expect(both.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
