import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../../commands/job-views.js';
import { dailyDigest } from '../../../src/jobs/digest.js';
import { postOnce } from '../../../src/jobs/post-once.js';
import type { ApiCall, FakeSlack } from '../../doubles/fake-slack.js';
import { recordFailsOnce } from '../../doubles/crash-store.js';
import { runDue } from '../../doubles/services.js';
import {
  movableClock,
  removeTempDirs,
  sharedFakeAndStore,
  startTact,
  stopStarted,
  type TactUnderTest,
} from './harness.js';

/**
 * The digest across a crash between "Slack took it" and "recorded": the job records its intent
 * first, posts with the key in the message's metadata, and a retry that finds the intent without a
 * record asks Slack's history before posting. Exactly one digest either way; a digest that never
 * reached Slack is posted on the retry; a Slack that will not show history gets it posted again.
 */
const DIGEST = 'CDIGEST';
/** Monday 2 March 2026, 07:59 and 08:00 EST */
const MONDAY_0759 = new Date('2026-03-02T12:59:00.000Z');
const MONDAY_0800 = new Date('2026-03-02T13:00:00.000Z');
/** the digest channel as Tact stores it, and its job keys embed it */
const STORED = `slack:${DIGEST}`;
const DAY = `${STORED}:2026-03-02`;
const ENV = { TACT_DIGEST_CHANNEL: DIGEST, TACT_DIGEST_AT: '08:00', TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00' };

let tact: TactUnderTest | undefined;
afterEach(stopStarted);
afterAll(removeTempDirs);

const digests = (f: FakeSlack): ApiCall[] => f.calls('chat.postMessage').filter((c) => c.body['channel'] === DIGEST);

/** Tact at Monday 07:59, and a digest job on its services whose first "posted" record write fails (a crash after the post). */
async function digestWhoseRecordFailsOnce() {
  const { fake, store } = await sharedFakeAndStore();
  const clock = movableClock(MONDAY_0759);
  const started = (tact = await startTact({ clock, fake, store, env: ENV }));
  const { services } = started.running;
  const digest = dailyDigest({
    services,
    post: postOnce({
      storage: recordFailsOnce(services.storage, 'post-intents', 1),
      notifier: services.outbox,
      clock: services.clock,
    }),
    views: jobViews,
  });
  const job = await digest.next();
  if (!job) throw new Error('no digest is planned');
  return { fake, clock, started, digest, job };
}

describe('the daily digest across a crash, in Slack', () => {
  it('posted but not recorded: the retry finds it by its metadata in the channel and posts nothing', async () => {
    const { fake, clock, started, digest, job } = await digestWhoseRecordFailsOnce();
    expect(job.key).toBe(`digest:${DAY}`);

    await expect(digest.run(job)).rejects.toThrow('killed before the record was written');
    expect(digests(fake)).toHaveLength(1);
    expect(digests(fake)[0]?.body['metadata']).toEqual({
      event_type: 'tact_intent',
      event_payload: { key: `digest:${DAY}` },
    });
    expect(fake.calls('conversations.history')).toEqual([]);

    await digest.run(job);
    expect(digests(fake)).toHaveLength(1);
    const [asked] = fake.calls('conversations.history');
    expect(asked?.body).toMatchObject({ channel: DIGEST, include_all_metadata: 'true' });
    // a minute before the intent, in Slack's seconds
    expect(Number(asked?.body['oldest'])).toBe(MONDAY_0759.getTime() / 1000 - 60);
    // The retry recorded it: the next digest due is Tuesday's, and the app's own job at 08:00 posts nothing.
    expect((await digest.next())?.key).toBe(`digest:${STORED}:2026-03-03`);
    clock.set(MONDAY_0800);
    await runDue(started.running);
    expect(digests(fake)).toHaveLength(1);
  });

  it('an intent whose post never reached Slack: the retry finds nothing in the channel and posts it once', async () => {
    const { fake, store } = await sharedFakeAndStore();
    const clock = movableClock(MONDAY_0759);
    tact = await startTact({ clock, fake, store, env: ENV });
    await tact.running.services.storage
      .collection('post-intents')
      .set(`digest:${DAY}>${STORED}`, { at: MONDAY_0759.toISOString() });
    clock.set(MONDAY_0800);
    await runDue(tact.running);
    await fake.waitFor(() => digests(fake).length > 0);
    await runDue(tact.running);
    expect(fake.calls('conversations.history')).toHaveLength(1);
    expect(digests(fake)).toHaveLength(1);
    expect(await tact.running.services.storage.collection('digests').get(DAY)).toBeDefined();
  });

  it('a Slack that refuses to show the history (no history scope) gets the digest again, with a warning', async () => {
    const { fake, started, digest, job } = await digestWhoseRecordFailsOnce();
    await expect(digest.run(job)).rejects.toThrow();
    fake.answer('conversations.history', { ok: false, error: 'missing_scope', needed: 'channels:history' });
    await digest.run(job);
    expect(digests(fake)).toHaveLength(2);
    expect(started.logs.some((l) => l.message.includes('could not read the channel'))).toBe(true);
  });
});
