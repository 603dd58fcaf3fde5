import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { digestReply } from '../../commands/digest/digest.js';
import type { Reply } from '../../src/chat/reply.js';
import { lines, runner } from '../commands/helpers.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import { attachRecorder, places, removeStores, sqliteStore } from './helpers.js';

/**
 * Personal touches on their day, on the real queue with a fixed clock: a direct message to the
 * owner with a draft note; birthdays yearly (Feb 29 on Feb 28 in other years); the digest line;
 * restarts on a SQLite file. Clinic: America/New_York, Mon-Fri 09:00-18:00, Sat 09:00-14:00.
 * Recorded on Sun 6 Dec 2026 10:00 EST.
 */
const ENV = {
  TACT_TIMEZONE: 'America/New_York',
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00; Sat 09:00-14:00',
  TACT_MANAGERS: 'UMGR',
  TACT_INBOX_CHANNELS: 'CINBOX',
};
const SUNDAY_10 = '2026-12-06T15:00:00.000Z';

const textOf = (reply: Reply): string => lines(reply).join('\n');

let t: TestServices;
afterEach(async () => {
  await t?.close();
});

async function setup(env: Record<string, string> = {}) {
  t = await buildServices({ env: { ...ENV, ...env }, now: SUNDAY_10 });
  const notifier = attachRecorder(t);
  const at = async (iso: string) => {
    t.clock.set(iso);
    await t.runDue();
    await t.runDue();
  };
  return { notifier, touch: runner(t, 'touch'), at };
}

describe('a touch on its day', () => {
  it('a thank-you: the owner gets a direct message with the template draft at opening two days later, once', async () => {
    const { notifier, touch, at } = await setup();
    await touch('P-12 thank-you', 'UNURSE');
    await at('2026-12-08T13:59:59.000Z');
    expect(notifier.sent).toEqual([]);
    await at('2026-12-08T14:00:00.000Z'); // Tue 8 Dec 09:00 EST
    expect(places(notifier)).toEqual(['dm:UNURSE']);
    const text = textOf(notifier.sent[0]?.reply as Reply);
    expect(text).toContain('Personal touch T-1 today: patient P-12, first-visit thank-you');
    expect(text).toContain('thank you for choosing us for your first visit');
    expect(text).toContain('Tact does not send this to the patient');
    expect((await t.services.touches.get(1))?.status).toBe('done');
    await at('2026-12-09T14:00:00.000Z');
    expect(notifier.sent).toHaveLength(1);
  });

  it('an event: the wish the day before, with the occasion in the draft; a cancelled one stays silent', async () => {
    const { notifier, touch, at } = await setup();
    await touch('P-12 event Dec 24 wedding', 'UNURSE');
    await touch('P-13 event Dec 24 gala', 'UNURSE');
    await touch('cancel T-2', 'UNURSE');
    await at('2026-12-23T14:00:00.000Z'); // Wed 23 Dec 09:00 EST
    expect(places(notifier)).toEqual(['dm:UNURSE']);
    const text = textOf(notifier.sent[0]?.reply as Reply);
    expect(text).toContain('wedding on Dec 24');
    expect(text).toContain('your wedding is coming up');
    expect(text).not.toContain('P-13');
  });

  it('a birthday recurs yearly: Feb 29 on Sat 27 Feb 2027 (Feb 28 is a Sunday), Feb 29 2028, Feb 28 2029', async () => {
    const { notifier, touch, at } = await setup();
    await touch('P-12 birthday Feb 29', 'UNURSE');
    await at('2027-02-27T13:59:00.000Z');
    expect(notifier.sent).toEqual([]);
    await at('2027-02-27T14:00:00.000Z');
    expect(notifier.sent).toHaveLength(1);
    expect(textOf(notifier.sent[0]?.reply as Reply)).toContain('Happy birthday, [first name]!');
    expect(await t.services.touches.get(1)).toMatchObject({
      status: 'open',
      occasionDate: '2028-02-29',
      dueAt: '2028-02-29T14:00:00.000Z',
    });
    await at('2028-02-28T14:00:00.000Z');
    expect(notifier.sent).toHaveLength(1);
    await at('2028-02-29T14:00:00.000Z');
    expect(notifier.sent).toHaveLength(2);
    expect((await t.services.touches.get(1))?.dueAt).toBe('2029-02-28T14:00:00.000Z');
    await at('2029-02-28T14:00:00.000Z');
    expect(places(notifier)).toEqual(['dm:UNURSE', 'dm:UNURSE', 'dm:UNURSE']);
  });

  it('across DST: an event wished on Mon 9 Mar 2026 comes at 09:00 EDT (13:00Z)', async () => {
    t = await buildServices({ env: ENV, now: '2026-03-02T15:00:00.000Z' });
    const notifier = attachRecorder(t);
    await runner(t, 'touch')('P-12 event Mar 10 premiere', 'UNURSE');
    t.clock.set('2026-03-09T12:59:00.000Z');
    await t.runDue();
    expect(notifier.sent).toEqual([]);
    t.clock.set('2026-03-09T13:00:00.000Z');
    await t.runDue();
    expect(notifier.sent).toHaveLength(1);
  });
});

describe('the digest', () => {
  it('says how many touches are reminded today and whose, with no patient reference or occasion', async () => {
    const { touch } = await setup();
    await touch('P-12 thank-you', 'UNURSE');
    await touch('P-13 thank-you', 'UNURSE');
    await touch('P-14 thank-you', 'UOTHER');
    await touch('P-15 event Dec 24 wedding', 'UOTHER');
    t.clock.set('2026-12-08T13:00:00.000Z'); // Tue 8 Dec 08:00 EST
    const digest = textOf(await digestReply(t.services, 'channel'));
    expect(digest).toContain('Personal touches today: 3 (UNURSE 2, UOTHER 1).');
    for (const hidden of ['P-12', 'P-14', 'P-15', 'thank-you', 'wedding']) expect(digest).not.toContain(hidden);
    t.clock.set('2026-12-10T13:00:00.000Z');
    expect(textOf(await digestReply(t.services, 'channel'))).not.toContain('Personal touches');
  });
});

describe('restarts (SQLite file)', () => {
  afterAll(removeStores);

  async function boot(store: string, now: string) {
    t = await buildServices({ env: { ...ENV, TACT_STORE: store }, now });
    return attachRecorder(t);
  }

  it('a birthday that fell due while Tact was down is wished once at start, then planned for next year', async () => {
    const store = await sqliteStore('tact-touches-');
    let notifier = await boot(store, SUNDAY_10);
    await runner(t, 'touch')('P-12 birthday Dec 10', 'UNURSE');
    await t.close();

    notifier = await boot(store, '2026-12-10T16:00:00.000Z');
    await t.runDue();
    await t.runDue();
    expect(places(notifier)).toEqual(['dm:UNURSE']);
    await t.close();

    notifier = await boot(store, '2026-12-10T17:00:00.000Z');
    await t.runDue();
    expect(notifier.sent).toEqual([]);
    expect(await t.services.touches.get(1)).toMatchObject({ status: 'open', occasionDate: '2027-12-10' });
    await t.close();

    notifier = await boot(store, '2027-12-10T14:00:00.000Z'); // Fri 10 Dec 2027 09:00 EST
    await t.runDue();
    expect(places(notifier)).toEqual(['dm:UNURSE']);
  });
});
