import { describe, expect, it } from 'vitest';
import { AckFirst } from '../src/ack-first.js';
import { fakeLaneTimer } from './doubles/lane-timer.js';

const TIMING = { quietMs: 5, maxWaitMs: 100 };

/** Starts waiters named `from`, `from + 1`...; `released` lists them in the order they were let go. */
function waiters(lane: AckFirst, count: number, released: number[], from = 0): void {
  for (let i = from; i < from + count; i += 1) void lane.whenQuiet().then(() => released.push(i));
}

describe('AckFirst', () => {
  it('lets work run at once when no request has come in', async () => {
    const timer = fakeLaneTimer();
    const lane = new AckFirst(TIMING, timer);
    const released: number[] = [];
    waiters(lane, 1, released);
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toEqual([0]);
    expect(timer.pending()).toBe(0);
  });

  it('holds work while requests keep arriving and lets it go once they have been quiet', async () => {
    const timer = fakeLaneTimer();
    const lane = new AckFirst(TIMING, timer);
    const released: number[] = [];
    lane.requestArrived();
    waiters(lane, 3, released);
    for (let i = 0; i < 4; i += 1) {
      await timer.advance(3);
      lane.requestArrived(); // the next request of the burst, before the 5 ms of quiet
    }
    expect(released).toEqual([]);
    await timer.advance(4);
    expect(released).toEqual([]);
    await timer.advance(1);
    expect(released).toEqual([0, 1, 2]);
  });

  it('never holds work longer than its cap, however busy the inbound side stays, and keeps the order', async () => {
    const timer = fakeLaneTimer();
    const lane = new AckFirst(TIMING, timer);
    const released: number[] = [];
    lane.requestArrived();
    waiters(lane, 2, released); // asked at 0 ms: due at 100 ms
    await timer.advance(2);
    lane.requestArrived();
    waiters(lane, 1, released, 2); // asked at 2 ms: due at 102 ms
    for (let ms = 2; ms < 100; ms += 2) {
      lane.requestArrived();
      await timer.advance(2);
    }
    expect(released).toEqual([0, 1]);
    lane.requestArrived();
    await timer.advance(2);
    expect(released).toEqual([0, 1, 2]);
  });

  it('keeps later work behind earlier work still waiting, even when it asks in a quiet moment', async () => {
    const timer = fakeLaneTimer();
    const lane = new AckFirst(TIMING, timer);
    const released: number[] = [];
    lane.requestArrived();
    waiters(lane, 1, released);
    await timer.advance(5); // quiet now, but the first waiter's timer has not been seen to fire yet
    const late = lane.whenQuiet().then(() => released.push(9));
    await timer.advance(1);
    await late;
    expect(released).toEqual([0, 9]);
  });
});
