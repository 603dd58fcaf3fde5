import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tactRunner, tempDirForFile } from '../../doubles/console-process.js';

/**
 * Console parity for personal touches (`npx tsx src/main.ts` without chat credentials, on a SQLite
 * file, commands piped in): the same /touch as in Slack and Discord.
 */
const runTact = tactRunner({ user: 'nurse' });

let dir: string;
tempDirForFile('tact-console-touch-', (made) => (dir = made));

describe('/touch in the console', () => {
  it('records a thank-you, an event and a birthday, refuses a birth year, lists, shows, cancels; exits 0', async () => {
    const store = `sqlite://${join(dir, 't.sqlite')}`;
    const result = await runTact({ TACT_STORE: store }, [
      '/touch P-12 thank-you',
      '/touch P-13 event next Saturday wedding',
      '/touch P-14 birthday Feb 29',
      '/touch P-15 birthday 02/29/1988',
      '/touch list',
      '/touch cancel T-3',
      '/touch show T-3',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    const steps = [
      'Recorded T-1: patient P-12, first-visit thank-you.',
      'Recorded T-2: patient P-13, wedding on ',
      'Recorded T-3: patient P-14, yearly birthday wish',
      'month and day only, never a year',
      'ersonal touches: 3',
      'T-3 (patient P-14) is cancelled.',
      'T-3 · patient P-14 · cancelled',
    ].map((words) => out.indexOf(words));
    expect(
      steps.every((i) => i >= 0),
      out,
    ).toBe(true);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(out).not.toContain('1988');
    expect(out).not.toContain('Tact could not finish');
    expect(result.stderr).not.toMatch(/"level":"error"/);
  });
});
