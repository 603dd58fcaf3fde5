import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { applicationCommands } from '../../../src/adapters/discord/render.js';
import { buttonPress, chatInput } from '../../doubles/discord-payloads.js';
import { runDue } from '../../doubles/services.js';
import { MONDAY_10AM, movableClock, removeTempDirs } from '../slack/harness.js';
import {
  INBOX,
  STAFF,
  MANAGER,
  answerText,
  customIdsOf,
  startDiscordTact,
  storedId,
  type DiscordTact,
} from './harness.js';

/**
 * /followup on Discord against the fake REST server: in the command list Discord registers, planned with
 * slash-command options (the time has spaces, so it arrives quoted), posted in the inbox channel at
 * its time with its buttons, and skipped by a button; someone else's button press is refused.
 */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

const MIN = 60_000;

describe('/followup on Discord', () => {
  it('registers, plans from options, posts at its time with buttons, and a Skip press closes it', async () => {
    const clock = movableClock(MONDAY_10AM);
    const t = (tact = await startDiscordTact({
      clock,
      env: { TACT_INBOX_CHANNELS: INBOX, TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00' },
    }));
    // scripts/discord-deploy.ts registers exactly this list
    const registered = applicationCommands(commands).find((c) => c.name === 'followup');
    const log = registered?.options?.find((o) => o.name === 'log') as
      | { options?: Array<{ name: string; required?: boolean }> }
      | undefined;
    expect(log?.options?.map((o) => [o.name, o.required])).toEqual([
      ['patient-ref', false],
      ['when', false],
      ['channel', false],
      ['what', false],
    ]);
    expect(registered?.options?.map((o) => o.name)).toEqual([
      'log',
      'list',
      'show',
      'done',
      'cancel',
      'move',
      'snooze',
      'skip',
      'help',
    ]);

    const raw = chatInput(STAFF, 'followup', 'log', {
      'patient-ref': 'P-12',
      when: 'today 3pm',
      channel: 'text',
      what: 'check swelling after filler',
    });
    await t.interact(raw);
    expect(answerText(t.fake, raw)).toContain('Planned F-1: patient P-12, Mon 2 Mar 15:00, by text message.');

    clock.set(new Date(MONDAY_10AM.getTime() + 300 * MIN));
    await runDue(t.running);
    await runDue(t.running);
    const posted = t.fake.posted(INBOX);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body.content).toContain('Follow-up F-1 is due (Mon 2 Mar 15:00)');
    expect(customIdsOf(posted[0])).toEqual([
      'act|followup.done|F-1',
      'act|followup.snooze-hour|F-1',
      'act|followup.snooze-tomorrow|F-1',
      'act|followup.snooze|F-1',
      'act|followup.skip|F-1',
    ]);

    const other = buttonPress(MANAGER, 'act|followup.skip|F-1');
    const nurse = { ...STAFF, id: '1180000000000001009', username: 'nora.nurse' };
    const refused = buttonPress(nurse, 'act|followup.skip|F-1');
    await t.interact(refused);
    expect(answerText(t.fake, refused)).toContain('F-1 is not yours');
    expect((await t.running.services.followups.get(1))?.status).toBe('open');

    await t.interact(other);
    expect(answerText(t.fake, other)).toContain('F-1 (patient P-12) is skipped');
    expect(await t.running.services.followups.get(1)).toMatchObject({ status: 'skipped', owner: storedId(STAFF.id) });
    expect(t.errors()).toEqual([]);
  });
});
