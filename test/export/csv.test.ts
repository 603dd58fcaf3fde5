import { describe, expect, it } from 'vitest';
import { csvBytes, toCsv } from '../../src/export/csv.js';
import { parseCsv } from './rfc4180.js';

describe('toCsv (RFC 4180)', () => {
  it('quotes every field, doubles quotes, ends each record with CRLF, and reads back field for field', () => {
    const rows = [
      ['C-1', 'Lopez, billing', 'said "never again"'],
      ['C-2', 'line one\nline two', 'crlf\r\ninside'],
      ['C-3', '', 'café · ñ · 日本'],
    ];
    const csv = toCsv(['id', 'a', 'b'], rows);
    expect(csv.startsWith('"id","a","b"\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"said ""never again"""');
    expect(parseCsv(csv)).toEqual([['id', 'a', 'b'], ...rows]);
  });

  it('defuses spreadsheet formulas: a field starting with = + - @ gets an apostrophe', () => {
    const csv = toCsv(['x'], [['=HYPERLINK("http://evil")'], ['+1'], ['-2'], ['@SUM(A1)'], ['P-12']]);
    expect(parseCsv(csv).map((r) => r[0])).toEqual([
      'x',
      '\'=HYPERLINK("http://evil")',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      'P-12',
    ]);
  });

  it('the file is UTF-8 with a byte-order mark', () => {
    const bytes = csvBytes(toCsv(['é'], []));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('"é"\r\n');
  });

  it('the test reader itself refuses broken CSV (a bare LF, an unterminated quote)', () => {
    expect(() => parseCsv('"a"\n"b"\r\n')).toThrow();
    expect(() => parseCsv('"a\r\n')).toThrow();
  });
});
