import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  ModalSubmitInteraction,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  CHANNEL_ID,
  GUILD_ID,
  MANAGER_ROLE,
  buttonPress,
  chatInput,
  modalSubmit,
} from '../../doubles/discord-payloads.js';
import { handleInteraction } from './harness.js';

/**
 * The Discord tests build real interactions through a private discord.js API
 * (`client.actions.InteractionCreate.handle(raw)`). This guard fails loudly if an upgrade changes
 * it, or if the pinned version moves, rather than letting every Discord test fail obscurely.
 */
const require = createRequire(import.meta.url);
const PINNED = '14.28.1';
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
});

function newClient(): Client {
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: 'http://127.0.0.1:9/api' } });
  client.rest.setToken('guard-token');
  return client;
}

function emitted(c: Client, raw: unknown): Interaction[] {
  const seen: Interaction[] = [];
  c.on(Events.InteractionCreate, (interaction) => seen.push(interaction));
  handleInteraction(c, raw);
  return seen;
}

describe('discord.js private API used by the tests', () => {
  it(`is discord.js ${PINNED}, as package.json pins it`, () => {
    const main = require.resolve('discord.js');
    let dir = dirname(main);
    while (!dir.endsWith('discord.js')) dir = dirname(dir);
    const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(PINNED);
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['discord.js']).toMatch(/^[~=]?14\.28\.1$/);
  });

  it('client.actions.InteractionCreate.handle builds a ChatInputCommandInteraction with subcommand, options, member roles and channel', () => {
    const c = newClient();
    const raw = chatInput({ id: '1180000000000009001', roles: [MANAGER_ROLE] }, 'complaint', 'show', { id: 'C-1' });
    const [interaction] = emitted(c, raw);
    expect(interaction).toBeInstanceOf(ChatInputCommandInteraction);
    const command = interaction as ChatInputCommandInteraction;
    expect(command.commandName).toBe('complaint');
    expect(command.options.getSubcommand()).toBe('show');
    expect(command.options.getString('id')).toBe('C-1');
    expect(command.id).toBe(raw.id);
    expect(command.token).toBe(raw.token);
    expect(command.applicationId).toBe(APPLICATION_ID);
    expect(command.guildId).toBe(GUILD_ID);
    expect(command.channelId).toBe(CHANNEL_ID);
    expect(command.user.id).toBe('1180000000000009001');
    // Without a cached guild the member stays raw API data: roles is an array of ids.
    expect(command.member?.roles).toEqual([MANAGER_ROLE]);
    expect(command.createdTimestamp).toBeGreaterThan(Date.now() - 60_000);
    expect(command.deferred).toBe(false);
    expect(command.replied).toBe(false);
  });

  it('builds ButtonInteraction and ModalSubmitInteraction objects the adapter reads', () => {
    const c = newClient();
    const [button] = emitted(c, buttonPress({ id: '1180000000000009002' }, 'act|media.claim|M-1', { dm: true }));
    expect(button).toBeInstanceOf(ButtonInteraction);
    expect((button as ButtonInteraction).customId).toBe('act|media.claim|M-1');
    expect(button?.guildId).toBeNull();
    expect(button?.user.id).toBe('1180000000000009002');

    const c2 = newClient();
    const [modal] = emitted(
      c2,
      modalSubmit({ id: '1180000000000009003' }, 'form|complaint|', { patientRef: 'P-1', text: 'rude' }),
    );
    expect(modal).toBeInstanceOf(ModalSubmitInteraction);
    const submitted = modal as ModalSubmitInteraction;
    expect(submitted.customId).toBe('form|complaint|');
    expect(submitted.fields.fields.has('patientRef')).toBe(true);
    expect(submitted.fields.getTextInputValue('text')).toBe('rude');
  });
});
