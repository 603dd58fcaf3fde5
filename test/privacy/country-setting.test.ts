import { describe, expect, it } from 'vitest';
import { tact } from '../../commands/clinic/tact.js';
import type { CommandContext } from '../../src/chat/command.js';
import { dispatch } from '../../src/chat/dispatch.js';
import { buildServices } from '../doubles/services.js';

/**
 * The clinic's country decides how a number written without a country code is read: set in the
 * environment (TACT_COUNTRY) or in chat (`/tact settings set country GB`), the redactor follows at once,
 * and the practice's own contact line is read in the same country.
 */
describe('TACT_COUNTRY and the country setting', () => {
  it('a local GB number is masked once the country is GB, and the practice line stays as published', async () => {
    const t = await buildServices({
      env: { TACT_MANAGERS: 'UMGR', TACT_PRACTICE_CONTACT: 'call us on 020 7946 0000' },
    });
    try {
      const ctx: CommandContext = {
        actor: { id: 'UMGR' },
        place: { platform: 'slack', channelId: 'C1' },
        services: t.services,
      };
      const text = 'mobile 07700 900123; practice 020 7946 0000';
      expect(t.services.redactor.redact(text)).toBe(text);
      expect(JSON.stringify(await dispatch(tact, 'settings set country gb', ctx))).toContain('country is now GB');
      expect(t.services.redactor.redact(text)).toBe('mobile ***-***-0123; practice 020 7946 0000');
      expect(JSON.stringify(await dispatch(tact, 'settings set country Narnia', ctx))).toContain(
        'is not a valid country',
      );
      expect(t.services.settings.current().country).toBe('GB');
    } finally {
      await t.close();
    }
  });

  it('is read from the environment', async () => {
    const t = await buildServices({ env: { TACT_COUNTRY: 'AU' } });
    try {
      expect(t.services.redactor.redact('ring 0412 345 678')).toBe('ring ***-***-5678');
    } finally {
      await t.close();
    }
  });
});
