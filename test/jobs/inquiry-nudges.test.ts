import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../commands/job-views.js';
import type { Reply, Section } from '../../src/chat/reply.js';
import { inquiryNudges } from '../../src/jobs/inquiry-nudges.js';
import { buildServices, silentLogger, type TestServices } from '../doubles/services.js';
import {
  attachRecorder,
  moveAndRun,
  planOf,
  removeStores,
  sqliteStore,
  type Recorder,
  postThrough,
} from './helpers.js';

/**
 * Reminders for unanswered patient messages on the business-time clock (fixed clock): the thread at
 * the reply goal, the managers at twice the goal, each once; the clock pauses overnight, at the
 * weekend and over closed days, and stays right across both DST changes in New York. Restarts on a
 * SQLite file neither lose nor repeat a reminder.
 * Clinic: America/New_York, Mon-Fri 09:00-18:00, reply goal 15 minutes, managers console:UMGR1 and console:UMGR2.
 */
const ENV = {
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_REPLY_SLA: '15m',
  TACT_TIMEZONE: 'America/New_York',
  TACT_MANAGERS: 'UMGR1,UMGR2',
};
const MIN = 60_000;
/** Monday 2 March 2026, 10:00 EST */
const MONDAY_10 = '2026-03-02T15:00:00.000Z';

function textOf(reply: Reply): string {
  const section = (s: Section): string[] =>
    s.kind === 'fields'
      ? s.fields.map((f) => `${f.label}: ${f.value}`)
      : s.kind === 'list'
        ? [s.title ?? '', ...s.items]
        : [s.text];
  return [reply.summary, ...reply.sections.flatMap(section)].join('\n');
}

let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup(now: string, env: Record<string, string> = {}) {
  t = await buildServices({ env: { ...ENV, ...env }, now });
  const notifier = attachRecorder(t);
  const source = planOf(
    t,
    inquiryNudges({
      inquiries: t.services.inquiries,
      settings: t.services.settings,
      calendar: () => t.services.calendar.current(),
      post: postThrough(t, notifier),
      clock: t.clock,
      logger: silentLogger,
      views: jobViews,
    }),
  );
  /** moves the clock and runs what is due three times: whatever is due is sent once */
  const at = moveAndRun(t, 3);
  return { notifier, source, at };
}

/** A text in the inbox channel, tracked by its message there. */
async function inboxText(messageId = '1700000000.000100') {
  const created = await t.services.inquiries.create({
    channel: 'text',
    contact: '555-867-0142',
    origin: 'inbox',
    loggedBy: 'console:BRING',
    chatChannelId: 'console:CINBOX',
    chatMessageId: messageId,
  });
  if (!('inquiry' in created)) throw new Error('not created');
  return created.inquiry;
}

const kinds = (n: Recorder) =>
  n.sent.map((s) => `${s.reply.visibility}:${s.reply.to ?? s.destination?.channelId ?? ''}`);

describe('when reminders are due', () => {
  it('a message at Monday 10:00: the thread at 10:15, the managers at 10:30', async () => {
    const { source } = await setup(MONDAY_10);
    await inboxText();
    expect((await source.pending()).map((i) => [i.key, i.at.toISOString()])).toEqual([
      ['inquiry:I-1:thread', '2026-03-02T15:15:00.000Z'],
      ['inquiry:I-1:managers', '2026-03-02T15:30:00.000Z'],
    ]);
  });

  it('follow TACT_REPLY_SLA', async () => {
    const { source } = await setup(MONDAY_10, { TACT_REPLY_SLA: '1h' });
    await inboxText();
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual([
      '2026-03-02T16:00:00.000Z',
      '2026-03-02T17:00:00.000Z',
    ]);
  });

  it('an answered message has none; a sent reminder is no longer pending', async () => {
    const { source } = await setup(MONDAY_10);
    await inboxText('1.1');
    await inboxText('1.2');
    await t.services.inquiries.answer(1, 'console:UANNA');
    await t.services.inquiries.markNudged(2, 'thread');
    expect((await source.pending()).map((i) => i.key)).toEqual(['inquiry:I-2:managers']);
  });
});

