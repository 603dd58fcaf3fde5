import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { applicationCommands } from '../../../src/adapters/discord/render.js';
import { chatInput } from '../../doubles/discord-payloads.js';
import { runDue } from '../../doubles/services.js';
import { MONDAY_10AM, movableClock, removeTempDirs } from '../slack/harness.js';
import { STAFF, MANAGER, answerText, startDiscordTact, storedId, type DiscordTact } from './harness.js';

/**
 * /touch on Discord against the fake REST server: in the command list Discord registers, recorded
 * from slash-command options (a kind with a space arrives quoted), the wish by direct message to its
 * owner the day before, and someone else's `show` refused.
 */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

describe('/touch on Discord', () => {
  it('registers, records from options, and DMs the owner on the day', async () => {
    const clock = movableClock(MONDAY_10AM);
    const t = (tact = await startDiscordTact({ clock, env: { TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00' } }));
    const registered = applicationCommands(commands).find((c) => c.name === 'touch');
    expect(registered?.options?.map((o) => o.name)).toEqual(['log', 'list', 'show', 'cancel', 'help']);

    const raw = chatInput(STAFF, 'touch', 'log', { 'patient-ref': 'P-12', kind: 'event', details: 'Mar 4 wedding' });
    await t.interact(raw);
    expect(answerText(t.fake, raw)).toContain('Recorded T-1: patient P-12, wedding on Mar 4.');
    const thanks = chatInput(STAFF, 'touch', 'log', { 'patient-ref': 'P-13', kind: 'thank you' });
    await t.interact(thanks);
    expect(answerText(t.fake, thanks)).toContain('Recorded T-2: patient P-13, first-visit thank-you.');

    const peek = chatInput(MANAGER, 'touch', 'show', { id: 'T-1' });
    await t.interact(peek);
    expect(answerText(t.fake, peek)).toContain('T-1 · patient P-12');

    clock.set(new Date('2026-03-03T14:00:00.000Z')); // Tue 3 Mar 09:00 EST, the day before
    await runDue(t.running);
    await runDue(t.running);
    const dms = t.fake.posted().filter((c) => String(c.body.content).startsWith('Personal touch T-1'));
    expect(dms).toHaveLength(1);
    expect(dms[0]?.channelId).toBe(t.fake.dmChannelOf(STAFF.id));
    expect(String(dms[0]?.body.content)).toContain('wish you the very best');
    expect(await t.running.services.touches.get(1)).toMatchObject({ status: 'done', owner: storedId(STAFF.id) });
    expect(t.errors()).toEqual([]);
  });
});
