import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { listItems, runner, textOf } from '../helpers.js';

/**
 * Every deadline Tact reads is said back in words at once, with what it did that the person may
 * not expect. The clinic is in New York; Friday 4 December 2026 (EST, UTC-5).
 */
let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function at(iso: string) {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_SPOKESPERSON: 'USPOKES' }, now: iso });
  return runner(t, 'media');
}

const FRIDAY_16_35 = '2026-12-04T21:35:00.000Z';
const FRIDAY_17_31 = '2026-12-04T22:31:00.000Z';
const FRIDAY_17_36 = '2026-12-04T22:36:00.000Z';

describe('/media <outlet>: <question> by <deadline> says the deadline back', () => {
  it('"by 5pm" at 16:35: today 17:00, in 25 minutes', async () => {
    const run = await at(FRIDAY_16_35);
    const text = textOf(await run('Daily News: comment on the laser recall by 5pm', 'USTAFF'));
    expect(text).toContain('Deadline: today 17:00, in 25 minutes.');
    expect((await t.services.media.get(1))?.deadline).toBe('2026-12-04T22:00:00.000Z');
  });

  it('"by 5pm" at 17:31 becomes tomorrow, and says so', async () => {
    const run = await at(FRIDAY_17_31);
    const text = textOf(await run('Daily News: comment on the laser recall by 5pm', 'USTAFF'));
    expect(text).toContain('Deadline: tomorrow 17:00, in 23 hours (5pm today has passed)');
    expect((await t.services.media.get(1))?.deadline).toBe('2026-12-05T22:00:00.000Z');
  });

  it('"today eod" at 17:36 is read as the end of today and says why, never a silent past 17:00', async () => {
    const run = await at(FRIDAY_17_36);
    const text = textOf(await run('Daily News: comment on the laser recall by today eod', 'USTAFF'));
    expect(text).toContain('Deadline: today 23:59, in 6 hours: the working day (17:00) has already ended');
    expect((await t.services.media.get(1))?.deadline).toBe('2026-12-05T04:59:00.000Z');
  });

  it('"today 5pm" at 17:31 is flagged as already passed', async () => {
    const run = await at(FRIDAY_17_31);
    const text = textOf(await run('Daily News: comment on the laser recall by today 5pm', 'USTAFF'));
    expect(text).toContain('Deadline: today 17:00, 31 minutes ago: this has ALREADY PASSED. Call the reporter now');
  });

  it('a wording not understood is flagged at once; the inquiry is logged without a deadline and says how to set one', async () => {
    const run = await at(FRIDAY_16_35);
    const text = textOf(await run('Daily News: comment on the laser recall by end of next week sometime', 'USTAFF'));
    expect(text).toContain(
      'Deadline "end of next week sometime" could not be read as a time, so none is set. Check it with the reporter, then /media deadline M-1 <when>',
    );
    const inquiry = await t.services.media.get(1);
    expect(inquiry).toMatchObject({
      question: 'comment on the laser recall',
      deadlineText: 'end of next week sometime',
    });
    expect(inquiry?.deadline).toBeUndefined();
  });

  it('with no deadline, says none was given and how to set one', async () => {
    const run = await at(FRIDAY_16_35);
    const text = textOf(await run('Daily News: comment on the laser recall', 'USTAFF'));
    expect(text).toContain('No deadline given: ask the reporter for one, then /media deadline M-1 <when>');
  });
});

describe('/media deadline M-n <when>', () => {
  it('sets a deadline on an inquiry logged without one, says it back, and plans its reminder', async () => {
    const run = await at(FRIDAY_16_35);
    await run('Daily News: comment on the laser recall by end of next week sometime', 'USTAFF');
    const text = textOf(await run('deadline M-1 tomorrow noon', 'USTAFF'));
    expect(text.split('\n')[0]).toBe('M-1: Deadline: tomorrow 12:00, in 19 hours.');
    const inquiry = await t.services.media.get(1);
    expect(inquiry?.deadline).toBe('2026-12-05T17:00:00.000Z');
    expect(inquiry?.deadlineText).toBeUndefined();
    expect(inquiry?.history.at(-1)?.what).toBe('deadline set: Sat 5 Dec 2026 12:00');
  });

  it('a wording not understood changes nothing and says so', async () => {
    const run = await at(FRIDAY_16_35);
    await run('Daily News: comment by 5pm', 'USTAFF');
    const text = textOf(await run('deadline M-1 whenever suits', 'USTAFF'));
    expect(text).toContain('Deadline "whenever suits" could not be read as a time, so none is set.');
    expect((await t.services.media.get(1))?.deadline).toBe('2026-12-04T22:00:00.000Z');
  });

  it('an unknown or closed inquiry is refused', async () => {
    const run = await at(FRIDAY_16_35);
    expect(textOf(await run('deadline M-9 5pm', 'USTAFF')).split('\n')[0]).toBe(
      'There is no press inquiry M-9. See /media list.',
    );
    await run('Daily News: comment by 5pm', 'USTAFF');
    await run('close M-1', 'USPOKES');
    expect(textOf(await run('deadline M-1 6pm', 'USPOKES')).split('\n')[0]).toBe('M-1 is already answered or closed.');
  });
});

describe('/media list marks past deadlines', () => {
  it('a passed deadline is marked PASSED with how long ago; one ahead says in how long', async () => {
    const run = await at(FRIDAY_16_35);
    await run('Daily News: comment by 5pm', 'USTAFF');
    await run('Gazette: comment by tomorrow noon', 'USTAFF');
    t.clock.set('2026-12-04T22:20:00.000Z'); // 17:20
    const items = listItems(await run('list', 'USPOKES'));
    expect(items[0]).toContain('M-1 · Daily News · new · deadline PASSED: today 17:00, 20 minutes ago');
    expect(items[1]).toContain('M-2 · Gazette · new · deadline tomorrow 12:00, in 18 hours');
  });
});
