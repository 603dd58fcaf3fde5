import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { digestReply } from '../../commands/digest/digest.js';
import type { Reply } from '../../src/chat/reply.js';
import { channelIndexName } from '../../src/inquiries/service.js';
import { tempDirForFile } from '../doubles/console-process.js';
import { REPO_ROOT, buildServices, type TestServices } from '../doubles/services.js';

/**
 * The per-channel open indexes the digest reads: moved in the record's own write on create,
 * answer and channel change; read as a count and the oldest few; filled once at start-up for stores
 * written before they existed (also Tact 0.1 stores migrated on start-up).
 */
const ENV = { TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00', TACT_REPLY_SLA: '15m', TACT_TIMEZONE: 'America/New_York' };
const MONDAY_10 = '2026-03-02T15:00:00.000Z';
const MIN = 60_000;

let dir: string;
tempDirForFile('tact-channel-index-', (made) => (dir = made));

const opened: TestServices[] = [];
afterEach(async () => {
  for (const t of opened.splice(0).reverse()) await t.close();
});

async function services(options: Parameters<typeof buildServices>[0] = {}): Promise<TestServices> {
  const t = await buildServices({
    env: ENV,
    now: MONDAY_10,
    ...options,
    ...(options.env ? { env: { ...ENV, ...options.env } } : {}),
  });
  opened.push(t);
  return t;
}

function titles(reply: Reply): string[] {
  return reply.sections.flatMap((s) => (s.kind === 'list' && s.title ? [s.title] : []));
}

function group(reply: Reply, title: string): string[] {
  const found = reply.sections.find((s) => s.kind === 'list' && s.title === title);
  if (found?.kind !== 'list') throw new Error(`no group "${title}" in ${titles(reply).join(' | ')}`);
  return [...found.items];
}

describe('the per-channel open indexes', () => {
  it('follow create, answer and a channel change, each in the record write', async () => {
    const t = await services();
    const { inquiries } = t.services;
    for (const channel of ['text', 'text', 'text', 'phone'] as const)
      await inquiries.create({ channel, origin: 'intake', loggedBy: 'intake' });
    await inquiries.setChannel(2, 'phone', 'UANNA');
    await inquiries.answer(1, 'UANNA');
    // claiming keeps it open: no move
    await inquiries.claim(3, 'UBOB');

    expect(await t.storage.members(channelIndexName('text'))).toEqual([3]);
    expect(await t.storage.members(channelIndexName('phone'))).toEqual([2, 4]);
    expect(await inquiries.openCount()).toBe(3);
    const phone = await inquiries.openInChannel('phone', 1);
    expect(phone.count).toBe(2);
    expect(phone.oldest.map((i) => i.id)).toEqual(['I-2']);
    expect(await inquiries.openInChannel('email', 25)).toEqual({ count: 0, oldest: [] });

    // an answered inquiry moved to another channel stays out of every open index
    await inquiries.answer(3, 'UBOB');
    await inquiries.setChannel(3, 'email', 'UBOB');
    expect(await t.storage.members(channelIndexName('text'))).toEqual([]);
    expect(await t.storage.members(channelIndexName('email'))).toEqual([]);
  });
});

describe('the digest from the per-channel indexes', () => {
  it('counts every open message per channel, lists the oldest 25 of each, and puts the channel waiting longest first', async () => {
    const t = await services();
    const { inquiries } = t.services;
    t.clock.set(new Date(Date.parse(MONDAY_10) + 5 * MIN));
    await inquiries.create({ channel: 'email', contact: 'jane.doe@example.com', origin: 'intake', loggedBy: 'intake' });
    for (let i = 0; i < 40; i += 1) {
      t.clock.set(new Date(Date.parse(MONDAY_10) + (10 + i) * MIN));
      await inquiries.create({
        channel: 'text',
        contact: `555-010-${String(1000 + i)}`,
        origin: 'intake',
        loggedBy: 'intake',
      });
    }
    // an intake message the source held back: numbered last, received before everything else
    await inquiries.create({
      channel: 'voicemail',
      receivedAt: new Date(MONDAY_10),
      origin: 'intake',
      loggedBy: 'intake',
    });
    for (const n of [2, 3, 4]) await inquiries.answer(n, 'UANNA');

    const digest = await digestReply(t.services, 'channel');
    expect(digest.summary).toBe('Daily digest: 39 patient messages waiting');
    expect(titles(digest).slice(0, 3)).toEqual(['voicemail or missed call (1)', 'email (1)', 'text message (37)']);
    const text = group(digest, 'text message (37)');
    expect(text).toHaveLength(26);
    expect(text[0]).toMatch(/^I-5 · \*\*\*-\*\*\*-1003 · /);
    expect(text[24]).toMatch(/^I-29 · /);
    expect(text[25]).toBe('…and 12 more: /inquiry list');
    expect(group(digest, 'email (1)')).toEqual([expect.stringMatching(/^I-1 · j\*\*\*@\*\*\*\.com · waiting /)]);
  });
});

describe('filling the per-channel indexes once for earlier stores', () => {
  it('a store with only the open index (written before this change) gets its channel rows at start-up, once', async () => {
    const first = await services();
    const { inquiries } = first.services;
    for (const channel of ['text', 'email', 'text', 'google'] as const)
      await inquiries.create({ channel, origin: 'intake', loggedBy: 'intake' });
    await inquiries.answer(3, 'UANNA');
    // what earlier code left: records and the index of all open ones, no channel rows, no marker
    await first.storage.write(
      [1, 2, 4].map((member, i) => ({
        kind: 'remove' as const,
        index: channelIndexName((['text', 'email', 'google'] as const)[i] ?? 'text'),
        member,
      })),
    );
    await first.storage.collection('meta').delete('inquiry-channel-index');
    expect(
      (await digestReply(first.services, 'channel')).sections.some(
        (s) => s.kind === 'list' && s.title === 'text message (1)',
      ),
    ).toBe(false);

    const restarted = await services({ storage: first.storage });
    expect(await restarted.storage.members(channelIndexName('text'))).toEqual([1]);
    expect(await restarted.storage.members(channelIndexName('email'))).toEqual([2]);
    expect(await restarted.storage.members(channelIndexName('google'))).toEqual([4]);
    expect(titles(await digestReply(restarted.services, 'channel')).slice(0, 3)).toEqual([
      'text message (1)',
      'email (1)',
      'Google (1)',
    ]);

    // done once: the marker stops a second fill (a row removed by hand stays removed)
    await restarted.storage.write([{ kind: 'remove', index: channelIndexName('google'), member: 4 }]);
    expect(await restarted.services.inquiries.fillChannelIndexes()).toBe(false);
    expect(await restarted.storage.members(channelIndexName('google'))).toEqual([]);
  });

  it('a Tact 0.1 store migrated on start-up has its open inquiry in its channel index', async () => {
    const folder = join(dir, 'v0-plain');
    await cp(join(REPO_ROOT, 'test', 'fixtures', 'stores', 'v0-plain'), folder, { recursive: true });
    const t = await services({ env: { TACT_STORE: `sqlite://${join(folder, 'tact.sqlite')}` } });
    // I-1 (text) is open, I-2 (phone) was answered in 0.1
    expect(await t.storage.members(channelIndexName('text'))).toEqual([1]);
    expect(await t.storage.members(channelIndexName('phone'))).toEqual([]);
    const digest = await digestReply(t.services, 'channel');
    expect(digest.summary).toBe('Daily digest: 1 patient messages waiting');
    expect(group(digest, 'text message (1)')).toEqual([expect.stringMatching(/^I-1 · /)]);
  });
});
