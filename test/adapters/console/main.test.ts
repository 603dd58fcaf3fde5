import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tactRunner, tempDirForFile } from '../../doubles/console-process.js';

/** `npx tsx src/main.ts`, without npx's own start-up chatter: the tsx CLI run by this node. */
const runTact = tactRunner();

let dir: string;
tempDirForFile('tact-console-', (made) => (dir = made));

describe('npm start without chat credentials', () => {
  it('opens the console on SQLite, logs a complaint from piped input, lists it and exits 0', async () => {
    const result = await runTact(
      { TACT_STORE: `sqlite://${join(dir, 't.sqlite')}` },
      '/complaint P-1 billing: charged twice\n/complaint list\n',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Tact: staff-chat help for complaints');
    expect(result.stdout).toMatch(/chat: +local console \(no Slack or Discord credentials\)/);
    expect(result.stdout).toContain(`SQLite ${join(dir, 't.sqlite')}`);
    expect(result.stdout).toContain('== Logged C-1 · legitimate ==');
    expect(result.stdout).toContain('== Open complaints: 1 ==');
    expect(result.stdout).toMatch(/ {2}- C-1 · P-1 · billing · legitimate · open · /);
    // the list comes after the log
    expect(result.stdout.indexOf('Open complaints: 1')).toBeGreaterThan(result.stdout.indexOf('Logged C-1'));
  });

  it('keeps what it logged for the next start', async () => {
    const store = `sqlite://${join(dir, 'again.sqlite')}`;
    const first = await runTact({ TACT_STORE: store }, '/complaint P-2 waited an hour\n');
    expect(first.code, first.stderr).toBe(0);
    const second = await runTact({ TACT_STORE: store }, '/complaint list all\n');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('== All complaints: 1 ==');
    expect(second.stdout).toMatch(/- C-1 · P-2 · wait or scheduling/);
  });

  it('a bad environment value stops it with one line naming the variable', async () => {
    const result = await runTact({ TACT_STORE: `sqlite://${join(dir, 'bad.sqlite')}`, TACT_REPLY_SLA: 'soon' }, '');
    expect(result.code).not.toBe(0);
    const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TACT_REPLY_SLA');
    expect(lines[0]).toContain('soon');
    expect(result.stdout).not.toContain('Tact: staff-chat help');
  });

  it('TACT_LOG_FORMAT=json keeps the JSON log on the console, and TACT_LOG_FILE gets it too', async () => {
    const file = join(dir, 'tact.log');
    const result = await runTact(
      { TACT_STORE: `sqlite://${join(dir, 'json.sqlite')}`, TACT_LOG_FORMAT: 'json', TACT_LOG_FILE: file },
      '/complaint list\n',
    );
    expect(result.code, result.stderr).toBe(0);
    const warn = result.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; message: string })
      .find((l) => l.level === 'warn');
    expect(warn?.message).toBe('no media spokesperson is set; press inquiries go to the managers');
    expect(await readFile(file, 'utf8')).toContain('"message":"no media spokesperson is set');
  });

  it('piped: a guided form forgives a wrong answer, and cancel saves nothing', async () => {
    const result = await runTact({ TACT_STORE: `sqlite://${join(dir, 'form.sqlite')}` }, [
      '/complaint',
      'P-4',
      '1',
      'billing',
      'charged twice for one visit',
      'wants to be seen today',
      '1',
      'skip',
      '/complaint',
      'P-5',
      'cancel',
      '/complaint list',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Please answer with a number from 1 to 5, or skip.');
    expect(result.stdout).toContain('== Logged C-1 · legitimate ==');
    expect(result.stdout).toContain('Cancelled: nothing was saved.');
    expect(result.stdout).toContain('== Open complaints: 1 ==');
    expect(result.stdout).not.toContain('wants:');
  });
});
