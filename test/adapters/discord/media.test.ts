import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HOLDING_LINE } from '../../../commands/media/media-view.js';
import { buttonPress, chatInput, modalSubmit } from '../../doubles/discord-payloads.js';
import { MONDAY_10AM, movableClock, removeTempDirs } from '../slack/harness.js';
import {
  SPOKESPERSON,
  STAFF,
  answerText,
  answersTo,
  bodyOf,
  customIdsOf,
  startDiscordTact,
  type DiscordTact,
  storedId,
} from './harness.js';

/**
 * `/media` on Discord: the staff member gets the holding line privately, the spokesperson a direct
 * message with Claim and Done buttons; Claim takes it, Done opens a modal whose submission marks it
 * answered; only the press team may press them.
 */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

async function withSpokesperson(): Promise<DiscordTact> {
  tact = await startDiscordTact({ clock: movableClock(MONDAY_10AM), env: { TACT_SPOKESPERSON: SPOKESPERSON.id } });
  return tact;
}

async function logInquiry(t: DiscordTact) {
  const raw = chatInput(STAFF, 'media', 'log', {
    outlet: 'Daily News',
    'what-they-asked': 'is a local news anchor a patient of Dr. Lee? by 5pm',
  });
  await t.interact(raw);
  return raw;
}

describe('/media on Discord', () => {
  it('logs M-1, tells the staff member the holding line privately, and DMs the spokesperson a card with Claim and Done', async () => {
    const t = await withSpokesperson();
    const raw = await logInquiry(t);
    const staffText = answerText(t.fake, raw);
    expect(staffText).toContain('**Logged press inquiry M-1**');
    expect(staffText).toContain(HOLDING_LINE);
    expect(staffText).toContain('The spokesperson has been sent this inquiry.');
    expect(bodyOf(t.fake.callbacks(raw.id)[0])).toMatchObject({ type: 5, data: { flags: 64 } });

    const opened = t.fake.calls({ method: 'POST', path: '/v10/users/@me/channels' });
    expect(opened.map((c) => bodyOf(c)['recipient_id'])).toEqual([SPOKESPERSON.id]);
    const dms = t.fake.posted(`DM-${SPOKESPERSON.id}`);
    expect(dms).toHaveLength(1);
    const dm = dms[0];
    expect(dm?.body.content).toContain('**Press inquiry M-1 · Daily News**');
    expect(dm?.body.content).toContain('**Outlet:** Daily News');
    expect(dm?.body.content).toContain('**Deadline:** today 17:00, in 7 hours');
    expect(dm?.body.content).toContain(`**Logged by:** <@${STAFF.id}>`);
    expect(dm?.body.allowed_mentions).toEqual({ parse: [] });
    expect(customIdsOf(dm)).toEqual(['act|media.claim|M-1', 'act|media.done|M-1']);
    const row = (dm!.body.components as Array<{ components: Array<{ label: string; style: number }> }>)[0];
    expect(row?.components.map((b) => [b.label, b.style])).toEqual([
      ['Claim', 1],
      ['Done', 2],
    ]);
    expect(await t.running.services.media.get(1)).toMatchObject({ id: 'M-1', outlet: 'Daily News', status: 'new' });
    expect(t.errors()).toEqual([]);
  });

  it('Claim in the DM takes the inquiry; Done opens a modal whose submission marks it answered', async () => {
    const t = await withSpokesperson();
    await logInquiry(t);
    const [dm] = t.fake.posted(`DM-${SPOKESPERSON.id}`);
    const [claimId = '', doneId = ''] = customIdsOf(dm);

    const claim = buttonPress(SPOKESPERSON, claimId, { dm: true });
    await t.interact(claim);
    const claimed = answersTo(t.fake, claim);
    expect(claimed).toHaveLength(1);
    expect(bodyOf(claimed[0])).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(answerText(t.fake, claim)).toContain(
      'You own M-1 now. Call the reporter back before the deadline (today 17:00, in 7 hours)',
    );
    expect(await t.running.services.media.get(1)).toMatchObject({
      status: 'claimed',
      owner: storedId(SPOKESPERSON.id),
    });

    const done = buttonPress(SPOKESPERSON, doneId, { dm: true });
    await t.interact(done);
    const [modalCallback] = t.fake.callbacks(done.id);
    const modal = bodyOf(modalCallback);
    expect(modal['type']).toBe(9);
    const data = modal['data'] as {
      custom_id: string;
      title: string;
      components: Array<{ components: Array<{ custom_id: string; required: boolean }> }>;
    };
    expect(data.custom_id).toBe('form|media-done|M-1');
    expect(data.title).toBe('Inquiry answered');
    expect(data.components[0]?.components[0]).toMatchObject({ custom_id: 'note', required: false });
    expect(t.fake.webhookCalls(done.token)).toEqual([]);

    const submit = modalSubmit(
      SPOKESPERSON,
      data.custom_id,
      { note: 'Gave the holding statement; no comment on patients' },
      { dm: true },
    );
    await t.interact(submit);
    expect(answerText(t.fake, submit)).toContain('M-1 is marked answered.');
    const answered = await t.running.services.media.get(1);
    expect(answered).toMatchObject({ status: 'answered' });
    expect(JSON.stringify(answered?.history)).toContain('Gave the holding statement');
    expect(t.errors()).toEqual([]);
  });

  it("staff cannot press the press team's buttons", async () => {
    const t = await withSpokesperson();
    await logInquiry(t);
    const press = buttonPress(STAFF, 'act|media.claim|M-1');
    await t.interact(press);
    expect(answerText(t.fake, press)).toContain(
      'Only the media spokesperson and practice managers can use that button.',
    );
    const stored = await t.running.services.media.get(1);
    expect(stored?.status).toBe('new');
    expect(stored?.owner).toBeUndefined();
  });
});
