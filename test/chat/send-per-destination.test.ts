import { describe, expect, it } from 'vitest';
import { sendPerDestination } from '../../src/chat/outbox.js';
import type { Reply } from '../../src/chat/reply.js';

const dm = (to: string, text: string): Reply => ({ visibility: 'dm', to, summary: text, sections: [] });
const mine = (text: string): Reply => ({ visibility: 'private', summary: text, sections: [] });

describe('sendPerDestination', () => {
  it('a held destination does not hold the others; each destination keeps its order', async () => {
    const sent: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sending = sendPerDestination(
      [mine('logged'), dm('UMGR1', 'alert 1'), dm('UMGR1', 'alert 2'), dm('UMGR2', 'alert')],
      async (reply) => {
        if (reply.to === 'UMGR1' && reply.summary === 'alert 1') await held;
        sent.push(`${reply.to ?? 'me'}: ${reply.summary}`);
      },
    );
    // Everything not behind UMGR1's first message is out before it is released.
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['me: logged', 'UMGR2: alert']);
    release();
    expect(await sending).toEqual([]);
    expect(sent).toEqual(['me: logged', 'UMGR2: alert', 'UMGR1: alert 1', 'UMGR1: alert 2']);
  });

  it('returns the failures and still sends the rest', async () => {
    const sent: string[] = [];
    const failures = await sendPerDestination([dm('U1', 'a'), dm('U1', 'b'), dm('U2', 'c')], async (reply) => {
      if (reply.summary === 'a') throw new Error('channel_not_found');
      sent.push(reply.summary);
    });
    expect(failures).toHaveLength(1);
    expect(sent.sort()).toEqual(['b', 'c']);
  });
});
