import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { contactSentenceEnd } from '../../../src/settings/practice-contact.js';
import { likelyTimeZone } from '../../../src/settings/zone-names.js';
import { parseBusinessHours } from '../../../src/time/business-hours.js';
import { parseDuration } from '../../../src/time/duration.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { runner, textOf } from '../helpers.js';

/** Settings as people write them: "9am-5pm", "2 hours", a mistyped zone, a bare phone number. */
let t: TestServices;
let run: ReturnType<typeof runner>;

beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' } });
  run = runner(t, 'tact');
});
afterEach(async () => {
  await t.close();
});

const HOUR = 3_600_000;

describe('durations in words', () => {
  it.each([
    ['2 hours', 2 * HOUR],
    ['90 minutes', 1.5 * HOUR],
    ['1 hr', HOUR],
    ['1.5 hours', 1.5 * HOUR],
    ['1 hour 30 minutes', 1.5 * HOUR],
    ['1 hour and 30 mins', 1.5 * HOUR],
    ['an hour', HOUR],
    ['half an hour', 0.5 * HOUR],
    ['2 Hours', 2 * HOUR],
    ['1h30m', 1.5 * HOUR],
    ['45 sec', 45_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['soon', '2 weeks', 'two hours', '0 minutes', 'hours', '5 parsecs'])('refuses %s', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('/tact settings set reply-sla 2 hours', async () => {
    expect(textOf(await run('settings set reply-sla 2 hours'))).toContain('reply-sla is now 2 h.');
    expect(t.services.settings.current().replySlaMs).toBe(2 * HOUR);
    await run('settings set reply-sla 90 minutes');
    expect(t.services.settings.current().replySlaMs).toBe(1.5 * HOUR);
  });
});

describe('business hours with am and pm', () => {
  it('reads Mon-Fri 9am-5pm, a lunch break, dashes of any kind, "to" and noon', () => {
    expect(parseBusinessHours('Mon-Fri 9am-5pm')?.[1]).toEqual([{ open: 540, close: 1020 }]);
    expect(parseBusinessHours('Mon-Fri 9:30am-1pm, 2pm-6pm')?.[3]).toEqual([
      { open: 570, close: 780 },
      { open: 840, close: 1080 },
    ]);
    const week = parseBusinessHours('Mon–Fri 9 a.m. to 5 p.m.; Sat: 10am-noon');
    expect(week?.[5]).toEqual([{ open: 540, close: 1020 }]);
    expect(week?.[6]).toEqual([{ open: 600, close: 720 }]);
    expect(week?.[0]).toEqual([]);
    expect(parseBusinessHours('Mon-Fri 12pm-5pm')?.[1]).toEqual([{ open: 720, close: 1020 }]);
  });

  it.each(['Mon-Fri 9-5', 'Mon-Fri 13pm-5pm', 'Mon-Fri 5pm-9am', 'weekdays 9am-5pm'])('refuses %s', (text) => {
    expect(parseBusinessHours(text)).toBeUndefined();
  });

  it('/tact settings set business-hours Mon-Fri 9am-5pm', async () => {
    expect(textOf(await run('settings set business-hours Mon-Fri 9am-5pm'))).toContain('business-hours is now');
    expect(t.services.settings.current().businessHours[2]).toEqual([{ open: 540, close: 1020 }]);
  });
});

describe('a mistyped time zone', () => {
  it.each([
    ['Europe/Londn', 'Europe/London'],
    ['europe/london', 'Europe/London'],
    ['London', 'Europe/London'],
    ['America/NewYork', 'America/New_York'],
    ['new york', 'America/New_York'],
    ['Austrlia/Sydney', 'Australia/Sydney'],
  ])('%s → %s', (typed, zone) => {
    expect(likelyTimeZone(typed)).toBe(zone);
  });

  it('nothing close, no guess', () => {
    expect(likelyTimeZone('banana')).toBeUndefined();
    expect(likelyTimeZone('Mars/Olympus')).toBeUndefined();
  });

  it('/tact settings set timezone Europe/Londn asks "did you mean" and changes nothing', async () => {
    const text = textOf(await run('settings set timezone Europe/Londn'));
    expect(text).toContain('"Europe/Londn" is not a valid timezone: did you mean Europe/London?');
    expect(t.services.settings.current().timezone).toBe('America/New_York');
  });

  it('TACT_TIMEZONE=Europe/Londn stops start-up with the suggestion', () => {
    expect(() => loadConfig({ TACT_TIMEZONE: 'Europe/Londn' })).toThrow(/did you mean Europe\/London\?/);
  });
});

describe('a bare practice contact', () => {
  it.each([
    ['(555) 201-0142', 'call us at (555) 201-0142.'],
    ['+44 20 7946 0958', 'call us at +44 20 7946 0958.'],
    ['555-0100 ext. 12', 'call us at 555-0100 ext. 12.'],
    ['frontdesk@clinic.example', 'email us at frontdesk@clinic.example.'],
    ['Call our manager at 555-0100.', 'call our manager at 555-0100.'],
  ])('%s', (setting, end) => {
    expect(contactSentenceEnd(setting)).toBe(end);
  });

  it('/tact settings set practice-contact (555) 201-0142 says the sentence it makes', async () => {
    const text = textOf(await run('settings set practice-contact (555) 201-0142'));
    expect(text).toContain('Replies and letters will say: "… please call us at (555) 201-0142."');
    expect(text).not.toContain('please (555)');
  });
});
