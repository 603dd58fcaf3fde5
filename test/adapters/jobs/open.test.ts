import { describe, expect, it, afterAll } from 'vitest';
import { buildServices } from '../../doubles/services.js';
import { removeStores, sqliteStore } from '../../jobs/helpers.js';

/**
 * The SQLite job table lives in the store's own file, on the store's better-sqlite3 handle. (Two
 * SQLite libraries on one file in one process once corrupted it under this load: SQLITE_CORRUPT
 * after a few dozen patient messages arriving together.)
 */
afterAll(removeStores);

describe('the SQLite job table', () => {
  it('100 messages arriving together on a SQLite store are all stored, open and planned', async () => {
    const t = await buildServices({ env: { TACT_STORE: await sqliteStore('tact-open-') } });
    try {
      const created = await Promise.all(
        Array.from({ length: 100 }, (_, n) =>
          t.services.inquiries.create({
            channel: 'text',
            contact: `555-010-${String(n).padStart(4, '0')}`,
            origin: 'intake',
            loggedBy: 'intake',
            externalId: `m${n}`,
          }),
        ),
      );
      expect(created.filter((c) => 'inquiry' in c)).toHaveLength(100);
      expect((await t.services.inquiries.open()).map((i) => i.number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 100 }, (_, n) => n + 1),
      );
    } finally {
      await t.close();
    }
  });
});
