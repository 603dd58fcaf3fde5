import { ErrorCode, TactError, describeError, errorCodeOf } from '../errors.js';
import type { Logger } from '../log.js';
import { cleanText } from '../privacy/text.js';
import type { Services } from '../services.js';
import type { ChatAdapter } from './adapter.js';
import { commandForms, type Command, type CommandContext, type Outcome } from './command.js';
import { dispatch, dispatchAction, prepareForm } from './dispatch.js';
import { failureReply } from './failure.js';
import { qualify } from './ids.js';
import { runOncePer } from './once.js';
import type { Handlers, Inbound, InboundEvent, Responder, Send } from './inbound.js';
import { sendPerDestination, type Destination, type Outbound } from './outbox.js';
import { redactReply, type Reply } from './reply.js';

/**
 * The one inbound path for every chat adapter. Adapters hand it neutral events; it alone dedupes
 * events, skips Tact's own posts, builds the command context, runs the handler, sends every answer
 * that is not private through the outbox (one redaction point), and words and logs failures.
 */
export interface PipelineDeps {
  services: Services;
  logger: Logger;
  /** where answers for channels, threads and direct messages go: the Outbox */
  outbound: Outbound;
  /** the commands and message flows (commands/handlers.ts) */
  handlers: Handlers;
}

export class Pipeline {
  constructor(private readonly deps: PipelineDeps) {}

  /** Handles one event from `adapter`; never throws: failures are logged and, for requests, told to the requester. */
  async handle(adapter: ChatAdapter, event: Inbound, responder: Responder): Promise<void> {
    if ('selfIds' in event && event.authorIds.some((id) => event.selfIds.includes(id))) return;
    const what = describeRequest(event, this.deps.handlers.commands);
    try {
      if ('eventId' in event) {
        await runOncePer(this.deps.services.storage, 'event', event.platform, event.eventId, () =>
          this.run(adapter, event, responder),
        );
      } else {
        await this.run(adapter, event, responder);
      }
    } catch (error) {
      await this.fail(event, responder, error, what);
    }
  }

  /**
   * Calls `listener` after any record a home view shows is created or changed (patient messages,
   * follow-ups, press inquiries, complaints, urgent pages); the listener only schedules work.
   */
  watchRecords(listener: () => void): void {
    const { inquiries, followups, media, complaints, pages } = this.deps.services;
    const changed = async () => listener();
    inquiries.changes.on(changed);
    followups.changes.on(changed);
    media.changes.on(changed);
    complaints.changes.on(changed);
    pages.changes.on(changed);
  }

  /** Command names and form and button ids an adapter registers (Slack matches on them before acking). */
  catalogue(): { commands: readonly Command[]; formIds: string[]; actionIds: string[] } {
    const { commands } = this.deps.handlers;
    return {
      commands,
      formIds: commands.flatMap((c) => commandForms(c).map((f) => f.spec.id)),
      actionIds: commands.flatMap((c) => (c.actions ?? []).map((a) => a.id)),
    };
  }

  private async run(adapter: ChatAdapter, raw: Inbound, responder: Responder): Promise<void> {
    const { event, ctx } = this.admit(raw);
    const send = this.inPlace(adapter, event, responder);
    const { commands, ...flows } = this.deps.handlers;
    switch (event.kind) {
      case 'command': {
        const command = commands.find((c) => c.name === event.command);
        if (!command) return;
        return this.show(adapter, event, responder, await settle(responder, dispatch(command, event.text, ctx)));
      }
      case 'action': {
        const command = commands.find((c) => c.actions?.some((a) => a.id === event.actionId));
        if (!command) return;
        return this.show(
          adapter,
          event,
          responder,
          await settle(responder, dispatchAction(command, event.actionId, event.value, ctx)),
        );
      }
      case 'form':
        return this.submitForm(adapter, event, responder, ctx);
      case 'message':
        return flows.onChannelMessage(event.message, ctx, send);
      case 'reaction':
        return flows.onReaction(event.reaction, ctx, send);
      case 'mention':
        return flows.onMention(event.mention, ctx, send, event.readThreadStart);
      case 'shortcut':
        // The same clean-up as every inbound text: the message a shortcut points at is a review.
        return flows.draftForMessage({ ...event.message, text: cleanText(event.message.text) }, ctx, send);
      case 'home': {
        if (!flows.home || !responder.publishHome) return;
        const view = await flows.home(ctx);
        return responder.publishHome(view.map((r) => redactReply(r, this.deps.services.redactor)));
      }
    }
  }

  /**
   * Where platform ids enter the core, the one place: the actor, their roles, the place and every
   * channel the event names are qualified with the adapter's name (`U1` → `slack:U1`), and the
   * command context is built from them. Message and thread ids stay as the platform gave them: they
   * mean something only beside their (qualified) channel.
   */
  private admit(raw: Inbound): { event: Inbound; ctx: CommandContext } {
    const id = (value: string) => qualify(raw.platform, value);
    const opt = (value: string | undefined) => (value === undefined ? undefined : id(value));
    const common = {
      actor: { ...raw.actor, id: id(raw.actor.id), roles: raw.actor.roles?.map(id) },
      place: { ...raw.place, channelId: opt(raw.place.channelId) },
    };
    const event = { ...raw, ...common, ...eventChannels(raw, id) } as Inbound;
    const ctx: CommandContext = {
      actor: event.actor,
      place: { platform: event.platform, channelId: event.place.channelId },
      services: this.deps.services,
      deliveryId: event.deliveryId,
    };
    return { event, ctx };
  }

