import type { Capabilities, ChatAdapter } from '../../src/chat/adapter.js';
import type { FormSpec, FormValues } from '../../src/chat/form.js';
import type { Envelope, Inbound, InboundEvent, Responder } from '../../src/chat/inbound.js';
import type { Delivered, Destination } from '../../src/chat/outbox.js';
import type { Pipeline } from '../../src/chat/pipeline.js';
import type { Reply } from '../../src/chat/reply.js';

/**
 * A chat platform held in memory, for command and feature tests that need no fake HTTP server (as
 * vercel/chat's mock adapter): tests feed it neutral events and read what it was asked to say.
 * Its ids are its own: it owns every id that starts with its prefix (default `<name>-`).
 */
export interface Said {
  /** 'private' answers go to the requester; the rest were sent through the outbox */
  how: 'private' | 'sent';
  reply: Reply;
  destination?: Destination | undefined;
  /** the user a private answer went to */
  to?: string | undefined;
}

export interface Request {
  user: string;
  channel?: string | undefined;
  /** the platform's id for this delivery (a repeat runs once) */
  deliveryId?: string | undefined;
  roles?: readonly string[];
}

export class MemoryChat implements ChatAdapter {
  readonly capabilities: Capabilities = { ephemeral: true, modals: true, threads: true };
  readonly said: Said[] = [];
  readonly formsOpened: FormSpec[] = [];
  readonly formErrors: Array<Record<string, string>> = [];
  /** the adapter's own bot user: posts by it are Tact's own */
  readonly selfId: string;
  private pipeline: Pipeline | undefined;
  private nextMessage = 1;

  constructor(
    readonly name = 'memory',
    private readonly prefix = `${name}-`,
  ) {
    this.selfId = `${prefix}bot`;
  }

  owns(id: string): boolean {
    return id.startsWith(this.prefix);
  }

  async send(reply: Reply, destination?: Destination): Promise<Delivered | undefined> {
    this.said.push({ how: 'sent', reply, destination });
    const channelId = reply.visibility === 'dm' ? (reply.to ?? '') : (destination?.channelId ?? '');
    return { channelId, messageId: `${this.prefix}m${this.nextMessage++}` };
  }

  async start(pipeline: Pipeline): Promise<void> {
    this.pipeline = pipeline;
  }

  async stop(): Promise<void> {
    this.pipeline = undefined;
  }

  describe(): string {
    return `${this.name} (in memory)`;
  }

  /** `/complaint …` typed by `user`. */
  command(name: string, text: string, request: Request): Promise<void> {
    return this.feed(request, { kind: 'command', command: name, text });
  }

  submitForm(formId: string, values: FormValues, request: Request): Promise<void> {
    return this.feed(request, { kind: 'form', formId, values });
  }

  /** A message posted in a channel; `eventId` is the platform's id for the event (a redelivery repeats it). */
  message(text: string, request: Request & { eventId: string; fromSelf?: boolean }): Promise<void> {
    const channelId = request.channel ?? `${this.prefix}general`;
    const messageId = `${this.prefix}m${this.nextMessage++}`;
    const author = request.fromSelf ? this.selfId : request.user;
    return this.feed(request, {
      kind: 'message',
      eventId: request.eventId,
      authorIds: [author],
      selfIds: [this.selfId],
      message: { text, channelId, messageId, fromIntegration: false },
    });
  }

  /** What went to one user privately, or was sent anywhere, as plain text. */
  texts(how: Said['how'] = 'private'): string[] {
    return this.said.filter((s) => s.how === how).map((s) => s.reply.summary);
  }

  private async feed(request: Request, event: InboundEvent): Promise<void> {
    if (!this.pipeline) throw new Error(`${this.name} was not started`);
    const envelope: Envelope = {
      platform: this.name,
      actor: { id: request.user, ...(request.roles ? { roles: request.roles } : {}) },
      place: { channelId: request.channel },
      deliveryId: request.deliveryId,
    };
    await this.pipeline.handle(this, { ...envelope, ...event } as Inbound, this.responder(request.user));
  }

  private responder(user: string): Responder {
    return {
      answerPrivately: async (reply) => void this.said.push({ how: 'private', reply, to: user }),
      rejectForm: async (errors) => void this.formErrors.push(errors),
      openForm: async (form) => void this.formsOpened.push(form),
    };
  }
}
