import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buttonPress, chatInput, type Person } from '../../doubles/discord-payloads.js';
import { runDue } from '../../doubles/services.js';
import { movableClock, removeTempDirs } from '../slack/harness.js';
import { MANAGER, STAFF, answerText, contentOf, customIdsOf, startDiscordTact, type DiscordTact } from './harness.js';

/**
 * The same urgent page on Discord: a complication logged by slash command on a Saturday evening
 * reaches the provider on call by direct message with an Acknowledge button from the running queue,
 * repeats, climbs to the backup and the managers, and stops when the button is pressed in the DM.
 */
const DR_A: Person = { id: '1180000000000001101', username: 'dr.adams', roles: [] };
const DR_B: Person = { id: '1180000000000001102', username: 'dr.baker', roles: [] };
/** Saturday 7 March 2026, 19:00 in New York */
const SATURDAY_7PM = new Date('2026-03-08T00:00:00.000Z');
const MIN = 60_000;

let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

const pagesTo = (t: DiscordTact, person: Person) =>
  t.fake.posted(`DM-${person.id}`).filter((p) => String(p.body?.content ?? '').includes('Urgent: C-1'));

describe('urgent pages on Discord', () => {
  it('page the provider on call, repeat, climb to the backup and the managers, and stop at the button', async () => {
    const clock = movableClock(SATURDAY_7PM);
    const t = (tact = await startDiscordTact({
      clock,
      env: { TACT_ONCALL: `Sat-Sun ${DR_A.id}`, TACT_ONCALL_BACKUP: DR_B.id },
    }));
    const at = async (minutes: number) => {
      clock.set(new Date(SATURDAY_7PM.getTime() + minutes * MIN));
      await runDue(t.running);
      await runDue(t.running);
    };
    const logged = chatInput(STAFF, 'complaint', 'log', {
      'patient-ref': 'P-12',
      category: 'complication',
      'what-happened': 'lip swelling and pain after filler',
    });
    await t.interact(logged);
    expect(answerText(t.fake, logged)).toContain(`Paging ${DR_A.id} (on call) now`);
    expect(answerText(t.fake, logged)).toContain(`<@${DR_A.id}>`);

    await vi.waitFor(() => expect(pagesTo(t, DR_A)).toHaveLength(1), { timeout: 5_000, interval: 20 });
    const [first] = pagesTo(t, DR_A);
    expect(customIdsOf(first)).toEqual(['act|page.ack|C-1']);
    expect(String(first!.body?.content)).not.toContain('lip swelling');

    await at(5);
    await at(10);
    expect(pagesTo(t, DR_A)).toHaveLength(2);
    expect(pagesTo(t, DR_B)).toHaveLength(1);
    await at(20);
    expect(pagesTo(t, MANAGER)).toHaveLength(1);

    const press = buttonPress(DR_B, 'act|page.ack|C-1', { dm: true });
    await t.interact(press);
    expect(answerText(t.fake, press)).toContain('You have C-1: paging has stopped.');
    await at(30);
    await at(60);
    expect(pagesTo(t, DR_A)).toHaveLength(2);
    expect(pagesTo(t, DR_B)).toHaveLength(2);
    expect(pagesTo(t, MANAGER)).toHaveLength(1);
    const told = t.fake.posted(`DM-${STAFF.id}`).map(contentOf);
    expect(told).toEqual([`${DR_B.id} acknowledged the urgent page for C-1.`]);
    expect((await t.running.services.pages.get('C-1'))?.ackedBy).toBe(`discord:${DR_B.id}`);
  });
});