describe('sending reminders through the scheduler', () => {
  it('nudges the thread naming the owner and how to reply, then DMs each manager, each once', async () => {
    const { notifier, at, source } = await setup(MONDAY_10);
    await inboxText();
    await t.services.inquiries.claim(1, 'console:UANNA');
    await at('2026-03-02T15:14:59.000Z');
    expect(notifier.sent).toEqual([]);

    await at('2026-03-02T15:15:00.000Z');
    expect(kinds(notifier)).toEqual(['thread:CINBOX']);
    const [nudge] = notifier.sent;
    expect(nudge?.destination).toEqual({
      channelId: 'CINBOX',
      threadId: '1700000000.000100',
      intentKey: 'inquiry:I-1:thread',
    });
    const words = textOf(nudge!.reply);
    expect(words).toContain('I-1 has waited 15 min of business time without an answer.');
    expect(words).toContain('patient texted: reply by text');
    expect(words).toContain('Owner: console:UANNA');
    expect(nudge?.reply.sections.find((s) => s.kind === 'fields')).toEqual({
      kind: 'fields',
      fields: [{ label: 'Owner', value: 'console:UANNA', user: true }],
    });
    expect(nudge?.reply.actions?.map((a) => a.id)).toEqual([
      'inquiry.claim',
      'inquiry.answer',
      'inquiry.doctor',
      'inquiry.nervous',
    ]);

    await at('2026-03-02T15:29:00.000Z');
    expect(notifier.sent).toHaveLength(1);
    await at('2026-03-02T15:30:00.000Z');
    expect(kinds(notifier)).toEqual(['thread:CINBOX', 'dm:UMGR1', 'dm:UMGR2']);
    for (const dm of notifier.sent.slice(1)) {
      expect(textOf(dm.reply)).toContain(
        'I-1 (text message, ***-***-0142) has waited 30 min of business time, twice the reply goal, and is still unanswered.',
      );
      expect(textOf(dm.reply)).toContain('Owner: console:UANNA');
    }
    // polled again and again, later the same day: nothing more
    await at('2026-03-02T17:00:00.000Z');
    expect(notifier.sent).toHaveLength(3);
    expect(await source.pending()).toEqual([]);
    const stored = await t.services.inquiries.get(1);
    expect(stored?.nudged).toEqual({ thread: '2026-03-02T15:15:00.000Z', managers: '2026-03-02T15:30:00.000Z' });
    expect((await t.services.inquiries.figures('2026-03-02')).breaches).toBe(1);
  });

  it('an unclaimed message asks whoever is free; an email says to reply by email', async () => {
    const { notifier, at } = await setup(MONDAY_10);
    await t.services.inquiries.create({
      channel: 'email',
      origin: 'inbox',
      loggedBy: 'console:BMAIL',
      chatChannelId: 'console:CINBOX',
      chatMessageId: '5.5',
    });
    await at('2026-03-02T15:15:00.000Z');
    const words = textOf(notifier.sent[0]!.reply);
    expect(words).toContain(
      'Nobody has claimed it yet: whoever is free, please reply now (patient emailed: reply by email).',
    );
    expect(notifier.sent[0]?.reply.sections.some((s) => s.kind === 'fields')).toBe(false);
  });

  it('a claimed message with no chat thread nudges its owner directly', async () => {
    const { notifier, at } = await setup(MONDAY_10);
    await t.services.inquiries.create({ channel: 'phone', origin: 'command', loggedBy: 'console:UANNA' });
    await t.services.inquiries.claim(1, 'console:UANNA');
    await at('2026-03-02T15:15:00.000Z');
    expect(kinds(notifier)).toEqual(['dm:UANNA']);
    expect(textOf(notifier.sent[0]!.reply)).toContain('patient called: call back');
  });

  it('an answered message is never nudged', async () => {
    const { notifier, at } = await setup(MONDAY_10);
    await inboxText();
    await at('2026-03-02T15:10:00.000Z');
    await t.services.inquiries.answer(1, 'console:UANNA');
    for (const time of ['2026-03-02T15:15:00.000Z', '2026-03-02T15:30:00.000Z', '2026-03-03T15:00:00.000Z'])
      await at(time);
    expect(notifier.sent).toEqual([]);
  });

  it('answered after the thread nudge: the managers are not told', async () => {
    const { notifier, at } = await setup(MONDAY_10);
    await inboxText();
    await at('2026-03-02T15:15:00.000Z');
    await t.services.inquiries.answer(1, 'console:UANNA');
    await at('2026-03-02T15:30:00.000Z');
    expect(kinds(notifier)).toEqual(['thread:CINBOX']);
  });

  it('a failed delivery is tried again and then sent once', async () => {
    const { notifier, at } = await setup(MONDAY_10);
    await inboxText();
    notifier.failNext = 1;
    t.clock.set('2026-03-02T15:15:00.000Z');
    await t.runDue();
    expect(notifier.sent).toEqual([]);
    expect((await t.services.inquiries.get(1))?.nudged).toEqual({});
    await at('2026-03-02T15:16:00.000Z');
    expect(kinds(notifier)).toEqual(['thread:CINBOX']);
  });
});

