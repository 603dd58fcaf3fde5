import type { webApi } from '@slack/bolt';
import type { ChannelQueues } from './channel-queue.js';

/**
 * A job's intent key travels on its Slack message as message metadata, which Slack keeps with the
 * message and returns from `conversations.history` when asked (`include_all_metadata`). Users do
 * not see it, and nothing but the key is put there (no patient data).
 */
const EVENT_TYPE = 'tact_intent';

/** Pages of history read at most: a digest channel or a DM gets a few messages a day, the skew window is a minute. */
const MAX_PAGES = 10;

export function intentMetadata(key: string): { event_type: string; event_payload: { key: string } } {
  return { event_type: EVENT_TYPE, event_payload: { key } };
}

function carriesKey(
  message: { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } },
  key: string,
): boolean {
  return message.metadata?.event_type === EVENT_TYPE && message.metadata.event_payload?.['key'] === key;
}

/**
 * The ts of a message since `since` that carries `key`, in `channel` or, given `thread`, among that
 * thread's replies, if there is one. Throws when Slack refuses (e.g. a missing history scope).
 */
export async function findMessageByIntent(
  client: webApi.WebClient,
  queues: ChannelQueues,
  key: string,
  where: { channel: string; thread?: string | undefined },
  since: Date,
): Promise<string | undefined> {
  const { channel, thread } = where;
  // Slack's `oldest` is a message ts: seconds, with microseconds after the point.
  const oldest = (since.getTime() / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const request = { channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
    const history = await queues.run(channel, () =>
      thread ? client.conversations.replies({ ...request, ts: thread }) : client.conversations.history(request),
    );
    const found = history.messages?.find((m) => carriesKey(m, key));
    if (found?.ts) return found.ts;
    cursor = history.response_metadata?.next_cursor || undefined;
    if (!history.has_more || !cursor) return undefined;
  }
  return undefined;
}
