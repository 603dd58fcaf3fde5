import { afterEach, describe, expect, it } from 'vitest';
import type { Destination, Notifier, SentPlace } from '../../src/chat/outbox.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { sendToEach } from '../../src/jobs/deliver.js';
import { postOnce } from '../../src/jobs/post-once.js';
import { recordFailsOnce } from '../doubles/crash-store.js';
import { buildServices, silentLogger, type TestServices } from '../doubles/services.js';

/**
 * The shared "post once" of every job that posts: per job and per place, an intent before the
 * post and a result after; a run that finds an intent without a result asks the place first.
 */
const JOB = 'complaint:C-1:step:1';
const dm = (to: string) => reply.dm(to, `Reminder for ${to}`, [{ kind: 'text', text: 'C-1 step 1 is overdue' }]);

/** A chat adapter that keeps what it took per place, tagged with the intent key, and can be asked for it. */
function platform(options: { canLook: boolean }) {
  const taken: Array<{ key: string | undefined; where: string }> = [];
  const asked: SentPlace[] = [];
  const whereOf = (r: Reply, d?: Destination) =>
    r.visibility === 'dm' ? `dm:${r.to}` : `${d?.channelId}/${d?.threadId ?? ''}`;
  const notifier: Notifier = {
    async send(r, d) {
      taken.push({ key: d?.intentKey, where: whereOf(r, d) });
      return undefined;
    },
  };
  if (options.canLook) {
    notifier.findSent = async (key, place) => {
      asked.push(place);
      const where = place.kind === 'dm' ? `dm:${place.userId}` : `${place.channelId}/${place.threadId ?? ''}`;
      const hit = taken.some((t) => t.key === key && t.where === where);
      return hit ? { kind: 'found', delivered: { channelId: where, messageId: '1' } } : { kind: 'absent' };
    };
  }
  return { notifier, taken, asked };
}

let t: TestServices | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('postOnce', () => {
  it('a crash after the first manager got the reminder: the retry finds it in their DMs and posts only to the second', async () => {
    t = await buildServices();
    const chat = platform({ canLook: true });
    // The first "posted" record (after the first manager's post) fails, as a process killed there would.
    const crashing = postOnce({
      storage: recordFailsOnce(t.services.storage, 'post-intents', 1),
      notifier: chat.notifier,
      clock: t.clock,
    });
    await expect(crashing(JOB, dm('console:UMGR1'))).rejects.toThrow('killed before the record was written');

    const post = postOnce({ storage: t.services.storage, notifier: chat.notifier, clock: t.clock });
    await sendToEach(post, [dm('console:UMGR1'), dm('console:UMGR2')], silentLogger, JOB);
    expect(chat.taken).toEqual([
      { key: JOB, where: 'dm:console:UMGR1' },
      { key: JOB, where: 'dm:console:UMGR2' },
    ]);
    expect(chat.asked).toEqual([{ kind: 'dm', userId: 'console:UMGR1' }]);
  });

  it('a place recorded as sent is skipped without asking; another job, or another place, is posted', async () => {
    t = await buildServices();
    const chat = platform({ canLook: true });
    const post = postOnce({ storage: t.services.storage, notifier: chat.notifier, clock: t.clock });
    const nudge: Reply = {
      visibility: 'thread',
      summary: 'I-1 has waited 15 min',
      sections: [{ kind: 'text', text: 'I-1 has waited 15 min' }],
    };
    await post('inquiry:I-1:thread', nudge, { channelId: 'console:CINBOX', threadId: '1.1' });
    await post('inquiry:I-1:thread', nudge, { channelId: 'console:CINBOX', threadId: '1.1' });
    await post('inquiry:I-2:thread', nudge, { channelId: 'console:CINBOX', threadId: '2.1' });
    await post('inquiry:I-1:thread', nudge, { channelId: 'console:CINBOX', threadId: '3.1' });
    expect(chat.taken.map((x) => `${x.key} ${x.where}`)).toEqual([
      'inquiry:I-1:thread console:CINBOX/1.1',
      'inquiry:I-2:thread console:CINBOX/2.1',
      'inquiry:I-1:thread console:CINBOX/3.1',
    ]);
    expect(chat.asked).toEqual([]);
  });

  it('an adapter that cannot look (Discord, the console) gets the post again after a crash', async () => {
    t = await buildServices();
    const chat = platform({ canLook: false });
    const crashing = postOnce({
      storage: recordFailsOnce(t.services.storage, 'post-intents', 1),
      notifier: chat.notifier,
      clock: t.clock,
    });
    await expect(crashing(JOB, dm('console:UMGR1'))).rejects.toThrow();
    await postOnce({ storage: t.services.storage, notifier: chat.notifier, clock: t.clock })(JOB, dm('console:UMGR1'));
    expect(chat.taken).toHaveLength(2);
  });
});
