import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLineHandler, type ConsoleIo } from '../../../src/adapters/console/register.js';
import { ErrorCode, TactError } from '../../../src/errors.js';
import type { Logger } from '../../../src/log.js';
import { buildServices, type TestServices } from '../../doubles/services.js';

let t: TestServices;
let written: string[];
type LogFn = (message: string, fields?: Record<string, unknown>) => void;
let logger: Logger & { error: ReturnType<typeof vi.fn<LogFn>> };

beforeEach(async () => {
  t = await buildServices();
  written = [];
  logger = { debug: vi.fn<LogFn>(), info: vi.fn<LogFn>(), warn: vi.fn<LogFn>(), error: vi.fn<LogFn>() };
});
afterEach(async () => {
  await t.close();
});

function handler(answers?: string[]) {
  const asked: string[] = [];
  const io: ConsoleIo = {
    write: (text) => written.push(text),
    ...(answers
      ? {
          ask: async (prompt: string) => {
            asked.push(prompt);
            return answers.shift();
          },
        }
      : {}),
  };
  return { handle: createLineHandler(t.services, logger, io, 'local-user'), asked };
}

describe('createLineHandler', () => {
  it('explains what to type for an unknown command or plain text', async () => {
    const { handle } = handler();
    await handle('/nope whatever');
    await handle('hello there');
    expect(written).toHaveLength(2);
    for (const line of written) {
      expect(line).toMatch(/^Type a slash command: /);
      expect(line).toContain('/complaint');
      expect(line).toContain('/tact');
      expect(line).toContain('"exit" quits');
    }
  });

  it('a mistyped command name gets "did you mean", and nothing runs', async () => {
    const { handle } = handler();
    await handle('/complant P-1 billing: charged twice');
    await handle('/medai list');
    expect(written).toEqual([
      'There is no /complant: did you mean /complaint? (/complaint help shows what it does)\n',
      'There is no /medai: did you mean /media? (/media help shows what it does)\n',
    ]);
    expect(await t.services.complaints.get(1)).toBeUndefined();
  });

  it('help reads as plain words at the console: no "category::", no code marks', async () => {
    const { handle } = handler();
    for (const name of ['complaint', 'media', 'tact', 'followup']) await handle(`/${name} help`);
    const all = written.join('');
    expect(all).toContain('  - category: optional, one of billing');
    expect(all).toContain('show the settings; set <name> <value> changes one');
    expect(all).not.toContain('::');
    expect(all).not.toContain('`');
  });

  it('ignores blank lines and # comments', async () => {
    const { handle } = handler();
    await handle('   ');
    await handle('# a note to self');
    expect(written).toEqual([]);
  });

  it('runs a command as the local operator, who may read the log', async () => {
    const { handle } = handler();
    await handle('/complaint P-1 billing: charged twice');
    await handle('/complaint show C-1');
    const all = written.join('');
    expect(all).toContain('[only you]\n== Logged C-1 · legitimate ==');
    expect(all).toContain('== C-1 · legitimate ==');
    expect(all).toContain('Reported by: @local-user');
    expect(all).not.toContain('Only practice managers');
  });

  it('without anyone to ask, the form falls back to a hint', async () => {
    const { handle } = handler();
    await handle('/complaint');
    expect(written).toEqual(['Log a complaint: type it on one line instead, e.g. /complaint help\n']);
    expect(await t.services.complaints.get(1)).toBeUndefined();
  });

  it('with someone to ask, the form is filled field by field and logs', async () => {
    // patient ref, source (by number), category (by label), text, wants (skipped), provider
    const { handle, asked } = handler(['P-9', '1', 'Billing', 'double charged for one visit', '', 'Dr K']);
    await handle('/complaint');
    expect(asked).toHaveLength(6);
    expect(asked[0]).toMatch(/^Patient reference/);
    expect(asked[1]).toContain('1) phone');
    expect(asked[4]).toContain('(optional: skip or Enter)');
    expect(await t.services.complaints.get(1)).toMatchObject({
      patientRef: 'P-9',
      source: 'phone',
      category: 'billing',
      categoryGuessed: false,
      text: 'double charged for one visit',
      provider: 'Dr K',
    });
    expect((await t.services.complaints.get(1))?.wants).toBeUndefined();
    expect(written.join('')).toContain('== Logged C-1 · legitimate ==');
  });

  it('a refused answer is asked again alone, in the label the person saw, keeping the rest', async () => {
    const { handle, asked } = handler(['Jane Doe', '1', 'billing', 'double charged', 'skip', '', 'P-9']);
    await handle('/complaint');
    const all = written.join('');
    expect(all).toMatch(/Not saved yet:\n {2}Patient reference: that looks like a full name/);
    expect(all).not.toContain('patientRef');
    expect(asked).toHaveLength(7);
    expect(asked[6]).toMatch(/^Patient reference/);
    expect(await t.services.complaints.get(1)).toMatchObject({
      patientRef: 'P-9',
      source: 'phone',
      category: 'billing',
      text: 'double charged',
    });
  });

  it('a wrong choice is asked again in the numbers shown; nothing typed is lost', async () => {
    const { handle, asked } = handler([
      'P-9',
      'by phone',
      'Phone',
      'billing',
      'charged twice for one visit',
      'wants to be seen today',
      '1',
      'skip',
    ]);
    await handle('/complaint');
    const all = written.join('');
    expect(all).toContain('Please answer with a number from 1 to 5, or skip.\n');
    expect(all).toMatch(/Please answer with a number from 1 to \d+\.\n/);
    expect(asked[1]).toBe(asked[2]);
    expect(asked[5]).toBe(asked[6]);
    expect(asked[6]).toMatch(/^What the patient wants \(optional: skip or Enter\)\n {2}1\) /);
    expect(all).not.toContain('wants:');
    expect(await t.services.complaints.get(1)).toMatchObject({
      patientRef: 'P-9',
      source: 'phone',
      text: 'charged twice for one visit',
      wants: 'refund',
    });
    expect((await t.services.complaints.get(1))?.provider).toBeUndefined();
  });

  it('cancel leaves the form with nothing saved and says so', async () => {
    for (const word of ['cancel', ' CANCEL ', 'Cancel']) {
      written.length = 0;
      const { handle } = handler(['P-9', '1', word, 'billing']);
      await handle('/complaint');
      expect(written.at(-1)).toBe('Cancelled: nothing was saved.\n');
    }
    expect(await t.services.complaints.get(1)).toBeUndefined();
  });

  it('a required field cannot be skipped', async () => {
    const { handle, asked } = handler(['skip', '', 'P-9', '1', '2', 'late', '', '']);
    await handle('/complaint');
    expect(written.filter((w) => w === 'This one is needed.\n')).toHaveLength(2);
    expect(asked.slice(0, 3).every((a) => a.startsWith('Patient reference'))).toBe(true);
    expect(await t.services.complaints.get(1)).toMatchObject({ patientRef: 'P-9' });
  });

  it('input ending mid-form saves nothing and says so', async () => {
    const { handle } = handler(['P-9', '1']);
    await handle('/complaint');
    expect(written.at(-1)).toBe('Cancelled: nothing was saved.\n');
    expect(await t.services.complaints.get(1)).toBeUndefined();
  });

  it('a failure is reported once, with its code, and logged', async () => {
    vi.spyOn(t.services.complaints, 'openComplaints').mockRejectedValue(
      new TactError(ErrorCode.StoreReadFailed, 'disk gone'),
    );
    const { handle } = handler();
    await handle('/complaint list');
    // The same words as on every platform (src/chat/failure.ts), said privately.
    expect(written).toHaveLength(1);
    expect(written[0]).toContain(
      'Tact could not finish /complaint (TACT_STORE_READ_FAILED). Anything not confirmed was not saved',
    );
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[1]).toMatchObject({
      platform: 'console',
      user: 'local-user',
      code: 'TACT_STORE_READ_FAILED',
    });
  });
});
