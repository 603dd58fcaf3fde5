import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../doubles/services.js';

let t: TestServices | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('NervousPatients', () => {
  it('remembers a patient for TACT_NERVOUS_DAYS days under a keyed hash, never the reference itself', async () => {
    t = await buildServices({ env: { TACT_NERVOUS_DAYS: '3' }, now: '2026-03-02T15:00:00Z' });
    const { nervous, storage } = t.services;
    await nervous.mark('ZEBRA-77', 'console:UNURSE');
    expect(await nervous.isNervous('zebra-77')).toBe(true); // the same patient however it is typed
    expect(await nervous.isNervous('P-12')).toBe(false);
    const keys = await storage.collection('nervous-patients').get('ZEBRA-77');
    expect(keys).toBeUndefined();
    t.clock.set('2026-03-05T14:59:00Z');
    expect(await nervous.isNervous('ZEBRA-77')).toBe(true);
    t.clock.set('2026-03-05T15:00:01Z');
    expect(await nervous.isNervous('ZEBRA-77')).toBe(false);
  });

  it('is cleared by the person who set it or a manager, nobody else', async () => {
    t = await buildServices();
    const { nervous } = t.services;
    await nervous.mark('P-12', 'console:UNURSE');
    expect(await nervous.clear('P-12', 'console:UFD', false)).toBe('not-allowed');
    expect(await nervous.clear('P-12', 'console:UNURSE', false)).toBe('cleared');
    expect(await nervous.clear('P-12', 'console:UNURSE', false)).toBe('not-set');
    await nervous.mark('P-12', 'console:UNURSE');
    expect(await nervous.clear('P-12', 'console:UMGR', true)).toBe('cleared');
  });
});
