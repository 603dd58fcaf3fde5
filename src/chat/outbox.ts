import { ErrorCode, TactError } from '../errors.js';
import type { Redactor } from '../privacy/redactor.js';
import { platformOf, type ChatPlatform } from './ids.js';
import { mapReplyText, type Reply } from './reply.js';

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
export type SentPlace = { kind: 'dm'; userId: string } | { kind: 'channel'; channelId: string; threadId?: string | undefined };

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

export class Outbox implements Notifier {
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

  async send(reply: Reply, destination?: Destination): Promise<Delivered | undefined> {
    const target = this.targetFor(reply.visibility === 'dm' ? reply.to : destination?.channelId);
    await this.refreshNames();
    return target.send(mapReplyText(reply, (t) => this.redactor.redact(t)), destination);
  }

  async findSent(intentKey: string, place: SentPlace, since: Date): Promise<SentCheck> {
    const target = this.targetFor(place.kind === 'dm' ? place.userId : place.channelId);
    return target.findSent ? target.findSent(intentKey, place, since) : { kind: 'unknown' };
  }

  /**
   * The adapter for an id's platform. No id at all goes to the first adapter, which reports the
   * missing destination in its own words; an id of a platform that is not running is an error
   * rather than a message sent into another workspace.
   */
  private targetFor(id: string | undefined): Notifier {
    const first = this.targets.values().next();
    if (first.done) throw new TactError(ErrorCode.NoChatAdapter, 'no chat adapter is attached to deliver messages');
    if (id === undefined) return first.value;
    const platform = platformOf(id);
    if (platform === undefined) {
      throw new TactError(ErrorCode.ChatIdUnrouted, `cannot deliver to "${id}": the id does not say its platform (expected <platform>:<id>, e.g. slack:U123 or discord:123456789012345678)`);
    }
    const target = this.targets.get(platform);
    if (!target) {
      const running = [...this.targets.keys()].join(', ');
      throw new TactError(ErrorCode.ChatIdUnrouted, `cannot deliver to ${id}: ${platform} is not configured here (running: ${running})`);
    }
    return target;
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
export async function sendPerDestination(replies: readonly Reply[], send: (reply: Reply) => Promise<unknown>): Promise<unknown[]> {
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
