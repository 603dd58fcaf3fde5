import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { digestReply } from '../../commands/digest/digest.js';
import type { CommandContext } from '../../src/chat/command.js';
import { dispatchAction } from '../../src/chat/dispatch.js';
import { qualify } from '../../src/chat/ids.js';
import type { Reply, Section } from '../../src/chat/reply.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import { command, runner } from '../commands/helpers.js';
import { attachRecorder, places, removeStores, sqliteStore } from './helpers.js';

/**
 * Follow-ups at their time, on the real queue with a fixed clock: posted in the inbox channel (or to
 * the owner), reminded at the reply goal (owner) and twice it (managers) until done; snooze, skip,
 * move and cancel by button and by command; the digest; restarts on a SQLite file.
 * Clinic: America/New_York, Mon-Fri 09:00-18:00, reply goal 15 minutes, managers UMGR1 and UMGR2.
 * The follow-up is planned on Friday 6 March 2026 for "Mon 9am", the first Monday after clocks go
 * forward: Mon 9 Mar 09:00 EDT = 13:00Z.
 */
const ENV = {
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_REPLY_SLA: '15m',
  TACT_TIMEZONE: 'America/New_York',
  TACT_MANAGERS: 'UMGR1,UMGR2',
  TACT_INBOX_CHANNELS: 'CINBOX',
};
/** Fri 6 Mar 2026 10:00 EST */
const FRIDAY_10 = '2026-03-06T15:00:00.000Z';
const DUE = '2026-03-09T13:00:00.000Z';

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
  await t?.close();
});

async function setup(env: Record<string, string> = {}, now = FRIDAY_10) {
  t = await buildServices({ env: { ...ENV, ...env }, now });
  const notifier = attachRecorder(t);
  const followup = runner(t, 'followup');
  const at = async (iso: string) => {
    t.clock.set(iso);
    await t.runDue();
    await t.runDue();
  };
  return { notifier, followup, at };
}

function press(actionId: string, user = 'UNURSE'): Promise<unknown> {
  const ctx: CommandContext = {
    actor: { id: qualify('console', user) },
    place: { platform: 'console' },
    services: t.services,
  };
  return dispatchAction(command('followup'), actionId, 'F-1', ctx);
}

