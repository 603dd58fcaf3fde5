import { ErrorCode, TactError } from '../errors.js';
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

/** A notifier that knows which ids are its own: a chat adapter, as the Outbox sees it. */
export interface Target extends Notifier {
  owns(id: string): boolean;
}

/** The Outbox as the inbound pipeline uses it: a request's answers prefer the adapter it came through. */
export interface Outbound extends Notifier {
  send(reply: Reply, destination?: Destination, via?: Target): Promise<Delivered | undefined>;
}

export class Outbox implements Outbound {
  private readonly targets: Target[] = [];

  constructor(
    private readonly redactor: Redactor,
    /** brings the redactor's name table up to date (names registered on another instance) */
    private readonly refreshNames: () => Promise<void> = async () => undefined,
  ) {}

  /**
   * A chat adapter that delivers, once it has started. With two platforms in one process, each
   * message goes to the one that owns its user or channel id (`owns`); a plain notifier owns all.
   */
  attach(target: Notifier & { owns?: (id: string) => boolean }): void {
    this.targets.push({ send: (r, d) => target.send(r, d), findSent: target.findSent?.bind(target), owns: target.owns?.bind(target) ?? (() => true) });
  }

  /** The one outbound redaction point; `via` is the adapter a request came through, which answers its own places. */
  async send(reply: Reply, destination: Destination = {}, via?: Target): Promise<Delivered | undefined> {
    const out = this.route(reply.visibility === 'dm' ? reply.to : destination.channelId, via);
    await this.refreshNames();
    const redacted = mapReplyText(reply, (t) => this.redactor.redact(t));
    return out.target.send({ ...redacted, ...(reply.to === undefined ? {} : { to: out.id(reply.to) }) }, outwardPlace(destination, out.id));
  }

  async findSent(intentKey: string, place: SentPlace, since: Date): Promise<SentCheck> {
    const out = this.route(place.kind === 'dm' ? place.userId : place.channelId);
    if (!out.target.findSent) return { kind: 'unknown' };
    const there: SentPlace =
      place.kind === 'dm' ? { kind: 'dm', userId: out.id(place.userId) } : { kind: 'channel', channelId: out.id(place.channelId), threadId: place.threadId && out.id(place.threadId) };
    return out.target.findSent(intentKey, there, since);
  }

  /**
   * Where platform ids leave the core, the one place: the adapter that delivers to a user or channel
   * id, and the id as that platform wants it (today unchanged; a qualified `slack:U1` would be
   * stripped here). A request's own adapter answers in its place and any id it owns; other ids go
   * to the adapter that owns them.
   */
  private route(id: string | undefined, via?: Target): { target: Notifier; id: (value: string) => string } {
    const outward = (value: string) => value;
    if (via && (id === undefined || via.owns(id))) return { target: via, id: outward };
    const target = this.targets.find((t) => id !== undefined && t.owns(id)) ?? via ?? this.targets[0];
    if (!target) throw new TactError(ErrorCode.NoChatAdapter, 'no chat adapter is attached to deliver messages');
    return { target, id: outward };
  }
}

function outwardPlace(destination: Destination, id: (value: string) => string): Destination {
  const { channelId, threadId } = destination;
  return { ...destination, ...(channelId === undefined ? {} : { channelId: id(channelId) }), ...(threadId === undefined ? {} : { threadId: id(threadId) }) };
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
