import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRAY_VERBS } from '../../../commands/complaints/complaint.js';
import { EXPORT_HEADER } from '../../../commands/complaints/records-view.js';
import { ConsoleOutbound } from '../../../src/adapters/console/outbound.js';
import { createLineHandler } from '../../../src/adapters/console/register.js';
import { lastSequence } from '../../../src/storage.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { parseCsv } from '../../export/rfc4180.js';
import { plannedJobs } from '../../jobs/helpers.js';
import { listItems, repliesOf, runner, textOf } from '../helpers.js';

// Monday 1 June 2026, 12:00 in New York (EDT)
const NOW = '2026-06-01T16:00:00.000Z';
let t: TestServices;
let run: ReturnType<typeof runner>;
let inquiry: ReturnType<typeof runner>;

beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' }, now: NOW });
  run = runner(t, 'complaint');
  inquiry = runner(t, 'inquiry');
});
afterEach(async () => {
  await t.close();
});

const logged = () => lastSequence(t.services.storage, 'complaint');
const trail = async () =>
  (await t.services.audit.recent(1, 100)).entries.map((e) => ({ actor: e.actor, read: e.read, records: e.records }));

describe('good records only: names are refused as patient references', () => {
  it('refuses a full name, a first name, a title, in other languages and scripts; nothing is logged', async () => {
    const cases: Array<[string, string]> = [
      ['Maria Lopez billing: charged twice', '"Maria Lopez" looks like a person\'s name'],
      ['Mrs Lopez billing: charged twice', '"Mrs" is a title'],
      ['Dr. Moreau results: not what was promised', '"Dr." is a title'],
      ['Sra. García wait: two hours', '"Sra." is a title'],
      ['maria charged twice for filler', '"maria" is not a registered alias'],
      ['José billing: charged twice', '"José" is not a registered alias'],
      ['Мария billing: charged twice', '"Мария" is not a registered alias'],
      ['"Maria" billing: charged twice', '"Maria" is not a registered alias'],
      ['Ma\u200Bria billing: charged twice', '"Maria" is not a registered alias'],
    ];
    for (const [text, expected] of cases) {
      const said = textOf(await run(text, 'USTAFF'));
      expect(said, text).toContain(expected);
      expect(said, text).toContain('chart number (004512, #2001, P-12) or an alias registered with /tact alias add');
    }
    expect(await logged()).toBe(0);
  });

  it('accepts chart numbers and registered aliases, and a registered name typed in full becomes its alias', async () => {
    await t.services.aliases.add('Rosalind Whitfield', 'Rose', 'console:UMGR');
    for (const text of [
      'P-12 billing: charged twice',
      '#2001 billing: charged twice',
      '004512 wait: an hour late',
      'Rose billing: charged twice',
      'rose wait: an hour late',
      'Rosalind Whitfield billing: charged twice',
    ])
      expect(textOf(await run(text, 'USTAFF')), text).toContain('Logged C-');
    const refs = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => (await t.services.complaints.get(n))?.patientRef),
    );
    expect(refs).toEqual(['P-12', '#2001', '004512', 'Rose', 'rose', 'Rose']);
  });

  it('the same rule holds for /inquiry, /followup and /inquiry nervous', async () => {
    expect(textOf(await inquiry('call Maria Lopez wants a callback', 'USTAFF'))).toContain(
      '"Maria Lopez" looks like a person\'s name',
    );
    expect(textOf(await inquiry('call Mrs wants a callback', 'USTAFF'))).toContain('is a title');
    expect(textOf(await inquiry('nervous Maria', 'USTAFF'))).toContain('not a registered alias');
    expect(textOf(await runner(t, 'followup')('Maria tomorrow 10am call check', 'USTAFF'))).toContain(
      'not a registered alias',
    );
    expect(await t.services.inquiries.open()).toEqual([]);
    expect(await t.services.followups.open()).toEqual([]);
    expect(textOf(await inquiry('call P-12 wants a callback', 'USTAFF'))).toContain('Logged I-1');
  });
});

