import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tactRunner, tempDirForFile } from '../../doubles/console-process.js';

/**
 * Console parity for patient messages: `npx tsx src/main.ts` without chat credentials, on a SQLite
 * file, with `/inquiry` and `/tact digest now` piped in. (The tsx CLI is run by this node directly,
 * as `npx tsx` would, without npx's own start-up chatter.)
 */
const runTact = tactRunner({ user: 'frontdesk' });

let dir: string;
tempDirForFile('tact-console-inquiry-', (made) => (dir = made));

describe('/inquiry and /tact digest now in the console', () => {
  it('logs a call, lists it, answers it and shows the digest; exits 0', async () => {
    const store = `sqlite://${join(dir, 't.sqlite')}`;
    const result = await runTact({ TACT_STORE: store }, [
      '/inquiry call P-12 wants to reschedule',
      '/inquiry list',
      '/inquiry done I-1',
      '/inquiry list',
      '/tact digest now',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    const logged = out.indexOf('Logged I-1 (phone call). No inbox channel is set, so it is yours');
    const listed = out.indexOf('== Unanswered patient messages: 1 ==');
    const line = out.indexOf('  - I-1 · phone call · patient P-12 · claimed · waiting ');
    const done = out.indexOf('I-1 is marked answered. Thank you.');
    const empty = out.indexOf('== Unanswered patient messages: 0 ==');
    const digest = out.indexOf('== Daily digest · ');
    expect(
      [logged, listed, line, done, empty, digest].every((i) => i >= 0),
      out,
    ).toBe(true);
    expect([logged, listed, line, done, empty, digest]).toEqual(
      [...[logged, listed, line, done, empty, digest]].sort((a, b) => a - b),
    );
    const shown = out.slice(digest);
    expect(shown).toContain('Patient messages still waiting: 0.');
    expect(shown).toMatch(
      /Last clinic day \(\d{4}-\d{2}-\d{2}\):\n {2}- received \d+, answered \d+\n {2}- median first response: /,
    );
    expect(shown).toContain(
      'Open complaints: 0:\n  - occasional: 0\n  - legitimate: 0\n  - escalating: 0\n  - aggressive: 0',
    );
    expect(shown).toContain('Open press inquiries: 0:');
    expect(out).not.toContain('Tact could not finish');
    expect(result.stderr).not.toMatch(/"level":"error"|^Problem:/m);
  });

  it('keeps inquiries for the next start and shows the figures', async () => {
    const store = `sqlite://${join(dir, 'again.sqlite')}`;
    const first = await runTact({ TACT_STORE: store }, [
      '/inquiry voicemail P-30 call back about results',
      '/inquiry walk-in P-31 asked about pricing',
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Logged I-2 (walk-in)');
    const second = await runTact({ TACT_STORE: store }, [
      '/inquiry done I-2',
      '/inquiry list',
      '/tact digest now',
      '/tact stats 7d',
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('I-2 is marked answered. Thank you.');
    expect(second.stdout).toContain('== Unanswered patient messages: 1 ==');
    expect(second.stdout).toMatch(/- I-1 · voicemail or missed call · patient P-30 · claimed · waiting .* · owner \S+/);
    expect(second.stdout).toContain('Patient messages still waiting: 1, oldest first.');
    expect(second.stdout).toMatch(/voicemail or missed call \(1\):\n {2}- I-1 · P-30 · waiting .* · owner /);
    expect(second.stdout).toContain('== Patient messages, last 7 days ==\n  - received 2, answered 1');
    expect(second.stdout).toContain('  - walk-in: received 1, answered 1');
    // the staff note is never in the digest
    expect(second.stdout.slice(second.stdout.indexOf('== Daily digest'))).not.toContain('call back about results');
  });

  it('with an inbox channel set, the notice is printed and the reply says where it went', async () => {
    const result = await runTact(
      { TACT_STORE: `sqlite://${join(dir, 'inbox.sqlite')}`, TACT_INBOX_CHANNELS: 'CINBOX' },
      ['/inquiry text P-12 asked about aftercare'],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'New text message · I-1 · patient P-12. Note: asked about aftercare. Patient texted: reply by text.',
    );
    expect(result.stdout).toContain(
      'Logged I-1 (text message), posted in the inbox channel, where its thread tracks it.',
    );
  });
});
