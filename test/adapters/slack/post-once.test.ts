import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/chat/reply.js';
import { postOnce } from '../../../src/jobs/post-once.js';
import { recordFailsOnce } from '../../doubles/crash-store.js';
import { movableClock, removeTempDirs, sharedFakeAndStore, startTact, stopStarted } from './harness.js';

/**
 * "Post once" through the real Slack adapter, for the places reminders go besides a channel: a
 * thread (looked for with conversations.replies) and a person's direct messages (their DM channel
 * from conversations.open, then its history). A crash after Slack took the post never doubles it.
 */
afterEach(stopStarted);
afterAll(removeTempDirs);

const text = (summary: string, visibility: Reply['visibility'], to?: string): Reply => ({
  visibility,
  ...(to ? { to } : {}),
  summary,
  sections: [{ kind: 'text', text: summary }],
});

async function crashThenRetry(reply: Reply, destination: { channelId?: string; threadId?: string }) {
  const { fake, store } = await sharedFakeAndStore();
  const tact = await startTact({ clock: movableClock(new Date('2026-03-02T14:00:00.000Z')), fake, store });
  const { services } = tact.running;
  const deps = { notifier: services.outbox, clock: services.clock };
  const crashing = postOnce({ ...deps, storage: recordFailsOnce(services.storage, 'post-intents', 1) });
  await expect(crashing('inquiry:I-1:thread', reply, destination)).rejects.toThrow(
    'killed before the record was written',
  );
  await postOnce({ ...deps, storage: services.storage })('inquiry:I-1:thread', reply, destination);
  return fake;
}

describe('post once through Slack', () => {
  it('a thread reminder posted before a crash is found among the thread replies, not posted again', async () => {
    const fake = await crashThenRetry(text('I-1 has waited 15 min', 'thread'), {
      channelId: 'slack:CINBOX',
      threadId: '1700000000.000100',
    });
    expect(fake.calls('chat.postMessage').filter((c) => c.body['thread_ts'] === '1700000000.000100')).toHaveLength(1);
    expect(fake.calls('conversations.replies')[0]?.body).toMatchObject({
      channel: 'CINBOX',
      ts: '1700000000.000100',
      include_all_metadata: 'true',
    });
  });

  it("a manager's direct message posted before a crash is found in their DM channel, not posted again", async () => {
    const fake = await crashThenRetry(text('I-1 is waiting', 'dm', 'slack:UMGR1'), {});
    expect(fake.calls('chat.postMessage').filter((c) => c.body['channel'] === 'UMGR1')).toHaveLength(1);
    expect(fake.calls('conversations.open')[0]?.body).toMatchObject({ users: 'UMGR1' });
    expect(fake.calls('conversations.history')[0]?.body).toMatchObject({ channel: 'DUMGR1' });
  });
});
