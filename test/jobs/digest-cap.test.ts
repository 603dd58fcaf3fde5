import { afterEach, describe, expect, it } from 'vitest';
import { digestReply } from '../../commands/digest/digest.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/** A digest is read by people: each channel shows its oldest messages and counts the rest. */
let t: TestServices;
afterEach(async () => {
  await t.close();
});

describe('the digest with many waiting messages', () => {
  it('lists the 25 oldest of a channel and says how many more wait', async () => {
    t = await buildServices({ now: '2026-06-01T14:00:00.000Z' });
    for (let i = 0; i < 30; i += 1) {
      t.clock.set(new Date(Date.parse('2026-06-01T14:00:00.000Z') + i * 60_000));
      await t.services.inquiries.create({
        channel: 'text',
        contact: `555-010-${String(1000 + i)}`,
        origin: 'intake',
        loggedBy: 'intake',
      });
    }
    const digest = await digestReply(t.services, 'channel');
    const group = digest.sections.find((s) => s.kind === 'list' && s.title === 'text message (30)');
    if (group?.kind !== 'list') throw new Error('no text message group');
    expect(group.items).toHaveLength(26);
    expect(group.items[0]).toMatch(/^I-1 · /);
    expect(group.items[24]).toMatch(/^I-25 · /);
    expect(group.items[25]).toBe('…and 5 more: /inquiry list');
  });
});
