import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { TactError } from '../src/errors.js';
import { parseLogLevel } from '../src/log.js';
import { readSettings } from '../src/settings/definitions.js';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(TactError);
    expect((error as TactError).code).toBe('TACT_CONFIG_INVALID');
    return (error as Error).message.split('\n');
  }
  throw new Error('expected loadConfig to refuse the environment');
}

describe('loadConfig', () => {
  it('has defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.portGiven).toBe(false);
    expect(config.store).toBe('sqlite://data/tact.sqlite');
    expect(config.slack).toBeUndefined();
    expect(Object.values(config.settingsEnvironment).every((v) => v === undefined)).toBe(true);
  });

  it('reads a good environment', () => {
    const config = loadConfig({
      PORT: '8080',
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      TACT_STORE: 'memory://',
      TACT_REPLY_SLA: '1h',
      TACT_TIMEZONE: 'Europe/Paris',
      TACT_MANAGERS: 'U1,U2',
    });
    expect(config.port).toBe(8080);
    expect(config.portGiven).toBe(true);
    expect(config.store).toBe('memory://');
    expect(config.slack).toEqual({
      signingSecret: 'shh',
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      apiUrl: 'http://127.0.0.1:9999/api/',
    });
    expect(config.settingsEnvironment).toMatchObject({
      'reply-sla': '1h',
      timezone: 'Europe/Paris',
      managers: 'U1,U2',
    });
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ PORT: '  ', TACT_REPLY_SLA: '', SLACK_SIGNING_SECRET: ' ' });
    expect(config.port).toBe(3000);
    expect(config.portGiven).toBe(false);
    expect(config.settingsEnvironment['reply-sla']).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ TACT_REPLY_SLA: 'soon' }, 'TACT_REPLY_SLA'],
    [{ TACT_MEDIA_SLA: '0m' }, 'TACT_MEDIA_SLA'],
    [{ TACT_TIMEZONE: 'Mars/Base' }, 'TACT_TIMEZONE'],
    [{ TACT_COUNTRY: 'XX' }, 'TACT_COUNTRY'],
    [{ TACT_COUNTRY: 'United Kingdom' }, 'TACT_COUNTRY'],
    [{ TACT_BUSINESS_HOURS: 'Mon 18:00-09:00' }, 'TACT_BUSINESS_HOURS'],
    [{ TACT_DIGEST_AT: '8am' }, 'TACT_DIGEST_AT'],
    [{ SLACK_SIGNING_SECRET: 'shh' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_SIGNING_SECRET: 'shh', SLACK_BOT_TOKEN: 'xoxp-user' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_SIGNING_SECRET: 'shh', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL'],
    [{ TACT_STORE: 'mysql://db' }, 'TACT_STORE'],
    [{ TACT_STORE: 'sqlite://' }, 'TACT_STORE'],
    [{ TACT_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'TACT_ENCRYPTION_KEY'],
    [{ TACT_LOG_LEVEL: 'verbose' }, 'TACT_LOG_LEVEL'],
    [{ TACT_LOG_LEVEL: 'trace' }, 'TACT_LOG_LEVEL'],
  ])('%j gives one line naming %s', (env, variable) => {
    const lines = problems(env);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });

  it('quotes the bad value and says what is expected', () => {
    expect(problems({ TACT_REPLY_SLA: 'soon' })).toEqual([
      'TACT_REPLY_SLA="soon": expected a duration from 1s to 24h, such as 15m, 1h, 2 hours or 90 minutes',
    ]);
    expect(problems({ PORT: 'abc' })[0]).toMatch(/^PORT="abc": expected .*port/);
  });

  it('refuses an unknown TACT_LOG_LEVEL, naming the levels, and accepts the four levels in any case', () => {
    expect(problems({ TACT_LOG_LEVEL: 'verbose' })).toEqual([
      'TACT_LOG_LEVEL="verbose": expected one of debug, info, warn, error',
    ]);
    for (const level of ['debug', 'info', 'warn', 'error', 'WARN', ' Debug ', ''])
      expect(() => loadConfig({ TACT_LOG_LEVEL: level })).not.toThrow();
  });

  it('reads "none" as an empty list of managers or inbox channels', () => {
    const config = loadConfig({ TACT_MANAGERS: 'none', TACT_INBOX_CHANNELS: 'None' });
    expect(config.settingsEnvironment).toMatchObject({ managers: 'none', 'inbox-channels': 'None' });
    const { settings, problems: found } = readSettings(config.settingsEnvironment);
    expect(found).toEqual([]);
    expect(settings.managers).toEqual([]);
    expect(settings.inboxChannels).toEqual([]);
  });

  it('reports every bad variable at once, one line each', () => {
    const lines = problems({
      PORT: 'abc',
      TACT_REPLY_SLA: 'soon',
      TACT_TIMEZONE: 'Mars/Base',
      TACT_STORE: 'mysql://db',
    });
    expect(lines).toHaveLength(4);
    for (const variable of ['PORT', 'TACT_REPLY_SLA', 'TACT_TIMEZONE', 'TACT_STORE']) {
      expect(lines.filter((l) => l.startsWith(variable))).toHaveLength(1);
    }
  });
});

describe('parseLogLevel', () => {
  it('reads the four levels in any case, and unset or blank as info', () => {
    const given = ['debug', 'info', 'warn', 'error', 'WARN', ' Debug ', '', undefined];
    expect(given.map(parseLogLevel)).toEqual(['debug', 'info', 'warn', 'error', 'warn', 'debug', 'info', 'info']);
  });
});
