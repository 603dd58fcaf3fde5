import { ErrorCode, TactError } from '../errors.js';
import type { Redactor } from '../privacy/redactor.js';
import { platformOf, qualify, strip, type ChatPlatform } from './ids.js';
import { redactReply, type Reply } from './reply.js';

/**
 * How background work (nudges, alerts, the digest) speaks: a reply addressed by its visibility
 * (`dm` to a user, `channel` or `thread` to a place). Chat adapters implement the Notifier; the
 * Outbox in front of them passes every text through the redactor first.
 */
export interface Destination {
  channelId?: string | undefined;
  threadId?: string | undefined;
  /** Discord: the server, for links */
  guildId?: string | undefined;
  /**
   * A job's intent key (e.g. `digest:<channel>:<date>`): the adapter attaches it to the message
   * (Slack metadata, Discord nonce) so a job retried after a crash can find what it already posted.
   */
  intentKey?: string | undefined;
}

/** Where a message landed, when the platform says (to track replies in its thread). */
export interface Delivered {
  channelId: string;
  messageId: string;
  /** a link staff can open, where the platform has one */
  link?: string | undefined;
}

/**
 * Where a job's message went, to look for it again: a person's direct messages (the adapter finds
 * their DM channel), or a channel, or a thread in it.
 */
export type SentPlace =
  | { kind: 'dm'; userId: string }
  | { kind: 'channel'; channelId: string; threadId?: string | undefined };

/** Whether a message carrying an intent key is already in a place; `unknown` when the adapter cannot look. */
export type SentCheck = { kind: 'found'; delivered: Delivered } | { kind: 'absent' } | { kind: 'unknown' };

export interface Notifier {
  send(reply: Reply, destination?: Destination): Promise<Delivered | undefined>;
  /**
   * Optional: looks in `place` for a message posted with `intentKey` since `since`. An adapter
   * without it cannot check, and a job that finds its intent without a result then posts again.
   */
  findSent?(intentKey: string, place: SentPlace, since: Date): Promise<SentCheck>;
}

/** A chat adapter as the Outbox sees it: it delivers, and its name is the platform its ids name (`slack:U1`). */
export interface Target extends Notifier {
  readonly name: string;
}

/** The Outbox as the inbound pipeline uses it: a request's answers prefer the adapter it came through. */
export interface Outbound extends Notifier {
  send(reply: Reply, destination?: Destination, via?: Target): Promise<Delivered | undefined>;
}

export class Outbox implements Outbound {
  private readonly targets = new Map<ChatPlatform, Notifier>();

  constructor(
    private readonly redactor: Redactor,
    /** brings the redactor's name table up to date (names registered on another instance) */
    private readonly refreshNames: () => Promise<void> = async () => undefined,
  ) {}

  /**
   * A chat adapter that delivers, once it has started. Each message goes to the adapter of the
   * platform its user or channel id names (`slack:U1` to Slack): never by the id's shape.
   */
  attach(notifier: Notifier, platform: ChatPlatform): void {
    this.targets.set(platform, notifier);
  }

  /** The one outbound redaction point; `via` is the adapter a request came through, which answers its own places. */
  async send(reply: Reply, destination: Destination = {}, via?: Target): Promise<Delivered | undefined> {
    const out = this.route(reply.visibility === 'dm' ? reply.to : destination.channelId, via);
    await this.refreshNames();
    const redacted = redactReply(reply, this.redactor);
    // A direct message goes to its person, wherever the request came from (another platform's channel, even).
    const { channelId, threadId, ...rest } = destination;
    const outward =
      reply.visibility === 'dm' || channelId === undefined ? rest : { ...rest, channelId: out.id(channelId), threadId };
    const delivered = await out.target.send(
      { ...redacted, ...(reply.to === undefined ? {} : { to: out.id(reply.to) }) },
      outward,
    );
    // Where it landed comes back as the platform says it: stored (an inquiry's thread), so qualified.
    return delivered && { ...delivered, channelId: qualify(out.platform, delivered.channelId) };
  }

  async findSent(intentKey: string, place: SentPlace, since: Date): Promise<SentCheck> {
    const out = this.route(place.kind === 'dm' ? place.userId : place.channelId);
    if (!out.target.findSent) return { kind: 'unknown' };
    const there: SentPlace =
      place.kind === 'dm'
        ? { kind: 'dm', userId: out.id(place.userId) }
        : { ...place, channelId: out.id(place.channelId) };
    const found = await out.target.findSent(intentKey, there, since);
    return found.kind === 'found'
      ? {
          kind: 'found',
          delivered: { ...found.delivered, channelId: qualify(out.platform, found.delivered.channelId) },
        }
      : found;
  }

  /**
   * Where platform ids leave the core, the one place: the adapter of the platform an id names, and
   * the id as that platform wants it (`slack:U1` → `U1`; message and thread ids carry no platform).
   * No id at all (a request's own place) goes to the request's adapter, else the first; an id of a
   * platform that is not running, or one that names none, is an error rather than a message sent
   * into another workspace.
   */
  private route(
    id: string | undefined,
    via?: Target,
  ): { target: Notifier; id: (value: string) => string; platform: ChatPlatform } {
    if (!via && this.targets.size === 0)
      throw new TactError(ErrorCode.NoChatAdapter, 'no chat adapter is attached to deliver messages');
    const platform = id === undefined ? (via?.name ?? [...this.targets.keys()][0]) : platformOf(id);
    if (platform === undefined) {
      throw new TactError(
        ErrorCode.ChatIdUnrouted,
        `cannot deliver to "${id ?? ''}": the id does not say its platform (expected <platform>:<id>, e.g. slack:U123)`,
      );
    }
    const target = via?.name === platform ? via : this.targets.get(platform);
    if (!target) {
      throw new TactError(
        ErrorCode.ChatIdUnrouted,
        `cannot deliver to ${id ?? 'this place'}: ${platform} is not running here (running: ${[...this.targets.keys()].join(', ')})`,
      );
    }
    return { target, id: (value) => strip(platform, value), platform };
  }
}

/** Which replies must keep their order between them: those to one person, or to the place of the request. */
function destinationOf(reply: Reply): string {
  if (reply.visibility === 'dm') return `dm:${reply.to ?? ''}`;
  return reply.visibility === 'private' ? 'private' : 'here';
}

/**
 * Sends replies to one destination in order and different destinations at once, so a slow or
 * rate-limited destination (a manager's DM channel) holds back only its own messages. One failure
 * does not stop the others: the failures are returned for the caller to report.
 */
export async function sendPerDestination(
  replies: readonly Reply[],
  send: (reply: Reply) => Promise<unknown>,
): Promise<unknown[]> {
  const groups = new Map<string, Reply[]>();
  for (const reply of replies) groups.set(destinationOf(reply), [...(groups.get(destinationOf(reply)) ?? []), reply]);
  const failures: unknown[] = [];
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const reply of group) await send(reply).catch((error: unknown) => failures.push(error));
    }),
  );
  return failures;
}
