import type { CommandContext } from '../src/chat/command.js';
import { reply, type Reply } from '../src/chat/reply.js';
import { approve, handleNewReview, redraft, type Send } from './review.js';

/**
 * What Tact does with ordinary messages in channels it is in, platform-neutral like the commands.
 * Adapters translate platform events into these calls and pass a `send` that answers in place.
 */
export interface ChannelMessage {
  text: string;
  channelId: string;
  /** the message's own id (Slack ts) */
  messageId: string;
  /** set when the message is a reply in a thread */
  threadId?: string | undefined;
  /** posted by an integration (a review feed, a phone system) rather than a person */
  fromIntegration: boolean;
  integrationName?: string | undefined;
}

/** A registered patient name in chat: remind the author, privately, to use the alias instead. */
export function aliasReminder(message: { text: string }, ctx: CommandContext): Reply[] {
  const aliases = [...new Set(ctx.services.aliases.find(message.text).map((m) => m.alias))];
  if (aliases.length === 0) return [];
  const list = aliases.join(', ');
  const words = `Your message names a patient who has an alias. In chat, please write ${list} instead, and edit or delete that message. Never discuss their visits outside the clinic.`;
  return [reply.private(words)];
}

/**
 * A message in a channel: a top-level post in the reviews channel is a review; any person's
 * message naming a registered patient gets the alias reminder. Nothing of the message is stored
 * unless it is a review (and then only redacted).
 */
export async function onChannelMessage(message: ChannelMessage, ctx: CommandContext, send: Send): Promise<void> {
  const settings = ctx.services.settings.current();
  if (!message.fromIntegration) for (const r of aliasReminder(message, ctx)) await send(r);
  if (message.channelId === settings.reviewsChannel && message.threadId === undefined) {
    await handleNewReview(
      { text: message.text, integrationName: message.integrationName, channelId: message.channelId, threadId: message.messageId },
      ctx,
      'thread',
      send,
    );
  }
}

export const MENTION_WORDS = ['draft', 'regenerate', 'shorter', 'warmer', 'approve'] as const;

/**
 * `@tact <word>` in a thread. `draft` treats the thread's first message as a review; the other words
 * refine or approve the thread's draft.
 */
export async function onMention(
  mention: { text: string; channelId: string; threadId: string | undefined },
  ctx: CommandContext,
  send: Send,
  threadStart: () => Promise<Omit<ChannelMessage, 'channelId'> | undefined>,
): Promise<void> {
  const word = MENTION_WORDS.find((w) => new RegExp(`\\b${w}\\b`, 'i').test(mention.text.replace(/<@[^>]+>/g, '')));
  const usage = reply.private(`In a review's thread, mention Tact with one of: ${MENTION_WORDS.join(', ')}.`);
  if (!word || !mention.threadId) return send(usage);
  const existing = await ctx.services.reviews.findByThread(mention.channelId, mention.threadId);
  if (word === 'draft' && !existing) {
    const first = await threadStart();
    if (!first?.text) return send(reply.private('Tact could not read the first message of this thread.'));
    return handleNewReview(
      { text: first.text, integrationName: first.integrationName, channelId: mention.channelId, threadId: mention.threadId },
      ctx,
      'thread',
      send,
    );
  }
  if (!existing) return send(reply.private('There is no review draft in this thread yet: mention Tact with "draft" first.'));
  if (word === 'approve') return approve(existing.number, ctx, 'thread', send);
  return redraft(existing.number, word === 'draft' || word === 'regenerate' ? 'default' : word, ctx, 'thread', send);
}
