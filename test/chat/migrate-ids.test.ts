import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/adapters/store/index.js';
import { IDS_MARKER, qualifyStoredIds } from '../../src/chat/migrate-ids.js';
import type { Storage } from '../../src/storage.js';

/** The id migration on the Storage port, with records as the code before it wrote them. */
let storage: Storage;
beforeEach(async () => {
  storage = await openStorage('memory://');
});
afterEach(async () => {
  await storage.close();
});

const NOW = new Date('2026-12-01T15:00:00.000Z');
const at = NOW.toISOString();

async function seed(): Promise<void> {
  await storage.next('inquiry');
  await storage.next('inquiry');
  await storage.collection('inquiries').set('1', {
    id: 'I-1',
    number: 1,
    channel: 'text',
    receivedAt: at,
    origin: 'inbox',
    status: 'open',
    nudged: {},
    chatChannelId: '112233445566778899',
    chatMessageId: '998877665544332211',
    loggedBy: 'BRING',
    history: [{ at, by: 'tact', what: 'reminder sent: thread' }],
  });
  // number 2 was never written (a crash between the sequence and the record): skipped
  await storage.collection('inquiry-lookups').set('msg:112233445566778899:998877665544332211', 1);
  await storage.next('media');
  await storage.collection('media').set('1', {
    id: 'M-1',
    number: 1,
    owner: 'U7',
    loggedBy: 'slack:U8',
    history: [{ at, by: 'U7', what: 'claimed' }],
  });
  await storage
    .collection('settings')
    .set('overrides', { managers: 'U1,123456789012345678', 'reply-sla': '30m', spokesperson: 'none' });
  await storage.collection('digests').set('CDIGEST:2026-12-02', at);
}

describe('qualifyStoredIds', () => {
  it("on Slack and Discord together, reads bare ids by shape, keeps qualified ones and Tact's own", async () => {
    await seed();
    expect(
      await qualifyStoredIds(storage, { platforms: ['slack', 'discord'], digestChannel: 'slack:CDIGEST', now: NOW }),
    ).toBe(true);
    expect(await storage.collection('inquiries').get('1')).toMatchObject({
      chatChannelId: 'discord:112233445566778899',
      chatMessageId: '998877665544332211',
      loggedBy: 'slack:BRING',
      history: [{ by: 'tact' }],
    });
    expect(await storage.collection('inquiry-lookups').get('msg:discord:112233445566778899:998877665544332211')).toBe(
      1,
    );
    expect(
      await storage.collection('inquiry-lookups').get('msg:112233445566778899:998877665544332211'),
    ).toBeUndefined();
    expect(await storage.collection('media').get('1')).toMatchObject({
      owner: 'slack:U7',
      loggedBy: 'slack:U8',
      history: [{ by: 'slack:U7' }],
    });
    expect(await storage.collection('settings').get('overrides')).toEqual({
      managers: 'slack:U1,discord:123456789012345678',
      'reply-sla': '30m',
      spokesperson: 'none',
    });
    expect(await storage.collection('digests').get('slack:CDIGEST:2026-12-02')).toBe(at);
    expect(await storage.collection('meta').get(IDS_MARKER)).toEqual({ at, records: 2 });
  });

  it('is idempotent: run again without its marker (a run stopped half-way), it changes nothing twice', async () => {
    await seed();
    await qualifyStoredIds(storage, { platforms: ['console'], digestChannel: undefined, now: NOW });
    const first = await storage.collection('inquiries').get('1');
    await storage.collection('meta').delete(IDS_MARKER);
    expect(await qualifyStoredIds(storage, { platforms: ['console'], digestChannel: undefined, now: NOW })).toBe(true);
    expect(await storage.collection('inquiries').get('1')).toEqual(first);
    expect(first).toMatchObject({ chatChannelId: 'console:112233445566778899' });
    expect(await storage.collection('inquiry-lookups').get('msg:console:112233445566778899:998877665544332211')).toBe(
      1,
    );
    expect(await storage.collection('meta').get(IDS_MARKER)).toEqual({ at, records: 0 });
    expect(await qualifyStoredIds(storage, { platforms: ['console'], digestChannel: undefined, now: NOW })).toBe(false);
  });
});
