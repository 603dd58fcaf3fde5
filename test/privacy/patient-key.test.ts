import { describe, expect, it } from 'vitest';
import { patientKeyer } from '../../src/privacy/patient-key.js';

describe('patientKeyer', () => {
  const key = patientKeyer('secret-one');

  it('is stable and ignores case, surrounding spaces and Unicode form', () => {
    expect(key('P-2001')).toBe(key('P-2001'));
    expect(key('P-2001')).toBe(key(' p-2001 '));
    expect(key('Ren\u00E9e')).toBe(key('RENE\u0301E'));
  });

  it('ignores invisible characters, full-width forms and look-alike letters, as the inbound clean-up does', () => {
    expect(key('P-20\u200B01')).toBe(key('P-2001'));
    expect(key('Ｐ-２００１')).toBe(key('P-2001'));
    expect(key('R\u043Ese-VIP')).toBe(key('Rose-VIP')); // Cyrillic о
  });

  it('is a keyed hash, not the reference', () => {
    const hashed = key('Rose-VIP');
    expect(hashed).toMatch(/^[0-9a-f]{40}$/);
    expect(hashed.toLowerCase()).not.toContain('rose');
    expect(hashed).not.toBe('Rose-VIP');
    expect(patientKeyer('secret-two')('Rose-VIP')).not.toBe(hashed);
  });

  it('gives different patients different keys', () => {
    const keys = new Set(['P-1', 'P-2', 'P-10', 'P-01', 'P 1'].map(key));
    expect(keys.size).toBe(5);
  });
});
