import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATS_HEADER } from '../../../commands/digest/stats-export.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { parseCsv } from '../../export/rfc4180.js';
import { repliesOf, runner, textOf } from '../helpers.js';

// Wednesday 3 June 2026, 12:00 in New York (EDT)
let t: TestServices;
beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' }, now: '2026-06-03T16:00:00.000Z' });
});
afterEach(async () => {
  await t.close();
});

const csvOf = (bytes: Uint8Array | undefined) => parseCsv(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));

describe('/tact stats export', () => {
  it('managers get the figures as CSV, a row a clinic day then the total; the same numbers as /tact stats', async () => {
    const inquiry = runner(t, 'inquiry');
    const tact = runner(t, 'tact');
    await inquiry('call P-12 wants a callback about "the bill", twice', 'UFD');
    await inquiry('text P-13 is bruising normal?', 'UFD');
    t.clock.set('2026-06-03T16:10:00.000Z');
    await inquiry('done I-1', 'UFD');

    expect(textOf(await tact('stats export 3d', 'UFD'))).not.toContain('.csv');
    const [answer] = repliesOf(await tact('stats export 3d'));
    expect(answer?.summary).toContain('patient-messages-2026-06-03-3d.csv');
    const [file] = answer?.files ?? [];
    expect(file).toMatchObject({ name: 'patient-messages-2026-06-03-3d.csv', mime: 'text/csv' });
    const rows = csvOf(file?.bytes);
    expect(rows[0]).toEqual(STATS_HEADER);
    expect(rows.map((r) => r[0])).toEqual(['day', '2026-06-03', '2026-06-02', '2026-06-01', 'total']);
    const column = (name: string) => STATS_HEADER.indexOf(name);
    const today = rows[1] ?? [];
    expect(today[column('received')]).toBe('2');
    expect(today[column('answered')]).toBe('1');
    expect(rows[4]?.[column('received')]).toBe('2');
    expect(rows[2]?.[column('received')]).toBe('0');
    expect(rows.every((r) => r.length === STATS_HEADER.length)).toBe(true);
    const text = new TextDecoder().decode(file?.bytes);
    expect(text).not.toContain('P-12');
    expect(text).not.toContain('bill');

    expect(textOf(await tact('stats 3d'))).toContain('received 2, answered 1');
    expect(textOf(await tact('stats export 3d extra'))).toContain('extra text');
    expect(textOf(await tact('stats banana'))).toContain('is not a period');
  });
});
