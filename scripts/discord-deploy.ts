import { REST, Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { applicationCommands } from '../src/adapters/discord/render.js';

/**
 * `npm run discord:deploy`: registers Tact's slash commands, generated from commands/, with Discord.
 * With DISCORD_GUILD_ID they are registered for that server (instant); without, globally.
 */
async function deploy(): Promise<void> {
  const token = process.env['DISCORD_TOKEN'];
  const applicationId = process.env['DISCORD_APPLICATION_ID'];
  const guildId = process.env['DISCORD_GUILD_ID'];
  if (!token || !applicationId) {
    process.stderr.write('discord:deploy needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README, "Discord").\n');
    process.exit(1);
  }
  const rest = new REST(process.env['DISCORD_API_URL'] ? { api: process.env['DISCORD_API_URL'] } : {}).setToken(token);
  const body = applicationCommands(commands);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const saved = (await rest.put(route, { body })) as Array<{ name: string }>;
  process.stdout.write(
    `Registered ${saved.length} commands ${guildId ? `in server ${guildId}` : 'globally'}: ${saved.map((c) => `/${c.name}`).join(', ')}\n`,
  );
}

deploy().catch((error: unknown) => {
  process.stderr.write(`discord:deploy failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
