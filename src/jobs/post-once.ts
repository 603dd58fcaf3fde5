import { z } from 'zod';
import type { Destination, Notifier, SentPlace } from '../chat/outbox.js';
import type { Reply } from '../chat/reply.js';
import type { Clock } from '../clock.js';
import { readRecord, type Storage } from '../storage.js';

/**
 * A job's post to one place, at most once across crashes: an intent is recorded before the post
 * and its result after. A run that finds an intent without a result (a crash between "the platform
 * took it" and "recorded") asks the adapter whether the message, which carries the job's key, is
 * in that place, and posts only if it is not. A place already recorded as sent is skipped, so a job
 * retried after reaching some of its recipients reaches only the others.
 */
export type PostOnce = (jobKey: string, reply: Reply, destination?: Destination) => Promise<void>;

/** `at`: when the post was about to be made; `sentAt`: when the platform had taken it. */
const Intent = z.object({ at: z.string(), sentAt: z.string().optional() });

/** How far before its intent a post may carry an earlier timestamp (clock skew between Tact and the platform). */
const INTENT_SKEW_MS = 60_000;

/** Where a reply goes, as the adapter looks for it again. */
export function placeOf(reply: Reply, destination: Destination): SentPlace | undefined {
  if (reply.visibility === 'dm') return reply.to ? { kind: 'dm', userId: reply.to } : undefined;
  if (!destination.channelId) return undefined;
  return {
    kind: 'channel',
    channelId: destination.channelId,
    threadId: reply.visibility === 'thread' ? destination.threadId : undefined,
  };
}

/** One record per job and place: ids only (job keys and chat ids), never patient data. */
function recordKey(jobKey: string, place: SentPlace): string {
  const where =
    place.kind === 'dm' ? `dm:${place.userId}` : `${place.channelId}${place.threadId ? `/${place.threadId}` : ''}`;
  return `${jobKey}>${where}`;
}

export function postOnce(deps: { storage: Storage; notifier: Notifier; clock: Clock }): PostOnce {
  const intents = deps.storage.collection('post-intents');

  async function alreadyThere(jobKey: string, place: SentPlace, intentAt: string): Promise<boolean> {
    if (!deps.notifier.findSent) return false;
    const since = new Date(Date.parse(intentAt) - INTENT_SKEW_MS);
    return (await deps.notifier.findSent(jobKey, place, since)).kind === 'found';
  }

  return async (jobKey, reply, destination = {}) => {
    const place = placeOf(reply, destination);
    // No place to look in: the adapter reports the missing destination when it is sent.
    if (!place) {
      await deps.notifier.send(reply, { ...destination, intentKey: jobKey });
      return;
    }
    const key = recordKey(jobKey, place);
    const intent = await readRecord(intents, key, Intent);
    if (intent?.sentAt) return;
    const at = intent?.at ?? deps.clock.now().toISOString();
    const there = intent !== undefined && (await alreadyThere(jobKey, place, intent.at));
    if (!there) {
      // A retry keeps the first intent's time: Slack is then asked from before either post.
      if (!intent) await intents.set(key, { at });
      await deps.notifier.send(reply, { ...destination, intentKey: jobKey });
    }
    await intents.set(key, { at, sentAt: deps.clock.now().toISOString() });
  };
}
