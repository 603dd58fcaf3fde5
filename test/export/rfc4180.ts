/**
 * A small RFC 4180 reader for tests: fields separated by commas, records by CRLF, a quoted field
 * may hold commas, CRLF and doubled quotes. Strict: a bare quote inside an unquoted field, or a
 * lone LF between records, throws, so a writer that breaks the format fails the test.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const field = (): string => {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          return value;
        }
        value += c;
        i += 1;
      }
    }
    let value = '';
    while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
      if (text[i] === '"' || text[i] === '\n') throw new Error(`bad character in unquoted field at ${i}`);
      value += text[i];
      i += 1;
    }
    return value;
  };
  while (i < text.length) {
    row.push(field());
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      continue;
    }
    if (i < text.length) throw new Error(`expected a comma or CRLF at ${i}`);
  }
  if (row.length) rows.push(row);
  return rows;
}