describe('a follow-up at its time', () => {
  it('appears in the inbox channel at its time (across DST), with its buttons, and is nudged until done', async () => {
    const { notifier, followup, at } = await setup();
    await followup('P-12 Mon 9am text check swelling after filler', 'UNURSE');
    await at('2026-03-09T12:59:59.000Z');
    expect(notifier.sent).toEqual([]);
    await at(DUE);
    expect(places(notifier)).toEqual(['channel:CINBOX']);
    const notice = notifier.sent[0]!.reply;
    expect(textOf(notice)).toContain('Follow-up F-1 is due (Mon 9 Mar 09:00): patient P-12, by text message.');
    expect(textOf(notice)).toContain('/followup snooze F-1');
    expect(notice.actions?.map((a) => a.label)).toEqual([
      'Done',
      'Snooze 1 h',
      'Snooze until tomorrow',
      'Snooze…',
      'Skip',
    ]);
    // the reply goal after it fell due: its owner
    await at('2026-03-09T13:14:00.000Z');
    expect(notifier.sent).toHaveLength(1);
    await at('2026-03-09T13:15:00.000Z');
    expect(places(notifier).slice(1)).toEqual(['dm:UNURSE']);
    expect(textOf(notifier.sent[1]!.reply)).toContain('fell due 15 min of business time ago');
    // twice the goal: the managers
    await at('2026-03-09T13:30:00.000Z');
    expect(places(notifier).slice(2)).toEqual(['dm:UMGR1', 'dm:UMGR2']);
    await at('2026-03-10T13:00:00.000Z');
    expect(notifier.sent).toHaveLength(4);
  });

  it('goes to its owner directly when there is no inbox channel; done stops the reminders', async () => {
    const { notifier, followup, at } = await setup({ TACT_INBOX_CHANNELS: '' });
    await followup('P-12 Mon 9am call check', 'UNURSE');
    await at(DUE);
    expect(places(notifier)).toEqual(['dm:UNURSE']);
    await press('followup.done');
    await at('2026-03-09T14:00:00.000Z');
    expect(notifier.sent).toHaveLength(1);
    expect((await t.services.followups.get(1))?.status).toBe('done');
  });

  it('Snooze 1 h by button: the old reminders do not come, it is posted again an hour later', async () => {
    const { notifier, followup, at } = await setup();
    await followup('P-12 Mon 9am call check', 'UNURSE');
    await at(DUE);
    t.clock.set('2026-03-09T13:05:00.000Z');
    await press('followup.snooze-hour');
    await at('2026-03-09T13:20:00.000Z');
    await at('2026-03-09T13:40:00.000Z');
    expect(places(notifier)).toEqual(['channel:CINBOX']);
    await at('2026-03-09T14:05:00.000Z');
    expect(places(notifier)).toEqual(['channel:CINBOX', 'channel:CINBOX']);
    expect(textOf(notifier.sent[1]!.reply)).toContain('is due (Mon 9 Mar 10:05)');
    await at('2026-03-09T14:20:00.000Z');
    expect(places(notifier).at(-1)).toBe('dm:UNURSE');
  });

  it('Skip by button, and snooze by typed command', async () => {
    const { notifier, followup, at } = await setup();
    await followup('P-12 Mon 9am call check', 'UNURSE');
    await at(DUE);
    await followup('snooze F-1 tomorrow 9:30am', 'UNURSE');
    await at('2026-03-09T14:00:00.000Z');
    expect(notifier.sent).toHaveLength(1);
    await at('2026-03-10T13:30:00.000Z');
    expect(notifier.sent).toHaveLength(2);
    await press('followup.skip');
    await at('2026-03-11T13:30:00.000Z');
    expect(notifier.sent).toHaveLength(2);
    expect((await t.services.followups.get(1))?.status).toBe('skipped');
  });

  it('move and cancel by typed command before it falls due', async () => {
    const { notifier, followup, at } = await setup();
    await followup('P-1 Mon 9am call one', 'UNURSE');
    await followup('P-2 Mon 9am call two', 'UNURSE');
    await followup('move F-1 Tue 11am', 'UNURSE');
    await followup('cancel F-2', 'UNURSE');
    await at(DUE);
    await at('2026-03-09T16:00:00.000Z');
    expect(notifier.sent).toEqual([]);
    await at('2026-03-10T15:00:00.000Z');
    expect(places(notifier)).toEqual(['channel:CINBOX']);
    expect(textOf(notifier.sent[0]!.reply)).toContain('F-1 is due (Tue 10 Mar 11:00)');
  });

  it('the digest lists due follow-ups by patient reference, never the note', async () => {
    const { followup } = await setup();
    await followup('P-12 Mon 9am call about the swelling', 'UNURSE');
    await followup('P-13 Tue 9am call later', 'UNURSE');
    t.clock.set('2026-03-09T14:00:00.000Z');
    const digest = textOf(await digestReply(t.services, 'channel'));
    expect(digest).toContain('Follow-ups due: 1');
    expect(digest).toContain('F-1 · P-12 · due Mon 9 Mar 09:00 · owner');
    expect(digest).not.toContain('swelling');
    expect(digest).not.toContain('P-13');
  });
});

describe('restarts (SQLite file)', () => {
  afterAll(removeStores);

  async function boot(store: string, now: string) {
    t = await buildServices({ env: { ...ENV, TACT_STORE: store }, now });
    return attachRecorder(t);
  }

  it('a follow-up due while Tact was down is posted once at start, then nudged; nothing is repeated', async () => {
    const store = await sqliteStore('tact-followups-');
    let notifier = await boot(store, FRIDAY_10);
    await runner(t, 'followup')('P-12 Mon 9am text check swelling', 'UNURSE');
    await t.close();

    notifier = await boot(store, '2026-03-09T13:05:00.000Z');
    await t.runDue();
    await t.runDue();
    expect(places(notifier)).toEqual(['channel:CINBOX']);
    await t.close();

    notifier = await boot(store, '2026-03-09T13:10:00.000Z');
    await t.runDue();
    expect(notifier.sent).toEqual([]);
    t.clock.set('2026-03-09T13:15:00.000Z');
    await t.runDue();
    expect(places(notifier)).toEqual(['dm:UNURSE']);
    await t.close();

    notifier = await boot(store, '2026-03-09T13:16:00.000Z');
    await t.runDue();
    expect(notifier.sent).toEqual([]);
    expect(Object.keys((await t.services.followups.get(1))?.nudged ?? {})).toEqual(['due', 'owner']);
  });
});
