import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import { attachRecorder, moveAndRun, removeStores, sqliteStore, type Recorder } from './helpers.js';

/**
 * Urgent pages on the real-time clock: a complication logged on a Saturday evening, with the clinic
 * shut, pages the person on call at once, again every 5 minutes, then the backup, then the managers,
 * until someone acknowledges; every page and the acknowledgement are in the complaint's history.
 */
const ENV = {
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00; Sat 09:00-14:00',
  TACT_TIMEZONE: 'America/New_York',
  TACT_MANAGERS: 'UMGR1,UMGR2',
  TACT_ONCALL: 'Mon-Fri 18:00-09:00 UDRWEEK; Sat-Sun UDRA',
  TACT_ONCALL_BACKUP: 'UDRB',
};
/** Saturday 7 March 2026, 19:00 in New York (EST) */
const SAT = Date.parse('2026-03-08T00:00:00.000Z');
const at = (minutes: number) => new Date(SAT + minutes * 60_000);

let t: TestServices;
afterEach(async () => {
  await t.close();
});

function pages(box: Recorder): Array<{ to: string | undefined; reply: Reply }> {
  return box.sent.filter((s) => s.reply.summary.startsWith('URGENT')).map((s) => ({ to: s.reply.to, reply: s.reply }));
}

async function complication(env: Record<string, string> = ENV) {
  t = await buildServices({ env, now: new Date(SAT) });
  const box = attachRecorder(t);
  const { complaint } = await t.services.complaints.log(
    { patientRef: 'P-12', category: 'complication', categoryGuessed: false, text: 'swelling after filler' },
    'console:UFRONT',
  );
  return { complaint, box, run: moveAndRun(t, 2) };
}

