import type { CommandContext } from '../src/chat/command.js';
import { reply, type Reply } from '../src/chat/reply.js';

/**
 * What Tact does with ordinary staff messages in channels it is in (platform-neutral, like the
 * commands). Nothing of the message is stored.
 */
export interface StaffMessage {
  text: string;
}

/** A registered patient name in chat: remind the author, privately, to use the alias instead. */
export function aliasReminder(message: StaffMessage, ctx: CommandContext): Reply[] {
  const aliases = [...new Set(ctx.services.aliases.find(message.text).map((m) => m.alias))];
  if (aliases.length === 0) return [];
  const list = aliases.join(', ');
  const words = `Your message names a patient who has an alias. In chat, please write ${list} instead, and edit or delete that message. Never discuss their visits outside the clinic.`;
  return [reply.private(words)];
}
