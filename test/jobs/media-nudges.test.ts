import { afterEach, describe, expect, it } from 'vitest';
import { jobViews } from '../../commands/job-views.js';
import type { Notifier } from '../../src/chat/outbox.js';
import type { Reply } from '../../src/chat/reply.js';
import { mediaNudges } from '../../src/jobs/media-nudges.js';
import { buildServices, silentLogger, type TestServices } from '../doubles/services.js';
import { planOf, postThrough } from './helpers.js';

/**
 * Which reminders a press inquiry is due, when, and to whom (fixed clock, memory store). The clock
 * starts Monday 1 June 2026, 12:00 in New York (16:00 UTC).
 */
let t: TestServices;
afterEach(async () => {
  await t.close();
});

function recorder(): Notifier & { sent: Reply[] } {
  const sent: Reply[] = [];
  return { sent, send: async (reply) => void sent.push(reply) };
}

async function setup(env: Record<string, string> = { TACT_SPOKESPERSON: 'USPOKES', TACT_MANAGERS: 'UMGR1,UMGR2' }) {
  t = await buildServices({ env });
  const notifier = recorder();
  const source = planOf(
    t,
    mediaNudges({
      media: t.services.media,
      settings: t.services.settings,
      post: postThrough(t, notifier),
      clock: t.clock,
      logger: silentLogger,
      views: jobViews,
    }),
  );
  return { notifier, source };
}

const at = (iso: string) => new Date(iso).getTime();

describe('pending reminders', () => {
  it('an unclaimed inquiry with a deadline: spokesperson after the SLA, managers after twice that, one hour before the deadline', async () => {
    const { source } = await setup();
    await t.services.media.log(
      { outlet: 'Daily News', question: 'is the senator a patient?', deadline: '5pm' },
      'console:USTAFF',
    );
    const items = await source.pending();
    expect(items.map((i) => [i.key, i.at.toISOString()])).toEqual([
      ['media:M-1:spokesperson', '2026-06-01T16:15:00.000Z'],
      ['media:M-1:managers', '2026-06-01T16:30:00.000Z'],
      ['media:M-1:deadline', '2026-06-01T20:00:00.000Z'], // 5pm EDT = 21:00Z, less one hour
    ]);
  });

  it('use the media SLA setting', async () => {
    const { source } = await setup({ TACT_SPOKESPERSON: 'USPOKES', TACT_MEDIA_SLA: '1h' });
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');
    expect((await source.pending()).map((i) => i.at.getTime() - at('2026-06-01T16:00:00Z'))).toEqual([
      3_600_000, 7_200_000,
    ]);
  });

  it('a claimed inquiry only keeps its deadline reminder; an answered or closed one has none', async () => {
    const { source } = await setup();
    const claimed = await t.services.media.log({ outlet: 'A', question: 'one?', deadline: '5pm' }, 'console:USTAFF');
    const answered = await t.services.media.log({ outlet: 'B', question: 'two?', deadline: '5pm' }, 'console:USTAFF');
    const closed = await t.services.media.log({ outlet: 'C', question: 'three?', deadline: '5pm' }, 'console:USTAFF');
    await t.services.media.claim(claimed.number, 'console:USPOKES');
    await t.services.media.finish(answered.number, 'answered', 'console:USPOKES');
    await t.services.media.finish(closed.number, 'closed', 'console:UMGR1');
    expect((await source.pending()).map((i) => i.key)).toEqual(['media:M-1:deadline']);
  });

  it('a reminder already sent is not pending any more', async () => {
    const { source } = await setup();
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');
    await t.services.media.markNudged(1, 'spokesperson');
    expect((await source.pending()).map((i) => i.key)).toEqual(['media:M-1:managers']);
  });
});

