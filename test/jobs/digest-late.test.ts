import { afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../commands/job-views.js';
import type { Reply } from '../../src/chat/reply.js';
import { dailyDigest } from '../../src/jobs/digest.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import { digestPlan, postThrough } from './helpers.js';

/** A digest set at or after closing time is still sent (it used to be skipped as "day over"). */
let t: TestServices;
afterEach(async () => {
  await t.close();
});

describe('a digest time at or after closing', () => {
  it('is due on time and sent, not skipped as a closed day', async () => {
    t = await buildServices({
      env: { TACT_DIGEST_CHANNEL: 'CDIGEST', TACT_DIGEST_AT: '18:30' },
      now: '2026-06-01T22:30:00.000Z',
    }); // Monday 18:30 EDT, closed at 18:00
    const sent: Reply[] = [];
    const source = digestPlan(
      dailyDigest({
        services: t.services,
        post: postThrough(t, { send: async (r) => void sent.push(r) }),
        views: jobViews,
      }),
    );
    const [item] = await source.pending();
    expect(item?.key).toBe('digest:console:CDIGEST:2026-06-01');
    await item?.run();
    expect(sent).toHaveLength(1);
    expect((await source.pending())[0]?.key).toBe('digest:console:CDIGEST:2026-06-02');
  });
});
