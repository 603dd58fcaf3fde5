import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { newTriggerId } from '../../doubles/slack-request.js';
import {
  MANAGERS,
  STAFF,
  removeTempDirs,
  sharedFakeAndStore,
  startTact,
  stopStarted,
  type TactUnderTest,
} from './harness.js';

/** What Tact said was logged survives a restart on the same SQLite file. */
let tact: TactUnderTest | undefined;
afterEach(stopStarted);
afterAll(removeTempDirs);

describe('restart', () => {
  it('keeps complaints, numbering and delivery memory across a restart', async () => {
    const { fake, store } = await sharedFakeAndStore();
    const trigger_id = newTriggerId();

    tact = await startTact({ store, fake });
    expect((await tact.command(STAFF, 'P-2001 billing: charged twice for filler', { trigger_id })).text).toContain(
      'Logged C-1',
    );
    await tact.stop();
    tact = undefined;

    tact = await startTact({ store, fake });
    const shown = await tact.command(MANAGERS[0], 'show C-1');
    expect(shown.text).toContain('C-1 · legitimate');
    expect(shown.text).toContain('charged twice for filler');

    // A late repeat of the first delivery is still recognised after the restart.
    const repeat = await tact.command(STAFF, 'P-2001 billing: charged twice for filler', { trigger_id });
    expect(repeat.http.status).toBe(200);
    expect(repeat.replies).toEqual([]);

    // A manager logs the next one: the reasons (the patient's history) are theirs to read.
    const next = await tact.command(MANAGERS[0], 'P-2001 results: the filler looks uneven');
    expect(next.text).toContain('Logged C-2');
    // The patient index survived too: this is the patient's second complaint.
    expect(next.text).toContain('2nd complaint from P-2001 in 90 days');
    const all = (await tact.command(MANAGERS[0], 'list all')).text;
    expect(all).toContain('All complaints: 2');
  });
});
