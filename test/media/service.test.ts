import { afterEach, describe, expect, it } from 'vitest';
import { MediaInquiry, parseMediaId } from '../../src/media/model.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/** Press inquiries M-n: what is stored (redacted, masked), the statuses, the open index, the history. */
let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup(): Promise<TestServices> {
  t = await buildServices({ env: { TACT_SPOKESPERSON: 'USPOKES', TACT_MANAGERS: 'UMGR' } });
  return t;
}

describe('logging an inquiry', () => {
  it('stores a redacted, masked record M-n with a deadline read in the clinic time zone', async () => {
    await setup();
    await t.services.aliases.add('Jane Doe', 'Tulip', 'UMGR');
    const inquiry = await t.services.media.log(
      {
        outlet: 'Daily News',
        question: 'Is Jane Doe a patient? She gave us jane.doe@example.com and 555-201-7788',
        reporterName: 'Sam Reporter',
        reporterContact: 'sam@dailynews.example.com',
        deadline: 'by 5pm',
      },
      'USTAFF',
    );
    expect(inquiry).toMatchObject({
      id: 'M-1',
      number: 1,
      outlet: 'Daily News',
      reporterName: 'Sam Reporter',
      reporterContact: 's***@***.com',
      // a journalist's business line, not patient data: kept whole for the press audience only
      reporterContactWhole: 'sam@dailynews.example.com',
      // the name inside the address is swapped first, then the address is masked
      question: 'Is Tulip a patient? She gave us T***@***.com and ***-***-7788',
      deadline: '2026-06-01T21:00:00.000Z', // 17:00 EDT
      status: 'new',
      loggedBy: 'USTAFF',
      createdAt: '2026-06-01T16:00:00.000Z',
      nudged: {},
      history: [{ at: '2026-06-01T16:00:00.000Z', by: 'USTAFF', what: 'logged' }],
    });
    expect(inquiry.deadlineText).toBeUndefined();
    // What is read back from the store is the same; outside the reporter's own line, nothing in it
    // holds the name or a contact (and the whole record is encrypted at rest).
    const stored = MediaInquiry.parse(await t.storage.collection('media').get('1'));
    expect(stored).toEqual(inquiry);
    const { reporterContactWhole, ...rest } = stored;
    expect(reporterContactWhole).toBe('sam@dailynews.example.com');
    expect(JSON.stringify(rest)).not.toMatch(/jane|doe\b|201-7788|sam@/i);
  });

  it('keeps an unreadable deadline as (redacted) text', async () => {
    await setup();
    const inquiry = await t.services.media.log(
      { outlet: 'Channel 7', question: 'comment?', deadline: 'whenever, call 555-201-7788' },
      'USTAFF',
    );
    expect(inquiry.deadline).toBeUndefined();
    expect(inquiry.deadlineText).toBe('whenever, call ***-***-7788');
  });

  it.each([
    ['(555) 201-7788', '***-***-7788'],
    ['+1 555 201 7788', '***-***-7788'],
    ['sam@news.example.org', 's***@***.org'],
    ['@samreports on X', '***on X'],
    ['x12', '****'],
  ])('masks the reporter contact %j as %j, even when it is not a phone or an email', async (contact, masked) => {
    await setup();
    const inquiry = await t.services.media.log(
      { outlet: 'Daily News', question: 'comment?', reporterContact: contact },
      'USTAFF',
    );
    expect(inquiry.reporterContact).toBe(masked);
  });

  it('numbers inquiries 1, 2, 3 and lists the open ones', async () => {
    await setup();
    for (const outlet of ['A', 'B', 'C']) await t.services.media.log({ outlet, question: 'comment?' }, 'USTAFF');
    expect((await t.services.media.open()).map((m) => m.id).sort()).toEqual(['M-1', 'M-2', 'M-3']);
  });
});

