import { z } from 'zod';
import { defineSubcommand, type Command, type CommandContext, type Outcome } from '../../src/chat/command.js';
import type { Send } from '../../src/chat/inbound.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { guessCategory } from '../../src/complaints/grading.js';
import { LIMITS } from '../../src/complaints/model.js';
import { REVIEW_IDS, REVIEW_LIMITS, reviewId, type Review, type Style } from '../../src/reviews/model.js';
import type { ReviewResult } from '../../src/reviews/service.js';
import { idArgument, withRecordId } from '../shared/ids.js';
import { approvedNotice, draftCard, draftingNotice, legalAlert, legalNotice } from './review-view.js';

/**
 * Review replies. The same flow serves a review posted in the reviews channel (replies in its
 * thread), `@tact draft` in a thread, a message shortcut, and `/review <text>` (private replies).
 */
export type { Send } from '../../src/chat/inbound.js';

const PROBLEMS: Record<Exclude<ReviewResult, { ok: true }>['problem'], (id: string) => string> = {
  'not-found': (id) => `There is no review ${id}.`,
  legal: (id) => `${id} mentions legal action: a manager handles it, so Tact makes no draft.`,
  'already-approved': (id) => `${id} already has an approved reply.`,
  'no-draft': (id) => `${id} has no draft to approve yet.`,
};

function managerAlerts(review: Review, ctx: CommandContext): Reply[] {
  return ctx.services.settings.current().managers.map((m) => legalAlert(review, m));
}

/** A new review: record it, then either hand it to the managers (legal threat) or draft a reply. */
export async function handleNewReview(
  entry: {
    text: string;
    integrationName?: string | undefined;
    channelId?: string | undefined;
    threadId?: string | undefined;
  },
  ctx: CommandContext,
  visibility: Reply['visibility'],
  send: Send,
): Promise<void> {
  const review = await ctx.services.reviews.receive({ ...entry, postedBy: ctx.actor.id });
  if (review.legal) {
    await send(legalNotice(review, visibility));
    for (const alert of managerAlerts(review, ctx)) await send(alert);
    return;
  }
  await send(draftingNotice(visibility));
  await redraft(review.number, 'default', ctx, visibility, send);
}

/**
 * "Draft a reply" on a message (the Slack message shortcut): a new review, or another draft when its
 * thread already has one.
 */
export async function draftForMessage(
  message: { text: string; channelId: string; threadId: string },
  ctx: CommandContext,
  send: Send,
): Promise<void> {
  if (!message.text)
    return send(reply.private('That message has no text to read as a review. Use the shortcut on the review itself.'));
  const existing = await ctx.services.reviews.findByThread(message.channelId, message.threadId);
  if (existing) return redraft(existing.number, 'default', ctx, 'thread', send);
  return handleNewReview(message, ctx, 'thread', send);
}

export async function redraft(
  number: number,
  style: Style,
  ctx: CommandContext,
  visibility: Reply['visibility'],
  send: Send,
): Promise<void> {
  const result = await ctx.services.reviews.draft(number, style, ctx.actor.id);
  // Problems are for the person who asked, never the thread.
  if (!result.ok) return send(reply.private(PROBLEMS[result.problem](reviewId(number))));
  if (result.draft) await send(draftCard(result.review, result.draft, visibility));
}

export async function approve(
  number: number,
  ctx: CommandContext,
  visibility: Reply['visibility'],
  send: Send,
): Promise<void> {
  const result = await ctx.services.reviews.approve(number, ctx.actor.id);
  if (!result.ok) return send(reply.private(PROBLEMS[result.problem](reviewId(number))));
  await send(approvedNotice(result.review, visibility));
}

/** Collects what a flow sends, for commands and buttons that answer with a list of replies. */
async function collect(flow: (send: Send) => Promise<void>): Promise<Reply[]> {
  const sent: Reply[] = [];
  await flow(async (r) => {
    sent.push(r);
  });
  return sent;
}

const reviewArg = idArgument(REVIEW_IDS, 'a review');

