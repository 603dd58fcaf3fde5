import { afterEach, describe, expect, it } from 'vitest';
import { Inquiry } from '../../src/inquiries/model.js';
import { NAME_WITHHELD } from '../../src/inquiries/service.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/**
 * InquiryService on a memory store with a fixed clock: numbering, masking, the open index, claims
 * and answers, first-response time in business minutes, duplicates by sender id, per-day counters.
 * Clinic: America/New_York, Mon-Fri 09:00-18:00, reply goal 15 minutes.
 */
const ENV = { TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00', TACT_REPLY_SLA: '15m', TACT_TIMEZONE: 'America/New_York' };
/** Monday 2 March 2026, 10:00 EST */
const MONDAY_10 = '2026-03-02T15:00:00.000Z';
const MIN = 60_000;

let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup(now: string = MONDAY_10) {
  t = await buildServices({ env: ENV, now });
  return t.services.inquiries;
}

describe('creating inquiries', () => {
  it('numbers them I-1, I-2, ... and keeps only a masked contact and a redacted reference', async () => {
    const inquiries = await setup();
    const first = await inquiries.create({
      channel: 'text',
      contact: '+1 (555) 867-0142',
      origin: 'intake',
      loggedBy: 'intake',
    });
    const second = await inquiries.create({
      channel: 'email',
      contact: 'jane.doe@example.com',
      patientRef: 'call 555-867-0199',
      origin: 'intake',
      loggedBy: 'intake',
    });
    if (!('inquiry' in first) || !('inquiry' in second)) throw new Error('expected new inquiries');
    expect(first.inquiry.id).toBe('I-1');
    expect(second.inquiry.id).toBe('I-2');
    expect(first.inquiry.contact).toBe('***-***-0142');
    expect(second.inquiry.contact).toBe('j***@***.com');
    expect(second.inquiry.patientRef).toBe('call ***-***-0199');
    const stored = await inquiries.get(1);
    expect(Inquiry.parse(stored)).toEqual(first.inquiry);
    expect(JSON.stringify(stored)).not.toMatch(/867-0142|5558670142/);
    expect(stored).toMatchObject({ status: 'open', receivedAt: MONDAY_10, origin: 'intake', nudged: {} });
  });

  it('a display name as the contact is withheld whole: no part of a name is kept', async () => {
    const inquiries = await setup();
    for (const contact of ['Bob Lee', 'Jane Smithson', 'JS', '@bob_lee88', 'Bob Lee (mobile)']) {
      const created = await inquiries.create({ channel: 'facebook', contact, origin: 'intake', loggedBy: 'intake' });
      expect('inquiry' in created && created.inquiry.contact, contact).toBe(NAME_WITHHELD);
    }
    expect(JSON.stringify(await inquiries.open())).not.toMatch(/Lee|Smithson|bob/i);
  });

  it('a number the redactor did not recognise keeps its last four digits; masked phones and emails stay as they are', async () => {
    const inquiries = await setup();
    const cases: Array<[string, string]> = [
      ['+44 20 7946 0958', '***-***-0958'],
      ['06 12 34 56 78', '***-***-5678'],
      ['12-3456', '***3456'],
      ['123', '****'],
      ['555-867-0142', '***-***-0142'],
      ['jane.doe@example.com', 'j***@***.com'],
      // a name written beside a number or address is dropped
      ['Bob Lee 555-867-0142', '***-***-0142'],
      ['Bob Lee <bob.lee@example.org>', 'b***@***.org'],
    ];
    for (const [contact, stored] of cases) {
      const created = await inquiries.create({ channel: 'text', contact, origin: 'intake', loggedBy: 'intake' });
      expect('inquiry' in created && created.inquiry.contact, contact).toBe(stored);
    }
  });

  it('keeps a past receipt time and never one in the future', async () => {
    const inquiries = await setup();
    const past = await inquiries.create({
      channel: 'text',
      receivedAt: new Date('2026-03-02T14:50:00Z'),
      origin: 'intake',
      loggedBy: 'intake',
    });
    const future = await inquiries.create({
      channel: 'text',
      receivedAt: new Date('2026-03-02T18:00:00Z'),
      origin: 'intake',
      loggedBy: 'intake',
    });
    expect('inquiry' in past && past.inquiry.receivedAt).toBe('2026-03-02T14:50:00.000Z');
    expect('inquiry' in future && future.inquiry.receivedAt).toBe(MONDAY_10);
  });

  it('the same sender id twice makes one inquiry', async () => {
    const inquiries = await setup();
    const first = await inquiries.create({
      channel: 'text',
      contact: '555-867-0142',
      origin: 'intake',
      loggedBy: 'intake',
      externalId: 'ring-42',
    });
    const again = await inquiries.create({
      channel: 'text',
      contact: '555-867-0142',
      origin: 'intake',
      loggedBy: 'intake',
      externalId: 'ring-42',
    });
    const other = await inquiries.create({
      channel: 'text',
      contact: '555-867-0142',
      origin: 'intake',
      loggedBy: 'intake',
      externalId: 'ring-43',
    });
    expect('inquiry' in first).toBe(true);
    expect(again).toEqual({ duplicateOf: 1 });
    expect('inquiry' in other && other.inquiry.id).toBe('I-2');
    expect((await inquiries.open()).map((i) => i.id)).toEqual(['I-1', 'I-2']);
    expect((await inquiries.figures('2026-03-02')).received).toBe(2);
  });

  it('is found again by the chat message that tracks it', async () => {
    const inquiries = await setup();
    await inquiries.create({
      channel: 'text',
      origin: 'inbox',
      loggedBy: 'BRING',
      chatChannelId: 'CINBOX',
      chatMessageId: '100.1',
    });
    await inquiries.create({ channel: 'phone', origin: 'command', loggedBy: 'USTAFF' });
    await inquiries.attachChat(2, 'CINBOX', '200.2', 'https://slack.com/archives/CINBOX/p2002');
    expect((await inquiries.findByMessage('CINBOX', '100.1'))?.id).toBe('I-1');
    expect(await inquiries.findByMessage('CINBOX', '100.2')).toBeUndefined();
    expect(await inquiries.findByMessage('COTHER', '100.1')).toBeUndefined();
    const attached = await inquiries.findByMessage('CINBOX', '200.2');
    expect(attached).toMatchObject({
      id: 'I-2',
      chatChannelId: 'CINBOX',
      chatMessageId: '200.2',
      link: 'https://slack.com/archives/CINBOX/p2002',
    });
  });
});

describe('claims and answers', () => {
  it('the first claim makes the owner; a later one leaves it', async () => {
    const inquiries = await setup();
    await inquiries.create({ channel: 'text', origin: 'intake', loggedBy: 'intake' });
    const claimed = await inquiries.claim(1, 'UANNA');
    expect(claimed).toMatchObject({ ok: true, changed: true, inquiry: { status: 'claimed', owner: 'UANNA' } });
    const again = await inquiries.claim(1, 'UBOB');
    expect(again).toMatchObject({ ok: true, changed: false, inquiry: { owner: 'UANNA' } });
    expect((await inquiries.open()).map((i) => i.id)).toEqual(['I-1']);
    expect(await inquiries.claim(9, 'UANNA')).toEqual({ ok: false, problem: 'not-found' });
  });

  it('an answer records who, when and the business time it took, and leaves the open list', async () => {
    const inquiries = await setup();
    await inquiries.create({ channel: 'text', origin: 'intake', loggedBy: 'intake' });
    t.clock.advance(12 * MIN);
    const answered = await inquiries.answer(1, 'UANNA', 'texted her back: 555-867-0142');
    expect(answered).toMatchObject({
      ok: true,
      changed: true,
      inquiry: {
        status: 'answered',
        owner: 'UANNA',
        answeredBy: 'UANNA',
        answeredAt: '2026-03-02T15:12:00.000Z',
        firstResponseMs: 12 * MIN,
      },
    });
    expect(await inquiries.open()).toEqual([]);
    const stored = await inquiries.get(1);
    expect(stored?.history.at(-1)?.what).toBe('answered: texted her back: ***-***-0142');
    expect(await inquiries.answer(1, 'UBOB')).toEqual({ ok: false, problem: 'already-answered' });
    expect(await inquiries.claim(1, 'UBOB')).toEqual({ ok: false, problem: 'already-answered' });
    expect(await inquiries.setChannel(1, 'phone', 'UBOB')).toEqual({ ok: false, problem: 'already-answered' });
  });

  it('a Friday-evening message answered on Monday took only the open minutes', async () => {
    // Friday 27 February 2026, 17:55 EST; answered Monday 2 March, 09:20 EST: 5 + 20 business minutes.
    const inquiries = await setup('2026-02-27T22:55:00.000Z');
    await inquiries.create({ channel: 'text', origin: 'intake', loggedBy: 'intake' });
    t.clock.set('2026-03-02T14:20:00.000Z');
    const answered = await inquiries.answer(1, 'UANNA');
    expect(answered.ok && answered.inquiry.firstResponseMs).toBe(25 * MIN);
    // counted on the day it was answered, outside the goal
    expect(await inquiries.figures('2026-03-02')).toMatchObject({ answered: 1, withinSla: 0, responseMs: [25 * MIN] });
    expect(await inquiries.figures('2026-02-27')).toMatchObject({ received: 1, answered: 0 });
  });

  it('the channel can be set while it is open', async () => {
    const inquiries = await setup();
    await inquiries.create({ channel: 'unknown', origin: 'inbox', loggedBy: 'BZAP' });
    expect(await inquiries.setChannel(1, 'instagram', 'UANNA')).toMatchObject({
      ok: true,
      inquiry: { channel: 'instagram' },
    });
    expect((await inquiries.get(1))?.history.map((h) => h.what)).toEqual([
      'received by inbox',
      'channel set to instagram',
    ]);
  });
});

describe('per-day counters', () => {
  it('count received and answered by channel, answers within the goal, and breaches on the day they happen', async () => {
    const inquiries = await setup();
    await inquiries.create({ channel: 'text', origin: 'intake', loggedBy: 'intake' });
    await inquiries.create({ channel: 'text', origin: 'intake', loggedBy: 'intake' });
    await inquiries.create({ channel: 'phone', origin: 'command', loggedBy: 'UANNA' });
    t.clock.advance(5 * MIN);
    await inquiries.answer(1, 'UANNA');
    t.clock.advance(10 * MIN); // 15 minutes: exactly the goal still counts as within it
    await inquiries.answer(3, 'UANNA');
    await inquiries.markNudged(2, 'thread');
    await inquiries.markNudged(2, 'managers');
    t.clock.advance(25 * MIN);
    await inquiries.answer(2, 'UBOB');
    expect(await inquiries.figures('2026-03-02')).toEqual({
      received: 3,
      answered: 3,
      withinSla: 2,
      breaches: 1,
      responseMs: [5 * MIN, 15 * MIN, 40 * MIN],
      byChannel: { text: { received: 2, answered: 2 }, phone: { received: 1, answered: 1 } },
      wantsDoctor: 0,
      nervous: 0,
      loggedAfter: 1,
      untimed: 0,
    });
    expect((await inquiries.get(2))?.nudged).toEqual({
      thread: '2026-03-02T15:15:00.000Z',
      managers: '2026-03-02T15:15:00.000Z',
    });
    expect(await inquiries.figures('2026-03-03')).toEqual({
      received: 0,
      answered: 0,
      withinSla: 0,
      breaches: 0,
      responseMs: [],
      byChannel: {},
      wantsDoctor: 0,
      nervous: 0,
      loggedAfter: 0,
      untimed: 0,
    });
  });

  it('use the clinic-local date: 22:00 in New York is still that day', async () => {
    const inquiries = await setup('2026-03-03T03:00:00.000Z');
    expect(inquiries.dayOf(t.clock.now())).toBe('2026-03-02');
    await inquiries.create({ channel: 'email', origin: 'intake', loggedBy: 'intake' });
    expect((await inquiries.figures('2026-03-02')).received).toBe(1);
    expect((await inquiries.figures('2026-03-03')).received).toBe(0);
  });

  it('concurrent answers on one day are all counted', async () => {
    const inquiries = await setup();
    for (let i = 0; i < 20; i += 1) await inquiries.create({ channel: 'text', origin: 'intake', loggedBy: 'intake' });
    t.clock.advance(3 * MIN);
    await Promise.all(Array.from({ length: 20 }, (_, i) => inquiries.answer(i + 1, 'UANNA')));
    const day = await inquiries.figures('2026-03-02');
    expect(day.answered).toBe(20);
    expect(day.responseMs).toHaveLength(20);
    expect(await inquiries.open()).toEqual([]);
  });
});