describe('claim, answer, close', () => {
  it('claim sets the owner; a second claim is refused naming the owner', async () => {
    await setup();
    await t.services.media.log({ outlet: 'Daily News', question: 'comment?' }, 'USTAFF');
    t.clock.advance(60_000);
    const claimed = await t.services.media.claim(1, 'USPOKES');
    expect(claimed).toMatchObject({ ok: true, inquiry: { status: 'claimed', owner: 'USPOKES' } });
    expect(await t.services.media.claim(1, 'UMGR')).toEqual({
      ok: false,
      problem: 'already-claimed',
      owner: 'USPOKES',
    });
    // Claimed is still open work.
    expect((await t.services.media.open()).map((m) => m.id)).toEqual(['M-1']);
  });

  it('answered with a note leaves the open list; the note is redacted in the history', async () => {
    await setup();
    await t.services.aliases.add('Jane Doe', 'Tulip', 'UMGR');
    await t.services.media.log({ outlet: 'Daily News', question: 'comment?' }, 'USTAFF');
    await t.services.media.claim(1, 'USPOKES');
    t.clock.advance(3_600_000);
    const answered = await t.services.media.finish(
      1,
      'answered',
      'USPOKES',
      'no comment on Jane Doe; reporter at 555-201-7788',
    );
    expect(answered.ok).toBe(true);
    const inquiry = await t.services.media.get(1);
    expect(inquiry?.status).toBe('answered');
    expect(inquiry?.history).toEqual([
      { at: '2026-06-01T16:00:00.000Z', by: 'USTAFF', what: 'logged' },
      { at: '2026-06-01T16:00:00.000Z', by: 'USPOKES', what: 'claimed' },
      {
        at: '2026-06-01T17:00:00.000Z',
        by: 'USPOKES',
        what: 'answered: no comment on Tulip; reporter at ***-***-7788',
      },
    ]);
    expect(await t.services.media.open()).toEqual([]);
    // Answered can still be closed; closed is final.
    expect((await t.services.media.finish(1, 'closed', 'UMGR')).ok).toBe(true);
    expect(await t.services.media.finish(1, 'closed', 'UMGR')).toEqual({ ok: false, problem: 'already-closed' });
    expect(await t.services.media.finish(1, 'answered', 'UMGR')).toEqual({ ok: false, problem: 'already-closed' });
    expect(await t.services.media.claim(1, 'USPOKES')).toEqual({ ok: false, problem: 'already-closed' });
  });

  it('closing an unclaimed inquiry makes the closer its owner', async () => {
    await setup();
    await t.services.media.log({ outlet: 'Daily News', question: 'comment?' }, 'USTAFF');
    expect(await t.services.media.finish(1, 'closed', 'UMGR', 'duplicate')).toMatchObject({
      ok: true,
      inquiry: { status: 'closed', owner: 'UMGR' },
    });
  });

  it('unknown ids are not found', async () => {
    await setup();
    expect(await t.services.media.claim(9, 'USPOKES')).toEqual({ ok: false, problem: 'not-found' });
    expect(await t.services.media.finish(9, 'answered', 'USPOKES')).toEqual({ ok: false, problem: 'not-found' });
    expect(await t.services.media.get(9)).toBeUndefined();
  });

  it('two claims at once: exactly one wins', async () => {
    await setup();
    await t.services.media.log({ outlet: 'Daily News', question: 'comment?' }, 'USTAFF');
    const results = await Promise.all([t.services.media.claim(1, 'USPOKES'), t.services.media.claim(1, 'UMGR')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await t.services.media.get(1))?.history.filter((h) => h.what === 'claimed')).toHaveLength(1);
  });

  it('markNudged records the reminder with the time it was sent', async () => {
    await setup();
    await t.services.media.log({ outlet: 'Daily News', question: 'comment?' }, 'USTAFF');
    t.clock.advance(15 * 60_000);
    await t.services.media.markNudged(1, 'spokesperson');
    const inquiry = await t.services.media.get(1);
    expect(inquiry?.nudged).toEqual({ spokesperson: '2026-06-01T16:15:00.000Z' });
    expect(inquiry?.history.at(-1)).toEqual({
      at: '2026-06-01T16:15:00.000Z',
      by: 'tact',
      what: 'reminder sent: spokesperson',
    });
    expect(inquiry?.status).toBe('new');
  });
});

describe('inquiry ids', () => {
  it.each([
    ['M-3', 3],
    ['m-3', 3],
    ['M3', 3],
    ['3', 3],
    [' M-12 ', 12],
  ])('%j → %d', (text, number) => {
    expect(parseMediaId(text)).toBe(number);
  });

  it.each(['C-3', 'M-', 'M-x', 'M--3', ''])('%j is not an inquiry id', (text) => {
    expect(parseMediaId(text)).toBeUndefined();
  });
});
