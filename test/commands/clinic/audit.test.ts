import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, TactError } from '../../../src/errors.js';
import type { AuditRead } from '../../../src/privacy/audit.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { listItems, repliesOf, runner, textOf } from '../helpers.js';

/**
 * Every read of a restricted record goes into the audit trail before the record is shown, and
 * `/tact audit` lists the reads for managers. When the trail cannot be written, nothing is shown.
 */
let t: TestServices;
let complaint: ReturnType<typeof runner>;
let media: ReturnType<typeof runner>;
let tact: ReturnType<typeof runner>;

beforeEach(async () => {
  // Monday 1 June 2026, 12:00 in New York
  t = await buildServices({
    env: { TACT_MANAGERS: 'UMGR,UMGR2', TACT_SPOKESPERSON: 'USPOKES' },
    now: '2026-06-01T16:00:00.000Z',
  });
  complaint = runner(t, 'complaint');
  media = runner(t, 'media');
  tact = runner(t, 'tact');
  await complaint('P-77 billing: charged twice for filler', 'console:USTAFF');
  await complaint('P-78 wait: kept waiting an hour', 'console:USTAFF');
  await media('Daily News: is a celebrity a patient?', 'console:USTAFF');
});
afterEach(async () => {
  await t.close();
});

const trail = async () =>
  (await t.services.audit.recent(1, 100)).entries.map((e) => ({ actor: e.actor, read: e.read, records: e.records }));

describe('reads recorded', () => {
  it('complaint show, list, trends and letter; press show, list and claim; the alias list', async () => {
    await complaint('show C-1', 'console:UMGR');
    await complaint('list', 'console:UMGR2');
    await complaint('trends 30d', 'console:UMGR');
    await complaint('letter C-2', 'console:UMGR');
    await media('show M-1', 'console:USPOKES');
    await media('list', 'console:UMGR');
    await media('claim M-1', 'console:USPOKES');
    await tact('alias list', 'console:UMGR2');
    expect(await trail()).toEqual([
      { actor: 'console:UMGR2', read: 'alias.list', records: [] },
      { actor: 'console:USPOKES', read: 'media.claim', records: ['M-1'] },
      { actor: 'console:UMGR', read: 'media.list', records: ['M-1'] },
      { actor: 'console:USPOKES', read: 'media.show', records: ['M-1'] },
      { actor: 'console:UMGR', read: 'complaint.letter', records: ['C-2'] },
      { actor: 'console:UMGR', read: 'complaint.trends', records: ['C-2', 'C-1'] },
      { actor: 'console:UMGR2', read: 'complaint.list', records: ['C-2', 'C-1'] },
      { actor: 'console:UMGR', read: 'complaint.show', records: ['C-1'] },
    ]);
  });

  it('logging, refusals and unknown ids show nothing and record nothing', async () => {
    await complaint('show C-1', 'console:USTAFF');
    await complaint('show C-99', 'console:UMGR');
    await media('list', 'console:USTAFF');
    expect(await trail()).toEqual([]);
  });

  it('holds ids only: no patient reference, complaint text or outlet', async () => {
    await complaint('show C-1', 'console:UMGR');
    await complaint('list', 'console:UMGR');
    await media('show M-1', 'console:UMGR');
    const stored = JSON.stringify((await t.services.audit.recent(1, 100)).entries);
    expect(stored).not.toMatch(/P-77|P-78|filler|Daily News|celebrity/);
  });
});

describe('when the trail cannot be written', () => {
  beforeEach(() => {
    t.services.audit = {
      record: (read: AuditRead) =>
        Promise.reject(
          new TactError(ErrorCode.AuditWriteFailed, `no room for ${read.read}`, { cause: new Error('disk full') }),
        ),
      recent: () => Promise.resolve({ entries: [], more: 0 }),
    };
  });

  it.each([
    ['complaint', 'show C-1', /P-77|charged twice/],
    ['complaint', 'list', /P-77|P-78/],
    ['complaint', 'trends 30d', /billing/],
    ['complaint', 'letter C-1', /P-77|Dear/],
    ['media', 'show M-1', /Daily News|celebrity/],
    ['media', 'list', /Daily News/],
    ['tact', 'alias list', /Aliases:/],
  ])('/%s %s says "not shown" and shows nothing', async (name, text, content) => {
    const run = runner(t, name);
    const answer = textOf(await run(text, 'console:UMGR'));
    expect(answer).toContain('Not shown: Tact could not record this read in the audit trail (TACT_AUDIT_WRITE_FAILED)');
    expect(answer).not.toMatch(content);
  });

  it('a letter is not noted as drafted and a press inquiry is not claimed', async () => {
    await complaint('letter C-1', 'console:UMGR');
    expect((await t.services.complaints.get(1))?.history.map((h) => h.what)).toEqual(['logged as legitimate']);
    await media('claim M-1', 'console:USPOKES');
    expect((await t.services.media.get(1))?.owner).toBeUndefined();
  });
});

describe('/tact audit', () => {
  it('lists the reads newest first, with who and what, for managers', async () => {
    await complaint('show C-1', 'console:UMGR');
    t.clock.advance(5 * 60_000);
    await media('list', 'console:USPOKES');
    const items = listItems(await tact('audit', 'console:UMGR2'));
    expect(items).toEqual([
      'Mon 1 Jun 12:05 · USPOKES · listed press inquiries M-1',
      'Mon 1 Jun 12:00 · UMGR · opened complaint C-1',
    ]);
    expect(textOf(await tact('audit 1d', 'console:UMGR2'))).toContain('Reads of restricted records, last 1 days: 3');
  });

  it('reading the trail is itself recorded', async () => {
    await tact('audit 7d', 'console:UMGR');
    expect(await trail()).toEqual([{ actor: 'console:UMGR', read: 'audit.list', records: [] }]);
  });

  it('caps the listing at 50 and counts the rest', async () => {
    for (let i = 0; i < 60; i += 1) await complaint('show C-1', 'console:UMGR');
    const items = listItems(await tact('audit', 'console:UMGR2'));
    expect(items).toHaveLength(51);
    expect(items.at(-1)).toBe('…and 10 older; narrow the period, e.g. /tact audit 1d');
  });

  it('older reads fall outside a shorter period', async () => {
    await complaint('show C-1', 'console:UMGR');
    t.clock.advance(3 * 86_400_000);
    await complaint('show C-2', 'console:UMGR');
    expect(listItems(await tact('audit 1d', 'console:UMGR2'))).toEqual([
      'Thu 4 Jun 12:00 · UMGR · opened complaint C-2',
    ]);
    expect(listItems(await tact('audit 7d', 'console:UMGR2'))).toHaveLength(3);
  });

  it('is for managers only; staff are refused and learn nothing', async () => {
    await complaint('show C-1', 'console:UMGR');
    const answer = textOf(await tact('audit', 'console:USTAFF'));
    expect(answer).toContain('Only practice managers can use /tact audit');
    expect(answer).not.toContain('C-1');
  });

  it.each(['soon', '0d', '91d'])('"audit %s" is refused with how to write a period', async (period) => {
    const [answer] = repliesOf(await tact(`audit ${period}`, 'console:UMGR'));
    expect(answer?.summary).toContain("That didn't work");
    expect(textOf({ kind: 'replies', replies: [answer!] })).toContain('write days such as 7d or 30d (up to 90d)');
  });

  it('appears in /tact help', async () => {
    expect(listItems(await tact('help', 'console:UMGR'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/tact audit \[period\] — who read which complaint/)]),
    );
  });
});
