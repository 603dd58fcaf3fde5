import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decodePng } from '../../charts/png-check.js';
import { chatInput } from '../../doubles/discord-payloads.js';
import { runDue } from '../../doubles/services.js';
import { movableClock, removeTempDirs } from '../slack/harness.js';
import {
  DIGEST,
  MANAGER,
  STAFF,
  answerText,
  answersTo,
  bodyOf,
  startDiscordTact,
  type DiscordTact,
} from './harness.js';

/** Charts on Discord: an attachment of the private answer (multipart: payload_json plus the file). */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

describe('charts on Discord', () => {
  it('/complaint trends attaches the chart to the private answer; no patient reference in the file part', async () => {
    const t = (tact = await startDiscordTact({ clock: movableClock(new Date('2026-03-02T15:00:00.000Z')) }));
    for (const text of ['charged twice', 'charged again'])
      await t.running.services.complaints.log(
        { patientRef: 'P-2001', category: 'billing', categoryGuessed: false, text },
        STAFF.id,
      );
    const trends = chatInput(MANAGER, 'complaint', 'trends', { period: '30d' });
    await t.interact(trends);
    expect(answerText(t.fake, trends)).toContain('P-2001: 2 complaints');

    const withFile = answersTo(t.fake, trends).filter((c) => c.files.length > 0);
    expect(withFile).toHaveLength(1);
    const [call] = withFile;
    expect(call?.files).toEqual(['complaint-trends.png']);
    const attachments = bodyOf(call)['attachments'] as Array<Record<string, unknown>>;
    expect(attachments).toEqual([expect.objectContaining({ id: '0', description: 'Complaints, last 30 days' })]);
    const png = decodePng(call?.fileBytes[0] ?? Buffer.alloc(0));
    expect(png.width).toBe(900);
    expect(png.colours).toBeGreaterThan(10);
    expect(call?.fileBytes[0]?.includes('P-2001')).toBe(false);
    expect(t.errors()).toEqual([]);
  });

  it('/tact stats attaches the first-response chart', async () => {
    const t = (tact = await startDiscordTact());
    const stats = chatInput(MANAGER, 'tact', 'stats', { period: '21d' });
    await t.interact(stats);
    const [call] = answersTo(t.fake, stats).filter((c) => c.files.length > 0);
    expect(call?.files).toEqual(['first-responses.png']);
    expect(decodePng(call?.fileBytes[0] ?? Buffer.alloc(0)).width).toBe(900);
    expect(t.errors()).toEqual([]);
  });

  it('the weekly digest is one message in the digest channel with both charts attached', async () => {
    const clock = movableClock(new Date('2026-03-02T12:00:00.000Z')); // Monday 07:00 EST
    const t = (tact = await startDiscordTact({
      clock,
      env: { TACT_DIGEST_CHANNEL: DIGEST, TACT_DIGEST_AT: '10:00', TACT_WEEKLY_DIGEST: 'Mon 08:00' },
    }));
    await runDue(t.running);
    expect(t.fake.posted(DIGEST)).toEqual([]);
    clock.set(new Date('2026-03-02T13:00:00.000Z'));
    await runDue(t.running);
    const posted = t.fake.posted(DIGEST);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body.content).toContain('Weekly digest');
    expect(posted[0]?.files).toEqual(['complaint-trends.png', 'first-responses.png']);
    expect(bodyOf(posted[0])['attachments']).toEqual([
      { id: 0, filename: 'complaint-trends.png', description: 'Complaints, last 7 days' },
      { id: 1, filename: 'first-responses.png', description: 'First responses, last 4 weeks' },
    ]);
    for (const bytes of posted[0]?.fileBytes ?? []) expect(decodePng(bytes).colours).toBeGreaterThan(10);
    expect(t.errors()).toEqual([]);
  });
});