describe('urgent pages', () => {
  it('page the person on call at once, repeat, climb to the backup and then the managers, and stop at the acknowledgement', async () => {
    const { complaint, box, run } = await complication();
    await run(at(0));
    expect(pages(box).map((p) => p.to)).toEqual(['UDRA']);
    const first = pages(box)[0]!.reply;
    expect(first.visibility).toBe('dm');
    expect(first.actions).toEqual([{ id: 'page.ack', label: 'Acknowledge', value: complaint.id, style: 'danger' }]);
    const words = first.sections.map((s) => ('text' in s ? s.text : '')).join('\n');
    expect(words).toContain(`Urgent: ${complaint.id}, patient P-12`);
    expect(words).toContain('complication or side effect');
    expect(words).toContain('on call (page 1)');
    // the complaint's own words are for managers only: the page names the reason from Tact's list
    expect(words).not.toContain('swelling after filler');

    await run(at(4));
    expect(pages(box)).toHaveLength(1);
    await run(at(5));
    await run(at(10));
    await run(at(15));
    await run(at(20));
    const to = pages(box).map((p) => p.to);
    // round by round in order; the two managers of one round are sent to at once, in no set order
    expect([...to.slice(0, 4), ...to.slice(4).sort()]).toEqual(['UDRA', 'UDRA', 'UDRB', 'UDRB', 'UMGR1', 'UMGR2']);
    const escalated = pages(box)[2]!
      .reply.sections.map((s) => ('text' in s ? s.text : ''))
      .join('\n');
    expect(escalated).toContain('Not acknowledged by UDRA (on call).');

    const acked = await t.services.pages.acknowledge(complaint.id, 'console:UMGR2', { manager: false });
    expect(acked.ok).toBe(true);
    await run(at(25));
    await run(at(60));
    expect(pages(box)).toHaveLength(6);

    const history = (await t.services.complaints.get(complaint.number))!.history.map((h) => h.what);
    expect(history).toEqual([
      'logged as legitimate',
      'urgent: complication or side effect; paging',
      'urgent page 1 to on-call: console:UDRA',
      'urgent page 2 to on-call: console:UDRA',
      'urgent page 3 to backup: console:UDRB',
      'urgent page 4 to backup: console:UDRB',
      'urgent page 5 to managers: console:UMGR1, console:UMGR2',
      'urgent page acknowledged',
    ]);
    expect((await t.services.complaints.get(complaint.number))!.history.at(-1)?.by).toBe('console:UMGR2');
  });

  it('follow the rota as it changes: the next round pages whoever is on call then', async () => {
    // Sunday 23:58: the weekend shift ends at midnight, Monday's starts
    const sunday = Date.parse('2026-03-09T03:58:00.000Z');
    t = await buildServices({ env: { ...ENV, TACT_ONCALL: 'Sat-Sun UDRA; Mon-Fri UDRWEEK' }, now: new Date(sunday) });
    const box = attachRecorder(t);
    await t.services.complaints.log(
      { patientRef: 'P-3', category: 'complication', categoryGuessed: false, text: 'bruising' },
      'console:UFRONT',
    );
    const run = moveAndRun(t, 2);
    await run(new Date(sunday));
    await run(new Date(sunday + 5 * 60_000));
    expect(pages(box).map((p) => p.to)).toEqual(['UDRA', 'UDRWEEK']);
  });

  it('go to the managers from the start when nobody is on call or backup', async () => {
    const { box, run } = await complication({ ...ENV, TACT_ONCALL: 'none', TACT_ONCALL_BACKUP: 'none' });
    await run(at(0));
    expect(
      pages(box)
        .map((p) => p.to)
        .sort(),
    ).toEqual(['UMGR1', 'UMGR2']);
  });

  it('stop after twelve rounds nobody acknowledged, and tell the managers', async () => {
    const { complaint, box, run } = await complication();
    for (let minute = 0; minute <= 60; minute += 5) await run(at(minute));
    expect(pages(box)).toHaveLength(2 + 2 + 8 * 2);
    const told = box.sent.filter((s) => s.reply.summary === `Urgent ${complaint.id} was not acknowledged`);
    // each manager once; they are sent to at the same time, so in no set order (PostgreSQL varies it)
    expect(told.map((s) => s.reply.to).sort()).toEqual(['UMGR1', 'UMGR2']);
    await run(at(120));
    expect(pages(box)).toHaveLength(20);
    expect((await t.services.pages.get(complaint.id))?.status).toBe('unanswered');
    // acknowledged later all the same, so the record says who took it
    expect((await t.services.pages.acknowledge(complaint.id, 'console:UDRA', { manager: false })).ok).toBe(true);
  });

  it('record a round with nobody in it when no one at all is set, and keep trying', async () => {
    const { complaint, box, run } = await complication({
      ...ENV,
      TACT_ONCALL: 'none',
      TACT_ONCALL_BACKUP: 'none',
      TACT_MANAGERS: 'none',
    });
    await run(at(0));
    expect(pages(box)).toEqual([]);
    const page = await t.services.pages.get(complaint.id);
    expect(page?.rounds).toEqual([{ at: at(0).toISOString(), people: [] }]);
    expect(page?.status).toBe('paging');
    await t.services.settings.set('managers', 'UMGR9', 'console:UADMIN');
    await run(at(5));
    expect(pages(box).map((p) => p.to)).toEqual(['UMGR9']);
  });

  it('refuse an acknowledgement from someone outside the chain, and a second one', async () => {
    const { complaint, run } = await complication();
    await run(at(0));
    const stranger = await t.services.pages.acknowledge(complaint.id, 'console:UFRONT', { manager: false });
    expect(stranger).toMatchObject({ ok: false, problem: 'not-in-chain' });
    expect((await t.services.pages.acknowledge(complaint.id, 'console:UDRA', { manager: false })).ok).toBe(true);
    const again = await t.services.pages.acknowledge(complaint.id, 'console:UDRB', { manager: false });
    expect(again).toMatchObject({ ok: false, problem: 'already-acknowledged', page: { ackedBy: 'console:UDRA' } });
  });

  it("are raised by a complaint's words whatever its category, naming the signs (in any language)", async () => {
    t = await buildServices({ env: ENV, now: new Date(SAT) });
    const box = attachRecorder(t);
    const log = (text: string) =>
      t.services.complaints.log(
        { patientRef: 'P-5', category: 'results', categoryGuessed: true, text },
        'console:UFRONT',
      );
    const { complaint: blurred } = await log('unhappy with the filler and now my vision is blurry in the left eye');
    const { complaint: spanish } = await log('tengo fiebre y la zona está muy roja y caliente desde ayer');
    const { complaint: ordinary } = await log('the results are not what I expected, I want a refund');
    await moveAndRun(t, 2)(at(0));
    expect(blurred.signs).toEqual(['vision changes']);
    expect((await t.services.pages.get(blurred.id))?.reasons).toEqual(['vision changes']);
    expect((await t.services.pages.get(spanish.id))?.reasons).toContain('fever or chills');
    expect(ordinary.signs).toBeUndefined();
    expect(await t.services.pages.get(ordinary.id)).toBeUndefined();
    expect(pages(box).map((p) => p.reply.summary)).toEqual([
      `URGENT ${blurred.id}: vision changes: acknowledge`,
      expect.stringMatching(new RegExp(`^URGENT ${spanish.id}: `)),
    ]);
  });

  it('are not raised for an ordinary complaint', async () => {
    t = await buildServices({ env: ENV, now: new Date(SAT) });
    const { complaint: billing } = await t.services.complaints.log(
      { patientRef: 'P-1', category: 'billing', categoryGuessed: false, text: 'charged twice' },
      'console:UFRONT',
    );
    expect(await t.services.pages.get(billing.id)).toBeUndefined();
    expect(await t.services.pages.open()).toEqual([]);
  });
});

describe('urgent pages across restarts (SQLite file)', () => {
  afterAll(removeStores);

  /** One "process": the core on the store at a time, what is due run, what it sent. */
  async function boot(store: string, minutes: number) {
    t = await buildServices({ env: { ...ENV, TACT_STORE: store }, now: at(minutes) });
    const box = attachRecorder(t);
    await t.runDue();
    await t.runDue();
    return box;
  }

  it('go on after a restart where they stood: no round twice, none missed', async () => {
    const store = await sqliteStore('tact-pages-');
    let box = await boot(store, 0);
    await t.services.complaints.log(
      { patientRef: 'P-12', category: 'complication', categoryGuessed: false, text: 'swelling' },
      'console:UFRONT',
    );
    await t.runDue();
    expect(pages(box).map((p) => p.to)).toEqual(['UDRA']);
    await t.close();
    // down for twelve minutes: the round due at 5 goes out at start-up, the one at 10 (backup) too
    box = await boot(store, 12);
    expect(pages(box).map((p) => p.to)).toEqual(['UDRA', 'UDRB']);
    await t.close();
    box = await boot(store, 12);
    expect(pages(box)).toEqual([]);
    await t.close();
    box = await boot(store, 15);
    expect(pages(box).map((p) => p.to)).toEqual(['UDRB']);
  });
});
