import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/chat/reply.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { lines, repliesOf, runner } from '../helpers.js';

/**
 * `/tact today`: what is the person's and what is overdue. A front-desk member sees the patient
 * messages they own or nobody has claimed, their follow-ups and the complaint steps of their role
 * (the step only, nothing of the patient); a manager also sees the figures, complaints by tier, the
 * press inquiries and everyone's overdue follow-ups.
 */
const ENV = {
  TACT_MANAGERS: 'UMGR',
  TACT_FRONT_DESK: 'UFRONT',
  TACT_SPOKESPERSON: 'UPRESS',
};
/** Monday 2 March 2026, 10:00 in New York */
const MONDAY_10AM = '2026-03-02T15:00:00.000Z';
const at = (iso: string) => new Date(iso);
const FRONT = 'console:UFRONT';
const OTHER = 'console:UOTHER';

let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function clinicDay() {
  t = await buildServices({ env: ENV, now: MONDAY_10AM });
  const { inquiries, followups, complaints, media } = t.services;
  const base = { channel: 'phone' as const, origin: 'command' as const, loggedBy: FRONT };
  // I-1 waited an hour unclaimed (past the 15-minute goal); I-2 is the front desk's; I-3 someone else's.
  await inquiries.create({
    ...base,
    patientRef: 'P-2001',
    summary: 'wants to rebook botox',
    receivedAt: at('2026-03-02T14:00:00Z'),
  });
  await inquiries.create({ ...base, patientRef: 'P-2002', summary: 'asks about a refund' });
  await inquiries.create({ ...base, patientRef: 'P-2003', summary: 'price of filler' });
  await inquiries.claim(2, FRONT);
  await inquiries.claim(3, OTHER);
  await followups.create({
    patientRef: 'P-3001',
    what: 'check the swelling',
    dueAt: at('2026-03-02T16:00:00Z'),
    owner: FRONT,
    channel: 'text',
  });
  await followups.create({
    patientRef: 'P-3002',
    what: 'ask about bruising',
    dueAt: at('2026-03-02T14:30:00Z'),
    owner: OTHER,
    channel: 'phone',
  });
  await followups.create({
    patientRef: 'P-3003',
    what: 'two weeks on',
    dueAt: at('2026-03-16T15:00:00Z'),
    owner: FRONT,
    channel: 'text',
  });
  await complaints.log(
    { patientRef: 'P-4001', category: 'billing', categoryGuessed: false, text: 'charged twice for filler' },
    FRONT,
  );
  // logged at 08:00 with a 09:00 deadline, now past
  t.clock.set('2026-03-02T13:00:00.000Z');
  await media.log({ outlet: 'Daily Courier', question: 'about a celebrity patient', deadline: '9am' }, 'console:UMGR');
  t.clock.set(MONDAY_10AM);
  return runner(t, 'tact');
}

const words = (replies: Reply[]) => replies.flatMap(lines).join('\n');
const buttons = (replies: Reply[]) => replies.flatMap((r) => r.actions ?? []).map((a) => `${a.id} ${a.value}`);

describe('/tact today', () => {
  it('shows a front-desk member their messages, follow-ups and complaint steps, and nothing of the patient behind a step', async () => {
    const tact = await clinicDay();
    const replies = repliesOf(await tact('today', 'UFRONT'));
    expect(replies.every((r) => r.visibility === 'private')).toBe(true);
    const text = words(replies);
    expect(text).toContain('Patient messages: 2, 1 overdue');
    expect(text).toMatch(/OVERDUE · I-1 · phone call · P-2001 · waiting 1 h.* · unclaimed/);
    expect(text).toContain('I-2 · phone call · P-2002');
    expect(text).not.toContain('I-3');
    expect(text).toContain('Follow-ups due today: 1');
    expect(text).toContain('F-1 · P-3001 · due Mon 2 Mar 11:00');
    expect(text).not.toContain('F-2');
    expect(text).not.toContain('F-3');
    expect(text).toContain('C-1 step 1 · Verify the charge against the fee schedule');
    // Complaint details are managers' only; message bodies and notes appear nowhere.
    for (const hidden of ['P-4001', 'charged twice', 'legitimate', 'occasional', 'rebook', 'refund', 'swelling']) {
      expect(text).not.toContain(hidden);
    }
    expect(text).not.toContain('refund it and confirm');
    expect(text).not.toContain('Press inquiries');
    expect(text).not.toContain("Today's patient messages");
    expect(buttons(replies)).toEqual([
      'inquiry.claim I-1',
      'inquiry.answer I-1',
      'inquiry.answer I-2',
      'followup.done F-1',
      'followup.snooze-hour F-1',
    ]);
  });

  it("gives a manager today's figures, complaints by tier, the press and everyone's overdue follow-ups", async () => {
    const tact = await clinicDay();
    const replies = repliesOf(await tact('today', 'UMGR'));
    const text = words(replies);
    expect(text).toContain("Today's patient messages");
    expect(text).toContain('received 3, answered 0');
    expect(text).toContain('Open complaints by tier');
    expect(text).toMatch(/occasional: \d|legitimate: 1/);
    expect(text).toContain('Press inquiries: 1, 1 overdue');
    expect(text).toContain('OVERDUE · M-1 · Daily Courier · unclaimed · deadline PASSED: today 09:00, 1 hour ago');
    expect(text).not.toContain('celebrity');
    expect(text).toContain('F-2 · P-3002 · due since Mon 2 Mar 09:30');
    expect(text).toContain('owner UOTHER');
    // the manager's own step, with whose complaint it is
    expect(text).toMatch(/C-1 step 2 · If the error was ours, refund it .* · P-4001 · \w+/);
    expect(text).not.toContain('C-1 step 1');
    expect(buttons(replies)).toContain('media.claim M-1');
  });

  it('shows an urgent page to the person it is paging, first, with Acknowledge; a manager sees every page', async () => {
    const tact = await clinicDay();
    const { pages } = t.services;
    const page = (number: number) => ({
      id: `I-${number}`,
      source: { kind: 'inquiry' as const, number },
      raisedBy: FRONT,
      reasons: ['trouble breathing'],
    });
    await pages.raise(page(1));
    await pages.recordRound('I-1', 0, { level: 'on-call', people: [FRONT] });
    await pages.raise(page(3));
    await pages.recordRound('I-3', 0, { level: 'on-call', people: [OTHER] });
    const staff = repliesOf(await tact('today', 'UFRONT'));
    expect(lines(staff[1]!)[0]).toBe('Urgent pages waiting for an acknowledgement: 1, 1 overdue');
    expect(words(staff)).toContain('I-1 · trouble breathing · since Mon 2 Mar 10:00');
    expect(buttons(staff)[0]).toBe('page.ack I-1');
    expect(buttons(staff)).not.toContain('page.ack I-3');
    const manager = repliesOf(await tact('today', 'UMGR'));
    expect(buttons(manager)).toEqual(expect.arrayContaining(['page.ack I-1', 'page.ack I-3']));
  });

  it('says so when nothing is waiting', async () => {
    t = await buildServices({ env: ENV, now: MONDAY_10AM });
    const replies = repliesOf(await runner(t, 'tact')('today', 'UNEW'));
    expect(replies).toHaveLength(1);
    expect(words(replies)).toContain('Nothing is waiting for you.');
  });
});
