import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALIAS_REMINDER, aliasReminder } from '../../../commands/messages.js';
import { receiptOf } from '../../../commands/complaints/complaint-view.js';
import { usageLine, type CommandContext } from '../../../src/chat/command.js';
import { lastSequence } from '../../../src/storage.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { command, listItems, repliesOf, runner, textOf } from '../helpers.js';

// Monday 1 June 2026, 12:00 in New York (EDT)
const NOW = '2026-06-01T16:00:00.000Z';
let t: TestServices;
let run: ReturnType<typeof runner>;

beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR,UMGR2' }, now: NOW });
  run = runner(t, 'complaint');
});
afterEach(async () => {
  await t.close();
});

const stored = (n: number) => t.services.complaints.get(n);

describe('/complaint help and form', () => {
  it('help is generated from the subcommands and lists every one', async () => {
    const items = listItems(await run('help', 'console:USTAFF'));
    const complaint = command('complaint');
    expect(complaint.subcommands.map((s) => s.name)).toEqual([
      '',
      'list',
      'show',
      'history',
      'update',
      'void',
      'trends',
      'letter',
      'export',
    ]);
    for (const sub of complaint.subcommands)
      expect(items.some((i) => i.startsWith(usageLine(complaint, sub)))).toBe(true);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/complaint <patient-ref> \[category:\] <what-happened> — /),
        expect.stringMatching(/^\/complaint list \[open\|all\] \[period\] — .*\(managers\)$/),
        expect.stringMatching(/^\/complaint show <id> — .*\(managers\)$/),
        expect.stringMatching(/^\/complaint update <id> <change> \[details\] — .*\(managers\)$/),
        expect.stringMatching(/^\/complaint trends \[period\] — .*\(managers\)$/),
        expect.stringMatching(/^\/complaint letter <id> — .*\(managers\)$/),
        '/complaint help — this list',
      ]),
    );
  });

  it('no text opens the form', async () => {
    const outcome = await run('', 'console:USTAFF');
    expect(outcome.kind).toBe('form');
    expect(outcome.kind === 'form' && outcome.form.fields.map((f) => f.id)).toEqual([
      'patientRef',
      'source',
      'category',
      'text',
      'wants',
      'provider',
    ]);
  });
});

