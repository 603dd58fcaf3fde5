import type { Redactor } from '../privacy/redactor.js';
import { mapReplyText, type Reply } from './reply.js';

/**
 * How background work (nudges, alerts, the digest) speaks: a reply addressed by its visibility
 * (`dm` to a user, `channel` or `thread` to a place). Chat adapters implement the Notifier; the
 * Outbox in front of them passes every text through the redactor first.
 */
export interface Destination {
  channelId?: string | undefined;
  threadId?: string | undefined;
}

/** Where a message landed, when the platform says (to track replies in its thread). */
export interface Delivered {
  channelId: string;
  messageId: string;
  /** a link staff can open, where the platform has one */
  link?: string | undefined;
}

export interface Notifier {
  send(reply: Reply, destination?: Destination): Promise<Delivered | undefined>;
}

export class Outbox implements Notifier {
  private target: Notifier | undefined;

  constructor(private readonly redactor: Redactor) {}

  /** The chat adapter that delivers; set once it has started. */
  attach(target: Notifier): void {
    this.target = target;
  }

  async send(reply: Reply, destination?: Destination): Promise<Delivered | undefined> {
    if (!this.target) throw new Error('no chat adapter is attached to deliver messages');
    return this.target.send(mapReplyText(reply, (t) => this.redactor.redact(t)), destination);
  }
}
