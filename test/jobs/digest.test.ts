import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { digestReply } from '../../commands/digest/digest.js';
import { findCommand } from '../../commands/index.js';
import { jobViews } from '../../commands/job-views.js';
import { onChannelMessage } from '../../commands/messages.js';
import type { CommandContext, Outcome } from '../../src/chat/command.js';
import { dispatch } from '../../src/chat/dispatch.js';
import type { Reply, Section } from '../../src/chat/reply.js';
import { dailyDigest } from '../../src/jobs/digest.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import {
  attachRecorder,
  digestPlan,
  moveAndRun,
  postThrough,
  removeStores,
  sqliteStore,
  type Recorder,
} from './helpers.js';

/**
 * The daily digest with a fixed clock: once per clinic day at TACT_DIGEST_AT in the clinic's zone,
 * never on closed days, never twice (also across restarts on a SQLite file and DST changes); what
 * it shows (waiting messages by channel with age, owner and link; the last clinic day's figures;
 * open complaints by tier; open press inquiries) and what it never shows (message bodies, full
 * phone numbers). Also `/tact digest now` and `/tact stats`.
 */
const ENV = {
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_REPLY_SLA: '15m',
  TACT_TIMEZONE: 'America/New_York',
  TACT_MANAGERS: 'UMGR1,UMGR2',
  TACT_DIGEST_AT: '08:00',
  TACT_DIGEST_CHANNEL: 'CDIGEST',
  TACT_INBOX_CHANNELS: 'CINBOX',
};
const MIN = 60_000;

function lines(reply: Reply): string[] {
  const section = (s: Section): string[] =>
    s.kind === 'fields'
      ? s.fields.map((f) => `${f.label}: ${f.value}`)
      : s.kind === 'list'
        ? [...(s.title ? [s.title] : []), ...s.items]
        : [s.text];
  return [reply.summary, ...reply.sections.flatMap(section)];
}

function list(reply: Reply, title: string | RegExp): string[] | undefined {
  const found = reply.sections.find(
    (s) =>
      s.kind === 'list' &&
      s.title !== undefined &&
      (typeof title === 'string' ? s.title === title : title.test(s.title)),
  );
  return found?.kind === 'list' ? [...found.items] : undefined;
}

let t: TestServices;
afterEach(async () => {
  await t?.close();
});

/** The core with a recording chat adapter, and the digest's next occurrence. */
async function setup(now: string, env: Record<string, string> = {}) {
  t = await buildServices({ env: { ...ENV, ...env }, now });
  const notifier = attachRecorder(t);
  const source = digestPlan(dailyDigest({ services: t.services, post: postThrough(t, notifier), views: jobViews }));
  const at = moveAndRun(t, 2);
  return { notifier, source, at };
}

/** Which of the given times a digest went out at, and where. */
async function digestTimes(at: (iso: string) => Promise<void>, notifier: Recorder, times: string[]): Promise<string[]> {
  const seen: string[] = [];
  for (const time of times) {
    const before = notifier.sent.length;
    await at(time);
    for (const s of notifier.sent.slice(before)) seen.push(`${time} ${s.destination?.channelId ?? '?'}`);
  }
  return seen;
}

