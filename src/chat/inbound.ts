import type { Actor, Command, CommandContext } from './command.js';
import type { FormSpec, FormValues } from './form.js';
import type { Destination } from './outbox.js';
import type { Reply } from './reply.js';

/**
 * What an adapter hands the pipeline: a platform event turned neutral, with the ids as the platform
 * gave them. The pipeline turns them into the core's actor and place in one function (`contextFor`).
 */
export interface Envelope {
  /** the adapter's name */
  platform: string;
  actor: Actor;
  /** where the request was made: replies to the channel or thread go there */
  place: Destination;
  /** the platform's id for this delivery (Slack trigger or view id, Discord interaction id): a repeat runs once */
  deliveryId?: string | undefined;
}

/** A message posted in a channel, as the message flows read it. */
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
  /** a link to the message, where the platform has one */
  link?: string | undefined;
  /** the message mentions Tact (it is a request to Tact, handled as a mention) */
  mentionsTact?: boolean | undefined;
}

export type ThreadStart = Omit<ChannelMessage, 'channelId'>;

/** Events that come from what people post (not from a request to Tact): run once per event id, never for Tact's own posts. */
export interface Posted {
  /** the platform's event id: the dedupe key is `event:<platform>:<eventId>` */
  eventId: string;
  /** the author's ids (user, bot) and Tact's own on this platform: equal ones are skipped */
  authorIds: readonly string[];
  selfIds: readonly string[];
}

export type InboundEvent =
  | { kind: 'command'; command: string; text: string }
  | { kind: 'form'; formId: string; values: FormValues; context?: string | undefined }
  | { kind: 'action'; actionId: string; value: string }
  | ({ kind: 'message'; message: ChannelMessage } & Posted)
  | ({ kind: 'reaction'; reaction: { name: string; channelId: string; messageId: string } } & Posted)
  | ({
      kind: 'mention';
      mention: { text: string; channelId: string; threadId: string | undefined };
      readThreadStart: () => Promise<ThreadStart | undefined>;
    } & Posted)
  | { kind: 'shortcut'; message: { text: string; channelId: string; threadId: string } }
  /** the person opened (or is shown again) their home view: what is theirs today */
  | { kind: 'home' };

export type Inbound = Envelope & InboundEvent;

/**
 * What only the platform can do for one event. `answerPrivately` is required; the rest have a
 * sensible default when left out (nothing to acknowledge, no forms).
 */
export interface Responder {
  /** a reply only the requester sees */
  answerPrivately(reply: Reply): Promise<void>;
  /** a valid form submission is accepted (Slack acks the view here, then waits its turn) */
  accept?(): Promise<void>;
  /**
   * a form submission with problems goes back to the person, field by field (ids to problems);
   * `form` and `values` say what was asked and typed, so nothing typed need be lost
   */
  rejectForm?(errors: Record<string, string>, form: FormSpec, values: FormValues): Promise<void>;
  /** opens a form; an adapter without forms leaves this out and the person is told to type it */
  openForm?(form: FormSpec): Promise<void>;
  /** the work ran but had nothing to say to the requester (Discord must still answer the interaction) */
  done?(): Promise<void>;
  /** shows the person's home view (Slack's Home tab); left out where the platform has none */
  publishHome?(view: readonly Reply[]): Promise<void>;
  /** a repeated delivery was ignored */
  duplicate?(): Promise<void>;
  /** lets the platform answer in time while the work runs (Discord defers after 1.5 s) */
  settle?<T>(running: Promise<T>): Promise<T>;
}

/** How a message, mention or reaction flow answers: in the thread of what it answers. */
export type Send = (reply: Reply) => Promise<void>;

/**
 * The command layer, as the pipeline runs it: the commands and the flows for what people post.
 * main.ts passes commands/ in, so the core imports none of it.
 */
export interface Handlers {
  commands: readonly Command[];
  onChannelMessage(message: ChannelMessage, ctx: CommandContext, send: Send): Promise<void>;
  onReaction(
    reaction: { name: string; channelId: string; messageId: string },
    ctx: CommandContext,
    send: Send,
  ): Promise<void>;
  onMention(
    mention: { text: string; channelId: string; threadId: string | undefined },
    ctx: CommandContext,
    send: Send,
    readThreadStart: () => Promise<ThreadStart | undefined>,
  ): Promise<void>;
  draftForMessage(
    message: { text: string; channelId: string; threadId: string },
    ctx: CommandContext,
    send: Send,
  ): Promise<void>;
  /** the person's home view: what is theirs and what is overdue (`/tact today` shows the same) */
  home?(ctx: CommandContext): Promise<Reply[]>;
}
