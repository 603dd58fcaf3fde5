import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * CSV as RFC 4180 describes it, for spreadsheets: a header row, every field in double quotes (a
 * quote inside doubled), CRLF between records, so a comma, a quote or a line break in a field stays
 * in that field. A field that starts with = + - @ (or a tab or CR) is prefixed with an apostrophe,
 * as OWASP advises against formula injection: a spreadsheet must never run a complaint's words.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(quoted).join(',')).join('\r\n') + '\r\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;

function quoted(field: string): string {
  const safe = FORMULA_START.test(field) ? `'${field}` : field;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The bytes of a CSV file: UTF-8 with a byte-order mark, so spreadsheets read accents right. */
export function csvBytes(csv: string): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${csv}`);
}

/** `complaints-2026-12-06-90d.csv`: the clinic's date, so a folder of exports sorts by it. */
export function exportFileName(kind: string, now: Date, zone: string, days: number): string {
  return `${kind}-${format(new TZDate(now.getTime(), zone), 'yyyy-MM-dd')}-${days}d.csv`;
}