describe('when the digest goes out', () => {
  it('at 08:00 clinic time on an open day, once, however often the scheduler runs', async () => {
    const { notifier, at, source } = await setup('2026-03-02T12:00:00.000Z'); // Monday 07:00 EST
    expect((await source.pending()).map((i) => [i.key, i.at.toISOString()])).toEqual([
      ['digest:console:CDIGEST:2026-03-02', '2026-03-02T13:00:00.000Z'],
    ]);
    const seen = await digestTimes(at, notifier, [
      '2026-03-02T12:59:59.000Z',
      '2026-03-02T13:00:00.000Z',
      '2026-03-02T13:00:01.000Z',
      '2026-03-02T15:00:00.000Z',
      '2026-03-02T22:59:00.000Z', // 17:59, still open
      '2026-03-03T04:00:00.000Z', // 23:00
      '2026-03-03T12:59:00.000Z',
      '2026-03-03T13:00:00.000Z', // Tuesday 08:00
      '2026-03-03T16:00:00.000Z',
    ]);
    expect(seen).toEqual(['2026-03-02T13:00:00.000Z CDIGEST', '2026-03-03T13:00:00.000Z CDIGEST']);
    expect(notifier.sent[0]?.reply.visibility).toBe('channel');
    expect(notifier.sent[0]?.reply.summary).toBe('Daily digest: 0 patient messages waiting');
  });

  it('follows TACT_DIGEST_AT', async () => {
    const { source } = await setup('2026-03-02T12:00:00.000Z', { TACT_DIGEST_AT: '07:30' });
    expect((await source.pending())[0]?.at.toISOString()).toBe('2026-03-02T12:30:00.000Z');
  });

  it('nothing without a digest channel', async () => {
    const { source } = await setup('2026-03-02T13:00:00.000Z', { TACT_DIGEST_CHANNEL: 'none' });
    expect(await source.pending()).toEqual([]);
  });

  it('skips closed days: after Friday the next one is Monday (08:00 EDT after the spring change)', async () => {
    const { notifier, at, source } = await setup('2026-03-06T13:00:00.000Z'); // Friday 6 March, 08:00 EST
    await at('2026-03-06T13:00:00.000Z');
    expect(notifier.sent).toHaveLength(1);
    t.clock.set('2026-03-07T15:00:00.000Z'); // Saturday
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual(['2026-03-09T12:00:00.000Z']);
    const seen = await digestTimes(at, notifier, [
      '2026-03-07T13:00:00.000Z', // Saturday 08:00
      '2026-03-08T12:00:00.000Z', // Sunday 08:00
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T11:59:00.000Z', // Monday 07:59 EDT
      '2026-03-09T12:00:00.000Z', // Monday 08:00 EDT
      '2026-03-09T13:00:00.000Z', // 09:00 EDT: 08:00 EST would have been now
    ]);
    expect(seen).toEqual(['2026-03-09T12:00:00.000Z CDIGEST']);
  });

  it('on the DST change days themselves 08:00 stays 08:00 local', async () => {
    const { notifier, at, source } = await setup('2026-03-08T01:00:00.000Z', {
      TACT_BUSINESS_HOURS: 'Mon-Sun 09:00-18:00',
    }); // Sat 7 March 20:00 EST
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual(['2026-03-08T12:00:00.000Z']); // 08:00 EDT
    let seen = await digestTimes(at, notifier, [
      '2026-03-08T11:59:00.000Z',
      '2026-03-08T12:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
    ]);
    expect(seen).toEqual(['2026-03-08T12:00:00.000Z CDIGEST']);

    t.clock.set('2026-11-01T00:00:00.000Z'); // Sat 31 October 20:00 EDT
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual(['2026-11-01T13:00:00.000Z']); // 08:00 EST
    seen = await digestTimes(at, notifier, [
      '2026-11-01T12:00:00.000Z',
      '2026-11-01T12:59:00.000Z',
      '2026-11-01T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
    ]);
    expect(seen).toEqual(['2026-11-01T13:00:00.000Z CDIGEST']);
    t.clock.set('2026-11-01T20:00:00.000Z');
    expect((await source.pending()).map((i) => i.at.toISOString())).toEqual(['2026-11-02T13:00:00.000Z']);
  });

  it('a digest missed while Tact was down goes out late while the clinic is open, and not after it closes', async () => {
    const { notifier, at } = await setup('2026-03-02T16:00:00.000Z'); // Monday 11:00 EST
    await at('2026-03-02T16:00:00.000Z');
    expect(notifier.sent).toHaveLength(1);
    await t.close();

    const late = await setup('2026-03-03T23:30:00.000Z'); // another store: Tuesday 18:30, closed
    expect((await late.source.pending()).map((i) => i.at.toISOString())).toEqual(['2026-03-04T13:00:00.000Z']);
    await late.at('2026-03-03T23:30:00.000Z');
    expect(late.notifier.sent).toEqual([]);
  });
});

