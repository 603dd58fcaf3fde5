import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complaintChartData } from '../../../src/charts/data.js';
import { chartPng } from '../../../src/charts/png.js';
import { computeTrends } from '../../../src/complaints/trends.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { decodePng } from '../../charts/png-check.js';
import { listItems, repliesOf, runner, textOf } from '../helpers.js';

/** /complaint trends and /tact stats carry a chart beside the text, drawn from the same figures. */
let t: TestServices;
const NOW = '2026-06-01T16:00:00.000Z';

beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' }, now: NOW });
});
afterEach(async () => {
  await t.close();
});

describe('/complaint trends', () => {
  it('attaches a PNG of the counts the text gives, with no patient reference in it', async () => {
    const complaint = runner(t, 'complaint');
    const tact = runner(t, 'tact');
    expect(textOf(await tact('alias add "Rose Marigold" as Tulip'))).toContain('Added the alias Tulip.');
    const at = async (iso: string, text: string) => {
      t.clock.set(iso);
      expect(textOf(await complaint(text, 'USTAFF'))).toContain('Logged');
    };
    await at('2026-04-10T15:00:00.000Z', 'P-2001 billing: charged twice');
    await at('2026-05-10T15:00:00.000Z', 'Tulip billing: Rose Marigold was charged twice');
    await at('2026-05-20T15:00:00.000Z', 'Tulip billing: charged again');
    await at('2026-05-25T15:00:00.000Z', 'P-2001 results: uneven on the left');
    t.clock.set(NOW);

    const outcome = await complaint('trends 30d');
    const [answer] = repliesOf(outcome);
    // The text names the repeat patient; the picture must not.
    expect(listItems(outcome, 'Repeat patients')).toEqual(['Tulip: 2 complaints']);
    expect(listItems(outcome, 'By tier')).toEqual(['legitimate: 1 (previous 1, 0)', 'escalating: 2 (previous 0, +2)']);
    expect(listItems(outcome, 'By category')).toEqual(['billing: 2 (previous 1, +1)', 'results: 1 (previous 0, +1)']);
    expect(answer?.files).toHaveLength(1);
    const file = answer?.files?.[0];
    expect(file).toMatchObject({ name: 'complaint-trends.png', mime: 'image/png', title: 'Complaints, last 30 days' });
    const png = decodePng(file?.bytes ?? new Uint8Array());
    expect(png.width).toBe(900);
    expect(png.colours).toBeGreaterThan(10);

    // The data behind it: the same counts, written out by hand, give the very same picture.
    const expected = complaintChartData(computeTrends([], new Date(NOW), 30));
    expected.subtitle = '3 complaints against 1 in the 30 days before';
    expected.panels[0] = {
      ...expected.panels[0]!,
      rows: [
        { label: 'billing', values: [2, 1] },
        { label: 'results', values: [1, 0] },
      ],
    };
    expected.panels[1] = {
      ...expected.panels[1]!,
      rows: [
        { label: 'occasional', values: [0, 0] },
        { label: 'legitimate', values: [1, 1] },
        { label: 'escalating', values: [2, 0] },
        { label: 'aggressive', values: [0, 0] },
      ],
    };
    expect(Buffer.from(file?.bytes ?? []).equals(Buffer.from(chartPng('complaint-trends', expected).bytes))).toBe(true);
  });

  it('staff get neither the text nor a chart', async () => {
    const [answer] = repliesOf(await runner(t, 'complaint')('trends', 'USTAFF'));
    expect(answer?.files).toBeUndefined();
  });
});

describe('/tact stats', () => {
  it('attaches the first-response chart by week; it changes when messages are answered', async () => {
    const tact = runner(t, 'tact');
    const empty = repliesOf(await tact('stats 14d'))[0]?.files?.[0];
    expect(empty?.name).toBe('first-responses.png');
    expect(empty?.title).toBe('First responses, last 2 weeks');

    const inquiry = runner(t, 'inquiry');
    t.clock.set('2026-06-01T14:00:00.000Z');
    await inquiry('text P-2001 asks about aftercare', 'USTAFF');
    t.clock.set('2026-06-01T14:05:00.000Z');
    expect(textOf(await inquiry('done I-1', 'USTAFF'))).toContain('answered');
    t.clock.set(NOW);

    const answer = repliesOf(await tact('stats 14d'))[0];
    expect(answer?.sections.find((s) => s.kind === 'list')).toMatchObject({
      items: expect.arrayContaining(['received 1, answered 1']),
    });
    const file = answer?.files?.[0];
    const png = decodePng(file?.bytes ?? new Uint8Array());
    expect(png.width).toBe(900);
    expect(png.colours).toBeGreaterThan(10);
    expect(Buffer.from(file?.bytes ?? []).equals(Buffer.from(empty?.bytes ?? []))).toBe(false);
  });
});
