import { describe, expect, it } from 'vitest';
import { combineFigures } from '../../src/inquiries/figures.js';
import { emptyDay, type DayFigures } from '../../src/inquiries/model.js';

const MIN = 60_000;

function day(partial: Partial<DayFigures>): DayFigures {
  return { ...emptyDay(), ...partial };
}

describe('combineFigures', () => {
  it('adds days up, takes the median over every answer and the share within the goal', () => {
    const figures = combineFigures([
      day({
        received: 3,
        answered: 2,
        withinSla: 2,
        breaches: 0,
        responseMs: [4 * MIN, 10 * MIN],
        byChannel: { text: { received: 2, answered: 2 }, phone: { received: 1, answered: 0 } },
      }),
      day({
        received: 1,
        answered: 2,
        withinSla: 0,
        breaches: 2,
        responseMs: [40 * MIN, 90 * MIN],
        byChannel: { phone: { received: 0, answered: 1 }, email: { received: 1, answered: 1 } },
      }),
    ]);
    expect(figures).toEqual({
      days: 2,
      received: 4,
      answered: 4,
      medianResponseMinutes: 25, // (10 + 40) / 2
      withinSlaShare: 0.5,
      breaches: 2,
      wantsDoctor: 0,
      nervous: 0,
      loggedAfter: 0,
      untimed: 0,
      byChannel: [
        { channel: 'text', received: 2, answered: 2 },
        { channel: 'phone', received: 1, answered: 1 },
        { channel: 'email', received: 1, answered: 1 },
      ],
    });
  });

  it('an odd count takes the middle value; nothing answered leaves median and share undefined', () => {
    expect(
      combineFigures([day({ answered: 3, withinSla: 1, responseMs: [40 * MIN, 4 * MIN, 10 * MIN] })])
        .medianResponseMinutes,
    ).toBe(10);
    const empty = combineFigures([day({ received: 2 })]);
    expect(empty.medianResponseMinutes).toBeUndefined();
    expect(empty.withinSlaShare).toBeUndefined();
    expect(combineFigures([])).toMatchObject({ days: 0, received: 0, answered: 0, byChannel: [] });
  });
});
