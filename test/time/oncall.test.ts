import { describe, expect, it } from 'vitest';
import { onCallAt, parseOnCallWeek } from '../../src/time/oncall.js';

/** The weekly on-call rota in the clinic's zone, shifts past midnight, DST, and cover on top. */
const NY = 'America/New_York';
const rota = (text: string) => {
  const week = parseOnCallWeek(text);
  if (!week) throw new Error(`rota did not parse: ${text}`);
  return week;
};
const who = (text: string, iso: string, overrides: Array<{ person: string; from: string; to: string }> = []) =>
  onCallAt(rota(text), overrides, NY, new Date(iso))?.person;

describe('parseOnCallWeek', () => {
  it('reads days, optional hours and a person per segment', () => {
    expect(parseOnCallWeek('Mon-Fri 18:00-08:00 UDRA; Sat-Sun UDRB')).toEqual([
      { days: [1, 2, 3, 4, 5], from: 1080, to: 480, person: 'UDRA' },
      { days: [6, 0], from: 0, to: 1440, person: 'UDRB' },
    ]);
    expect(parseOnCallWeek('Mon,Wed 09:00-17:00 slack:U1')?.[0]).toEqual({
      days: [1, 3],
      from: 540,
      to: 1020,
      person: 'slack:U1',
    });
  });

  it.each([
    'Mon-Fri 18:00-08:00',
    'Funday UDRA',
    'Mon 18:00-18:00 UDRA',
    'Mon 25:00-08:00 UDRA',
    'Mon 18:00-08:00 <@UDRA>',
    'UDRA',
  ])('refuses %j', (text) => {
    expect(parseOnCallWeek(text)).toBeUndefined();
  });
});

describe('onCallAt', () => {
  const week = 'Mon-Fri 18:00-08:00 UDRA; Sat-Sun UDRB';

  it('an evening shift covers the evening and the next morning', () => {
    expect(who(week, '2026-12-07T23:30:00Z')).toBe('UDRA'); // Mon 18:30
    expect(who(week, '2026-12-08T12:59:00Z')).toBe('UDRA'); // Tue 07:59
    expect(who(week, '2026-12-08T13:00:00Z')).toBeUndefined(); // Tue 08:00: the clinic's day, no one on call
  });

  it('Friday night runs into Saturday morning, where the weekend shift (later in the rota) takes over', () => {
    expect(who(week, '2026-12-12T04:00:00Z')).toBe('UDRA'); // Fri 23:00
    expect(who(week, '2026-12-12T10:00:00Z')).toBe('UDRB'); // Sat 05:00: both cover it, the later segment wins
    // Mon 07:00: "Sat-Sun" is whole days, to Sunday midnight; Monday's early hours are a gap unless the rota says so
    expect(who(week, '2026-12-14T12:00:00Z')).toBeUndefined();
    expect(who('Mon-Fri 18:00-08:00 UDRA; Sat-Sun UDRB; Sun 20:00-08:00 UDRB', '2026-12-14T12:00:00Z')).toBe('UDRB');
  });

  it('keeps wall-clock hours across the spring DST change', () => {
    const nights = 'Sat 20:00-08:00 UNIGHT';
    expect(who(nights, '2027-03-14T01:00:00Z')).toBe('UNIGHT'); // Sat 13 Mar 20:00 EST
    expect(who(nights, '2027-03-14T11:59:00Z')).toBe('UNIGHT'); // Sun 14 Mar 07:59 EDT (after the change)
    expect(who(nights, '2027-03-14T12:30:00Z')).toBeUndefined(); // 08:30 EDT (07:30 on last week's offset)
  });

  it('cover wins over the rota while it lasts, the latest cover over an earlier one', () => {
    const cover = [
      { person: 'UCOVER', from: '2026-12-11T23:00:00Z', to: '2026-12-14T13:00:00Z' },
      { person: 'ULATE', from: '2026-12-12T12:00:00Z', to: '2026-12-12T18:00:00Z' },
    ];
    expect(who(week, '2026-12-12T04:00:00Z', cover)).toBe('UCOVER');
    expect(who(week, '2026-12-12T13:00:00Z', cover)).toBe('ULATE');
    expect(who(week, '2026-12-14T13:00:00Z', cover)).toBeUndefined();
    expect(onCallAt(rota(week), cover, NY, new Date('2026-12-12T04:00:00Z'))?.source).toBe('override');
  });
});
