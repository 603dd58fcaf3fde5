import type { LaneTimer } from '../../src/ack-first.js';

/** A timer that moves only when the test says so. */
export function fakeLaneTimer(): LaneTimer & { advance(ms: number): Promise<void>; pending(): number } {
  let now = 0;
  let timers: { at: number; fire: () => void }[] = [];
  return {
    now: () => now,
    after: (ms, fire) => void timers.push({ at: now + ms, fire }),
    pending: () => timers.length,
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fire();
        // let released work record itself before the clock moves on
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = until;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