describe('/complaint <patient ref> [category:] <what happened>', () => {
  it('logs with the given category, for anyone, and confirms staff with tier and steps, without reasons', async () => {
    const [confirmation, ...others] = repliesOf(
      await run('P-1 billing: charged twice for one visit', 'console:USTAFF'),
    );
    expect(others).toEqual([]);
    expect(confirmation?.visibility).toBe('private');
    expect(confirmation?.summary).toBe('Logged C-1 (legitimate)');
    const text = textOf({ kind: 'replies', replies: [confirmation!] });
    expect(text).toContain('Category: billing\n');
    expect(text).not.toContain('a real grievance (billing)');
    // billing's first step: 1 business day from Monday noon -> Tuesday 18:00
    expect(text).toContain(
      '1. Verify the charge against the fee schedule and the signed estimate; correct it — front desk, by Tue 2 Jun 18:00',
    );
    expect(await stored(1)).toMatchObject({
      patientRef: 'P-1',
      category: 'billing',
      categoryGuessed: false,
      reporter: 'console:USTAFF',
      text: 'charged twice for one visit',
    });
  });

  it('guesses the category when none is given, and says so', async () => {
    const text = textOf(await run('P-2 swelling and bruising after filler', 'console:USTAFF'));
    expect(text).toContain('Category: complication or side effect (guessed from the text)');
    expect(await stored(1)).toMatchObject({ category: 'complication', categoryGuessed: true });
    await run('P-3 lobby music was loud', 'console:USTAFF');
    expect(await stored(2)).toMatchObject({ category: 'other', categoryGuessed: true, tier: 'occasional' });
  });

  it('reads "side effect:" and quoted patient references', async () => {
    await run('"Room 4" side effect: rash on the cheek', 'console:USTAFF');
    expect(await stored(1)).toMatchObject({
      patientRef: 'Room 4',
      category: 'complication',
      text: 'rash on the cheek',
    });
  });

  it('accepts curly quotes around the patient reference, as phones type them', async () => {
    expect(repliesOf(await run('“P-10” billing: charged twice', 'console:USTAFF'))[0]?.summary).toBe(
      'Logged C-1 (legitimate)',
    );
    expect(await stored(1)).toMatchObject({ patientRef: 'P-10', category: 'billing', text: 'charged twice' });
    await run('“Room 4” side effect: rash on the cheek', 'console:USTAFF');
    expect(await stored(2)).toMatchObject({
      patientRef: 'Room 4',
      category: 'complication',
      text: 'rash on the cheek',
    });
    // one typed by hand, closed the "wrong" way
    await run('”P-11” billing: charged twice', 'console:USTAFF');
    expect(await stored(3)).toMatchObject({ patientRef: 'P-11' });
  });

  it.each([
    ['P-1', 'say what happened after the patient reference'],
    ['P-1 banana: it went wrong', 'unknown category "banana"'],
    ['"Jane Doe" billing: charged twice', 'that looks like a full name'],
    ['P<1> billing: charged twice', 'letters, digits, spaces and # . _ / - only'],
  ])('%j is refused: %s', async (text, problem) => {
    const out = textOf(await run(text, 'console:USTAFF'));
    expect(out).toContain(problem);
    expect(out).toContain('Usage: /complaint <patient-ref> [category:] <what-happened>');
    expect(await lastSequence(t.storage, 'complaint')).toBe(0);
  });

  it('a serious complaint alerts the other managers by direct message', async () => {
    const replies = repliesOf(
      await run('P-5 conduct: he yelled at the receptionist and said he will sue', 'console:USTAFF'),
    );
    expect(replies[0]?.summary).toBe('Logged C-1 (aggressive)');
    expect(replies.slice(1).map((r) => [r.visibility, r.to])).toEqual([
      ['dm', 'console:UMGR'],
      ['dm', 'console:UMGR2'],
    ]);
    expect(textOf({ kind: 'replies', replies: replies.slice(1, 2) })).toContain('/complaint show C-1');
    expect(textOf({ kind: 'replies', replies: replies.slice(0, 1) })).toContain(
      'The practice managers have been sent this complaint.',
    );
    // a manager logging it does not alert themself
    const own = repliesOf(await run('P-6 he threatened to sue us', 'console:UMGR'));
    expect(own.map((r) => r.to)).toEqual([undefined, 'console:UMGR2']);
    // a minor one alerts nobody
    expect(repliesOf(await run('P-7 waited 20 minutes', 'console:USTAFF'))).toHaveLength(1);
  });

  it('says so when no manager is set to alert', async () => {
    const alone = await buildServices({ now: NOW });
    try {
      const replies = repliesOf(await runner(alone, 'complaint')('P-5 threatened to sue', 'console:USTAFF'));
      expect(replies).toHaveLength(1);
      expect(textOf({ kind: 'replies', replies })).toContain('No practice managers are set (TACT_MANAGERS)');
    } finally {
      await alone.close();
    }
  });

  it('a repeated delivery returns duplicate and stores nothing new', async () => {
    expect((await run('P-1 billing: charged twice', 'console:USTAFF', 'trigger:abc')).kind).toBe('replies');
    expect(await run('P-1 billing: charged twice', 'console:USTAFF', 'trigger:abc')).toEqual({ kind: 'duplicate' });
    expect(await lastSequence(t.storage, 'complaint')).toBe(1);
    expect(await t.services.complaints.since(new Date(0))).toHaveLength(1);
    expect(await t.services.complaints.openComplaints()).toHaveLength(1);
    // and the repeat did not count as a second complaint about P-1
    await run('P-1 billing: charged again', 'console:USTAFF', 'trigger:def');
    expect((await stored(2))?.reasons).toContainEqual({ code: 'repeat', ordinal: 2, days: 90 });
  });
});

