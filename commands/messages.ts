import type { CommandContext } from '../src/chat/command.js';
import type { ChannelMessage } from '../src/chat/inbound.js';
import { reply, type Reply } from '../src/chat/reply.js';
import { detectChannel } from '../src/inquiries/channels.js';
import { cleanText } from '../src/privacy/text.js';
import { asksForDoctor } from '../src/inquiries/wants-doctor.js';
import { routeAndSay, urgentGoal } from './inquiries/doctor.js';
import { answerInquiry, claimInquiry } from './inquiries/inquiry.js';
import { trackingNote, untrackedNote } from './inquiries/inquiry-view.js';
import { pagedReplies } from './urgent/pages.js';
import { approve, handleNewReview, redraft, type Send } from './reviews/review.js';

/**
 * What Tact does with ordinary messages in channels it is in, platform-neutral like the commands.
 * Adapters translate platform events into neutral ones (src/chat/inbound.ts); the pipeline calls
 * these with a `send` that answers in place.
 */
export type { ChannelMessage } from '../src/chat/inbound.js';

/** The text of a message that carries only a file (a forwarded screenshot): tracked, never a review. */
export const ATTACHMENT_ONLY = '(attachment only)';

/** Staff say an inquiry is answered by starting their thread reply with one of these. */
const ANSWERED =
  /^\s*(done|replied|answered|called (them |her |him )?back|texted (them |her |him )?back|emailed (them |her |him )?back|sorted)\b/i;

/**
 * The words of the alias reminder. They are fixed: naming the alias back would tell anyone who types
 * a name that this person is a patient and what the practice calls them.
 */
export const ALIAS_REMINDER =
  "This name is on the practice's privacy list. In chat, use the patient's alias instead (a practice manager can tell you which), and edit or delete that message. Never discuss anyone's visits outside the clinic.";

/** A registered patient name in chat: remind the author, privately, to use the alias instead. */
export function aliasReminder(message: { text: string }, ctx: CommandContext): Reply[] {
  // Cleaned first: a zero-width character inside a name must not hide it.
  const namesRegisteredPatient = ctx.services.aliases.find(cleanText(message.text)).length > 0;
  return namesRegisteredPatient ? [reply.private(ALIAS_REMINDER)] : [];
}

/**
 * A message in a channel: a top-level post in the reviews channel is a review; any person's
 * message naming a registered patient gets the alias reminder. Nothing of the message is stored
 * unless it is a review (and then only redacted).
 */
export async function onChannelMessage(posted: ChannelMessage, ctx: CommandContext, send: Send): Promise<void> {
  // The one inbound clean-up, before anything reads, stores or drafts from the text.
  const message = { ...posted, text: cleanText(posted.text) };
  if (message.text === '') return;
  const settings = ctx.services.settings.current();
  if (!message.fromIntegration) for (const r of aliasReminder(message, ctx)) await send(r);
  if (settings.inboxChannels.some((channel) => channel === message.channelId)) {
    await onInboxMessage(message, ctx, send);
    return;
  }
  if (
    message.channelId === settings.reviewsChannel &&
    message.threadId === undefined &&
    !message.mentionsTact &&
    message.text !== ATTACHMENT_ONLY
  ) {
    await handleNewReview(
      {
        text: message.text,
        integrationName: message.integrationName,
        channelId: message.channelId,
        threadId: message.messageId,
      },
      ctx,
      'thread',
      send,
    );
  }
}

/**
 * The inbox: a top-level message (forwarded text, email, form, social message) becomes an inquiry;
 * a staff reply in its thread claims it, or answers it when it starts with "done", "replied" or
 * "called back". Integrations' and Tact's own posts never count as answers.
 */
