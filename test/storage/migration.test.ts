import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../doubles/services.js';
import { tactRunner, tempDirForFile } from '../doubles/console-process.js';

/**
 * Stores written by Tact 0.1 (test/fixtures/stores, never edited) open in today's code: migrated on
 * start-up into the SQL tables, encrypted on the way, with nothing lost.
 */
const runTact = tactRunner();
let dir: string;
tempDirForFile('tact-migrate-', (made) => (dir = made));

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'stores');
const CHECKS = [
  '/complaint list all',
  '/inquiry list',
  '/tact alias list',
  '/tact settings',
  '/complaint Jessica Moreno results: still bruised',
];

let copies = 0;
async function copyFixture(name: string): Promise<string> {
  copies += 1;
  const target = join(dir, `${name}-${copies}`);
  await cp(join(FIXTURES, name), target, { recursive: true });
  return target;
}

/** Every byte of the store files (the backup of the old file aside), as text. */
async function storeBytes(folder: string): Promise<string> {
  const files = (await readdir(folder)).filter((f) => f.startsWith('tact.sqlite') && !f.endsWith('.v0-backup'));
  const parts = await Promise.all(files.map((f) => readFile(join(folder, f))));
  return Buffer.concat(parts).toString('latin1');
}

describe.each([
  ['v0-plain', () => ({})],
  [
    'v0-encrypted',
    async (folder: string) => ({
      TACT_ENCRYPTION_KEY: (await readFile(join(folder, 'TACT_ENCRYPTION_KEY.txt'), 'utf8')).trim(),
    }),
  ],
] as const)('a Tact 0.1 store (%s)', (name, keyEnv) => {
  it('is migrated on start-up: complaints, inquiries, the alias, the setting and repeat grading hold; nothing is left in plain', async () => {
    const folder = await copyFixture(name);
    const env = {
      TACT_STORE: `sqlite://${join(folder, 'tact.sqlite')}`,
      TACT_MANAGERS: 'console',
      ...(await keyEnv(folder)),
    };
    const first = await runTact(env, CHECKS);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      `migrated:     from the Tact 0.1 layout; the file as it was is in ${join(folder, 'tact.sqlite')}.v0-backup`,
    );
    const out = first.stdout;
    expect(out).toMatch(/All complaints: 3 ==|All complaints: 2 ==/);
    expect(out).toMatch(/C-1 · P-1 · billing/);
    expect(out).toMatch(/C-2 · P-1 · billing/);
    expect(out).toMatch(/I-1 · .*P-9/);
    expect(out).toContain('Rose');
    expect(out).toContain('reply-sla = 30 min (set in chat)');
    // the alias still redacts, and the patient index still knows Rose's earlier complaint
    expect(out).not.toMatch(/Jessica|Moreno/);
    expect(out).toMatch(/Logged C-[34]/);
    if (name === 'v0-plain') expect(out).toMatch(/2nd complaint from Rose/);

    const bytes = await storeBytes(folder);
    for (const secret of ['Jessica', 'Moreno', 'charged twice', 'reschedule', 'Daily Star', 'Rose', 'still bruised']) {
      expect(bytes.includes(secret), `${secret} in the store file`).toBe(false);
    }

    // a second start finds the new layout and migrates nothing
    const second = await runTact(env, ['/complaint list all']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toContain('migrated:');
    expect(second.stdout).toMatch(/All complaints: [34] ==/);
  });
});

describe('a Tact 0.1 encrypted store started without its key', () => {
  it('stops with one line saying which key it needs, and leaves the file as it was', async () => {
    const folder = await copyFixture('v0-encrypted');
    const before = await readFile(join(folder, 'tact.sqlite'));
    const result = await runTact({ TACT_STORE: `sqlite://${join(folder, 'tact.sqlite')}` }, []);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('This store is encrypted: set TACT_ENCRYPTION_KEY to the key it was created with');
    expect((await readFile(join(folder, 'tact.sqlite'))).equals(before)).toBe(true);
  });
});

describe('a Tact 0.1 plain store started with a TACT_ENCRYPTION_KEY instead of its tact.key', () => {
  it('is refused before anything is migrated, and migrates later with its own key file', async () => {
    const folder = await copyFixture('v0-plain');
    const before = await readFile(join(folder, 'tact.sqlite'));
    const store = { TACT_STORE: `sqlite://${join(folder, 'tact.sqlite')}`, TACT_MANAGERS: 'console' };
    const refused = await runTact(
      {
        ...store,
        TACT_ENCRYPTION_KEY: (await readFile(join(FIXTURES, 'v0-encrypted', 'TACT_ENCRYPTION_KEY.txt'), 'utf8')).trim(),
      },
      [],
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('This Tact 0.1 store was made with another key');
    expect((await readFile(join(folder, 'tact.sqlite'))).equals(before)).toBe(true);
    const migrated = await runTact(store, ['/complaint list all']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('All complaints: 3');
  });
});