describe('privacy of what is said and stored', () => {
  it('a phone number or email typed in a complaint is masked in every reply and in the record', async () => {
    const logged = await run(
      'P-5 billing: she says call her at 555-867-5309 or jane.doe@example.com',
      'console:USTAFF',
    );
    const shown = await run('show C-1');
    for (const outcome of [logged, shown]) {
      const text = textOf(outcome);
      expect(text).not.toContain('555-867-5309');
      expect(text).not.toContain('jane.doe@example.com');
    }
    expect(textOf(shown)).toContain('she says call her at ***-***-5309 or j***@***.com');
    expect((await stored(1))?.text).toBe('she says call her at ***-***-5309 or j***@***.com');
    const raw = JSON.stringify(await t.storage.collection('complaints').get('1'));
    expect(raw).not.toContain('867-5309');
  });

  it('a phone number used as the patient reference is masked in replies and in the record', async () => {
    const logged = await run('555-867-5309 billing: charged twice', 'console:USTAFF');
    const listed = await run('list');
    for (const outcome of [logged, listed]) expect(textOf(outcome)).not.toContain('555-867-5309');
    expect(textOf(listed)).toContain('C-1 · ***-***-5309 · billing');
    const raw = JSON.stringify(await t.storage.collection('complaints').get('1'));
    expect(raw).not.toContain('867-5309');
  });

  it('a registered patient name becomes the alias in replies and in the record', async () => {
    await runner(t, 'tact')('alias add "Rose Marigold" as Tulip');
    const logged = await run('"rose marigold" results: unhappy with Rose Marigold results', 'console:USTAFF');
    const shown = await run('show C-1');
    for (const outcome of [logged, shown]) expect(textOf(outcome).toLowerCase()).not.toContain('marigold');
    expect(textOf(shown)).toContain('unhappy with Tulip results');
    const raw = JSON.stringify(await t.storage.collection('complaints').get('1')).toLowerCase();
    expect(raw).not.toContain('marigold');
  });

  it('a registered name typed unquoted, across the reference and the text, is still caught', async () => {
    await runner(t, 'tact')('alias add "Rose Marigold" as Tulip');
    const logged = await run('Rose Marigold billing: charged twice', 'console:USTAFF');
    expect(textOf(logged).toLowerCase()).not.toContain('marigold');
    const stored = await t.services.complaints.get(1);
    expect(stored).toMatchObject({ patientRef: 'Tulip', category: 'billing', text: 'charged twice' });
    expect(JSON.stringify(stored).toLowerCase()).not.toMatch(/rose|marigold/);
  });
});

describe('managers only', () => {
  it('staff are refused list, show, update, trends and letter, and learn nothing', async () => {
    await run('P-77 billing: a very particular story about the invoice', 'console:USTAFF');
    for (const text of ['list', 'list all', 'show C-1', 'update C-1 resolved done', 'trends 30d', 'letter C-1']) {
      const replies = repliesOf(await run(text, 'console:USTAFF'));
      expect(replies, text).toHaveLength(1);
      const words = textOf({ kind: 'replies', replies });
      expect(words).toMatch(/^Only practice managers can use \/complaint \w+\./);
      for (const secret of ['C-1', 'P-77', 'particular', 'billing']) expect(words, text).not.toContain(secret);
    }
    expect(await stored(1)).toMatchObject({ status: 'open', history: [{ what: 'logged as legitimate' }] });
  });
});

