import { afterEach, describe, expect, it, vi } from 'vitest';
import { onChannelMessage } from '../../../commands/messages.js';
import type { Reply } from '../../../src/chat/reply.js';
import { buildServices, type TestServices } from '../../doubles/services.js';

/** A patient message Tact could not track must not look tracked: staff are told in its thread. */
let t: TestServices;
afterEach(async () => {
  await t.close();
});

const message = {
  text: 'New SMS from +1 555 201 3344: can I move my appointment?',
  channelId: 'console:CINBOX',
  messageId: '1763940000.000100',
  fromIntegration: true,
  integrationName: 'RingCentral',
};

describe('an inbox message that cannot be tracked', () => {
  it('gets a visible note in its thread, and the failure still reaches the adapter', async () => {
    t = await buildServices({ env: { TACT_INBOX_CHANNELS: 'CINBOX' } });
    vi.spyOn(t.services.inquiries, 'create').mockRejectedValue(new Error('disk full'));
    const sent: Reply[] = [];
    const ctx = {
      actor: { id: 'console:BFEED' },
      place: { platform: 'console' as const, channelId: 'console:CINBOX' },
      services: t.services,
    };
    await expect(onChannelMessage(message, ctx, async (r) => void sent.push(r))).rejects.toThrow('disk full');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.visibility).toBe('thread');
    expect(sent[0]?.summary).toBe('Not tracked');
  });

  it('is tracked once even when the platform delivers it twice', async () => {
    t = await buildServices({ env: { TACT_INBOX_CHANNELS: 'CINBOX' } });
    const ctx = {
      actor: { id: 'console:BFEED' },
      place: { platform: 'console' as const, channelId: 'console:CINBOX' },
      services: t.services,
    };
    await onChannelMessage(message, ctx, async () => undefined);
    await onChannelMessage(message, ctx, async () => undefined);
    expect((await t.services.inquiries.open()).map((i) => i.id)).toEqual(['I-1']);
  });
});
