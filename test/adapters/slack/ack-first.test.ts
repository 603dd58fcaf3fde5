import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AckFirst } from '../../../src/ack-first.js';
import { fakeLaneTimer } from '../../doubles/lane-timer.js';
import { eventCallbackPayload, postEvent } from '../../doubles/slack-request.js';
import { MONDAY_10AM, STAFF, movableClock, removeTempDirs, startTact, textsOf, type TactUnderTest } from './harness.js';

/** Slack as in production (the ack before the work): a burst's acks go out before the work they start. */
let tact: TactUnderTest | undefined;

afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

describe('acks before work', () => {
  it('acks every command of a burst while their work waits, then logs them all', async () => {
    const timer = fakeLaneTimer();
    tact = await startTact({
      clock: movableClock(MONDAY_10AM),
      ackFirst: new AckFirst({ quietMs: 5, maxWaitMs: 100 }, timer),
    });
    const { fake, running } = tact;

    const acks = [];
    for (const patient of ['P-1', 'P-2', 'P-3'])
      acks.push(await tact.command(STAFF, `${patient} billing: charged twice`));

    // Acknowledged, and nothing claims to be saved yet: the ack says nothing, no answer went out.
    expect(acks.map((a) => [a.http.status, a.http.text])).toEqual([
      [200, ''],
      [200, ''],
      [200, ''],
    ]);
    expect(timer.pending()).toBe(1);
    expect(fake.responses()).toEqual([]);
    expect(await running.services.complaints.get(1)).toBeUndefined();

    await timer.advance(5);
    await vi.waitFor(() => expect(fake.responses()).toHaveLength(3));
    const logged = fake.responses().map((r) => textsOf(r.body)[0]);
    expect(logged.sort()).toEqual(['Logged C-1 (legitimate)', 'Logged C-2 (legitimate)', 'Logged C-3 (legitimate)']);
    // Released first in, first out, but run at once: on PostgreSQL the three numbers are handed out in
    // whichever order the pool's connections answer, so only the set is promised (test/ack-first.test.ts
    // checks the lane's own order).
    const stored = await Promise.all([1, 2, 3].map((n) => running.services.complaints.get(n)));
    expect(stored.map((c) => c?.patientRef).sort()).toEqual(['P-1', 'P-2', 'P-3']);
  });

  it('holds a patient message event back the same way: Slack has its 200, the inquiry is recorded after the burst', async () => {
    const timer = fakeLaneTimer();
    tact = await startTact({
      clock: movableClock(MONDAY_10AM),
      env: { TACT_INBOX_CHANNELS: 'CINBOX' },
      ackFirst: new AckFirst({ quietMs: 5, maxWaitMs: 100 }, timer),
    });
    const ts = '1772463600.000100';
    const message = {
      type: 'message',
      subtype: 'bot_message',
      bot_id: 'BRING',
      username: 'RingCentral SMS',
      text: 'New SMS: can I move my appointment?',
      channel: 'CINBOX',
      channel_type: 'channel',
      ts,
      event_ts: ts,
    };
    const response = await postEvent(tact.target, eventCallbackPayload('Ev1', message));

    expect(response.status).toBe(200);
    // Bolt answers events before any listener runs: the listener's work is what waits on the lane.
    await vi.waitFor(() => expect(timer.pending()).toBe(1));
    expect(await tact.running.services.inquiries.get(1)).toBeUndefined();
    await timer.advance(5);
    await vi.waitFor(async () =>
      expect(await tact?.running.services.inquiries.get(1)).toMatchObject({ id: 'I-1', chatMessageId: ts }),
    );
  });
});
