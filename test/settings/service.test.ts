import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/adapters/store/index.js';
import type { ChatPlatform } from '../../src/chat/ids.js';
import { SettingsService } from '../../src/settings/service.js';
import type { Storage } from '../../src/storage.js';
import { FixedClock } from '../doubles/fixed-clock.js';

let storage: Storage;
const clock = new FixedClock('2026-06-01T16:00:00.000Z');

beforeEach(async () => {
  storage = await openStorage('memory://');
});
afterEach(async () => {
  await storage.close();
});

async function service(
  environment: Record<string, string | undefined> = {},
  platforms: readonly ChatPlatform[] = [],
): Promise<SettingsService> {
  const settings = new SettingsService(environment, storage.collection('settings'), clock, platforms);
  await settings.load();
  return settings;
}

describe('SettingsService with platform-qualified ids', () => {
  it('compares qualified ids: a Slack user is not the Discord user of the same raw id', async () => {
    const settings = await service({ managers: 'U1,123456789012345678', spokesperson: 'U3' }, ['slack', 'discord']);
    expect(settings.isManager('slack:U1')).toBe(true);
    expect(settings.isManager('discord:123456789012345678')).toBe(true);
    expect(settings.isManager('discord:U1')).toBe(false);
    expect(settings.isManager('slack:123456789012345678')).toBe(false);
    expect(settings.isSpokesperson('slack:U3')).toBe(true);
    expect(settings.isSpokesperson('discord:U3')).toBe(false);
    expect(settings.isManager('')).toBe(false);
  });

  it('a manager given as a Discord role id matches a member holding that role', async () => {
    const settings = await service({ managers: '555000111222333444' }, ['discord']);
    expect(settings.isManager('discord:1', ['discord:555000111222333444'])).toBe(true);
    expect(settings.isManager('discord:1', ['discord:9'])).toBe(false);
  });

  it('stores ids typed in chat qualified, so adding a platform later cannot change whose they are', async () => {
    const settings = await service({}, ['slack']);
    expect((await settings.set('managers', 'U1, discord:42', 'slack:U9')).ok).toBe(true);
    expect((await settings.set('spokesperson', 'none', 'slack:U9')).ok).toBe(true);
    expect(await storage.collection('settings').get('overrides')).toEqual({
      managers: 'slack:U1,discord:42',
      spokesperson: 'none',
    });
    const later = await service({}, ['slack', 'discord']);
    expect(later.current().managers).toEqual(['slack:U1', 'discord:42']);
  });
});

describe('SettingsService', () => {
  it('starts from the environment', async () => {
    const settings = await service({ 'reply-sla': '30m', managers: 'U1' });
    expect(settings.current().replySlaMs).toBe(30 * 60_000);
    expect(settings.isManager('U1')).toBe(true);
    expect(settings.isManager('U2')).toBe(false);
    expect(settings.overridden()).toEqual([]);
  });

  it('a stored value overrides the environment and survives a restart', async () => {
    const first = await service({ 'reply-sla': '30m' });
    const result = await first.set('reply-sla', '1h', 'UMGR');
    expect(result.ok).toBe(true);
    expect(first.current().replySlaMs).toBe(3_600_000);
    expect(first.overridden()).toEqual(['reply-sla']);

    const second = await service({ 'reply-sla': '30m' });
    expect(second.current().replySlaMs).toBe(3_600_000);
    expect(second.overridden()).toEqual(['reply-sla']);
    expect(await storage.collection('settings').get('changed:reply-sla')).toEqual({
      by: 'UMGR',
      at: '2026-06-01T16:00:00.000Z',
    });
  });

  it('reset goes back to the environment, also after a restart', async () => {
    const first = await service({ 'reply-sla': '30m', managers: 'U1' });
    await first.set('reply-sla', '1h', 'U1');
    await first.set('managers', 'U1,U2', 'U1');
    expect(first.isManager('U2')).toBe(true);
    const reset = await first.reset('reply-sla');
    expect(reset.ok && reset.settings.replySlaMs).toBe(30 * 60_000);
    expect(first.overridden()).toEqual(['managers']);

    const second = await service({ 'reply-sla': '30m', managers: 'U1' });
    expect(second.current().replySlaMs).toBe(30 * 60_000);
    expect(second.isManager('U2')).toBe(true);
  });

  it('set managers none leaves no managers, not a manager called "none"', async () => {
    const settings = await service({ managers: 'U1', 'inbox-channels': 'C1' });
    expect((await settings.set('managers', 'none', 'U1')).ok).toBe(true);
    expect((await settings.set('inbox-channels', 'none', 'U1')).ok).toBe(true);
    expect(settings.current().managers).toEqual([]);
    expect(settings.current().inboxChannels).toEqual([]);
    expect(settings.isManager('none')).toBe(false);
    expect(settings.isManager('U1')).toBe(false);
  });

  it('refuses invalid values and unknown names, and keeps what it had', async () => {
    const settings = await service();
    expect(await settings.set('reply-sla', 'soon', 'U1')).toEqual({
      ok: false,
      problem: 'invalid-value',
      expected: 'a duration from 1s to 24h, such as 15m, 1h, 2 hours or 90 minutes',
    });
    expect(await settings.set('timezone', 'Mars/Base', 'U1')).toMatchObject({ ok: false, problem: 'invalid-value' });
    expect(await settings.set('colour', 'blue', 'U1')).toEqual({ ok: false, problem: 'unknown-setting' });
    expect(await settings.reset('colour')).toEqual({ ok: false, problem: 'unknown-setting' });
    expect(settings.current().replySlaMs).toBe(15 * 60_000);
    expect(await storage.collection('settings').get('overrides')).toBeUndefined();
  });
});
