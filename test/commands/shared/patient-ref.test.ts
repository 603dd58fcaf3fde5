import { describe, expect, it } from 'vitest';
import { nameLikeRef, patientRef } from '../../../commands/shared/patient-ref.js';

const ALIASES = ['Rose', 'Starlight', 'Émeraude'];
const ok = (ref: string, next?: string) => nameLikeRef(ref, next, ALIASES);

describe('nameLikeRef: a patient reference must be a record number or a registered alias', () => {
  it('accepts chart numbers, ids and masked phones', () => {
    for (const ref of ['P-12', '#2001', '004512', 'MRN-88', 'p12', '***-***-0142', 'A1'])
      expect(ok(ref), ref).toBeUndefined();
  });

  it('accepts registered aliases in any case, with accents or look-alike letters folded', () => {
    for (const ref of ['Rose', 'rose', 'ROSE', 'starlight', 'Emeraude', 'émeraude', 'Rоse' /* Cyrillic о */])
      expect(ok(ref), ref).toBeUndefined();
  });

  it('refuses first names and surnames that are not aliases, in any language or script', () => {
    for (const ref of ['Maria', 'maria', 'José', 'Zoë', 'Mohammed', 'Siobhán', 'Мария', 'Ngozi', '陈', 'Lopez'])
      expect(ok(ref), ref).toContain('is not a registered alias');
  });

  it('names a full name as such', () => {
    expect(ok('Maria', 'Lopez')).toContain('"Maria Lopez" looks like a person\'s name');
    expect(ok('Rose', 'Lopez')).toBeUndefined();
  });

  it('refuses titles, with or without the full stop, in the languages the redactor knows', () => {
    for (const ref of ['Mrs', 'mrs', 'Mr.', 'Dr', 'Sra.', 'Mme', 'Herr', 'Frau'])
      expect(ok(ref, 'Lopez'), ref).toContain('is a title, not a patient reference');
  });

  it('every refusal says how to write a reference and that nothing was saved', () => {
    expect(ok('Maria')).toContain('chart number (004512, #2001, P-12) or an alias registered with /tact alias add');
    expect(ok('Maria')).toContain('nothing was saved');
  });

  it('the schema still refuses two words; an invisible character does not hide a name', () => {
    expect(patientRef.safeParse('Maria Lopez').success).toBe(false);
    expect(ok('Ma\u200Bria')).toContain('"Maria" is not a registered alias');
    expect(ok('Ro\u00ADse')).toBeUndefined();
  });
});