describe('sending a reminder', () => {
  it('goes to the spokesperson, then to each manager, and is recorded on the inquiry', async () => {
    const { source, notifier } = await setup();
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');
    t.clock.advance(15 * 60_000);
    const [spokesperson, managers] = await source.pending();
    await spokesperson?.run();
    expect(notifier.sent.map((r) => [r.visibility, r.to, r.summary])).toEqual([
      [
        'dm',
        'console:USPOKES',
        'Reminder: press inquiry M-1 (Daily News) is still unclaimed. Claim it, or hand it on.',
      ],
    ]);
    expect(notifier.sent[0]?.actions?.map((a) => a.id)).toEqual(['media.claim', 'media.done']);
    await managers?.run();
    expect(notifier.sent.slice(1).map((r) => r.to)).toEqual(['console:UMGR1', 'console:UMGR2']);
    const inquiry = await t.services.media.get(1);
    expect(inquiry?.nudged).toEqual({ spokesperson: '2026-06-01T16:15:00.000Z', managers: '2026-06-01T16:15:00.000Z' });
  });

  it('the deadline escalation goes to the spokesperson and the managers, each once', async () => {
    const { source, notifier } = await setup({ TACT_SPOKESPERSON: 'UMGR1', TACT_MANAGERS: 'UMGR1,UMGR2' });
    await t.services.media.log(
      { outlet: 'Daily News', question: 'is the senator a patient?', deadline: '12:30' },
      'console:USTAFF',
    );
    const deadline = (await source.pending()).find((i) => i.key.endsWith(':deadline'));
    await deadline?.run();
    expect(notifier.sent.map((r) => r.to)).toEqual(['console:UMGR1', 'console:UMGR2']);
    expect(notifier.sent[0]?.summary).toBe(
      'Press inquiry M-1 (Daily News) is due within the hour and has not been answered.',
    );
  });

  it('without a spokesperson, the spokesperson reminder goes to the managers', async () => {
    const { source, notifier } = await setup({ TACT_MANAGERS: 'UMGR1,UMGR2' });
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');
    await (await source.pending())[0]?.run();
    expect(notifier.sent.map((r) => r.to)).toEqual(['console:UMGR1', 'console:UMGR2']);
  });

  it('with no spokesperson and no managers, the record says the reminder reached nobody, never "sent"', async () => {
    const { source, notifier } = await setup({});
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');
    t.clock.advance(15 * 60_000);
    await (await source.pending())[0]?.run();
    expect(notifier.sent).toEqual([]);
    const history = (await t.services.media.get(1))?.history.map((h) => h.what);
    expect(history).toEqual(['logged', 'spokesperson reminder reached nobody: no spokesperson or managers set']);
    expect(history?.join('\n')).not.toContain('reminder sent');
  });

  it('is skipped when the inquiry was claimed after the list was made', async () => {
    const { source, notifier } = await setup();
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');
    const [spokesperson] = await source.pending();
    await t.services.media.claim(1, 'console:USPOKES');
    await spokesperson?.run();
    expect(notifier.sent).toEqual([]);
    expect((await t.services.media.get(1))?.nudged).toEqual({});
  });

  it('carries the alias, never the registered name', async () => {
    const { source, notifier } = await setup();
    await t.services.aliases.add('Jane Doe', 'Tulip', 'console:UMGR1');
    await t.services.media.log({ outlet: 'Daily News', question: "is Jane Doe's surgeon on staff?" }, 'console:USTAFF');
    await (await source.pending())[0]?.run();
    const text = JSON.stringify(notifier.sent);
    expect(text).toContain('Tulip’s surgeon');
    expect(text).not.toMatch(/jane|doe\b/i);
  });
});

describe('a recipient who cannot be reached', () => {
  it('does not make the others get the reminder again; the reminder is done', async () => {
    t = await buildServices({ env: { TACT_SPOKESPERSON: 'USPOKES', TACT_MANAGERS: 'UMGR1,bob' } });
    const sent: Reply[] = [];
    const notifier: Notifier = {
      send: async (reply) => {
        if (reply.to === 'bob') throw new Error('channel_not_found');
        sent.push(reply);
        return undefined;
      },
    };
    const source = planOf(
      t,
      mediaNudges({
        media: t.services.media,
        settings: t.services.settings,
        post: postThrough(t, notifier),
        clock: t.clock,
        logger: silentLogger,
        views: jobViews,
      }),
    );
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');
    t.clock.set('2026-06-01T16:31:00.000Z');
    const managers = (await source.pending()).find((i) => i.key === 'media:M-1:managers');
    await managers?.run();
    expect(sent.filter((r) => r.to === 'console:UMGR1')).toHaveLength(1);
    expect((await t.services.media.get(1))?.nudged.managers).toBeDefined();
    expect((await source.pending()).map((i) => i.key)).not.toContain('media:M-1:managers');
  });

  it('fails the job when nobody at all was reached, so it is tried again', async () => {
    t = await buildServices({ env: { TACT_SPOKESPERSON: 'USPOKES', TACT_MANAGERS: 'bob' } });
    const notifier: Notifier = { send: async () => Promise.reject(new Error('channel_not_found')) };
    const source = planOf(
      t,
      mediaNudges({
        media: t.services.media,
        settings: t.services.settings,
        post: postThrough(t, notifier),
        clock: t.clock,
        logger: silentLogger,
        views: jobViews,
      }),
    );
    await t.services.media.log({ outlet: 'Daily News', question: 'is the senator a patient?' }, 'console:USTAFF');
    t.clock.set('2026-06-01T16:31:00.000Z');
    const managers = (await source.pending()).find((i) => i.key === 'media:M-1:managers');
    await expect(managers?.run()).rejects.toThrow(/no recipient could be reached/);
    expect((await t.services.media.get(1))?.nudged.managers).toBeUndefined();
  });
});
