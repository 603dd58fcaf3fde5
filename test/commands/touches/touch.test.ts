import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { listItems, runner, textOf } from '../helpers.js';

/**
 * /touch on real services (fixed clock). Clinic: America/New_York, Mon-Fri 09:00-18:00, Sat
 * 09:00-14:00; manager UMGR; staff UNURSE and UOTHER. Sun 6 Dec 2026 10:00 EST.
 */
const NOW = '2026-12-06T15:00:00.000Z';
const ENV = {
  TACT_TIMEZONE: 'America/New_York',
  TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00; Sat 09:00-14:00',
  TACT_MANAGERS: 'UMGR',
};

let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup() {
  t = await buildServices({ env: ENV, now: NOW });
  return runner(t, 'touch');
}

describe('/touch <patient ref> thank-you|event|birthday', () => {
  it('a thank-you: due in two days at opening, the note redacted', async () => {
    const touch = await setup();
    const said = textOf(await touch('P-12 thank-you first filler visit, call 555-867-0142', 'UNURSE'));
    expect(said).toContain('Recorded T-1: patient P-12, first-visit thank-you');
    expect(said).toContain('Tue 8 Dec 09:00');
    const stored = await t.services.touches.get(1);
    expect(stored).toMatchObject({
      kind: 'thank-you',
      patientRef: 'P-12',
      dueAt: '2026-12-08T14:00:00.000Z',
      owner: 'console:UNURSE',
      status: 'open',
    });
    expect(stored?.note).toContain('***-***-0142');
    expect(stored?.note).not.toContain('867');
  });

  it('understands the kind as people type it: "Thank you", "thank‑you" with a non-breaking hyphen, "bday"', async () => {
    const touch = await setup();
    expect(textOf(await touch('P-1 Thank you', 'UNURSE'))).toContain('Recorded T-1');
    expect(textOf(await touch('P-2 thank\u2011you', 'UNURSE'))).toContain('Recorded T-2');
    expect(textOf(await touch('P-3 bday 3/14', 'UNURSE'))).toContain('Recorded T-3');
    expect(textOf(await touch('P-4 "thank you" first visit', 'UNURSE'))).toContain('Recorded T-4');
    expect((await t.services.touches.get(3))?.kind).toBe('birthday');
  });

  it('an event: the wish the day before, what it is kept', async () => {
    const touch = await setup();
    const said = textOf(await touch('P-12 event Dec 24 wedding', 'UNURSE'));
    expect(said).toContain('Recorded T-1: patient P-12, wedding on Dec 24');
    expect(said).toContain('Wed 23 Dec 09:00');
    expect(await t.services.touches.get(1)).toMatchObject({
      kind: 'event',
      note: 'wedding',
      occasionDate: '2026-12-24',
    });
  });

  it('an event in the past or without a date is refused, and nothing is saved', async () => {
    const touch = await setup();
    expect(textOf(await touch('P-12 event Dec 1 2026 gala', 'UNURSE'))).toContain('already passed');
    expect(textOf(await touch('P-12 event wedding', 'UNURSE'))).toContain('give the event date first');
    expect(textOf(await touch('P-12 event Dec 24', 'UNURSE'))).toContain('say what the event is');
    expect(await t.services.touches.open()).toEqual([]);
  });

  it('a birthday: month and day only; Feb 29 falls on Feb 28 next year', async () => {
    const touch = await setup();
    const said = textOf(await touch('P-12 birthday Feb 29', 'UNURSE'));
    expect(said).toContain('Recorded T-1: patient P-12, yearly birthday wish (Feb 29 falls on Feb 28 in 2027)');
    expect(said).toContain('Sat 27 Feb 09:00');
    const stored = await t.services.touches.get(1);
    expect(stored).toMatchObject({ birthday: { month: 2, day: 29 }, occasionDate: '2027-02-28' });
    expect(JSON.stringify(stored)).not.toMatch(/19\d\d|20[0-1]\d/);
  });

  it('refuses a birthday with a year, privately, and stores nothing', async () => {
    const touch = await setup();
    for (const text of ['P-12 birthday 1990-03-14', 'P-12 birthday March 14, 1990', 'P-12 birthday 3/14/90']) {
      const outcome = await touch(text, 'UNURSE');
      expect(outcome.kind === 'replies' && outcome.replies[0]?.visibility).toBe('private');
      expect(textOf(outcome)).toContain('month and day only, never a year');
    }
    expect(await t.services.touches.open()).toEqual([]);
    expect(textOf(await touch('P-12 birthday Feb 30', 'UNURSE'))).toContain('not a day of the year');
  });

  it('refuses a full name, and hints when the second word of a name came before the kind', async () => {
    const touch = await setup();
    expect(textOf(await touch('"Rose Smith" birthday Feb 2', 'UNURSE'))).toContain('looks like a full name');
    expect(textOf(await touch('Rose Smith birthday Feb 2', 'UNURSE'))).toContain("is a person's name");
    expect(textOf(await touch('P-12 anniversary', 'UNURSE'))).toContain('say thank-you, event or birthday');
    expect(await t.services.touches.open()).toEqual([]);
  });
});

describe('/touch and the alias registry', () => {
  it('a registered name typed as the reference becomes its alias, and the birthday is still read', async () => {
    const touch = await setup();
    expect(textOf(await runner(t, 'tact')('alias add "Rose Marigold" as Tulip', 'UMGR'))).toContain('Added the alias');
    const said = textOf(await touch('Rose Marigold birthday Feb 2', 'UNURSE'));
    expect(said).toContain('Recorded T-1: patient Tulip, yearly birthday wish');
    const stored = await t.services.touches.get(1);
    expect(stored).toMatchObject({ patientRef: 'Tulip', birthday: { month: 2, day: 2 } });
    expect(JSON.stringify(stored)).not.toContain('Marigold');
    await touch('Tulip event Dec 24 Rose Marigold gala', 'UNURSE');
    expect((await t.services.touches.get(2))?.note).toBe('Tulip gala');
  });
});

describe('/touch list, show, cancel: the owner and managers only', () => {
  it('lists yours; managers see all', async () => {
    const touch = await setup();
    await touch('P-1 birthday Feb 2', 'UNURSE');
    await touch('P-2 thank-you', 'UOTHER');
    const mine = listItems(await touch('list', 'UNURSE'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain('T-1 · P-1 · yearly birthday wish · reminder Tue 2 Feb 09:00');
    expect(listItems(await touch('list', 'UMGR'))).toHaveLength(2);
  });

  it('show and cancel: others hear "not yours" and nothing about it', async () => {
    const touch = await setup();
    await touch('P-1 event Dec 24 wedding', 'UNURSE');
    const other = textOf(await touch('show T-1', 'UOTHER'));
    expect(other).toContain('T-1 is not yours');
    expect(other).not.toContain('wedding');
    expect(other).not.toContain('P-1');
    expect(textOf(await touch('cancel T-1', 'UOTHER'))).toContain('not yours');
    expect(textOf(await touch('show t1', 'UMGR'))).toContain('wedding on Dec 24');
    expect(textOf(await touch('cancel T-1', 'UNURSE'))).toContain('T-1 (patient P-1) is cancelled.');
    expect(await t.services.touches.open()).toEqual([]);
    expect(textOf(await touch('cancel T-1', 'UNURSE'))).toContain('already cancelled');
    expect(textOf(await touch('show T-9', 'UNURSE'))).toContain('There is no personal touch T-9');
  });
});
