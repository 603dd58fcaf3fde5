import { afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../commands/job-views.js';
import { dailyDigest } from '../../src/jobs/digest.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import { attachRecorder, digestPlan, moveAndRun, plannedJobs, postThrough } from './helpers.js';

/**
 * Shut days in the timed work: an inquiry's reminders wait over a closure or a public holiday (and
 * move when a manager adds a closure after the message arrived); the digest is not posted on a shut
 * day; a lunch break pauses the reply clock. Clinic: New York, Mon-Fri 09:00-18:00, goal 15 minutes.
 */
const ENV = {
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_REPLY_SLA: '15m',
  TACT_TIMEZONE: 'America/New_York',
  TACT_MANAGERS: 'UMGR1',
  TACT_DIGEST_AT: '08:00',
  TACT_DIGEST_CHANNEL: 'CDIGEST',
};

let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup(now: string, env: Record<string, string> = {}) {
  t = await buildServices({ env: { ...ENV, ...env }, now });
  const notifier = attachRecorder(t);
  return { notifier, at: moveAndRun(t, 2) };
}

async function inboxText(messageId: string) {
  const created = await t.services.inquiries.create({
    channel: 'text',
    contact: '555-867-0142',
    origin: 'inbox',
    loggedBy: 'console:UBRING',
    chatChannelId: 'console:CINBOX',
    chatMessageId: messageId,
  });
  if (!('inquiry' in created)) throw new Error('not created');
  return created.inquiry;
}

const nudgeTimes = () => plannedJobs(t, 'inquiry-nudge').map((j) => `${j.key} ${j.at.toISOString()}`);

describe('reminders over shut days', () => {
  it('a text at Wed 23 Dec 17:50 waits over a closure on 24 Dec and Christmas (a holiday): nudged Mon 28 Dec 09:05, nothing before', async () => {
    const { notifier, at } = await setup('2026-12-23T22:50:00Z', { TACT_HOLIDAYS: 'US' });
    await t.services.closures.add({ from: '2026-12-24', to: '2026-12-24', reason: 'Christmas Eve' }, 'console:UMGR1');
    await inboxText('1.1');
    expect(nudgeTimes()).toEqual([
      'inquiry:I-1:thread 2026-12-28T14:05:00.000Z',
      'inquiry:I-1:managers 2026-12-28T14:20:00.000Z',
    ]);
    for (const time of [
      '2026-12-24T14:05:00Z',
      '2026-12-24T20:00:00Z',
      '2026-12-25T15:00:00Z',
      '2026-12-26T15:00:00Z',
      '2026-12-28T14:04:59Z',
    ])
      await at(time);
    // the only thing posted before then is Monday's digest at 08:00
    expect(notifier.sent.map((s) => s.destination?.intentKey)).toEqual(['digest:console:CDIGEST:2026-12-28']);
    await at('2026-12-28T14:05:00Z');
    expect(notifier.sent.map((s) => s.destination?.intentKey)).toEqual([
      'digest:console:CDIGEST:2026-12-28',
      'inquiry:I-1:thread',
    ]);
  });

  it('a closure added after the message arrived moves its reminders', async () => {
    await setup('2026-12-23T22:50:00Z');
    await inboxText('1.1');
    expect(nudgeTimes()).toEqual([
      'inquiry:I-1:thread 2026-12-24T14:05:00.000Z',
      'inquiry:I-1:managers 2026-12-24T14:20:00.000Z',
    ]);
    await t.services.closures.add({ from: '2026-12-24', to: '2026-12-25' }, 'console:UMGR1');
    await expect
      .poll(nudgeTimes)
      .toEqual(['inquiry:I-1:thread 2026-12-28T14:05:00.000Z', 'inquiry:I-1:managers 2026-12-28T14:20:00.000Z']);
    // and back when it is removed
    await t.services.closures.remove(1);
    await expect
      .poll(nudgeTimes)
      .toEqual(['inquiry:I-1:thread 2026-12-24T14:05:00.000Z', 'inquiry:I-1:managers 2026-12-24T14:20:00.000Z']);
  });

  it('a lunch break pauses the clock: a text at 12:20 with 12:30-13:30 off is nudged at 13:35', async () => {
    await setup('2026-12-07T17:20:00Z', { TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-12:30, 13:30-18:00' });
    await inboxText('1.1');
    expect(nudgeTimes()[0]).toBe('inquiry:I-1:thread 2026-12-07T18:35:00.000Z');
  });
});

describe('the digest on shut days', () => {
  it('skips a closure and a public holiday: after Wed 23 Dec the next digest is Mon 28 Dec', async () => {
    // Wed 23 Dec 18:30, after closing: that day's digest is past
    const { notifier, at } = await setup('2026-12-23T23:30:00Z', { TACT_HOLIDAYS: 'US' });
    await t.services.closures.add({ from: '2026-12-24', to: '2026-12-24' }, 'console:UMGR1');
    const source = digestPlan(dailyDigest({ services: t.services, post: postThrough(t, notifier), views: jobViews }));
    expect((await source.pending()).map((p) => p.key)).toEqual(['digest:console:CDIGEST:2026-12-28']);
    for (const time of ['2026-12-24T13:00:00Z', '2026-12-25T13:00:00Z']) await at(time);
    expect(notifier.sent).toEqual([]);
  });
});
