import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { listItems, runner, textOf } from '../helpers.js';

/** `/tact oncall`: the rota, the backups and one-off cover, and who is paged in turn. */
let t: TestServices;
let other: TestServices | undefined;
afterEach(async () => {
  await other?.close();
  other = undefined;
  await t.close();
});

const ENV = { TACT_MANAGERS: 'UMGR', TACT_TIMEZONE: 'America/New_York' };
/** Monday 7 Dec 2026, 19:00 in New York */
const MONDAY_EVENING = '2026-12-08T00:00:00Z';

async function setup(env: Record<string, string> = {}) {
  t = await buildServices({ env: { ...ENV, ...env }, now: MONDAY_EVENING });
  return runner(t, 'tact');
}

describe('/tact oncall', () => {
  it('with nothing set says nobody is on call and that the managers are paged', async () => {
    const tact = await setup();
    const shown = await tact('oncall');
    expect(textOf(shown)).toContain(
      'Nobody is on call now: urgent matters page the backups, then the practice managers.',
    );
    expect(listItems(shown, 'Paged in turn when nobody acknowledges')).toEqual(['managers: UMGR']);
  });

  it('sets the rota and the backups, and shows who is on call and the chain', async () => {
    const tact = await setup();
    await tact('oncall set Mon-Fri 18:00-08:00 UDRA; Sat-Sun UDRB');
    const shown = await tact('oncall backup UDRB, UMGR');
    expect(textOf(shown)).toContain('On call now: UDRA');
    // stored with each person's platform named
    expect(listItems(shown, 'Weekly rota')).toEqual(['Mon-Fri 18:00-08:00 console:UDRA; Sat-Sun console:UDRB']);
    // people already paged at an earlier level are not paged again
    expect(listItems(shown, 'Paged in turn when nobody acknowledges')).toEqual(['on-call: UDRA', 'backup: UDRB, UMGR']);
    expect(t.services.onCall.escalation().map((l) => l.level)).toEqual(['on-call', 'backup']);
  });

  it('cover on top of the rota, listed with its number, and removed', async () => {
    const tact = await setup({ TACT_ONCALL: 'Mon-Fri 18:00-08:00 UDRA' });
    const added = textOf(await tact('oncall cover UDRC 2026-12-07 18:30..2026-12-08 08:00 Dr A away'));
    expect(added).toContain('Cover #1: #1 · UDRC · Mon 7 Dec 18:30 → Tue 8 Dec 08:00 · Dr A away.');
    expect(added).toContain('On call now: UDRC (cover)');
    expect(t.services.onCall.now()?.person).toBe('console:UDRC');
    expect(textOf(await tact('oncall remove 1'))).toContain('Removed cover #1 (UDRC).');
    expect(t.services.onCall.now()?.person).toBe('console:UDRA');
  });

  it.each([
    ['oncall set Mon-Fri 18:00-08:00', 'Nothing was changed: expected the weekly on-call rota'],
    ['oncall cover UDRC tomorrow..monday', 'write /tact oncall'],
    ['oncall cover UDRC 2026-12-09 08:00..2026-12-08 08:00', 'ends before it starts'],
    ['oncall cover UDRC 2026-02-30 08:00..2026-03-02 08:00', "write times as yyyy-mm-dd HH:MM on the clinic's clock"],
    ['oncall cover UDRC 2026-12-01 08:00..2026-12-02 08:00', 'already over'],
    ['oncall cover UDRC 2026-12-08 08:00..2027-02-08 08:00', 'at most 31 days'],
    ['oncall remove 4', 'There is no cover #4'],
    ['oncall rota Mon U1', 'write /tact oncall'],
  ])('refuses %j with how to do it, saving nothing', async (text, words) => {
    const tact = await setup();
    expect(textOf(await tact(text))).toContain(words);
    expect(t.services.onCall.upcoming()).toEqual([]);
    expect(t.services.settings.overridden()).toEqual([]);
  });

  it('is for managers only', async () => {
    const tact = await setup();
    expect(textOf(await tact('oncall', 'UFRONT'))).toContain('Only practice managers can use /tact oncall');
  });

  it('cover added on one instance counts on another once it refreshes', async () => {
    const tact = await setup({ TACT_ONCALL: 'Mon-Fri 18:00-08:00 UDRA' });
    other = await buildServices({
      env: { ...ENV, TACT_ONCALL: 'Mon-Fri 18:00-08:00 UDRA' },
      now: MONDAY_EVENING,
      storage: t.storage,
    });
    await tact('oncall cover UDRC 2026-12-07 18:30..2026-12-08 08:00');
    expect(other.services.onCall.now()?.person).toBe('console:UDRA');
    await other.services.onCall.refresh();
    expect(other.services.onCall.now()?.person).toBe('console:UDRC');
  });
});
