import { describe, expect, it } from 'vitest';
import { reply, type Reply } from '../../src/chat/reply.js';
import { sendToEach } from '../../src/jobs/deliver.js';
import type { PostOnce } from '../../src/jobs/post-once.js';
import { createLogger } from '../../src/log.js';

const logger = createLogger({ level: 'error', redact: (text) => text, write: () => undefined });
const dm = (to: string) => reply.dm(to, `Reminder for ${to}`, [{ kind: 'text', text: 'C-1 step 1 is overdue' }]);

describe('sendToEach (a reminder to several people)', () => {
  it("does not hold one manager's reminder behind another's slow or rate-limited delivery", async () => {
    let releaseFirst: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (releaseFirst = resolve));
    const arrived: string[] = [];
    const post: PostOnce = async (_job, r: Reply) => {
      if (r.to === 'console:UMGR1') await held; // waiting out a Retry-After
      arrived.push(r.to ?? '');
    };
    const sending = sendToEach(post, [dm('console:UMGR1'), dm('console:UMGR2')], logger, 'complaint:C-1:step:1');
    await expect.poll(() => arrived).toEqual(['console:UMGR2']);
    releaseFirst();
    await sending;
    expect(arrived).toEqual(['console:UMGR2', 'console:UMGR1']);
  });

  it('fails (so the job is retried) only when nobody was reached', async () => {
    const refusing: PostOnce = async () => Promise.reject(new Error('channel_not_found'));
    await expect(sendToEach(refusing, [dm('UMGR1'), dm('UMGR2')], logger, 'job')).rejects.toMatchObject({
      code: 'TACT_REMINDER_UNDELIVERED',
    });
    const half: PostOnce = async (_job, r) =>
      r.to === 'console:UMGR1' ? Promise.reject(new Error('closed')) : undefined;
    await expect(sendToEach(half, [dm('console:UMGR1'), dm('console:UMGR2')], logger, 'job')).resolves.toBeUndefined();
  });
});