describe('restarts (SQLite file)', () => {
  afterAll(removeStores);

  /** One "process" as main.ts builds it: the core with all its sources, a recording chat adapter. */
  async function boot(store: string, now: string) {
    t = await buildServices({ env: { ...ENV, TACT_STORE: store }, now });
    const notifier = attachRecorder(t);
    await t.runDue();
    await t.runDue();
    return notifier.sent.filter((s) => s.destination?.channelId === 'CDIGEST');
  }

  it('one digest per clinic day across restarts', async () => {
    const store = await sqliteStore('tact-digest-');
    expect(await boot(store, '2026-03-02T12:30:00.000Z')).toEqual([]); // 07:30
    await t.close();
    expect(await boot(store, '2026-03-02T13:00:00.000Z')).toHaveLength(1); // 08:00
    await t.close();
    expect(await boot(store, '2026-03-02T13:05:00.000Z')).toEqual([]);
    await t.close();
    expect(await boot(store, '2026-03-02T20:00:00.000Z')).toEqual([]);
    await t.close();
    expect(await boot(store, '2026-03-03T13:00:00.000Z')).toHaveLength(1); // Tuesday
    await t.close();
    expect(await boot(store, '2026-03-03T13:00:30.000Z')).toEqual([]);
  });
});

describe('what the digest shows', () => {
  const BODY = 'ZEBRAFISH my lips are still swollen after the filler';

  /**
   * Thursday 26 Feb: I-1 (email, P-40, claimed by console:UANNA), still open.
   * Friday 27 Feb: I-2 (text from the inbox, body with a distinctive word) answered in 4 min; I-3
   * (call, P-12) in 10 min; I-4 (text by intake, full phone number) nudged, answered in 40 min;
   * I-5 (text, 16:00) still open. Monday 07:30: I-6 (voicemail from the inbox) open.
   * Open: complaints C-1 and C-2, press inquiry M-1.
   */
  async function history() {
    const { inquiries } = t.services;
    t.clock.set('2026-02-26T16:00:00.000Z'); // Thursday 11:00 EST
    await inquiries.create({
      channel: 'email',
      patientRef: 'P-40',
      contact: 'p40@example.com',
      origin: 'intake',
      loggedBy: 'intake',
    });
    await inquiries.claim(1, 'console:UANNA');

    t.clock.set('2026-02-27T15:00:00.000Z'); // Friday 10:00 EST
    const ctx: CommandContext = {
      actor: { id: 'console:BRING' },
      place: { platform: 'slack', channelId: 'console:CINBOX' },
      services: t.services,
    };
    const thread: Reply[] = [];
    await onChannelMessage(
      {
        text: `New SMS from +1 (555) 867-0142: ${BODY}`,
        channelId: 'console:CINBOX',
        messageId: '1772204400.000100',
        fromIntegration: true,
        integrationName: 'RingCentral SMS',
        link: 'https://slack.com/archives/CINBOX/p1772204400000100',
      },
      ctx,
      async (r) => void thread.push(r),
    );
    expect(thread.map((r) => r.summary)).toEqual(['Tracking I-2']);
    await inquiries.create({
      channel: 'phone',
      patientRef: 'P-12',
      summary: 'wants to reschedule',
      origin: 'command',
      loggedBy: 'console:USTAFF',
    });
    await inquiries.create({ channel: 'text', contact: '+1 (555) 867-0142', origin: 'intake', loggedBy: 'intake' });
    t.clock.advance(4 * MIN);
    await inquiries.answer(2, 'console:UANNA');
    t.clock.advance(6 * MIN);
    await inquiries.answer(3, 'console:UBOB');
    t.clock.set('2026-02-27T15:15:00.000Z');
    await inquiries.markNudged(4, 'thread');
    t.clock.set('2026-02-27T15:40:00.000Z');
    await inquiries.answer(4, 'console:UBOB');
    t.clock.set('2026-02-27T21:00:00.000Z'); // Friday 16:00 EST
    await inquiries.create({
      channel: 'text',
      contact: '555-867-0199',
      origin: 'inbox',
      loggedBy: 'console:BRING',
      chatChannelId: 'console:CINBOX',
      chatMessageId: '1772226000.000200',
      link: 'https://slack.com/archives/CINBOX/p1772226000000200',
    });

    await t.services.complaints.log(
      { patientRef: 'P-7', category: 'billing', categoryGuessed: false, text: 'charged twice' },
      'console:USTAFF',
    );
    await t.services.complaints.log(
      {
        patientRef: 'P-8',
        category: 'conduct',
        categoryGuessed: false,
        text: 'I will sue you and post everywhere unless I get a refund',
      },
      'console:USTAFF',
    );
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');

    t.clock.set('2026-03-02T12:30:00.000Z'); // Monday 07:30 EST
    await onChannelMessage(
      {
        text: 'Voicemail from +1 555 867 0177 (0:42) ZEBRAFISH',
        channelId: 'console:CINBOX',
        messageId: '1772454600.000300',
        fromIntegration: true,
        integrationName: 'RingCentral',
      },
      ctx,
      async () => undefined,
    );
  }

  it('waiting messages by channel (oldest first, age, owner, link), the last clinic day, complaints by tier, press inquiries', async () => {
    await setup('2026-02-26T16:00:00.000Z');
    await history();
    t.clock.set('2026-03-02T13:00:00.000Z'); // Monday 08:00 EST
    const digest = await digestReply(t.services, 'channel');
    const text = lines(digest);

    expect(digest.visibility).toBe('channel');
    expect(digest.summary).toBe('Daily digest: 3 patient messages waiting');
    expect(text).toContain('Daily digest · Mon 2 Mar');
    expect(text).toContain('Patient messages still waiting: 3, oldest first.');
    expect(list(digest, 'text message (1)')).toEqual([
      'I-5 · ***-***-0199 · waiting 2 h · unclaimed · https://slack.com/archives/CINBOX/p1772226000000200',
    ]);
    expect(list(digest, 'voicemail or missed call (1)')).toEqual([
      'I-6 · sender not given · waiting under a minute · unclaimed',
    ]);
    // Thursday 11:00-18:00 and Friday 09:00-18:00: 16 business hours
    expect(list(digest, 'email (1)')).toEqual(['I-1 · P-40 · waiting 16 h · owner UANNA']);
    const groups = digest.sections.filter((s) => s.kind === 'list').map((s) => (s.kind === 'list' ? s.title : ''));
    // groups follow their oldest message: the email (Thursday) before the text (Friday) before the voicemail
    expect(groups.slice(0, 3)).toEqual(['email (1)', 'text message (1)', 'voicemail or missed call (1)']);

    expect(list(digest, 'Last clinic day (2026-02-27)')).toEqual([
      'received 4, answered 3',
      'median first response: 10 business min',
      'answered within the 15 min goal: 67%',
      'missed the goal: 1',
      'logged after the fact (/inquiry): 1',
      'text message: received 3, answered 2',
      'phone call: received 1, answered 1',
    ]);
    const complaints = await t.services.complaints.openComplaints();
    const tiers = ['occasional', 'legitimate', 'escalating', 'aggressive'].map(
      (tier) => `${tier}: ${complaints.filter((c) => c.tier === tier).length}`,
    );
    expect(list(digest, 'Open complaints: 2')).toEqual(tiers);
    expect(complaints.map((c) => c.tier)).toContain('aggressive');
    expect(list(digest, 'Open press inquiries: 1')).toEqual(['M-1 · Daily News · new · deadline none given']);
  });

  it('oldest first within a channel', async () => {
    await setup('2026-03-02T15:00:00.000Z');
    const { inquiries } = t.services;
    await inquiries.create({
      channel: 'text',
      patientRef: 'P-late',
      receivedAt: new Date('2026-03-02T14:50:00.000Z'),
      origin: 'intake',
      loggedBy: 'intake',
    });
    await inquiries.create({
      channel: 'text',
      patientRef: 'P-early',
      receivedAt: new Date('2026-03-02T14:10:00.000Z'),
      origin: 'intake',
      loggedBy: 'intake',
    });
    const digest = await digestReply(t.services, 'channel');
    expect(list(digest, 'text message (2)')?.map((i) => i.split(' · ').slice(0, 3).join(' · '))).toEqual([
      'I-2 · P-early · waiting 50 min',
      'I-1 · P-late · waiting 10 min',
    ]);
  });

  it('never a message body, a summary or a full phone number', async () => {
    await setup('2026-02-26T16:00:00.000Z');
    await history();
    t.clock.set('2026-03-02T13:00:00.000Z');
    const everything = JSON.stringify(await digestReply(t.services, 'channel'));
    expect(everything).not.toContain('ZEBRAFISH');
    expect(everything).not.toContain('swollen');
    expect(everything).not.toContain('wants to reschedule');
    expect(everything).not.toMatch(/867[\s.-]?0142|8670142|867[\s.-]?0199|867[\s.-]?0177/);
    // and nothing of the body was stored either
    for (let n = 1; n <= 6; n += 1)
      expect(JSON.stringify(await t.services.inquiries.get(n))).not.toContain('ZEBRAFISH');
  });

  it('the posted digest is the same as /tact digest now, but for the channel', async () => {
    const { notifier, at } = await setup('2026-02-26T16:00:00.000Z');
    await history();
    await at('2026-03-02T13:00:00.000Z');
    // The open messages' reminders went out too (to their threads and the managers): one digest.
    const digests = notifier.sent.filter((s) => s.destination?.channelId === 'CDIGEST');
    expect(digests).toHaveLength(1);
    const posted = digests[0]!;
    expect(posted.destination).toEqual({ channelId: 'CDIGEST', intentKey: 'digest:console:CDIGEST:2026-03-02' });
    const now = await run('tact', 'digest now', 'console:UMGR1');
    expect(repliesOf(now)[0]?.visibility).toBe('private');
    expect(lines(repliesOf(now)[0]!)).toEqual(lines(posted.reply));
  });
});

