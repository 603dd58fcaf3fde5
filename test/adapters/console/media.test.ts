import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOLDING_LINE } from '../../../commands/media/media-view.js';
import { tactRunner, tempDirForFile } from '../../doubles/console-process.js';

/**
 * Console parity for /media and /tact alias: `npx tsx src/main.ts` with no chat credentials, on
 * SQLite in a temporary folder, commands piped in. The console does not echo input, so stdout is
 * Tact's own output only: a registered name must never appear in it.
 */
const runTact = tactRunner();

let dir: string;
tempDirForFile('tact-console-media-', (made) => (dir = made));

/** The output blocks, one per reply: each starts with its audience line, e.g. "[only you]". */
function blocks(stdout: string): string[] {
  return stdout.split(/\n(?=\[(?:only you|direct message to @[^\]]+|to the channel|in the thread)\]\n)/).slice(1);
}

describe('/media and /tact alias in the console', () => {
  it('register an alias, log, list, claim and answer an inquiry; the name never appears in the output', async () => {
    const store = join(dir, 'one', 't.sqlite');
    const result = await runTact({ TACT_STORE: `sqlite://${store}` }, [
      '/tact alias add "Jane Doe" as Tulip',
      '/media Daily News: is Jane Doe a patient?',
      '/media list',
      '/media claim M-1',
      '/media done M-1 no comment',
      '/tact alias list',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/chat: +local console/);
    expect(result.stdout).toMatch(
      /records: +encrypted at rest \(AES-256-GCM\), key in .*tact\.key: back it up with the data/,
    );

    const replies = blocks(result.stdout);
    expect(replies).toHaveLength(6);
    const [added, logged, listed, claimed, done, aliases] = replies;
    expect(added).toContain('[only you]\nAdded the alias Tulip.');
    expect(logged).toContain('== Logged press inquiry M-1 ==');
    expect(logged).toContain(HOLDING_LINE);
    expect(logged).toContain('do not confirm or deny that anyone is a patient');
    expect(logged).toContain('No media spokesperson and no practice managers are set up');
    expect(listed).toContain('== Open press inquiries: 1 ==');
    expect(listed).toMatch(/ {2}- M-1 · Daily News · new · deadline none given · /);
    expect(claimed).toContain('You own M-1 now.');
    expect(done).toContain('M-1 is marked answered.');
    expect(aliases).toContain('== Aliases: 1 ==');
    expect(aliases).toMatch(/ {2}- Tulip · added .+ by /);
    expect(aliases).toContain('Names are kept only as keyed hashes, so they cannot be listed.');

    // stdout is Tact's output only: the name was typed twice and never came back.
    expect(result.stdout).not.toMatch(/jane|\bdoe\b/i);
    expect(result.stderr).not.toMatch(/jane|\bdoe\b/i);
    // Start-up warns that nobody is the spokesperson, as a sentence: no JSON lines on the console.
    expect(result.stderr).toContain('Note: No media spokesperson is set; press inquiries go to the managers.\n');
    expect(result.stderr).not.toMatch(/^\{/m);
    expect(result.stdout).toContain('  next:         set managers with /tact settings set managers <your id>');

    // Nor is it in the store's files, where the records are encrypted (by default) anyway.
    const files = await readdir(join(dir, 'one'));
    const bytes = (await Promise.all(files.map((f) => readFile(join(dir, 'one', f)))))
      .map((b) => b.toString('latin1'))
      .join('\n');
    expect(bytes).toContain('tact-enc:v1:');
    expect(bytes).not.toContain('is Tulip a patient?');
    expect(bytes).not.toMatch(/jane|\bdoe\b/i);
  });

  it('with a spokesperson set, the direct message is printed with the alias, the masked phone and the buttons as actions', async () => {
    const store = join(dir, 'two', 't.sqlite');
    const env = { TACT_STORE: `sqlite://${store}`, TACT_SPOKESPERSON: 'USPOKES1' };
    const result = await runTact(env, [
      '/tact alias add "Jane Doe" as Tulip',
      "/media Channel 7: is JANE DOE's surgeon on staff? call back 555-201-7788 by 5pm",
      '/media show M-1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const replies = blocks(result.stdout);
    const dm = replies.find((r) => r.startsWith('[direct message to @USPOKES1]'));
    expect(dm).toBeDefined();
    expect(dm).toContain('== Press inquiry M-1 · Channel 7 ==');
    expect(dm).toContain('They asked: is Tulip’s surgeon on staff? call back ***-***-7788');
    expect(dm).toContain('Actions: Claim, Done');
    expect(replies.find((r) => r.includes('Logged press inquiry M-1'))).toContain(
      'The spokesperson has been sent this inquiry.',
    );
    expect(replies.at(-1)).toContain('Status: new');
    expect(result.stdout).not.toMatch(/jane|\bdoe\b|201-7788/i);

    // A second run on the same store: the alias is still known, the inquiry still there.
    const again = await runTact(env, ['/tact alias list', '/media list']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('== Aliases: 1 ==');
    expect(again.stdout).toContain('M-1 · Channel 7 · new');
  });

  it('a refused or malformed command still exits 0 and says why', async () => {
    const result = await runTact({ TACT_STORE: `sqlite://${join(dir, 'three', 't.sqlite')}` }, [
      '/media claim M-9',
      '/media Daily News:',
      '/tact alias add "Jane Doe"',
      '/tact alias remove Nobody',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('There is no press inquiry M-9.');
    expect(result.stdout).toContain("That didn't work: say what they asked after the colon.");
    expect(result.stdout).toContain('write /tact alias add "Full Name" as Alias');
    expect(result.stdout).toContain('There is no alias "Nobody".');
  });
});