describe('stray verbs are answered as mistakes, never logged', () => {
  it('delete, close, resolve, edit, remove, cancel... each point to the right command', async () => {
    await run('P-1 billing: charged twice', 'USTAFF');
    const expected: Record<string, string> = {
      'delete C-7': '/complaint void C-7 <reason>',
      'remove 7': '/complaint void C-7 <reason>',
      'cancel c7': '/complaint void C-7 <reason>',
      'close C-3': 'To close a complaint: /complaint update C-3 resolved',
      'Resolve C-3': 'To close a complaint: /complaint update C-3 resolved',
      resolve: '/complaint update C-<number> resolved',
      'edit C-2': '/complaint update C-2 text <corrected text>',
      'fix #2': '/complaint update C-2 patient <reference>',
      'reopen C-1': '/complaint update C-1 open',
    };
    for (const [text, words] of Object.entries(expected)) {
      const said = textOf(await run(text, 'USTAFF'));
      expect(said, text).toContain(words);
      expect(said, text).toContain('Nothing was logged.');
    }
    for (const verb of Object.keys(STRAY_VERBS))
      expect(textOf(await run(`${verb} C-1`))).toContain('Nothing was logged.');
    expect(await logged()).toBe(1);
  });
});

describe('/complaint void', () => {
  it('managers only; kept with the reason, shown as voided, out of the open list, counts and reminders', async () => {
    await run('P-1 billing: charged twice', 'USTAFF');
    await run('P-2 complication: swelling after filler', 'USTAFF');
    expect(plannedJobs(t, 'complaint-step').some((j) => j.key.startsWith('complaint:C-2:'))).toBe(true);
    expect((await t.services.pages.get('C-2'))?.status).toBe('paging');
    expect(textOf(await run('void C-2 logged for the wrong chart', 'USTAFF'))).not.toContain('Voided');
    expect((await t.services.complaints.get(2))?.status).toBe('open');
    expect(textOf(await run('void C-2'))).toContain('say why it was logged by mistake');
    expect(textOf(await run('void C-2 logged for the wrong chart'))).toContain('Voided C-2');
    expect(plannedJobs(t, 'complaint-step').some((j) => j.key.startsWith('complaint:C-2:'))).toBe(false);
    expect((await t.services.pages.get('C-2'))?.status).not.toBe('paging');

    const show = textOf(await run('show C-2'));
    expect(show).toContain('C-2 · VOIDED, out of every count');
    expect(show).toContain('voided (was open): logged for the wrong chart');
    expect(listItems(await run('list')).join('\n')).not.toContain('C-2');
    expect(listItems(await run('list all')).find((l) => l.startsWith('C-2'))).toContain('voided (logged by mistake)');
    const trends = textOf(await run('trends 30d'));
    expect(trends).toContain('Total: 1 (previous 0, +1)');
    expect(trends).not.toContain('complication');
    expect(trends).toContain('billing: 1');
    expect(textOf(await run('update C-2 resolved'))).toContain('C-2 is voided');
    const digest = textOf(await runner(t, 'tact')('digest now'));
    expect(digest).not.toContain('C-2');
    expect(digest).toMatch(/legitimate: 1/);
  });
});

describe('/complaint update text and patient', () => {
  it('corrects a wrong entry; the old value stays in the history; a name is refused as the new patient', async () => {
    await run('P-1 billing: charged twice', 'USTAFF');
    expect(textOf(await run('update C-1 text Charged three times for one visit', 'USTAFF'))).not.toContain('Updated');
    expect(textOf(await run('update C-1 text Charged three times for one visit'))).toContain(
      'Updated C-1: text corrected; it read: charged twice',
    );
    expect(textOf(await run('update C-1 patient Maria'))).toContain('"Maria" is not a registered alias');
    expect(textOf(await run('update C-1 patient Maria Lopez'))).toContain('looks like a full name');
    expect(textOf(await run('update C-1 patient P-11'))).toContain(
      'Updated C-1: patient reference corrected: P-1 → P-11',
    );
    const stored = await t.services.complaints.get(1);
    expect(stored).toMatchObject({ patientRef: 'P-11', text: 'Charged three times for one visit' });
    expect(listItems(await run('history P-1'))).toEqual(['none']);
    expect(listItems(await run('history P-11'))[0]).toMatch(/^C-1 · /);
  });
});

describe('/complaint history <patient ref>', () => {
  it("managers only, audited like show: the patient's complaints newest first, voided ones marked", async () => {
    await run('P-7 billing: charged twice', 'USTAFF');
    await run('P-8 wait: an hour late', 'USTAFF');
    t.clock.set('2026-06-03T16:00:00.000Z');
    await run('P-7 results: not what was promised', 'USTAFF');
    await run('void C-1 duplicate of a phone note');
    expect(textOf(await run('history P-7', 'USTAFF'))).not.toContain('C-3');
    const said = await run('history p-7');
    expect(repliesOf(said)[0]?.summary).toBe('Complaints about p-7: 1 (and 1 voided)');
    const items = listItems(said);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^C-3 · 2026-06-03 12:00 · .* · results · /);
    expect(items[1]).toMatch(/^C-1 · 2026-06-01 12:00 · .* · VOIDED · voided/);
    expect((await trail())[0]).toEqual({ actor: 'console:UMGR', read: 'complaint.history', records: ['C-3', 'C-1'] });
    expect(textOf(await run('history Maria'))).toContain('"Maria" is not a registered alias');
    expect((await trail())[0]?.read).toBe('complaint.history');
    expect((await t.services.audit.recent(1, 100)).entries).toHaveLength(1);
  });
});

