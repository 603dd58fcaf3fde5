import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText } from '../../src/privacy/text.js';

describe('cleanText', () => {
  it('removes zero-width characters that could hide or split words', () => {
    expect(cleanText('su\u200Be her\u200C\u200D\u2060 now\uFEFF')).toBe('sue her now');
  });

  it('removes bidi overrides and isolates that reorder what staff see', () => {
    expect(cleanText('refund \u202Eevil\u202C \u2066x\u2069')).toBe('refund evil x');
    expect(cleanText('a\u200Fb\u200Ec')).toBe('abc');
  });

  it('removes control characters and the soft hyphen but keeps newlines', () => {
    expect(cleanText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u00ADg')).toBe('abcdefg');
    expect(cleanText('line one\r\nline two\rline three')).toBe('line one\nline two\nline three');
  });

  it('normalises to NFC, so composed and decomposed letters compare equal', () => {
    const decomposed = 'Rene\u0301e';
    expect(decomposed).not.toBe('Ren\u00E9e');
    expect(cleanText(decomposed)).toBe('Ren\u00E9e');
  });

  it('collapses runs of spaces and tabs and trims', () => {
    expect(cleanText('  P-1 \t\t billing:   charged  ')).toBe('P-1 billing: charged');
  });
});

describe('cleanLine', () => {
  it('makes one line', () => {
    expect(cleanLine(' Outlet\nName\u200B ')).toBe('Outlet Name');
  });
});