  private async submitForm(
    adapter: ChatAdapter,
    event: Inbound & { kind: 'form' },
    responder: Responder,
    ctx: CommandContext,
  ): Promise<void> {
    const command = this.deps.handlers.commands.find((c) => commandForms(c).some((f) => f.spec.id === event.formId));
    if (!command) return;
    const prepared = prepareForm(command, event.formId, event.values, event.context, ctx);
    if (prepared.kind === 'invalid-form') {
      if (!responder.rejectForm) throw new TactError(ErrorCode.HandlerFailed, 'this platform cannot show form errors');
      return responder.rejectForm(prepared.errors, prepared.form, event.values);
    }
    await responder.accept?.();
    await this.show(adapter, event, responder, await settle(responder, prepared.run()));
  }

  private async show(adapter: ChatAdapter, event: Inbound, responder: Responder, outcome: Outcome): Promise<void> {
    switch (outcome.kind) {
      case 'duplicate':
        this.deps.logger.info('ignored a repeated delivery', { platform: event.platform, kind: event.kind });
        return responder.duplicate?.();
      case 'form':
        if (!responder.openForm) throw new TactError(ErrorCode.HandlerFailed, `${event.platform} cannot open forms`);
        return responder.openForm(outcome.form);
      case 'replies':
        if (!outcome.replies.some((r) => r.visibility === 'private')) await responder.done?.();
        return this.deliver(adapter, event.place, responder, outcome.replies);
    }
  }

  /**
   * Each destination at once, in order within one: a rate-limited DM channel holds back only its
   * own messages. Failures are collected and reported as one delivery failure.
   */
  private async deliver(
    adapter: ChatAdapter,
    place: Destination,
    responder: Responder,
    replies: readonly Reply[],
  ): Promise<void> {
    const failures = await sendPerDestination(replies, (reply) =>
      reply.visibility === 'private'
        ? responder.answerPrivately(reply)
        : this.deps.outbound.send(reply, place, adapter),
    );
    if (failures.length) {
      throw new TactError(
        ErrorCode.DeliveryFailed,
        `Could not deliver ${failures.length} of ${replies.length} messages`,
        { cause: failures[0] },
      );
    }
  }

  /** How message, mention and reaction flows answer: in the thread of what they answer, through the same outbox. */
  private inPlace(adapter: ChatAdapter, event: Inbound, responder: Responder): Send {
    return async (reply) => {
      if (reply.visibility === 'private')
        return responder.answerPrivately(redactReply(reply, this.deps.services.redactor));
      if (reply.visibility === 'dm') return void (await this.deps.outbound.send(reply, {}, adapter));
      await this.deps.outbound.send({ ...reply, visibility: 'thread' }, event.place, adapter);
    };
  }

  /** The one place failures are logged and worded; posts nobody asked Tact about are only logged. */
  private async fail(event: Inbound, responder: Responder, error: unknown, what: string): Promise<void> {
    const code = errorCodeOf(error);
    this.deps.logger.error(`${what} failed`, {
      code,
      platform: event.platform,
      user: event.actor.id,
      error: describeError(error),
    });
    if (event.kind === 'message' || event.kind === 'reaction' || event.kind === 'home') return;
    try {
      await responder.answerPrivately(failureReply(code, what));
    } catch (sendError) {
      this.deps.logger.error('could not report a failure to the user', { error: describeError(sendError) });
    }
  }
}

/** The channels inside an event's own payload, qualified like the envelope's. */
function eventChannels(event: Inbound, id: (value: string) => string): Partial<InboundEvent> {
  switch (event.kind) {
    case 'message':
      return { message: { ...event.message, channelId: id(event.message.channelId) } };
    case 'reaction':
      return { reaction: { ...event.reaction, channelId: id(event.reaction.channelId) } };
    case 'mention':
      return { mention: { ...event.mention, channelId: id(event.mention.channelId) } };
    case 'shortcut':
      return { message: { ...event.message, channelId: id(event.message.channelId) } };
    default:
      return {};
  }
}

function settle<T>(responder: Responder, running: Promise<T>): Promise<T> {
  return responder.settle ? responder.settle(running) : running;
}

/** The words for a request in a failure message ("Tact could not finish /complaint …"). */
function describeRequest(event: Inbound, commands: readonly Command[]): string {
  switch (event.kind) {
    case 'command':
      return `/${event.command}`;
    case 'form': {
      const form = commands.flatMap((c) => commandForms(c)).find((f) => f.spec.id === event.formId);
      return form ? `the ${form.spec.title.toLowerCase()} form` : 'the form';
    }
    case 'action':
      return 'that button';
    case 'message':
      return 'channel message listener';
    case 'reaction':
      return 'reaction listener';
    case 'mention':
      return 'that request';
    case 'shortcut':
      return 'the review draft';
    case 'home':
      return 'the Home tab';
  }
}