describe('usage errors', () => {
  beforeEach(async () => {
    await run('P-1 billing: charged twice', 'console:USTAFF');
  });

  it.each([
    ['show', 'give a complaint id such as C-12', 'show <id>'],
    ['show banana', '"banana" is not a complaint id', 'show <id>'],
    ['letter', 'give a complaint id such as C-12', 'letter <id>'],
    ['trends soon', '"soon" is not a period', 'trends [period]'],
    ['trends 9999d', '"9999d" is not a period', 'trends [period]'],
    ['list bogus', 'choose open or all', 'list [open|all] [period]'],
    ['update C-1', 'say what to change', 'update <id> <change> [details]'],
    ['update C-1 frobnicate', '"frobnicate" is not something to update', 'update <id> <change> [details]'],
    ['update C-1 tier nuclear', 'unknown tier "nuclear"', 'update <id> <change> [details]'],
    ['update C-1 category food', 'unknown category "food"', 'update <id> <change> [details]'],
    ['update C-1 step two', 'give the step number', 'update <id> <change> [details]'],
    ['update C-1 note', 'write the note after "note"', 'update <id> <change> [details]'],
  ])('%j: %s', async (text, problem, usage) => {
    const out = textOf(await run(text));
    expect(out).toContain(`That didn't work: ${problem}`);
    expect(out).toContain(`Usage: /complaint ${usage}`);
  });

  it.each([
    ['show C-1 C-2', 'C-2'],
    ['letter C-1 please', 'please'],
    ['list open 30d more', 'more'],
    ['trends 30d 60d', '60d'],
  ])('%j: extra text is refused', async (text, extra) => {
    expect(textOf(await run(text))).toContain(`there is extra text: "${extra}"`);
  });

  it('an unknown id is answered plainly', async () => {
    expect(textOf(await run('show C-99'))).toBe(
      'There is no complaint C-99. See /complaint list for the open ones.\nThere is no complaint C-99. See /complaint list for the open ones.',
    );
    expect(textOf(await run('update C-99 resolved'))).toContain('There is no complaint C-99.');
    expect(textOf(await run('letter 99'))).toContain('There is no complaint C-99.');
  });
});

