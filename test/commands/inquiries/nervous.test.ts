import { afterEach, describe, expect, it } from 'vitest';
import { lines, runner, textOf } from '../helpers.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { attachRecorder, moveAndRun, plannedJobs } from '../../jobs/helpers.js';

/** Nervous patients after treatment: marked by /inquiry, /complaint or /inquiry nervous; the urgent goal in real time. */
let t: TestServices | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ENV = {
  TACT_MANAGERS: 'UMGR',
  TACT_INBOX_CHANNELS: 'CINBOX',
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00',
  TACT_REPLY_SLA: '15m',
  TACT_URGENT_REPLY_SLA: '10m',
};
/** Sunday 2026-06-07 12:00 in New York: the clinic is shut all day. */
const SUNDAY_NOON = '2026-06-07T16:00:00Z';

describe('marking a patient nervous', () => {
  it('/inquiry --nervous gives this message and the patient’s later ones the urgent goal', async () => {
    t = await buildServices({ env: ENV });
    attachRecorder(t);
    const inquiry = runner(t, 'inquiry');
    const text = textOf(await inquiry('call P-12 --nervous worried about swelling', 'UNURSE'));
    expect(text).toContain('[Nervous patient after treatment: reply goal 10 min, real time.]');
    expect((await t.services.inquiries.get(1))?.nervous).toBe(true);
    await inquiry('text p-12 asks again about the swelling', 'UFD');
    expect((await t.services.inquiries.get(2))?.nervous).toBe(true);
    await inquiry('text P-13 booking question', 'UFD');
    expect((await t.services.inquiries.get(3))?.nervous).toBeUndefined();
  });

  it('/complaint --nervous marks the patient too', async () => {
    t = await buildServices({ env: ENV });
    attachRecorder(t);
    const text = textOf(await runner(t, 'complaint')('P-40 results: --nervous unhappy with the lip filler', 'UFD'));
    expect(text).toContain('P-40 is marked nervous after treatment for 14 days');
    const complaint = (await t.services.complaints.openComplaints())[0];
    expect(complaint?.text).toBe('unhappy with the lip filler');
    await runner(t, 'inquiry')('call P-40 following up', 'UFD');
    expect((await t.services.inquiries.get(1))?.nervous).toBe(true);
  });

  it('/inquiry nervous <ref> sets it for TACT_NERVOUS_DAYS; off by the one who set it or a manager', async () => {
    t = await buildServices({ env: { ...ENV, TACT_NERVOUS_DAYS: '7' } });
    attachRecorder(t);
    const inquiry = runner(t, 'inquiry');
    expect(textOf(await inquiry('nervous P-50', 'UNURSE'))).toContain(
      'P-50 is marked nervous after treatment for 7 days: their new messages get a 10 min reply goal, in real time.',
    );
    expect(textOf(await inquiry('nervous P-50 off', 'UFD'))).toContain(
      'Only a practice manager or the person who marked P-50 can clear it.',
    );
    expect(textOf(await inquiry('nervous P-50 off', 'UMGR'))).toContain('P-50 is no longer marked nervous');
    expect(textOf(await inquiry('nervous P-50 off', 'UNURSE'))).toContain('is not marked nervous');
    expect(textOf(await inquiry('nervous P-50 maybe', 'UNURSE'))).toContain('write "off" to clear the mark');
  });

  it('the mark lapses after TACT_NERVOUS_DAYS days', async () => {
    t = await buildServices({ env: { ...ENV, TACT_NERVOUS_DAYS: '2' }, now: '2026-06-01T16:00:00Z' });
    attachRecorder(t);
    const inquiry = runner(t, 'inquiry');
    await inquiry('nervous P-60', 'UNURSE');
    t.clock.set('2026-06-03T17:00:00Z');
    await inquiry('call P-60 checking in', 'UFD');
    expect((await t.services.inquiries.get(1))?.nervous).toBeUndefined();
  });
});

describe('the urgent goal runs in real time', () => {
  it('a nervous patient’s message on a closed Sunday is nudged 10 minutes later; an ordinary one waits for Monday', async () => {
    t = await buildServices({ env: ENV, now: SUNDAY_NOON });
    const chat = attachRecorder(t);
    const inquiry = runner(t, 'inquiry');
    await inquiry('nervous P-12', 'UNURSE');
    await inquiry('text P-12 is the swelling normal?', 'UFD');
    await inquiry('text P-13 booking question', 'UFD');
    const due = plannedJobs(t, 'inquiry-nudge').map((j) => [j.key, j.at?.toISOString()]);
    expect(due).toContainEqual(['inquiry:I-1:thread', '2026-06-07T16:10:00.000Z']);
    expect(due).toContainEqual(['inquiry:I-1:managers', '2026-06-07T16:20:00.000Z']);
    // Monday 09:15 in New York
    expect(due).toContainEqual(['inquiry:I-2:thread', '2026-06-08T13:15:00.000Z']);

    const run = moveAndRun(t, 2);
    await run('2026-06-07T16:09:59Z');
    expect(chat.sent.filter((s) => s.reply.summary === 'I-1 is waiting')).toHaveLength(0);
    await run('2026-06-07T16:10:00Z');
    const nudges = chat.sent.filter((s) => s.reply.summary === 'I-1 is waiting').map((s) => lines(s.reply).join('\n'));
    expect(nudges).toHaveLength(1);
    expect(nudges[0]).toContain('I-1 has waited 10 min without an answer.');
    expect(nudges[0]).toContain('Nervous patient after treatment: reply within 10 min, real time.');
    await run('2026-06-07T16:20:00Z');
    const escalation = chat.sent.find((s) => s.reply.summary === 'I-1 is overdue');
    expect(escalation?.reply.to).toBe('UMGR');
    expect(chat.sent.some((s) => s.reply.summary.startsWith('I-2'))).toBe(false);
  });

  it('the figures judge a nervous patient’s answer against the urgent goal in real time', async () => {
    t = await buildServices({ env: ENV, now: SUNDAY_NOON });
    attachRecorder(t);
    const inquiry = runner(t, 'inquiry');
    await inquiry('call P-12 at 12:00 --nervous swelling', 'UFD');
    await inquiry('call P-14 at 12:00 --nervous bruising', 'UFD');
    t.clock.set('2026-06-07T16:08:00Z');
    await inquiry('done I-1', 'UFD');
    t.clock.set('2026-06-07T16:30:00Z');
    await inquiry('done I-2', 'UFD');
    const day = await t.services.inquiries.figures('2026-06-07');
    expect(day).toMatchObject({ received: 2, answered: 2, withinSla: 1, nervous: 2 });
  });
});
