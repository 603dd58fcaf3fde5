import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTING_DEFINITIONS } from '../../../src/settings/definitions.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { listItems, repliesOf, runner, textOf } from '../helpers.js';

let t: TestServices;
let run: ReturnType<typeof runner>;

beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_REPLY_SLA: '30m' } });
  run = runner(t, 'tact');
});
afterEach(async () => {
  await t.close();
});

describe('/tact settings', () => {
  it('shows every setting and where its value comes from', async () => {
    const items = listItems(await run('settings'));
    expect(items).toHaveLength(SETTING_DEFINITIONS.length);
    expect(items).toContain('country = US (TACT_COUNTRY)');
    expect(items).toContain('reply-sla = 30 min (TACT_REPLY_SLA)');
    expect(items).toContain('managers = console:UMGR (TACT_MANAGERS)');
    expect(items).toContain('timezone = America/New_York (TACT_TIMEZONE)');
    expect(items).toContain('business-hours = Mon-Fri 09:00-18:00; Sat 09:00-14:00 (TACT_BUSINESS_HOURS)');
  });

  it('set overrides the environment, is shown as set in chat, and persists for a new service on the same store', async () => {
    expect(textOf(await run('settings set reply-sla 1h'))).toBe('reply-sla is now 1 h.\nreply-sla is now 1 h.');
    expect(t.services.settings.current().replySlaMs).toBe(3_600_000);
    expect(listItems(await run('settings show'))).toContain('reply-sla = 1 h (set in chat)');

    const again = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_REPLY_SLA: '30m' }, storage: t.storage });
    try {
      expect(again.services.settings.current().replySlaMs).toBe(3_600_000);
      expect(listItems(await runner(again, 'tact')('settings'))).toContain('reply-sla = 1 h (set in chat)');
    } finally {
      await again.close();
    }
  });

  it('reset returns to the environment value, persistently', async () => {
    await run('settings set reply-sla 1h');
    expect(repliesOf(await run('settings reset reply-sla'))[0]?.summary).toBe(
      'reply-sla is now 30 min (from the environment).',
    );
    const again = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_REPLY_SLA: '30m' }, storage: t.storage });
    try {
      expect(again.services.settings.current().replySlaMs).toBe(30 * 60_000);
    } finally {
      await again.close();
    }
  });

  it('shows a duration as people read it, not as a fraction of a minute', async () => {
    expect(repliesOf(await run('settings set media-sla 30s'))[0]?.summary).toBe('media-sla is now 30 s.');
    expect(repliesOf(await run('settings set reply-sla 1h30m'))[0]?.summary).toBe('reply-sla is now 1 h 30 min.');
    expect(listItems(await run('settings'))).toEqual(
      expect.arrayContaining(['media-sla = 30 s (set in chat)', 'reply-sla = 1 h 30 min (set in chat)']),
    );
  });

  it('does not double the full stop after a value that ends with one', async () => {
    const answer = repliesOf(await run('settings set practice-contact ask for Dana at the front desk.'))[0]?.summary;
    expect(answer).toBe('practice-contact is now ask for Dana at the front desk.');
    expect(repliesOf(await run('settings set practice-contact ask for Dana'))[0]?.summary).toBe(
      'practice-contact is now ask for Dana.',
    );
  });

  it('a value with spaces is kept whole', async () => {
    await run('settings set business-hours Mon-Thu 08:00-16:00; Fri 08:00-12:00');
    expect(t.services.settings.current().businessHoursText).toBe('Mon-Thu 08:00-16:00; Fri 08:00-12:00');
    expect(t.services.settings.current().businessHours[5]).toEqual([{ open: 480, close: 720 }]);
  });

  it('a new manager list takes effect at once', async () => {
    expect(textOf(await run('settings', 'console:UNEW'))).toContain('Only practice managers');
    await run('settings set managers console:UMGR,console:UNEW');
    expect(textOf(await run('settings', 'console:UNEW'))).toContain('Tact settings');
  });

  it.each([
    [
      'settings set reply-sla soon',
      '"soon" is not a valid reply-sla: expected a duration from 1s to 24h, such as 15m, 1h, 2 hours or 90 minutes.',
    ],
    [
      'settings set timezone Mars/Base',
      '"Mars/Base" is not a valid timezone: expected an IANA time zone such as America/New_York.',
    ],
    [
      'settings set business-hours Mon 18:00-09:00',
      '"Mon 18:00-09:00" is not a valid business-hours: expected days and hours such as "Mon-Fri 9am-6pm; Sat 9am-2pm" or "Mon-Fri 09:00-18:00", with a lunch break as "Mon-Fri 9am-12:30pm, 1:30pm-6pm" (a later day segment replaces an earlier).',
    ],
    ['settings set digest-at 8am', '"8am" is not a valid digest-at: expected a local time as HH:MM, e.g. 08:00.'],
  ])('%j is refused', async (text, answer) => {
    expect(repliesOf(await run(text))[0]?.summary).toBe(answer);
    expect(t.services.settings.overridden()).toEqual([]);
    expect(t.services.settings.current().replySlaMs).toBe(30 * 60_000);
  });

  it.each([
    ['settings set colour blue', 'unknown setting; use one of: managers,'],
    ['settings set reply-sla', 'give the new value after the setting name'],
    ['settings reset', 'name the setting to change'],
    ['settings delete reply-sla', 'use show, set or reset'],
  ])('%j is a usage error', async (text, problem) => {
    const out = textOf(await run(text));
    expect(out).toContain(problem);
    expect(out).toContain('Usage: /tact settings [show|set|reset] [name] [value]');
  });

  it('is for managers only', async () => {
    const out = textOf(await run('settings set reply-sla 1m', 'console:USTAFF'));
    expect(out).toContain('Only practice managers can use /tact settings.');
    expect(out).not.toContain('30 min');
    expect(t.services.settings.current().replySlaMs).toBe(30 * 60_000);
  });
});

describe('/tact alias', () => {
  it('adds an alias without keeping the name, lists and removes it', async () => {
    expect(textOf(await run('alias add "Rose Marigold" as Tulip'))).toContain('Added the alias Tulip.');
    expect(t.services.redactor.redact('Saw Marigold Rose today')).toBe('Saw Tulip today');
    const listed = textOf(await run('alias list'));
    expect(listed).toContain('Tulip · added');
    expect(listed.toLowerCase()).not.toContain('marigold');
    const stored = JSON.stringify(await t.storage.collection('aliases').get('alias:tulip')).toLowerCase();
    expect(stored).toContain('tulip');
    expect(stored).not.toContain('marigold');
    expect(textOf(await run('alias add "Rose Marigold" as Daisy'))).toContain('That name already has an alias');
    expect(textOf(await run('alias remove Tulip'))).toContain('Removed the alias Tulip.');
    expect(t.services.redactor.redact('Saw Rose Marigold')).toBe('Saw Rose Marigold');
  });

  it('is for managers only', async () => {
    expect(textOf(await run('alias add "Rose Marigold" as Tulip', 'console:USTAFF'))).toContain(
      'Only practice managers',
    );
    expect(t.services.aliases.list()).toEqual([]);
  });
});

describe('/tact help', () => {
  it('lists settings and alias', async () => {
    const items = listItems(await run('help', 'console:USTAFF'));
    expect(items.some((i) => i.startsWith('/tact settings [show|set|reset] [name] [value] — '))).toBe(true);
    expect(items.some((i) => i.startsWith('/tact alias <add|variant|list|remove> [details] — '))).toBe(true);
  });
});