describe('the business-time clock', () => {
  /** Moves through the given times and returns when each reminder was first sent. */
  async function firstSent(at: (iso: string) => Promise<void>, notifier: Recorder, times: string[]) {
    const seen: string[] = [];
    for (const time of times) {
      const before = notifier.sent.length;
      await at(time);
      for (const s of notifier.sent.slice(before)) seen.push(`${time} ${s.reply.visibility}:${s.reply.to ?? 'thread'}`);
    }
    return seen;
  }

  it('pauses overnight: Monday 17:50 is nudged Tuesday 09:05', async () => {
    const { notifier, at, source } = await setup('2026-03-02T22:50:00.000Z');
    await inboxText();
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual([
      '2026-03-03T14:05:00.000Z',
      '2026-03-03T14:20:00.000Z',
    ]);
    const seen = await firstSent(at, notifier, [
      '2026-03-02T23:05:00.000Z', // 18:05, closed
      '2026-03-03T05:00:00.000Z', // midnight
      '2026-03-03T14:04:00.000Z', // 09:04
      '2026-03-03T14:05:00.000Z',
      '2026-03-03T14:20:00.000Z',
    ]);
    expect(seen).toEqual([
      '2026-03-03T14:05:00.000Z thread:thread',
      '2026-03-03T14:20:00.000Z dm:UMGR1',
      '2026-03-03T14:20:00.000Z dm:UMGR2',
    ]);
    expect(textOf(notifier.sent[0]!.reply)).toContain('has waited 15 min of business time');
  });

  it('pauses at the weekend: Friday 17:55 is nudged Monday 09:10, the managers told at 09:25', async () => {
    const { notifier, at } = await setup('2026-02-27T22:55:00.000Z'); // Friday 27 February, 17:55 EST
    await inboxText();
    const seen = await firstSent(at, notifier, [
      '2026-02-27T23:30:00.000Z', // Friday 18:30
      '2026-02-28T16:00:00.000Z', // Saturday 11:00
      '2026-03-01T16:00:00.000Z', // Sunday 11:00
      '2026-03-02T14:09:00.000Z', // Monday 09:09
      '2026-03-02T14:10:00.000Z', // Monday 09:10
      '2026-03-02T14:24:00.000Z',
      '2026-03-02T14:25:00.000Z',
    ]);
    expect(seen).toEqual([
      '2026-03-02T14:10:00.000Z thread:thread',
      '2026-03-02T14:25:00.000Z dm:UMGR1',
      '2026-03-02T14:25:00.000Z dm:UMGR2',
    ]);
    expect(textOf(notifier.sent[0]!.reply)).toContain('has waited 15 min of business time');
    expect(textOf(notifier.sent[1]!.reply)).toContain('has waited 30 min of business time');
  });

  it('a message on a closed day (Saturday) counts from Monday 09:00', async () => {
    const { notifier, at, source } = await setup('2026-02-28T16:00:00.000Z'); // Saturday 11:00 EST
    await inboxText();
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual([
      '2026-03-02T14:15:00.000Z',
      '2026-03-02T14:30:00.000Z',
    ]);
    const seen = await firstSent(at, notifier, [
      '2026-02-28T23:00:00.000Z',
      '2026-03-02T14:14:00.000Z',
      '2026-03-02T14:15:00.000Z',
    ]);
    expect(seen).toEqual(['2026-03-02T14:15:00.000Z thread:thread']);
  });

  it('a message before opening counts from opening', async () => {
    const { source } = await setup('2026-03-02T12:30:00.000Z'); // Monday 07:30 EST
    await inboxText();
    expect((await source.pending())[0]?.at.toISOString()).toBe('2026-03-02T14:15:00.000Z');
  });

  it('spring forward (Sunday 8 March 2026): Friday 17:55 EST is nudged Monday 09:10 EDT', async () => {
    const { notifier, at } = await setup('2026-03-06T22:55:00.000Z');
    await inboxText();
    const seen = await firstSent(at, notifier, [
      '2026-03-09T13:09:00.000Z',
      '2026-03-09T13:10:00.000Z',
      '2026-03-09T13:25:00.000Z',
    ]);
    expect(seen).toEqual([
      '2026-03-09T13:10:00.000Z thread:thread',
      '2026-03-09T13:25:00.000Z dm:UMGR1',
      '2026-03-09T13:25:00.000Z dm:UMGR2',
    ]);
  });

  it('fall back (Sunday 1 November 2026): Friday 17:55 EDT is nudged Monday 09:10 EST', async () => {
    const { notifier, at } = await setup('2026-10-30T21:55:00.000Z');
    await inboxText();
    const seen = await firstSent(at, notifier, [
      '2026-11-02T13:10:00.000Z',
      '2026-11-02T14:09:00.000Z',
      '2026-11-02T14:10:00.000Z',
    ]);
    // 13:10Z would be 09:10 in summer time: too early in winter.
    expect(seen).toEqual(['2026-11-02T14:10:00.000Z thread:thread']);
  });

  it('open through the spring-forward night: 15 business minutes are 15 real minutes across the missing hour', async () => {
    const { source } = await setup('2026-03-08T06:50:00.000Z', {
      TACT_BUSINESS_HOURS: 'Sun 00:00-06:00; Mon-Fri 09:00-18:00',
    }); // Sunday 01:50 EST
    await inboxText();
    // 02:05 does not exist: the reminder is at 03:05 EDT, 15 real minutes later
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual([
      '2026-03-08T07:05:00.000Z',
      '2026-03-08T07:20:00.000Z',
    ]);
    // Sunday 00:00-06:00 is 5 real hours that night
    t.clock.set('2026-03-09T12:00:00.000Z'); // Monday 08:00 EDT
    await t.services.inquiries.create({
      channel: 'text',
      receivedAt: new Date('2026-03-08T05:00:00.000Z'),
      origin: 'intake',
      loggedBy: 'intake',
    });
    const answered = await t.services.inquiries.answer(2, 'console:UANNA');
    expect(answered.ok && answered.inquiry.firstResponseMs).toBe(5 * 60 * MIN);
  });

  it('open through the fall-back night: the repeated hour counts twice', async () => {
    const { source } = await setup('2026-11-01T05:50:00.000Z', {
      TACT_BUSINESS_HOURS: 'Sun 00:00-06:00; Mon-Fri 09:00-18:00',
    }); // Sunday 01:50 EDT
    await inboxText();
    // 15 real minutes later it is 01:05 EST
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual([
      '2026-11-01T06:05:00.000Z',
      '2026-11-01T06:20:00.000Z',
    ]);
    t.clock.set('2026-11-02T13:00:00.000Z'); // Monday 08:00 EST
    await t.services.inquiries.create({
      channel: 'text',
      receivedAt: new Date('2026-11-01T04:00:00.000Z'),
      origin: 'intake',
      loggedBy: 'intake',
    });
    const answered = await t.services.inquiries.answer(2, 'console:UANNA');
    expect(answered.ok && answered.inquiry.firstResponseMs).toBe(7 * 60 * MIN);
  });
});

