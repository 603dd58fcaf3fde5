import type { Clock } from '../../src/clock.js';

/** A clock tests set by hand: `now()` returns exactly what was last set, until it is moved. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-06-01T16:00:00.000Z') {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new Error(`FixedClock: not a date: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    const next = new Date(at).getTime();
    if (Number.isNaN(next)) throw new Error(`FixedClock: not a date: ${String(at)}`);
    this.current = next;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