describe('/complaint update', () => {
  beforeEach(async () => {
    await run('P-1 billing: charged twice', 'console:USTAFF');
    t.clock.set('2026-06-02T14:00:00.000Z');
  });

  it('changes the status with a note, and closing takes it off the open list', async () => {
    expect(repliesOf(await run('update C-1 following-up called her back'))[0]?.summary).toBe(
      'Updated C-1: status open → following up: called her back',
    );
    expect(await stored(1)).toMatchObject({ status: 'following-up' });
    expect(await t.services.complaints.openComplaints()).toHaveLength(1);
    await run('update c-1 closed');
    expect(await stored(1)).toMatchObject({ status: 'resolved' });
    expect(await t.services.complaints.openComplaints()).toHaveLength(0);
    await run('update 1 reopen');
    expect(await t.services.complaints.openComplaints()).toHaveLength(1);
    expect((await stored(1))?.history.at(-1)).toEqual({
      at: '2026-06-02T14:00:00.000Z',
      by: 'console:UMGR',
      what: 'status resolved → open',
    });
  });

  it('adds a note, redacted', async () => {
    await run('update C-1 note spoke to her at 555-201-3344');
    expect((await stored(1))?.history.at(-1)?.what).toBe('note: spoke to her at ***-***-3344');
  });

  it('overrides the tier, recorded in reasons and history', async () => {
    const out = textOf(await run('update C-1 tier aggressive shouted at the desk'));
    expect(out).toContain('Updated C-1: tier legitimate → aggressive (override): shouted at the desk');
    const complaint = await stored(1);
    expect(complaint?.tier).toBe('aggressive');
    expect(complaint?.reasons[0]).toEqual({
      code: 'manager-override',
      by: 'console:UMGR',
      note: 'shouted at the desk',
    });
    expect(textOf(await run('show C-1'))).toContain('tier set by a manager (UMGR): shouted at the desk');
  });

  it('fixes the category', async () => {
    await run('update C-1 category wait');
    expect(await stored(1)).toMatchObject({ category: 'wait', categoryGuessed: false });
    const complaint = await stored(1);
    expect(complaint?.history.at(-1)?.what).toBe('category billing → wait; pathway steps updated');
    // billing's open steps give way to the wait pathway's step
    const texts = complaint?.steps.map((s) => s.text) ?? [];
    expect(texts.some((t) => t.startsWith('Verify the charge'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Apologise and offer a convenient time'))).toBe(true);
  });

  it('marks a step done, once; an unknown step is named', async () => {
    expect(textOf(await run('update C-1 step 2 refunded'))).toContain('Updated C-1: step 2 done: refunded');
    const steps = (await stored(1))?.steps;
    expect(steps?.[1]).toMatchObject({ doneAt: '2026-06-02T14:00:00.000Z', doneBy: 'console:UMGR' });
    expect(steps?.[0]?.doneAt).toBeUndefined();
    expect(textOf(await run('show C-1'))).toMatch(/2\. If the error was ours.*done Tue 2 Jun 10:00/);
    expect(textOf(await run('update C-1 step 2'))).toBe(
      'That step of C-1 is already done.\nThat step of C-1 is already done.',
    );
    expect(textOf(await run('update C-1 step 9'))).toContain(
      'C-1 has no such step; /complaint show C-1 lists its steps.',
    );
  });

  it('refuses a note over the limit with any kind of update, and changes nothing', async () => {
    const long = 'x'.repeat(1_001);
    for (const text of [
      `update C-1 note ${long}`,
      `update C-1 resolved ${long}`,
      `update C-1 tier aggressive ${long}`,
      `update C-1 step 2 ${long}`,
    ]) {
      const out = textOf(await run(text));
      expect(out, text.slice(0, 30)).toContain(
        "That didn't work: the note is longer than 1000 characters; shorten it.",
      );
    }
    const complaint = await stored(1);
    expect(complaint).toMatchObject({ status: 'open', tier: 'legitimate' });
    expect(complaint?.steps[1]?.doneAt).toBeUndefined();
    expect(complaint?.history).toHaveLength(1);
    // at the limit it is kept whole
    await run(`update C-1 resolved ${'y'.repeat(1_000)}`);
    expect((await stored(1))?.history.at(-1)?.what).toContain('y'.repeat(1_000));
  });

  it('says when nothing changed', async () => {
    for (const text of ['update C-1 open', 'update C-1 tier legitimate', 'update C-1 category billing']) {
      expect(textOf(await run(text)), text).toContain('C-1 already has that value; nothing changed.');
    }
    expect((await stored(1))?.history).toHaveLength(1);
  });
});

describe('/complaint list', () => {
  beforeEach(async () => {
    t.clock.set('2026-05-01T15:00:00.000Z');
    await run('P-1 billing: charged twice', 'console:USTAFF');
    t.clock.set('2026-05-25T15:00:00.000Z');
    await run('P-2 waited an hour', 'console:USTAFF');
    t.clock.set('2026-05-31T15:00:00.000Z');
    await run('P-3 billing: deposit not applied', 'console:USTAFF');
    t.clock.set(NOW);
    await run('update C-2 resolved');
  });

  const ids = (items: string[]) => items.map((i) => i.split(' · ')[0]);

  it('shows open complaints newest first, marking overdue follow-up', async () => {
    const outcome = await run('list');
    expect(repliesOf(outcome)[0]?.summary).toBe('Open complaints: 2');
    const items = listItems(outcome);
    expect(ids(items)).toEqual(['C-3', 'C-1']);
    expect(items[1]).toContain('C-1 · P-1 · billing · legitimate · open');
    expect(items[1]).toContain('follow-up overdue');
    // logged Sunday: its first step is due Monday 18:00, not yet overdue at Monday noon
    expect(items[0]).not.toContain('overdue');
  });

  it('"all" includes closed complaints', async () => {
    const outcome = await run('list all');
    expect(repliesOf(outcome)[0]?.summary).toBe('All complaints: 3');
    expect(ids(listItems(outcome))).toEqual(['C-3', 'C-2', 'C-1']);
  });

  it('a period narrows either list', async () => {
    expect(ids(listItems(await run('list 10d')))).toEqual(['C-3']);
    expect(repliesOf(await run('list 10d'))[0]?.summary).toBe('Open complaints, last 10 days: 1');
    expect(ids(listItems(await run('list all 10d')))).toEqual(['C-3', 'C-2']);
    expect(ids(listItems(await run('list 10d all')))).toEqual(['C-3', 'C-2']);
    expect(ids(listItems(await run('list all 60d')))).toEqual(['C-3', 'C-2', 'C-1']);
  });

  it('says none when there is nothing', async () => {
    expect(listItems(await run('list 1d'))).toEqual(['none']);
  });
});

describe('/complaint trends', () => {
  beforeEach(async () => {
    const at = async (iso: string, text: string) => {
      t.clock.set(iso);
      await run(text, 'console:USTAFF');
    };
    await at('2026-01-05T15:00:00.000Z', 'P-9 wait: waited an hour'); // before both 30-day windows
    await at('2026-04-10T15:00:00.000Z', 'P-1 billing: charged twice'); // previous 30 days
    await at('2026-04-20T15:00:00.000Z', 'P-2 wait: waited an hour'); // previous
    await at('2026-05-10T15:00:00.000Z', 'P-3 billing: charged twice'); // current
    await at('2026-05-20T15:00:00.000Z', 'P-3 billing: charged again'); // current, a repeat: escalating
    await at('2026-05-25T15:00:00.000Z', 'P-4 results: uneven on the left'); // current
    t.clock.set(NOW);
  });

  it('compares the last 30 days with the 30 before', async () => {
    const outcome = await run('trends 30d');
    const text = textOf(outcome);
    expect(repliesOf(outcome)[0]?.summary).toBe('Complaint trends, last 30 days');
    expect(text).toContain('Total: 3 (previous 2, +1) against the 30 days before.');
    expect(listItems(outcome, 'By category')).toEqual([
      'billing: 2 (previous 1, +1)',
      'results: 1 (previous 0, +1)',
      'wait or scheduling: 0 (previous 1, -1)',
    ]);
    expect(listItems(outcome, 'By tier')).toEqual([
      'occasional: 0 (previous 1, -1)',
      'legitimate: 2 (previous 1, +1)',
      'escalating: 1 (previous 0, +1)',
    ]);
    expect(listItems(outcome, 'Repeat patients')).toEqual(['P-3: 2 complaints']);
    expect(text).toContain('Rose most: billing (1 → 2).');
  });

  it('defaults to 90 days', async () => {
    const outcome = await run('trends');
    expect(textOf(outcome)).toContain('Total: 5 (previous 1, +4) against the 90 days before.');
    expect(listItems(outcome, 'By category')).toContain('wait or scheduling: 1 (previous 1, 0)');
  });

  it('moves with the clock', async () => {
    t.clock.set('2026-07-15T16:00:00.000Z');
    const outcome = await run('trends 30d');
    // current: 15 Jun - 15 Jul (nothing); previous: 16 May - 15 Jun (20 May and 25 May)
    expect(textOf(outcome)).toContain('Total: 0 (previous 2, -2)');
    expect(textOf(outcome)).toContain('No category rose.');
    expect(listItems(outcome, 'Repeat patients')).toEqual(['none']);
  });
});

describe('/complaint letter', () => {
  it('drafts the termination letter with notice, urgent care, records and a signature line', async () => {
    await runner(t, 'tact')('settings set practice-name Glow Aesthetics');
    await runner(t, 'tact')('settings set practice-contact ask for our practice manager, Dana');
    await run('P-8 conduct: he threatened the receptionist and said he will sue', 'console:USTAFF');
    const outcome = await run('letter C-1');
    const [letter] = repliesOf(outcome);
    expect(letter?.visibility).toBe('private');
    expect(letter?.summary).toBe('Draft termination letter for C-1');
    expect(letter?.sections[0]).toEqual({
      kind: 'heading',
      text: 'Draft letter for C-1 · review, sign and send it yourself',
    });
    const body = letter?.sections.find((s) => s.kind === 'preformatted');
    if (body?.kind !== 'preformatted') throw new Error('no letter body');
    expect(body.text).toMatch(/^June 1, 2026\n/);
    expect(body.text).toContain('reference P-8');
    expect(body.text).toContain('Glow Aesthetics will no longer be able to provide your care');
    expect(body.text).toContain('for 30 days from the date of this\nletter, until July 1, 2026');
    expect(body.text).toContain(
      'Urgent care during the notice period. Until July 1, 2026, we will continue to see you for\nurgent needs',
    );
    expect(body.text).toContain('call 911');
    expect(body.text).toContain('Finding another provider.');
    expect(body.text).toContain('Your records. We will send a copy of your medical records');
    expect(body.text).toContain('If you have questions about this letter, please ask for our practice manager, Dana.');
    expect(body.text).toContain("______________________________\n[Provider's name and credentials]");
    expect(body.text).not.toMatch(/\{\{|\}\}/);
    // an aggressive complaint needs no caution
    expect(letter?.sections.some((s) => s.kind === 'text' && s.text.includes('usually kept for'))).toBe(false);
    expect((await t.services.complaints.get(1))?.history.at(-1)?.what).toBe(
      'note: termination letter drafted for review',
    );
  });

  it('uses placeholders when the practice is not named, and cautions for a non-serious tier', async () => {
    await run('P-9 wait: waited 20 minutes', 'console:USTAFF');
    const [letter] = repliesOf(await run('letter C-1'));
    const texts = letter?.sections.filter((s) => s.kind === 'text').map((s) => (s.kind === 'text' ? s.text : ''));
    expect(texts).toEqual([
      'C-1 is graded occasional. Ending a relationship is usually kept for escalating or aggressive cases; talk it over with the provider first.',
    ]);
    const body = letter?.sections.find((s) => s.kind === 'preformatted');
    expect(body?.kind === 'preformatted' && body.text).toContain('[Practice name] will no longer');
    expect(body?.kind === 'preformatted' && body.text).toContain(
      'If you have questions about this letter, please call our practice manager.',
    );
  });

  it.each([
    ['Please call our practice manager at 555-0100.', 'please call our practice manager at 555-0100.'],
    ['call our practice manager at 555-0100.', 'please call our practice manager at 555-0100.'],
    ['please, call our practice manager at 555-0100!', 'please call our practice manager at 555-0100.'],
    ['Call Dana at 555-0100', 'please call Dana at 555-0100.'],
  ])('writes the contact setting %j as one sentence, without "please please" or ".."', async (setting, sentence) => {
    expect((await t.services.settings.set('practice-contact', setting, 'console:UMGR')).ok).toBe(true);
    await run('P-9 he will sue', 'console:USTAFF');
    const body = repliesOf(await run('letter C-1'))[0]?.sections.find((s) => s.kind === 'preformatted');
    if (body?.kind !== 'preformatted') throw new Error('no letter body');
    expect(body.text).toContain(`If you have questions about this letter, ${sentence}\n`);
    expect(body.text).not.toMatch(/please,? please|\.\.|!\./i);
  });

  it('dates the letter in the clinic time zone', async () => {
    // 1 June 02:00 UTC is still 31 May in New York
    t.clock.set('2026-06-01T02:00:00.000Z');
    await run('P-9 he will sue', 'console:USTAFF');
    const body = repliesOf(await run('letter C-1'))[0]?.sections.find((s) => s.kind === 'preformatted');
    expect(body?.kind === 'preformatted' && body.text).toMatch(/^May 31, 2026\n[\s\S]*until June 30, 2026/);
  });
});

describe('patient references that look like names', () => {
  it('refuses two or more letter-only words in any case, on /complaint and /inquiry alike', async () => {
    for (const ref of ['"mary smith"', '"Mary Ann Smith"', '"JOHN SMITH"']) {
      const out = textOf(await run(`${ref} billing: charged twice`, 'console:USTAFF'));
      expect(out).toContain('that looks like a full name');
    }
    const inquiry = textOf(await runner(t, 'inquiry')('call "John Smith" wants a callback'));
    expect(inquiry).toContain('that looks like a full name');
    expect(await t.services.complaints.get(1)).toBeUndefined();
    expect(await t.services.inquiries.open()).toEqual([]);
    expect(textOf(await run('P-2001 billing: charged twice', 'console:USTAFF'))).toContain('Logged C-1');
  });
});

/**
 * Minimum necessary: a staff member who logs a complaint learns its id, tier and next steps, never
 * the patient's history; a manager logging the same complaint sees why it got its tier. The alias
 * reminder names neither the patient nor the alias.
 */
/** Texts that would tell the reader about this patient's earlier complaints. */
const HISTORY = /\b(2nd|3rd|\d+th) complaint\b|\bC-1\b|\bfollow-up on\b|\bin 90 days\b|\boverdue\b|Why /i;

/** The text of the first reply only: the answer to the person who typed the command (the rest are managers' DMs). */
async function answerTo(text: string, user: string): Promise<string> {
  const [first] = repliesOf(await run(text, user));
  return textOf({ kind: 'replies', replies: first ? [first] : [] });
}

async function secondComplaintBy(user: string): Promise<string> {
  await run('P-77 billing: charged twice for filler', 'console:USTAFF0');
  t.clock.advance(2 * 86_400_000);
  return answerTo('P-77 wait: kept waiting an hour again', user);
}

describe('logging a complaint', () => {
  it('a staff member sees the id, tier and next steps of a repeat complaint, and nothing of the earlier one', async () => {
    await run('P-77 billing: charged twice for filler', 'console:USTAFF0');
    t.clock.advance(2 * 86_400_000);
    const [confirmation] = repliesOf(await run('P-77 wait: kept waiting an hour again', 'console:USTAFF'));
    const text = textOf({ kind: 'replies', replies: [confirmation!] });
    expect(confirmation?.summary).toBe('Logged C-2 (escalating)');
    expect(text).toContain('Patient: P-77');
    expect(text).toContain('Next steps');
    expect(text).toContain('Apologise and offer a convenient time');
    expect(text).not.toMatch(HISTORY);
    // The record itself still holds the reasons, for the managers.
    expect((await t.services.complaints.get(2))?.reasons).toContainEqual({ code: 'repeat', ordinal: 2, days: 90 });
  });

  it('an overdue follow-up on an earlier complaint is not named to staff either', async () => {
    await run('P-78 complication: swelling after filler', 'console:USTAFF0');
    t.clock.advance(3 * 86_400_000);
    const text = await answerTo('P-78 wait: still nobody called back', 'console:USTAFF');
    expect(text).toContain('escalating');
    expect(text).not.toMatch(HISTORY);
  });

  it('a manager logging the same repeat complaint sees the reasons', async () => {
    const text = await secondComplaintBy('console:UMGR');
    expect(text).toContain('Why escalating');
    expect(text).toContain('2nd complaint from P-77 in 90 days');
  });

  it('the managers alerted by direct message see the history, the staff member does not', async () => {
    await run('P-79 billing: charged twice', 'console:USTAFF0');
    const replies = repliesOf(await run('P-79 billing: charged three times now', 'console:USTAFF'));
    const [mine, ...dms] = replies;
    expect(textOf({ kind: 'replies', replies: [mine!] })).not.toMatch(HISTORY);
    expect(dms.map((d) => d.to)).toEqual(['console:UMGR', 'console:UMGR2']);
    for (const dm of dms)
      expect(textOf({ kind: 'replies', replies: [dm] })).toContain('2nd complaint from P-79 in 90 days');
  });

  it('the receipt a staff view is built from carries no reasons or history at run time', async () => {
    await run('P-80 billing: charged twice', 'console:USTAFF');
    const complaint = await t.services.complaints.get(1);
    const receipt = receiptOf(complaint!);
    expect(Object.keys(receipt).sort()).toEqual([
      'category',
      'categoryGuessed',
      'id',
      'patientRef',
      'status',
      'steps',
      'tier',
    ]);
  });
});

describe('the alias reminder', () => {
  const ctx = (): CommandContext => ({
    actor: { id: 'console:USTAFF' },
    place: { platform: 'slack', channelId: 'C1' },
    services: t.services,
  });

  beforeEach(async () => {
    await t.services.aliases.add('Jessica Moreno', 'Tulip', 'console:UMGR');
  });

  it.each([
    'saw Jessica Moreno in the lobby',
    'MORENO, JESSICA is in room 2',
    'jessica\u200B moreno called again', // a zero-width space inside the name
    'Jessica Moreno’s card was declined', // a curly possessive
  ])('"%s" gets the fixed reminder, naming neither the patient nor the alias', (text) => {
    const replies = aliasReminder({ text }, ctx());
    expect(replies).toHaveLength(1);
    const words = textOf({ kind: 'replies', replies });
    expect(words).toContain("This name is on the practice's privacy list");
    expect(words).toContain("use the patient's alias");
    expect(words).not.toMatch(/tulip|jessica|moreno/i);
    expect(replies[0]?.visibility).toBe('private');
    expect(replies[0]?.summary).toBe(ALIAS_REMINDER);
  });

  it('a message naming nobody registered gets no reminder', () => {
    expect(aliasReminder({ text: 'Janet from billing says the card was declined again' }, ctx())).toEqual([]);
  });
});
