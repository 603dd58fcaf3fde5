import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleOutbound } from '../../../src/adapters/console/outbound.js';
import { createLineHandler } from '../../../src/adapters/console/register.js';
import { svgToPng } from '../../../src/charts/png.js';
import type { Logger } from '../../../src/log.js';
import { decodePng } from '../../charts/png-check.js';
import { buildServices, type TestServices } from '../../doubles/services.js';

/** The console cannot show a picture: it writes the chart to a file and prints the path. */
let t: TestServices;
let dir: string;
beforeEach(async () => {
  t = await buildServices();
  dir = await mkdtemp(join(tmpdir(), 'tact-chart-test-'));
});
afterEach(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

/** The paths printed after "<chart title>: ". */
function printedPaths(text: string, title: string): string[] {
  return [...text.matchAll(new RegExp(`^${title}: (.+\\.png)$`, 'gm'))].map((m) => m[1] ?? '');
}

describe('console charts', () => {
  it('/complaint trends and /tact stats print the text, then where each chart was written', async () => {
    const written: string[] = [];
    const handle = createLineHandler(t.services, logger, { write: (s) => written.push(s), fileDir: dir }, 'me');
    await handle('/complaint P-2001 billing: charged twice');
    await handle('/complaint trends 30d');
    await handle('/tact stats');
    const trends = written.find((w) => w.includes('Complaint trends, last 30 days')) ?? '';
    const [trendsPath] = printedPaths(trends, 'Complaints, last 30 days');
    expect(trendsPath?.startsWith(dir)).toBe(true);
    expect(trendsPath).toMatch(/complaint-trends\.png$/);
    expect(decodePng(await readFile(trendsPath ?? '')).colours).toBeGreaterThan(10);
    const stats = written.find((w) => w.includes('Patient messages, last 7 days')) ?? '';
    const [statsPath] = printedPaths(stats, 'First responses, last 1 week');
    expect(decodePng(await readFile(statsPath ?? '')).width).toBe(900);
  });

  it('a reply sent to the console (the digest, reminders) writes its files too', async () => {
    const written: string[] = [];
    const outbound = new ConsoleOutbound({ write: (s) => written.push(s) }, dir);
    const bytes = svgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="2" height="2" fill="red"/></svg>',
    );
    await outbound.send({
      visibility: 'channel',
      summary: 'Weekly digest',
      sections: [{ kind: 'text', text: 'Weekly digest' }],
      files: [{ name: 'x.png', mime: 'image/png', title: 'A chart', bytes }],
    });
    const [path] = printedPaths(written.join(''), 'A chart');
    expect(decodePng(await readFile(path ?? ''))).toMatchObject({ width: 4, height: 4, colours: 2 });
  });
});