async function onInboxMessage(message: ChannelMessage, ctx: CommandContext, send: Send): Promise<void> {
  if (message.threadId === undefined) {
    try {
      const created = await ctx.services.inquiries.create({
        channel: detectChannel(message.text, message.integrationName),
        origin: 'inbox',
        loggedBy: ctx.actor.id,
        chatChannelId: message.channelId,
        chatMessageId: message.messageId,
        link: message.link,
        // A redelivered message must not become a second inquiry (the channel names its platform).
        externalId: `${message.channelId}:${message.messageId}`,
        message: message.text,
        wantsDoctor: asksForDoctor(message.text) ? 'words' : undefined,
      });
      if ('inquiry' in created) {
        await send(trackingNote(created.inquiry, urgentGoal(created.inquiry, ctx.services)));
        for (const notice of await pagedReplies(created.inquiry.id, ctx.services))
          await send({ ...notice, visibility: 'thread' });
        if (created.inquiry.wantsDoctor) await routeAndSay(created.inquiry, ctx.services);
      }
    } catch (error) {
      // Nobody may assume Tact is watching a message it could not track: say so where staff look.
      await send(untrackedNote()).catch(() => undefined);
      throw error;
    }
    return;
  }
  if (message.fromIntegration) return;
  const inquiry = await ctx.services.inquiries.findByMessage(message.channelId, message.threadId);
  if (!inquiry || inquiry.status === 'answered') return;
  const replies = ANSWERED.test(message.text)
    ? await answerInquiry(inquiry.number, ctx)
    : inquiry.owner
      ? []
      : await claimInquiry(inquiry.number, ctx);
  for (const r of replies) await send(r);
}

/** Reactions on a tracked message: :eyes: claims it, a check mark answers it. */
export async function onReaction(
  reaction: { name: string; channelId: string; messageId: string },
  ctx: CommandContext,
  send: Send,
): Promise<void> {
  const kind =
    reaction.name === 'eyes'
      ? 'claim'
      : /^(white_check_mark|heavy_check_mark|ballot_box_with_check)$/.test(reaction.name)
        ? 'answer'
        : undefined;
  if (!kind) return;
  const inquiry = await ctx.services.inquiries.findByMessage(reaction.channelId, reaction.messageId);
  if (!inquiry || inquiry.status === 'answered') return;
  const replies = kind === 'claim' ? await claimInquiry(inquiry.number, ctx) : await answerInquiry(inquiry.number, ctx);
  for (const r of replies) await send(r);
}

export const MENTION_WORDS = ['draft', 'regenerate', 'shorter', 'warmer', 'approve'] as const;

/**
 * `@tact <word>` in a thread. `draft` treats the thread's first message as a review; the other words
 * refine or approve the thread's draft.
 */
export async function onMention(
  posted: { text: string; channelId: string; threadId: string | undefined },
  ctx: CommandContext,
  send: Send,
  readThreadStart: () => Promise<Omit<ChannelMessage, 'channelId'> | undefined>,
): Promise<void> {
  // The same clean-up as every inbound text, for the mention and the review it points at.
  const mention = { ...posted, text: cleanText(posted.text) };
  const threadStart = async () => {
    const first = await readThreadStart();
    return first && { ...first, text: cleanText(first.text) };
  };
  const word = MENTION_WORDS.find((w) => new RegExp(`\\b${w}\\b`, 'i').test(mention.text.replace(/<@[^>]+>/g, '')));
  const usage = reply.private(`In a review's thread, mention Tact with one of: ${MENTION_WORDS.join(', ')}.`);
  if (!word || !mention.threadId) return send(usage);
  const existing = await ctx.services.reviews.findByThread(mention.channelId, mention.threadId);
  if (word === 'draft' && !existing) {
    const first = await threadStart();
    if (!first?.text) return send(reply.private('Tact could not read the first message of this thread.'));
    return handleNewReview(
      {
        text: first.text,
        integrationName: first.integrationName,
        channelId: mention.channelId,
        threadId: mention.threadId,
      },
      ctx,
      'thread',
      send,
    );
  }
  if (!existing)
    return send(reply.private('There is no review draft in this thread yet: mention Tact with "draft" first.'));
  if (word === 'approve') return approve(existing.number, ctx, 'thread', send);
  return redraft(existing.number, word === 'draft' || word === 'regenerate' ? 'default' : word, ctx, 'thread', send);
}