function run(name: string, text: string, user: string): Promise<Outcome> {
  const command = findCommand(name);
  if (!command) throw new Error(`no /${name}`);
  return dispatch(command, text, {
    actor: { id: user },
    place: { platform: 'slack', channelId: 'C1' },
    services: t.services,
  });
}

function repliesOf(outcome: Outcome): Reply[] {
  if (outcome.kind !== 'replies') throw new Error(`expected replies, got ${outcome.kind}`);
  return outcome.replies;
}

describe('/tact digest now and /tact stats', () => {
  it('stats for the last 7 days (default) and for a given period, managers only', async () => {
    await setup('2026-03-02T15:00:00.000Z'); // Monday 10:00 EST
    const { inquiries } = t.services;
    await inquiries.create({
      channel: 'text',
      receivedAt: new Date('2026-02-20T15:00:00.000Z'),
      origin: 'intake',
      loggedBy: 'intake',
    }); // 10 days ago
    t.clock.set('2026-02-20T15:08:00.000Z');
    await inquiries.answer(1, 'console:UANNA');
    t.clock.set('2026-02-27T15:00:00.000Z');
    await inquiries.create({ channel: 'phone', origin: 'command', loggedBy: 'console:UANNA' });
    await inquiries.create({ channel: 'text', origin: 'intake', loggedBy: 'intake' });
    t.clock.set('2026-02-27T15:20:00.000Z');
    await inquiries.answer(2, 'console:UANNA');
    t.clock.set('2026-03-02T15:00:00.000Z');
    await inquiries.create({ channel: 'email', origin: 'intake', loggedBy: 'intake' });

    const week = repliesOf(await run('tact', 'stats', 'console:UMGR1'))[0]!;
    expect(week.visibility).toBe('private');
    expect(lines(week)).toEqual([
      'Patient messages, last 7 days',
      'Patient messages, last 7 days',
      'received 3, answered 1',
      'median first response: 20 business min',
      'answered within the 15 min goal: 0%',
      'missed the goal: 0',
      'logged after the fact (/inquiry): 1',
      'text message: received 1, answered 0',
      'phone call: received 1, answered 1',
      'email: received 1, answered 0',
    ]);
    expect(lines(repliesOf(await run('tact', 'stats 7d', 'console:UMGR1'))[0]!)).toEqual(lines(week));
    const month = lines(repliesOf(await run('tact', 'stats 30d', 'console:UMGR2'))[0]!);
    expect(month).toContain('received 4, answered 2');
    expect(month).toContain('answered within the 15 min goal: 50%');
    expect(month).toContain('median first response: 14 business min');

    expect(lines(repliesOf(await run('tact', 'stats 7x', 'console:UMGR1'))[0]!).join('\n')).toContain(
      'is not a period',
    );
    for (const text of ['stats 7d', 'digest now']) {
      const refused = lines(repliesOf(await run('tact', text, 'console:USTAFF'))[0]!).join('\n');
      expect(refused).toContain('Only practice managers can use');
      expect(refused).not.toContain('received');
    }
  });
});