describe('/complaint list shows when the next step is due', () => {
  it('each open complaint names its next step time, or that it is overdue', async () => {
    await run('P-1 billing: charged twice', 'USTAFF');
    const [line] = listItems(await run('list'));
    const first = (await t.services.complaints.get(1))?.steps[0];
    expect(first).toBeDefined();
    expect(line).toMatch(/next step due \w{3} \d+ \w{3} \d{2}:\d{2}/);
    t.clock.set('2026-07-01T16:00:00.000Z');
    expect(listItems(await run('list'))[0]).toContain('follow-up overdue since');
  });
});

describe('/complaint export', () => {
  it('managers get a CSV: header row, quoted fields, CRLF, patient references only, no text; the read is audited', async () => {
    await run('P-1 billing: charged twice, call 555-201-0142 "urgent"', 'USTAFF');
    await run('#2001 wait: an hour late', 'USTAFF');
    t.clock.set('2026-06-02T16:00:00.000Z');
    await run('void C-2 test entry');
    expect(textOf(await run('export', 'USTAFF'))).not.toContain('rows');
    const [answer] = repliesOf(await run('export 30d'));
    expect(answer?.summary).toContain('2 rows in complaints-2026-06-02-30d.csv');
    const [file] = answer?.files ?? [];
    expect(file).toMatchObject({ name: 'complaints-2026-06-02-30d.csv', mime: 'text/csv' });
    const text = new TextDecoder().decode(file?.bytes).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe(EXPORT_HEADER.map((h) => `"${h}"`).join(','));
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...EXPORT_HEADER]);
    expect(rows.slice(1)).toEqual([
      [
        'C-2',
        '2026-06-01 12:00',
        'America/New_York',
        '#2001',
        'wait or scheduling',
        expect.any(String),
        'voided (logged by mistake)',
        '0',
        expect.any(String),
        'yes',
      ],
      [
        'C-1',
        '2026-06-01 12:00',
        'America/New_York',
        'P-1',
        'billing',
        expect.any(String),
        'open',
        '0',
        expect.any(String),
        'no',
      ],
    ]);
    expect(text).not.toContain('charged twice');
    expect(text).not.toContain('0142');
    expect((await trail())[0]).toEqual({ actor: 'console:UMGR', read: 'complaint.export', records: ['C-2', 'C-1'] });
  });

  it('typed at the console, /complaint export saves the file and prints where', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tact-export-line-'));
    try {
      let printed = '';
      const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
      const handle = createLineHandler(
        t.services,
        silent,
        { write: (s) => void (printed += s), fileDir: dir },
        'local',
      );
      await handle('/complaint #2001 billing: charged twice');
      await handle('/complaint export 30d');
      expect(printed).toContain('1 row in complaints-2026-06-01-30d.csv');
      const path = savedPath(printed, dir, 'complaints-2026-06-01-30d.csv');
      const rows = parseCsv((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
      expect(rows[1]?.slice(0, 4)).toEqual(['C-1', '2026-06-01 12:00', 'America/New_York', '#2001']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the console saves the file for its user only and prints its path', async () => {
    await run('P-1 billing: charged twice', 'USTAFF');
    const [answer] = repliesOf(await run('export'));
    if (!answer) throw new Error('no answer');
    const dir = await mkdtemp(join(tmpdir(), 'tact-export-test-'));
    try {
      let printed = '';
      await new ConsoleOutbound({ write: (s: string) => (printed += s) }, dir).send(answer);
      const path = savedPath(printed, dir, 'complaints-2026-06-01-90d.csv');
      expect(parseCsv((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''))[1]?.[0]).toBe('C-1');
      expect((await stat(path)).mode & 0o077).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The path the console printed for a saved file (`<title>: <dir>/<time stamp>-<name>`). */
function savedPath(printed: string, dir: string, name: string): string {
  const path = new RegExp(`Complaints export \\(CSV\\): (\\S+-${name.replace(/\./g, '\\.')})`).exec(printed)?.[1];
  expect(path?.startsWith(dir)).toBe(true);
  return path ?? '';
}
