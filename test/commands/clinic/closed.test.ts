import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { listItems, runner, textOf } from '../helpers.js';

/** `/tact closed`: managers add, list and remove the days the clinic is shut; two instances share them. */
let t: TestServices;
let other: TestServices | undefined;
afterEach(async () => {
  await other?.close();
  other = undefined;
  await t.close();
});

const ENV = { TACT_MANAGERS: 'UMGR', TACT_TIMEZONE: 'America/New_York' };
/** Monday 7 Dec 2026, 10:00 in New York */
const NOW = '2026-12-07T15:00:00Z';

async function setup(env: Record<string, string> = {}) {
  t = await buildServices({ env: { ...ENV, ...env }, now: NOW });
  return runner(t, 'tact');
}

describe('/tact closed', () => {
  it('adds a closure, says what it changes, lists it and removes it', async () => {
    const tact = await setup();
    const added = textOf(await tact('closed 2026-12-24..2026-12-26 Christmas break'));
    expect(added).toContain('Closed Thu 24 Dec 2026 – Sat 26 Dec 2026 (3 days) (Christmas break)');
    expect(added).toContain('/tact closed remove 1 undoes it');
    expect(t.services.calendar.closedReason('2026-12-25')).toEqual({ kind: 'closure', reason: 'Christmas break' });

    expect(textOf(await tact('closed 2026-12-31'))).toContain('Closed Thu 31 Dec 2026:');
    const listed = await tact('closed list');
    expect(listItems(listed, 'Closures (2)')).toEqual([
      '#1 · Thu 24 Dec 2026 – Sat 26 Dec 2026 (3 days) · Christmas break · added by UMGR',
      '#2 · Thu 31 Dec 2026 · added by UMGR',
    ]);
    expect(textOf(listed)).toContain('Public holidays are not followed');

    expect(textOf(await tact('closed remove 1'))).toContain('Removed closure #1');
    expect(t.services.calendar.closedReason('2026-12-25')).toBeUndefined();
    expect(listItems(await tact('closed'), 'Closures (1)')).toHaveLength(1);
  });

  it('lists the coming public holidays when the clinic follows them', async () => {
    const tact = await setup({ TACT_HOLIDAYS: 'US' });
    const items = listItems(await tact('closed list'), 'Public holidays (US), next 60 days');
    expect(items).toContain('Fri 25 Dec 2026 · Christmas Day');
    expect(items).toContain("Fri 1 Jan 2027 · New Year's Day");
  });

  it.each([
    ['closed 2026-02-30', 'not a date of the calendar'],
    ['closed 24/12/2026', 'write /tact closed 2026-12-24..2026-12-26'],
    ['closed 2026-12-26..2026-12-24', 'ends before it starts'],
    ['closed 2027-01-01..2027-06-30', 'at most 92 days'],
    ['closed 2026-12-01 staff day', 'already past'],
    ['closed remove', 'write the closure number'],
    ['closed remove seven', 'write the closure number'],
  ])('refuses %j, saving nothing', async (text, words) => {
    const tact = await setup();
    expect(textOf(await tact(text))).toContain(words);
    expect(t.services.closures.list()).toEqual([]);
  });

  it('says when there is no such closure', async () => {
    const tact = await setup();
    expect(textOf(await tact('closed remove 9'))).toContain('There is no closure #9');
  });

  it('is for managers only', async () => {
    const tact = await setup();
    expect(textOf(await tact('closed 2026-12-24', 'UFRONT'))).toContain('Only practice managers can use /tact closed');
    expect(t.services.closures.list()).toEqual([]);
  });

  it('a closure added on one instance counts on another sharing the store once it refreshes', async () => {
    const tact = await setup();
    other = await buildServices({ env: ENV, now: NOW, storage: t.storage });
    await tact('closed 2026-12-24 Christmas Eve');
    expect(other.services.calendar.closedReason('2026-12-24')).toBeUndefined();
    await other.services.closures.refresh();
    expect(other.services.calendar.closedReason('2026-12-24')).toEqual({ kind: 'closure', reason: 'Christmas Eve' });
  });
});

describe('/tact settings set holidays', () => {
  it('takes a country-region code, shows it, and refuses an unknown one with what to write', async () => {
    const tact = await setup();
    expect(textOf(await tact('settings set holidays gb-eng'))).toContain('holidays is now GB-ENG');
    expect(t.services.calendar.closedReason('2026-12-28')).toMatchObject({ kind: 'holiday' });
    expect(textOf(await tact('settings set holidays Narnia'))).toContain('expected the public holidays to close on');
    expect(textOf(await tact('settings set holidays none'))).toContain('holidays is now (none)');
    expect(t.services.calendar.closedReason('2026-12-28')).toBeUndefined();
  });
});
