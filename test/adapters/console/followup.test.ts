import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tactRunner, tempDirForFile } from '../../doubles/console-process.js';

/**
 * Console parity for follow-ups: the console has no buttons, so every button's typed equivalent is
 * used (`npx tsx src/main.ts` without chat credentials, on a SQLite file, commands piped in).
 */
const runTact = tactRunner({ user: 'nurse' });

let dir: string;
tempDirForFile('tact-console-followup-', (made) => (dir = made));

describe('/followup in the console', () => {
  it('plans, lists, snoozes, moves, skips, cancels, and plans an after-care set; exits 0', async () => {
    const store = `sqlite://${join(dir, 't.sqlite')}`;
    const result = await runTact({ TACT_STORE: store }, [
      '/followup P-12 in 3 days call check swelling after filler',
      '/followup list',
      '/followup snooze F-1 in 2 hours',
      '/followup move F-1 in 5 days',
      '/followup skip F-1',
      '/tact followups set filler: 1d call, 3d text',
      '/followup P-13 filler',
      '/followup cancel F-2',
      '/followup show F-2',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    const steps = [
      'Planned F-1: patient P-12, ',
      'Open follow-ups: 1',
      'F-1 (patient P-12) snoozed to ',
      'F-1 (patient P-12) moved to ',
      'F-1 (patient P-12) is skipped',
      'Saved filler: 1d phone call, 3d text message',
      'Planned the filler after-care set for patient P-13:',
      'F-2 (patient P-13) is cancelled.',
      'F-2 · patient P-13 · cancelled',
    ].map((words) => out.indexOf(words));
    expect(
      steps.every((i) => i >= 0),
      out,
    ).toBe(true);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(out).not.toContain('Tact could not finish');
    expect(result.stderr).not.toMatch(/"level":"error"|^Problem:/m);
  });
});
