import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tactRunner, tempDirForFile } from '../../doubles/console-process.js';

/**
 * A setting changed as the last piped line starts a re-plan of every open reminder; the console then
 * ends at once. Shutdown waits for that re-plan, so it never reads a store already closed.
 */
const runTact = tactRunner();

let dir: string;
tempDirForFile('tact-console-shutdown-', (made) => (dir = made));

describe('console shutdown', () => {
  it('after a settings change as the last line: exits 0 with no problem printed', async () => {
    const store = `sqlite://${join(dir, 't.sqlite')}`;
    const result = await runTact({ TACT_STORE: store }, [
      '/complaint P-7 billing: charged twice',
      '/followup P-12 tomorrow 10am call check swelling',
      '/tact settings set timezone Europe/London',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/re-plan/i);
  });
});
