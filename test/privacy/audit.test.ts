import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/adapters/store/index.js';
import { ErrorCode, TactError } from '../../src/errors.js';
import { AuditEntry, MAX_RECORDS_PER_ENTRY, StoredAuditTrail } from '../../src/privacy/audit.js';
import type { Collection, Storage } from '../../src/storage.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/** The audit trail on the real Storage port (the in-memory store), with a clock set by hand. */
const ZONE = 'America/New_York';
let storage: Storage;
let clock: FixedClock;
let trail: StoredAuditTrail;

beforeEach(async () => {
  storage = await openStorage('memory://');
  // Tuesday 1 December 2026, 09:00 in New York
  clock = new FixedClock('2026-12-01T14:00:00.000Z');
  trail = new StoredAuditTrail({ storage, clock, zone: () => ZONE });
});
afterEach(async () => {
  await storage.close();
});

const hours = (n: number) => n * 3_600_000;

describe('the audit trail', () => {
  it('lists what was read, by whom and when, newest first, across clinic days', async () => {
    await trail.record({ actor: 'UMGR1', read: 'complaint.show', records: ['C-12'] });
    clock.advance(hours(1));
    await trail.record({ actor: 'UMGR2', read: 'media.list', records: ['M-1', 'M-2'] });
    // 23:30 in New York is already the next day in UTC: entries are grouped by the clinic's day.
    clock.set('2026-12-02T04:30:00.000Z');
    await trail.record({ actor: '1180000000000000001', read: 'alias.list', records: [] });
    clock.set('2026-12-02T15:00:00.000Z');
    await trail.record({ actor: 'UMGR1', read: 'complaint.trends', records: ['C-12', 'C-11'], days: 90 });

    const { entries, more } = await trail.recent(7, 50);
    expect(more).toBe(0);
    expect(entries.map((e) => [e.actor, e.read, e.records])).toEqual([
      ['UMGR1', 'complaint.trends', ['C-12', 'C-11']],
      ['1180000000000000001', 'alias.list', []],
      ['UMGR2', 'media.list', ['M-1', 'M-2']],
      ['UMGR1', 'complaint.show', ['C-12']],
    ]);
    expect(entries[0]).toEqual({
      at: '2026-12-02T15:00:00.000Z',
      actor: 'UMGR1',
      read: 'complaint.trends',
      records: ['C-12', 'C-11'],
      days: 90,
    });
  });

  it('caps the listing and counts the rest; a period leaves out older reads', async () => {
    for (let i = 1; i <= 130; i += 1) {
      await trail.record({ actor: 'UMGR1', read: 'complaint.show', records: [`C-${i}`] });
      clock.advance(60_000);
    }
    const capped = await trail.recent(7, 50);
    expect(capped.entries).toHaveLength(50);
    expect(capped.more).toBe(80);
    expect(capped.entries[0]?.records).toEqual(['C-130']);
    expect(capped.entries[49]?.records).toEqual(['C-81']);

    clock.advance(3 * 86_400_000);
    await trail.record({ actor: 'UMGR2', read: 'media.show', records: ['M-4'] });
    const lastDay = await trail.recent(1, 50);
    expect(lastDay.entries.map((e) => e.records)).toEqual([['M-4']]);
    expect(lastDay.more).toBe(0);
  });

  it('a long list names the first records and counts the rest', async () => {
    const ids = Array.from({ length: MAX_RECORDS_PER_ENTRY + 7 }, (_, i) => `C-${i + 1}`);
    await trail.record({ actor: 'UMGR1', read: 'complaint.list', records: ids });
    const [entry] = (await trail.recent(1, 10)).entries;
    expect(entry?.records).toHaveLength(MAX_RECORDS_PER_ENTRY);
    expect(entry?.more).toBe(7);
  });

  it.each([
    ['a patient reference', { actor: 'UMGR1', read: 'complaint.show' as const, records: ['P-77 Jessica'] }],
    ['a name as the actor', { actor: 'Jessica Moreno', read: 'complaint.show' as const, records: ['C-1'] }],
    ['a look-alike letter in an id', { actor: 'UMGR1', read: 'complaint.show' as const, records: ['С-1'] }], // Cyrillic С
  ])('refuses an entry holding %s, and writes nothing', async (_what, read) => {
    await expect(trail.record(read)).rejects.toMatchObject({ code: ErrorCode.AuditWriteFailed });
    expect((await trail.recent(1, 10)).entries).toEqual([]);
  });

  it('the entry schema has no room for free text', () => {
    expect(
      AuditEntry.safeParse({
        at: '2026-12-01T14:00:00.000Z',
        actor: 'U1',
        read: 'complaint.show',
        records: ['C-1'],
        note: 'Jessica called',
      }).success,
    ).toBe(false);
  });

  it('a store that cannot write makes record() fail with TACT_AUDIT_WRITE_FAILED and its cause', async () => {
    const cause = new Error('disk full');
    // the real store with one collection whose writes fail
    const failing: Storage = Object.assign(Object.create(storage) as Storage, {
      collection: (name: string): Collection => {
        const inner = storage.collection(name);
        return name === 'audit'
          ? Object.assign(Object.create(inner) as Collection, { set: () => Promise.reject(cause) })
          : inner;
      },
    });
    const broken = new StoredAuditTrail({ storage: failing, clock, zone: () => ZONE });
    const error = await broken
      .record({ actor: 'UMGR1', read: 'complaint.show', records: ['C-1'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TactError);
    expect(error).toMatchObject({ code: ErrorCode.AuditWriteFailed, cause });
  });
});