const paste = defineSubcommand({
  name: '',
  summary: 'paste a review to get a safe draft reply, privately',
  args: [
    { name: 'review-text', description: `the review as posted, up to ${REVIEW_LIMITS.text} characters`, kind: 'rest' },
  ],
  schema: z.object({
    text: z
      .string({ error: 'paste the review text after /review' })
      .min(10, 'paste the whole review after /review')
      .max(REVIEW_LIMITS.text, `the review is longer than ${REVIEW_LIMITS.text} characters`),
  }),
  parse: (text) => (text ? { text } : {}),
  run: (input, ctx) => collect((send) => handleNewReview({ text: input.text }, ctx, 'private', send)),
});

const styled = (style: Style, summary: string) =>
  defineSubcommand({
    name: style === 'default' ? 'regenerate' : style,
    summary,
    args: [reviewArg.arg],
    schema: z.object({ id: reviewArg.schema }),
    run: (input, ctx) => collect((send) => redraft(input.id, style, ctx, 'private', send)),
  });

const approveCommand = defineSubcommand({
  name: 'approve',
  summary: 'record the latest draft as the approved reply (you paste it on the review site)',
  args: [reviewArg.arg],
  schema: z.object({ id: reviewArg.schema }),
  run: (input, ctx) => collect((send) => approve(input.id, ctx, 'private', send)),
});

/** Buttons: on a thread draft they answer in the thread; elsewhere privately. */
function button(
  run: (number: number, ctx: CommandContext, visibility: Reply['visibility'], send: Send) => Promise<void>,
) {
  return (value: string, ctx: CommandContext): Promise<Outcome> =>
    withRecordId(REVIEW_IDS, value, async (number) => {
      const review = await ctx.services.reviews.get(number);
      const visibility = review?.threadId ? 'thread' : 'private';
      return { kind: 'replies', replies: await collect((send) => run(number, ctx, visibility, send)) };
    });
}

async function logAsComplaint(number: number, ctx: CommandContext, send: Send): Promise<void> {
  const review = await ctx.services.reviews.get(number);
  if (!review) return send(reply.private(PROBLEMS['not-found'](reviewId(number))));
  if (review.complaintId) return send(reply.private(`${review.id} is already logged as ${review.complaintId}.`));
  const { complaint } = await ctx.services.complaints.log(
    {
      patientRef: review.id,
      category: guessCategory(review.text) ?? 'other',
      categoryGuessed: true,
      source: 'online-review',
      text: review.text.slice(0, LIMITS.text),
    },
    ctx.actor.id,
  );
  await ctx.services.reviews.linkComplaint(number, complaint.id);
  await send(
    reply.private(
      `Logged ${review.id} as complaint ${complaint.id} (${complaint.tier}). See /complaint show ${complaint.id}.`,
    ),
  );
}

/**
 * The "Log as complaint" button, typed: `/review complaint R-2` (managers, answered privately). Not
 * `log`: on Discord the quick entry (`/review <pasted review>`) is the subcommand named `log`.
 */
const logCommand = defineSubcommand({
  name: 'complaint',
  summary: 'log a review as a complaint (the "Log as complaint" button; managers)',
  args: [reviewArg.arg],
  audience: 'managers',
  schema: z.object({ id: reviewArg.schema }),
  run: (input, ctx) => collect((send) => logAsComplaint(input.id, ctx, send)),
});

export const review: Command = {
  name: 'review',
  summary: 'Safe replies to online reviews: never confirm someone is a patient, never a detail of care.',
  subcommands: [
    paste,
    styled('default', 'another draft of the reply'),
    styled('shorter', 'a shorter draft'),
    styled('warmer', 'a warmer draft'),
    approveCommand,
    logCommand,
  ],
  actions: [
    { id: 'review.approve', audience: 'anyone', run: button(approve) },
    {
      id: 'review.regenerate',
      audience: 'anyone',
      run: button((n, ctx, v, send) => redraft(n, 'default', ctx, v, send)),
    },
    { id: 'review.shorter', audience: 'anyone', run: button((n, ctx, v, send) => redraft(n, 'shorter', ctx, v, send)) },
    { id: 'review.warmer', audience: 'anyone', run: button((n, ctx, v, send) => redraft(n, 'warmer', ctx, v, send)) },
    // The complaint log is for managers: the answer is private wherever the button was pressed.
    {
      id: 'review.complaint',
      audience: 'managers',
      run: button((n, ctx, _visibility, send) => logAsComplaint(n, ctx, send)),
    },
  ],
};
