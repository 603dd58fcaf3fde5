import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { lines, repliesOf, runner, textOf } from '../helpers.js';

/**
 * Honest figures: a call logged after the fact carries the time it arrived (`at 9:40`), said back;
 * one logged without it is left out of the response times instead of counting as answered in
 * 0 minutes, and /tact stats says how many. Friday 4 December 2026, 10:20 in New York (EST).
 */
const FRIDAY_10_20 = '2026-12-04T15:20:00.000Z';
let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup() {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' }, now: FRIDAY_10_20 });
  return { inquiry: runner(t, 'inquiry'), tact: runner(t, 'tact') };
}

describe('/inquiry <channel> <ref> at <time> <summary>', () => {
  it('keeps the time it arrived, says it back, and keeps the rest as the summary', async () => {
    const { inquiry } = await setup();
    const text = textOf(await inquiry('call P-12 at 9:40 wants to rebook', 'UANNA'));
    expect(text).toContain('Logged I-1 (phone call)');
    expect(text).toContain('Arrived today 09:40, 40 minutes ago.');
    expect(await t.services.inquiries.get(1)).toMatchObject({
      receivedAt: '2026-12-04T14:40:00.000Z',
      summary: 'wants to rebook',
    });
    expect((await t.services.inquiries.get(1))?.arrivalUnknown).toBeUndefined();
  });

  it.each([
    ['call P-12 arrived 9:40am wants to rebook', '2026-12-04T14:40:00.000Z'],
    ['voicemail P-12 arrived at yesterday 4pm wants to rebook', '2026-12-03T21:00:00.000Z'],
    ['call P-12 AT 9:40 wants to rebook', '2026-12-04T14:40:00.000Z'],
    ['call P-12 at thu 9am wants to rebook', '2026-12-03T14:00:00.000Z'],
  ])('%j → arrived %s', async (typed, arrived) => {
    const { inquiry } = await setup();
    await inquiry(typed, 'UANNA');
    expect(await t.services.inquiries.get(1)).toMatchObject({ receivedAt: arrived, summary: 'wants to rebook' });
  });

  it('"at" that is not a time stays in the summary, and the arrival is unknown', async () => {
    const { inquiry } = await setup();
    const text = textOf(await inquiry('call P-12 at home, wants a callback', 'UANNA'));
    expect(text).toContain('No arrival time given, so its response time is left out of the figures');
    expect(text).toContain('/inquiry phone P-12 at 9:40');
    expect(await t.services.inquiries.get(1)).toMatchObject({
      summary: 'at home, wants a callback',
      arrivalUnknown: true,
      receivedAt: FRIDAY_10_20,
    });
  });

  it('a time later than now, or more than a week ago, is refused and nothing is logged', async () => {
    const { inquiry } = await setup();
    expect(textOf(await inquiry('call P-12 at 11:00 wants to rebook', 'UANNA'))).toContain(
      '"11:00" is later than now, so it cannot be when the message arrived.',
    );
    expect(textOf(await inquiry('call P-12 at Nov 1 9am wants to rebook', 'UANNA'))).toContain(
      'is more than a week ago',
    );
    expect(await t.services.inquiries.get(1)).toBeUndefined();
  });
});

describe('the figures', () => {
  it('an inquiry with no arrival time is answered but left out of response times and the goal share', async () => {
    const { inquiry, tact } = await setup();
    await inquiry('call P-12 wants to rebook', 'UANNA'); // no arrival time
    await inquiry('call P-14 at 10:00 wants a price', 'UANNA');
    t.clock.set('2026-12-04T15:21:00.000Z');
    await inquiry('done I-1', 'UANNA'); // would have been "answered in 1 minute"
    await inquiry('done I-2', 'UANNA'); // 21 minutes: over the 15-minute goal
    expect(await t.services.inquiries.figures('2026-12-04')).toMatchObject({
      received: 2,
      answered: 2,
      untimed: 1,
      loggedAfter: 2,
      withinSla: 0,
      responseMs: [21 * 60_000],
    });
    const stats = lines(repliesOf(await tact('stats', 'UMGR'))[0]!);
    expect(stats).toContain('received 2, answered 2');
    expect(stats).toContain('median first response: 21 business min');
    expect(stats).toContain('answered within the 15 min goal: 0%');
    expect(stats).toContain(
      'logged after the fact (/inquiry): 2; 1 answered without an arrival time, left out of the response times',
    );
  });

  it('only untimed answers: no share is claimed', async () => {
    const { inquiry, tact } = await setup();
    await inquiry('call P-12 wants to rebook', 'UANNA');
    await inquiry('done I-1', 'UANNA');
    const stats = lines(repliesOf(await tact('stats', 'UMGR'))[0]!);
    expect(stats).toContain('median first response: n/a');
    expect(stats).toContain('answered within the 15 min goal: n/a');
  });
});