describe('restarts (SQLite file)', () => {
  afterAll(removeStores);

  /** One "process": the core as main.ts builds it, its own scheduler, a recording chat adapter. */
  async function boot(store: string, now: string) {
    t = await buildServices({ env: { ...ENV, TACT_STORE: store }, now });
    return attachRecorder(t);
  }

  it('a reminder due while Tact was down is sent once at start; one already sent is not repeated', async () => {
    const store = await sqliteStore('tact-nudges-');

    // Monday 10:00: the message arrives, nothing is due yet.
    let notifier = await boot(store, MONDAY_10);
    await inboxText();
    await t.runDue();
    expect(notifier.sent).toEqual([]);
    await t.close();

    // Down until 10:20: the thread nudge is overdue and goes out at start, once.
    notifier = await boot(store, '2026-03-02T15:20:00.000Z');
    await t.runDue();
    await t.runDue();
    expect(kinds(notifier)).toEqual(['thread:CINBOX']);
    await t.close();

    // Up again at 10:25: nothing new. At 10:30 the managers, once.
    notifier = await boot(store, '2026-03-02T15:25:00.000Z');
    await t.runDue();
    expect(notifier.sent).toEqual([]);
    t.clock.set('2026-03-02T15:30:00.000Z');
    await t.runDue();
    await t.runDue();
    expect(kinds(notifier)).toEqual(['dm:UMGR1', 'dm:UMGR2']);
    await t.close();

    // A last start much later: nothing is repeated.
    notifier = await boot(store, '2026-03-03T15:00:00.000Z');
    await t.runDue();
    expect(notifier.sent).toEqual([]);
    const stored = await t.services.inquiries.get(1);
    expect(stored?.nudged).toEqual({ thread: '2026-03-02T15:20:00.000Z', managers: '2026-03-02T15:30:00.000Z' });
  });

  it('both reminders overdue at start go out once each, in order', async () => {
    const store = await sqliteStore('tact-nudges-');
    let notifier = await boot(store, MONDAY_10);
    await inboxText();
    await t.close();
    notifier = await boot(store, '2026-03-02T16:00:00.000Z');
    await t.runDue();
    await t.runDue();
    expect(kinds(notifier)).toEqual(['thread:CINBOX', 'dm:UMGR1', 'dm:UMGR2']);
    expect(textOf(notifier.sent[0]!.reply)).toContain('has waited 1 h of business time');
    await t.close();
    notifier = await boot(store, '2026-03-02T16:05:00.000Z');
    await t.runDue();
    expect(notifier.sent).toEqual([]);
  });
});
