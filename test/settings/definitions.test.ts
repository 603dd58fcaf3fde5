import { describe, expect, it } from 'vitest';
import {
  SETTING_DEFINITIONS,
  isTimeZone,
  readSettings,
  settingDefinition,
  showSetting,
} from '../../src/settings/definitions.js';

describe('readSettings', () => {
  it('uses the defaults when nothing is given', () => {
    const { settings, problems } = readSettings({});
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      managers: [],
      spokesperson: undefined,
      practiceName: undefined,
      practiceContact: undefined,
      timezone: 'America/New_York',
      businessHoursText: 'Mon-Fri 09:00-18:00; Sat 09:00-14:00',
      holidays: undefined,
      replySlaMs: 15 * 60_000,
      mediaSlaMs: 15 * 60_000,
      digestAt: '08:00',
      digestChannel: undefined,
      inboxChannels: [],
      reviewsChannel: undefined,
    });
    expect(settings.businessHours[0]).toEqual([]);
    expect(settings.businessHours[6]).toEqual([{ open: 540, close: 840 }]);
  });

  it('reads given values', () => {
    const { settings, problems } = readSettings(
      {
        managers: 'U1, U2',
        spokesperson: 'U3',
        timezone: 'Europe/Paris',
        'business-hours': 'Tue-Sat 10:00-19:00',
        'reply-sla': '1h30m',
        'digest-at': '07:45',
        'inbox-channels': 'C1,C2',
        'practice-name': '  Glow Clinic  ',
      },
      ['slack'],
    );
    expect(problems).toEqual([]);
    expect(settings.managers).toEqual(['slack:U1', 'slack:U2']);
    expect(settings.spokesperson).toBe('slack:U3');
    expect(settings.timezone).toBe('Europe/Paris');
    expect(settings.businessHours[1]).toEqual([]);
    expect(settings.businessHours[2]).toEqual([{ open: 600, close: 1140 }]);
    expect(settings.replySlaMs).toBe(90 * 60_000);
    expect(settings.digestAt).toBe('07:45');
    expect(settings.inboxChannels).toEqual(['slack:C1', 'slack:C2']);
    expect(settings.practiceName).toBe('Glow Clinic');
  });

  it('names each bad value and falls back to the default for it', () => {
    const { settings, problems } = readSettings({
      'reply-sla': 'soon',
      timezone: 'Mars/Base',
      'business-hours': 'Funday 9-5',
      'digest-at': '25:00',
      managers: 'U1 U2',
      spokesperson: 'not an id!',
    });
    expect(problems.map((p) => [p.definition.env, p.value])).toEqual([
      ['TACT_MANAGERS', 'U1 U2'],
      ['TACT_SPOKESPERSON', 'not an id!'],
      ['TACT_TIMEZONE', 'Mars/Base'],
      ['TACT_BUSINESS_HOURS', 'Funday 9-5'],
      ['TACT_REPLY_SLA', 'soon'],
      ['TACT_DIGEST_AT', '25:00'],
    ]);
    expect(settings.replySlaMs).toBe(15 * 60_000);
    expect(settings.timezone).toBe('America/New_York');
    expect(settings.digestAt).toBe('08:00');
    expect(settings.managers).toEqual([]);
  });

  it('"none" empties a list of managers or inbox channels, in any case', () => {
    const { settings, problems } = readSettings({ managers: 'none', 'inbox-channels': ' NONE ' });
    expect(problems).toEqual([]);
    expect(settings.managers).toEqual([]);
    expect(settings.inboxChannels).toEqual([]);
    expect(showSetting(settings, 'managers')).toBe('(none)');
    // "none" among other ids is not a special word, and not an id either when spaced
    expect(readSettings({ managers: 'U1, none' }).settings.managers).toEqual(['console:U1', 'console:none']);
  });

  it('"none" clears an optional id', () => {
    expect(readSettings({ spokesperson: 'none' }).settings.spokesperson).toBeUndefined();
    expect(readSettings({ spokesperson: 'none' }).problems).toEqual([]);
  });
});

