import { DiscordChat } from '../../src/adapters/discord/index.js';
import { SlackChat } from '../../src/adapters/slack/index.js';
import type { Running } from '../../src/main.js';

/** The running Slack or Discord adapter, for tests that reach past the ChatAdapter port (port, client). */
export function slackOf(running: Pick<Running, 'chat'>): SlackChat | undefined {
  return running.chat.find((a): a is SlackChat => a instanceof SlackChat);
}

export function discordOf(running: Pick<Running, 'chat'>): DiscordChat | undefined {
  return running.chat.find((a): a is DiscordChat => a instanceof DiscordChat);
}
