import { z } from 'zod';
import { defineSubcommand, isManager, type ActionSpec, type CommandContext } from '../../src/chat/command.js';
import { shownId } from '../../src/chat/ids.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { describeError } from '../../src/errors.js';
import { readPageId, idOf, type Page } from '../../src/urgent/model.js';
import type { AckResult } from '../../src/urgent/service.js';
import { clinicTime } from '../shared/format.js';
import { ACK_ACTION, pagedNotice } from './page-view.js';

/** `/tact ack <id>` and the Acknowledge button; `/tact pages` lists what is paging. */

const ACK_USAGE = 'write the id the page names, e.g. /tact ack C-7 or /tact ack I-3';

function ackWords(result: AckResult, id: string, zone: string): string {
  if (result.ok) return `You have ${id}: paging has stopped. Contact the patient now.`;
  switch (result.problem) {
    case 'not-found':
      return `There is no urgent page for ${id}. See /tact pages.`;
    case 'already-acknowledged':
      return `${id} was already acknowledged by ${shownId(result.page?.ackedBy ?? 'someone')} at ${clinicTime(result.page?.ackedAt ?? new Date(), zone)}.`;
    case 'not-in-chain':
      return `Only the people paged about ${id}, the on-call chain or a practice manager can acknowledge it.`;
  }
}

/** Whoever logged the matter hears who took it: in the message's thread, or by direct message. */
async function tellLogger(page: Page, ctx: CommandContext): Promise<void> {
  const text = `${shownId(page.ackedBy ?? ctx.actor.id)} acknowledged the urgent page for ${page.id}.`;
  if (page.source.kind === 'inquiry') {
    const inquiry = await ctx.services.inquiries.get(page.source.number);
    if (inquiry?.chatChannelId) {
      await ctx.services.outbox.send(
        { visibility: 'thread', summary: text, sections: [{ kind: 'text', text }] },
        { channelId: inquiry.chatChannelId, threadId: inquiry.chatMessageId },
      );
      return;
    }
  }
  if (page.raisedBy !== ctx.actor.id && page.raisedBy !== 'intake')
    await ctx.services.outbox.send(reply.dm(page.raisedBy, text, [{ kind: 'text', text }]));
}

async function acknowledge(text: string, ctx: CommandContext): Promise<Reply[]> {
  const source = readPageId(text);
  if (!source) return [reply.private(`"${text}" is not a page id: ${ACK_USAGE}.`)];
  const id = idOf(source);
  const result = await ctx.services.pages.acknowledge(id, ctx.actor.id, { manager: isManager(ctx) });
  if (result.ok) {
    // The acknowledgement is saved; only the note to the logger may fail, and that must not undo it.
    await tellLogger(result.page, ctx).catch((error: unknown) =>
      ctx.services.logger.warn('could not tell who logged an urgent matter that it was acknowledged', {
        page: id,
        error: describeError(error),
      }),
    );
  }
  return [reply.private(ackWords(result, id, ctx.services.settings.current().timezone))];
}

export const ack = defineSubcommand({
  name: 'ack',
  summary: 'acknowledge an urgent page (you have it): the paging stops',
  args: [{ name: 'id', description: 'the id the page names, such as C-7 or I-3', kind: 'word' }],
  schema: z.object({ id: z.string({ error: ACK_USAGE }) }),
  run: (input, ctx) => acknowledge(input.id, ctx),
});

export const ackAction: ActionSpec = {
  id: ACK_ACTION,
  audience: 'anyone',
  run: async (value, ctx) => ({ kind: 'replies', replies: await acknowledge(value, ctx) }),
};

export const pages = defineSubcommand({
  name: 'pages',
  summary: 'urgent pages still waiting for an acknowledgement',
  args: [],
  audience: 'managers',
  schema: z.object({}),
  async run(_input, ctx) {
    const open = await ctx.services.pages.open();
    const zone = ctx.services.settings.current().timezone;
    const items = open.map((page) => {
      const last = page.rounds.at(-1);
      const paged = last?.people.length
        ? `page ${page.rounds.length} to ${last.people.map(shownId).join(', ')}`
        : 'nobody paged yet';
      return `${page.id} · ${page.reasons.join('; ')} · since ${clinicTime(page.raisedAt, zone)} · ${paged}`;
    });
    const title = `Urgent pages waiting for an acknowledgement: ${open.length}`;
    return [
      reply.private(title, [
        { kind: 'heading', text: title },
        ...(items.length ? [{ kind: 'list' as const, items }] : []),
      ]),
    ];
  },
});

/**
 * What the person who logged a record is told when it pages the person on call: who is paged and
 * the line for the patient; nothing when the record does not page.
 */
export async function pagedReplies(id: string, services: CommandContext['services']): Promise<Reply[]> {
  const page = await services.pages.get(id);
  if (page?.status !== 'paging') return [];
  const sections = pagedNotice(page, services.onCall.escalation(), services.settings.current());
  return [reply.private(`Urgent: ${page.id} is paging the person on call`, sections)];
}
