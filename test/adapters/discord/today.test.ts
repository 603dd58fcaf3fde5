import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chatInput } from '../../doubles/discord-payloads.js';
import { movableClock, removeTempDirs } from '../slack/harness.js';
import {
  MANAGER,
  STAFF,
  answerText,
  answersTo,
  bodyOf,
  customIdsOf,
  startDiscordTact,
  storedId,
  type DiscordTact,
} from './harness.js';

/** `/tact today` on Discord: the Home tab's view as a private answer, with its buttons. */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

/** Monday 2 March 2026, 10:00 in New York */
const MONDAY_10AM = new Date('2026-03-02T15:00:00.000Z');

describe('/tact today on Discord', () => {
  it("answers privately with the person's day and the threads' buttons; a manager also gets the figures", async () => {
    const t = (tact = await startDiscordTact({ clock: movableClock(MONDAY_10AM) }));
    await t.running.services.inquiries.create({
      channel: 'voicemail',
      origin: 'command',
      loggedBy: storedId(MANAGER.id),
      patientRef: 'P-2001',
      summary: 'asks about a refund',
      receivedAt: new Date('2026-03-02T14:00:00.000Z'),
    });

    const staff = chatInput(STAFF, 'tact', 'today', {});
    await t.interact(staff);
    const text = answerText(t.fake, staff);
    expect(text).toContain('Patient messages: 1, 1 overdue');
    expect(text).toContain('OVERDUE · I-1 · voicemail or missed call · P-2001');
    expect(text).not.toContain('refund');
    expect(text).not.toContain("Today's patient messages");
    // the deferred answer and each follow-up are only for the person who asked (an edit keeps the deferral's flags)
    for (const answer of answersTo(t.fake, staff).filter((a) => a.method === 'POST')) {
      const data = (bodyOf(answer)['data'] ?? bodyOf(answer)) as Record<string, unknown>;
      expect(Number(data['flags']) & 64).toBe(64);
    }
    expect(answersTo(t.fake, staff).flatMap(customIdsOf)).toEqual(
      expect.arrayContaining(['act|inquiry.claim|I-1', 'act|inquiry.answer|I-1']),
    );

    const manager = chatInput(MANAGER, 'tact', 'today', {});
    await t.interact(manager);
    expect(answerText(t.fake, manager)).toContain("Today's patient messages");
  });
});