describe('bare ids in settings', () => {
  const ids = (platforms: Parameters<typeof readSettings>[1], managers: string) =>
    readSettings({ managers }, platforms).settings.managers;

  it('belong to the one chat platform configured', () => {
    expect(ids(['slack'], 'U1, 123456789012345678')).toEqual(['slack:U1', 'slack:123456789012345678']);
    expect(ids(['discord'], '123456789012345678,U1')).toEqual(['discord:123456789012345678', 'discord:U1']);
  });

  it('on Slack and Discord together, go by shape: all digits is Discord', () => {
    expect(ids(['slack', 'discord'], 'U1,123456789012345678')).toEqual(['slack:U1', 'discord:123456789012345678']);
  });

  it("on the console (no chat platform), are the console's", () => {
    expect(ids([], 'ana')).toEqual(['console:ana']);
    expect(ids(['console'], 'ana')).toEqual(['console:ana']);
  });

  it('keep a platform already given, and qualify every id setting', () => {
    expect(ids(['slack'], 'discord:42, slack:U1')).toEqual(['discord:42', 'slack:U1']);
    const { settings } = readSettings(
      { spokesperson: 'U3', 'digest-channel': 'C9', 'reviews-channel': 'C8', 'inbox-channels': 'C7' },
      ['slack'],
    );
    expect([settings.spokesperson, settings.digestChannel, settings.reviewsChannel, ...settings.inboxChannels]).toEqual(
      ['slack:U3', 'slack:C9', 'slack:C8', 'slack:C7'],
    );
  });
});

describe('isTimeZone', () => {
  it('accepts IANA zones and refuses unknown or abbreviated ones', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Base')).toBe(false);
    expect(isTimeZone('EST')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('definitions', () => {
  it('each setting has a unique name and environment variable, a valid default, and is shown back', () => {
    const { settings } = readSettings({});
    expect(new Set(SETTING_DEFINITIONS.map((d) => d.name)).size).toBe(SETTING_DEFINITIONS.length);
    expect(new Set(SETTING_DEFINITIONS.map((d) => d.env)).size).toBe(SETTING_DEFINITIONS.length);
    for (const definition of SETTING_DEFINITIONS) {
      expect(definition.env).toMatch(/^TACT_[A-Z_]+$/);
      expect(definition.read(definition.default, []), definition.name).toBeDefined();
      expect(settingDefinition(definition.name)).toBe(definition);
      expect(showSetting(settings, definition.name)).not.toBe('');
    }
    expect(settingDefinition('nope')).toBeUndefined();
  });

  it('shows values as a manager reads them', () => {
    const { settings } = readSettings({ 'reply-sla': '1h', managers: 'U1,U2' }, ['slack']);
    expect(showSetting(settings, 'reply-sla')).toBe('1 h');
    expect(showSetting(settings, 'managers')).toBe('slack:U1, slack:U2');
    expect(showSetting(settings, 'spokesperson')).toBe('(none)');
  });

  it.each([
    ['30s', '30 s'],
    ['90s', '1 min 30 s'],
    ['15m', '15 min'],
    ['1h30m', '1 h 30 min'],
    ['24h', '24 h'],
    ['23h59m59s', '23 h 59 min 59 s'],
  ])('shows a %s reply or media SLA as "%s", never as a fraction of a minute', (given, shown) => {
    const { settings } = readSettings({ 'reply-sla': given, 'media-sla': given });
    expect(showSetting(settings, 'reply-sla')).toBe(shown);
    expect(showSetting(settings, 'media-sla')).toBe(shown);
  });
});

describe('values that would break reminders', () => {
  it('refuses reply goals outside 1s..24h (a goal of years has no due time within the calendar)', () => {
    const { problems } = readSettings({ 'reply-sla': '99999d', 'media-sla': '500ms' });
    expect(problems.map((p) => p.definition.name).sort()).toEqual(['media-sla', 'reply-sla']);
    expect(readSettings({ 'reply-sla': '24h', 'media-sla': '30s' }).problems).toEqual([]);
  });
});
