import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/chat/command.js';
import { qualify } from '../../../src/chat/ids.js';
import { dispatchAction } from '../../../src/chat/dispatch.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { attachRecorder } from '../../jobs/helpers.js';
import { command, repliesOf, runner, textOf } from '../helpers.js';

/**
 * What staff see of urgent pages: whoever logs a complication is told first who is paged and what to
 * read to the patient; the page is acknowledged by button or by `/tact ack`, and only by the chain.
 */
const ENV = {
  TACT_MANAGERS: 'UMGR',
  TACT_ONCALL: 'Sat-Sun UDRA',
  TACT_ONCALL_BACKUP: 'UDRB',
  TACT_COUNTRY: 'GB',
  TACT_TIMEZONE: 'Europe/London',
};
/** Saturday 7 March 2026, 19:00 in London */
const SATURDAY_7PM = '2026-03-07T19:00:00.000Z';

let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup(env: Record<string, string> = ENV) {
  t = await buildServices({ env, now: SATURDAY_7PM });
  return { complaint: runner(t, 'complaint'), tact: runner(t, 'tact') };
}

/** The one thing a command said. */
const said = (outcome: Outcome) => repliesOf(outcome)[0]?.summary;

function press(user: string, value: string) {
  return dispatchAction(command('tact'), 'page.ack', value, {
    actor: { id: qualify('console', user) },
    place: { platform: 'console', channelId: 'console:DM' },
    services: t.services,
  });
}

describe('urgent pages, as staff see them', () => {
  it('whoever logs a complication hears first who is paged, who comes next, and the line for the patient', async () => {
    const run = await setup();
    const [urgent, logged] = repliesOf(
      await run.complaint('P-12 complication: swelling and pain after filler', 'UFRONT'),
    );
    const words = textOf({ kind: 'replies', replies: [urgent!] });
    expect(words).toContain('Urgent (complication or side effect): C-1. Paging UDRA (on call) now');
    expect(words).toContain(
      'every 10 min without an acknowledgement the next is paged: UDRB (backup), then UMGR (practice manager)',
    );
    expect(words).toContain('Tell the patient: "If it is severe or getting worse');
    expect(words).toContain('call 999 now');
    expect(logged?.summary).toBe('Logged C-1 (legitimate)');
  });

  it("uses the clinic's own emergency line when it has one", async () => {
    const run = await setup({ ...ENV, TACT_EMERGENCY_LINE: 'Call Dr Lee on the out-of-hours line, 0161 496 0000.' });
    const text = textOf(await run.complaint('P-12 complication: swelling after filler', 'UFRONT'));
    expect(text).toContain('Tell the patient: "Call Dr Lee on the out-of-hours line, 0161 496 0000."');
  });

  it('says when nobody is on call and the managers are paged, and when nobody can be paged at all', async () => {
    let run = await setup({ ...ENV, TACT_ONCALL: 'none', TACT_ONCALL_BACKUP: 'none' });
    let text = textOf(await run.complaint('P-12 complication: bruising', 'UFRONT'));
    expect(text).toContain('Paging UMGR (practice manager) now.');
    expect(text).toContain('Nobody is on call now (set the rota with /tact oncall set)');
    await t.close();
    run = await setup({ ...ENV, TACT_ONCALL: 'none', TACT_ONCALL_BACKUP: 'none', TACT_MANAGERS: 'none' });
    text = textOf(await run.complaint('P-12 complication: bruising', 'UFRONT'));
    expect(text).toContain(
      'Nobody can be paged: no on-call rota, backup or managers are set. Call the provider yourself now',
    );
  });

  it('an ordinary complaint says nothing of pages', async () => {
    const run = await setup();
    const replies = repliesOf(await run.complaint('P-12 billing: charged twice', 'UFRONT'));
    expect(replies[0]?.summary).toBe('Logged C-1 (legitimate)');
    expect(replies.some((r) => r.summary.startsWith('Urgent'))).toBe(false);
  });

  it('is acknowledged by the button by the person paged, who is told; the logger hears who took it', async () => {
    const run = await setup();
    await run.complaint('P-12 complication: swelling after filler', 'UFRONT');
    const box = attachRecorder(t);
    await t.runDue();
    expect(textOf(await press('UFRONT', 'C-1'))).toContain(
      'Only the people paged about C-1, the on-call chain or a practice manager can acknowledge it.',
    );
    expect(said(await press('UDRA', 'C-1'))).toBe('You have C-1: paging has stopped. Contact the patient now.');
    expect(box.sent.filter((s) => s.reply.to === 'UFRONT').map((s) => s.reply.summary)).toEqual([
      'UDRA acknowledged the urgent page for C-1.',
    ]);
    expect(said(await run.tact('ack C-1', 'UDRB'))).toMatch(
      /^C-1 was already acknowledged by UDRA at Sat 7 Mar 19:00\.$/,
    );
  });

  it('/tact ack reads ids as people type them, and says how when it cannot', async () => {
    const run = await setup();
    await run.complaint('P-12 complication: swelling after filler', 'UFRONT');
    expect(said(await run.tact('ack 1', 'UDRA'))).toBe(
      '"1" is not a page id: write the id the page names, e.g. /tact ack C-7 or /tact ack I-3.',
    );
    expect(said(await run.tact('ack C-2', 'UDRA'))).toBe('There is no urgent page for C-2. See /tact pages.');
    expect(said(await run.tact('ack c1', 'UDRB'))).toBe('You have C-1: paging has stopped. Contact the patient now.');
  });

  it('/tact pages lists what is still waiting, for managers', async () => {
    const run = await setup();
    await run.complaint('P-12 complication: swelling after filler', 'UFRONT');
    attachRecorder(t);
    await t.runDue();
    const listed = textOf(await run.tact('pages', 'UMGR'));
    expect(listed).toContain('Urgent pages waiting for an acknowledgement: 1');
    expect(listed).toContain('C-1 · complication or side effect · since Sat 7 Mar 19:00 · page 1 to UDRA');
    await run.tact('ack C-1', 'UMGR');
    expect(said(await run.tact('pages', 'UMGR'))).toBe('Urgent pages waiting for an acknowledgement: 0');
    expect(textOf(await run.tact('pages', 'UFRONT'))).toContain('practice managers');
  });
});
