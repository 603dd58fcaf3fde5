import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { optionName, subcommandName } from '../../src/adapters/discord/render.js';
import { APPLICATION_ID, GUILD_ID } from '../doubles/discord-payloads.js';
import { startFakeDiscord, type FakeDiscord } from '../doubles/fake-discord.js';

/**
 * `npm run discord:deploy` as operators run it: a child process (tsx) against the fake Discord API.
 * The registered commands are generated from commands/: every command, its subcommands and their
 * options, within Discord's naming and length rules; management commands hidden by default.
 */
interface OptionJson {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string }>;
  options?: OptionJson[];
}
interface CommandJson {
  name: string;
  description: string;
  options: OptionJson[];
  default_member_permissions?: string | null;
}

const SUBCOMMAND = 1;
const STRING = 3;
/** Discord's rule for command and option names (lower case where letters have case). */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake.close();
});

function deploy(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DISCORD_')));
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--no-install', 'tsx', 'scripts/discord-deploy.ts'], {
      cwd: process.cwd(),
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('discord:deploy', () => {
  let body: CommandJson[] = [];
  let run: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    fake.clear();
    run = await deploy({
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_TOKEN: 'deploy-token',
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_GUILD_ID: GUILD_ID,
    });
    const [put] = fake.calls({ method: 'PUT' });
    body = (put?.body ?? []) as CommandJson[];
  }, 60_000);

  it('registers the commands in the server with one PUT, with the bot token, and says so', () => {
    expect(run.stderr).not.toContain('failed');
    expect(run.code).toBe(0);
    const puts = fake.calls({ method: 'PUT' });
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe(`/v10/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(puts[0]?.authorization).toBe('Bot deploy-token');
    expect(run.stdout).toContain(
      `Registered ${commands.length} commands in server ${GUILD_ID}: ${commands.map((c) => `/${c.name}`).join(', ')}`,
    );
  });

  it('lists every command of commands/index.ts, each subcommand (plus help) and its options, generated from the declarations', () => {
    expect(body.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const command of commands) {
      const json = body.find((c) => c.name === command.name);
      expect(json?.options.every((o) => o.type === SUBCOMMAND)).toBe(true);
      expect(json?.options.map((o) => o.name)).toEqual([...command.subcommands.map(subcommandName), 'help']);
      for (const subcommand of command.subcommands) {
        const options = json?.options.find((o) => o.name === subcommandName(subcommand))?.options ?? [];
        expect(options.map((o) => o.name).sort()).toEqual(subcommand.args.map((a) => optionName(a.name)).sort());
        for (const arg of subcommand.args) {
          const option = options.find((o) => o.name === optionName(arg.name));
          expect(option?.type).toBe(STRING);
          // A default subcommand with a form can be called empty (it opens the form), so its options are optional.
          const opensForm = subcommand.name === '' && command.form !== undefined;
          expect(option?.required).toBe(!opensForm && !arg.optional);
          if (arg.choices) expect(option?.choices?.map((c) => c.value)).toEqual([...arg.choices]);
        }
      }
    }
    const complaint = body.find((c) => c.name === 'complaint');
    expect(complaint?.options.map((o) => o.name)).toEqual([
      'log',
      'list',
      'show',
      'history',
      'update',
      'void',
      'trends',
      'letter',
      'export',
      'help',
    ]);
    expect(complaint?.options[0]?.options?.map((o) => o.name)).toEqual(['patient-ref', 'category', 'what-happened']);
    expect(complaint?.options[0]?.description).toContain('(leave empty for a form)');
    // Without a form, /inquiry log needs its options.
    const inquiryLog = body.find((c) => c.name === 'inquiry')?.options[0];
    expect(inquiryLog?.options?.map((o) => [o.name, o.required])).toEqual([
      ['channel', true],
      ['patient-ref', true],
      ['summary', true],
    ]);
    expect(inquiryLog?.description).not.toContain('form');
    expect(
      complaint?.options.find((o) => o.name === 'list')?.options?.find((o) => o.name === 'scope')?.choices,
    ).toEqual([
      { name: 'open', value: 'open' },
      { name: 'all', value: 'all' },
    ]);
  });

  it("follows Discord's rules: valid unique names, descriptions 1-100 characters, required options before optional ones", () => {
    for (const command of body) {
      expect(command.name).toMatch(NAME);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.options.length).toBeLessThanOrEqual(25);
      expect(new Set(command.options.map((o) => o.name)).size).toBe(command.options.length);
      for (const subcommand of command.options) {
        expect(subcommand.name).toMatch(NAME);
        expect(subcommand.description.length).toBeGreaterThan(0);
        expect(subcommand.description.length).toBeLessThanOrEqual(100);
        const options = subcommand.options ?? [];
        expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
        const firstOptional = options.findIndex((o) => !o.required);
        if (firstOptional !== -1) expect(options.slice(firstOptional).every((o) => !o.required)).toBe(true);
        for (const option of options) {
          expect(option.name, `${command.name} ${subcommand.name}`).toMatch(NAME);
          expect(option.description.length).toBeGreaterThan(0);
          expect(option.description.length).toBeLessThanOrEqual(100);
          expect((option.choices ?? []).length).toBeLessThanOrEqual(25);
        }
      }
    }
  });

  it('hides /tact by default (default_member_permissions); the others are open to everyone', () => {
    const tact = body.find((c) => c.name === 'tact');
    expect(tact?.default_member_permissions).toBe('32');
    for (const command of body.filter((c) => c.name !== 'tact'))
      expect(command.default_member_permissions ?? null).toBeNull();
  });

  it('without DISCORD_GUILD_ID registers globally', async () => {
    fake.clear();
    const global = await deploy({
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_TOKEN: 'deploy-token',
      DISCORD_APPLICATION_ID: APPLICATION_ID,
    });
    expect(global.code).toBe(0);
    expect(fake.calls({ method: 'PUT' }).map((c) => c.path)).toEqual([`/v10/applications/${APPLICATION_ID}/commands`]);
    expect(global.stdout).toContain(`Registered ${commands.length} commands globally`);
  }, 60_000);

  it('without DISCORD_TOKEN exits 1 with a clear message and calls nothing', async () => {
    fake.clear();
    const missing = await deploy({
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_GUILD_ID: GUILD_ID,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('discord:deploy needs DISCORD_TOKEN and DISCORD_APPLICATION_ID');
    expect(fake.calls()).toEqual([]);
  }, 60_000);
});
