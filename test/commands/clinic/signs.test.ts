import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { listItems, runner, textOf } from '../helpers.js';

/** `/tact signs`: managers see, extend and try the urgent-sign list; every instance uses the same lines. */
let t: TestServices;
let other: TestServices | undefined;
let opened: TestServices | undefined;
afterEach(async () => {
  await other?.close();
  await opened?.close();
  other = undefined;
  opened = undefined;
});

const ENV = { TACT_MANAGERS: 'UMGR' };

async function setup(env: Record<string, string> = {}) {
  t = await buildServices({ env: { ...ENV, ...env } });
  opened = t;
  return runner(t, 'tact');
}

describe('/tact signs', () => {
  it('lists the built-in signs by label and the clinic has none of its own yet', async () => {
    const tact = await setup();
    const shown = await tact('signs');
    const builtIn = listItems(shown, 'Built in (prompts/urgent-signs.txt)');
    expect(builtIn.some((item) => /^vision changes \(\d+ lines\)$/.test(item))).toBe(true);
    expect(builtIn.some((item) => item.startsWith('trouble breathing ('))).toBe(true);
    expect(listItems(shown, "The clinic's own (0)")).toEqual(['none yet']);
  });

  it('adds a line that pages at once, lists it numbered, and removes it', async () => {
    const tact = await setup();
    const sample = 'my lip feels numb and tingly';
    expect(t.services.signs.detect(sample)).toEqual([]);

    const added = textOf(await tact('signs add numb lip: lip|lips ~3 numb|numbness|tingly'));
    expect(added).toContain('Added line #1 (numb lip)');
    expect(t.services.signs.detect(sample)).toEqual(['numb lip']);
    expect(textOf(await tact(`signs check ${sample}`))).toContain('would page the on-call provider for: numb lip');
    expect(listItems(await tact('signs list'), "The clinic's own (1)")).toEqual([
      '#1 · numb lip: lip|lips ~3 numb|numbness|tingly · added by UMGR',
    ]);

    expect(textOf(await tact('signs remove 1'))).toContain('Removed line #1');
    expect(t.services.signs.detect(sample)).toEqual([]);
    expect(textOf(await tact('signs remove 1'))).toContain('There is no line #1');
  });

  it('checks a sample against the whole list without keeping it', async () => {
    const tact = await setup();
    expect(textOf(await tact('signs check blury vison and my lip went white'))).toContain(
      'for: vision changes, skin turning white or blue.',
    );
    expect(textOf(await tact('signs check Can I book Botox for Friday?'))).toContain('would not page anyone');
    expect(t.services.signs.list()).toEqual([]);
  });

  it.each([
    ['signs add just words', 'a line is a label, a colon, then the pattern'],
    ['signs add numb: a*', 'a stem needs at least 3 letters'],
    ['signs add numb: lip ~20 numb', 'at most 8 apart'],
    ['signs add', 'write /tact signs add <label>: <pattern>'],
    ['signs check', 'write a sample message after check'],
    ['signs remove two', 'write the line number'],
    ['signs shout', 'use /tact signs list, add'],
  ])('refuses %j, privately and saving nothing', async (text, words) => {
    const tact = await setup();
    const said = textOf(await tact(text));
    expect(said).toContain(words);
    expect(t.services.signs.list()).toEqual([]);
  });

  it('shows the format with a refused line', async () => {
    const tact = await setup();
    expect(textOf(await tact('signs add numb lip lip|lips'))).toContain(
      'e.g. "vision changes: blurr*|blury vision|sight"',
    );
  });

  it('is for managers only', async () => {
    const tact = await setup();
    expect(textOf(await tact('signs add x: lip', 'UNURSE'))).toContain('practice managers');
    expect(textOf(await tact('signs check my lip is white', 'UNURSE'))).toContain('practice managers');
    expect(t.services.signs.list()).toEqual([]);
  });

  it('a line added on one instance pages on another after it refreshes', async () => {
    const tact = await setup();
    other = await buildServices({ env: ENV, storage: t.storage });
    await tact('signs add numb lip: lip ~3 numb');
    expect(other.services.signs.detect('my lip is numb')).toEqual([]);
    await other.services.signs.refresh();
    expect(other.services.signs.detect('my lip is numb')).toEqual(['numb lip']);
  });
});

describe('TACT_URGENT_SIGNS_FILE', () => {
  it('adds the operator’s lines to the built-in ones', async () => {
    const file = join(tmpdir(), `tact-signs-${process.pid}-ok.txt`);
    await writeFile(file, '# our own\nnumb lip: lip ~3 numb\n');
    const tact = await setup({ TACT_URGENT_SIGNS_FILE: file });
    expect(t.services.signs.detect('my lip is numb and I cannot breathe')).toEqual(['trouble breathing', 'numb lip']);
    expect(listItems(await tact('signs'), 'From TACT_URGENT_SIGNS_FILE')).toEqual(['numb lip (1 line)']);
  });

  it('stops start-up at a bad line, naming it', async () => {
    const file = join(tmpdir(), `tact-signs-${process.pid}-bad.txt`);
    await writeFile(file, '# our own\nnumb lip: lip ~3 numb\nnumb chin chin\n');
    await expect(buildServices({ env: { TACT_URGENT_SIGNS_FILE: file } })).rejects.toMatchObject({
      code: ErrorCode.ConfigInvalid,
      message: expect.stringContaining('TACT_URGENT_SIGNS_FILE line 3: a line is a label, a colon, then the pattern'),
    });
    await expect(
      buildServices({ env: { TACT_URGENT_SIGNS_FILE: join(tmpdir(), 'no-such-tact-signs.txt') } }),
    ).rejects.toMatchObject({ code: ErrorCode.ConfigInvalid, message: expect.stringContaining('cannot be read') });
  });
});
