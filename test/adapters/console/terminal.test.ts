import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatHandlers } from '../../../commands/handlers.js';
import { ConsoleAdapter } from '../../../src/adapters/console/index.js';
import { Pipeline } from '../../../src/chat/pipeline.js';
import type { Logger } from '../../../src/log.js';
import { buildServices, type TestServices } from '../../doubles/services.js';

/**
 * The console's own loop, on streams: typed at a terminal (readline's line editing and history)
 * and piped (lines read as they are), with a guided form answered in both.
 */
let t: TestServices;
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

beforeEach(async () => {
  t = await buildServices();
});
afterEach(async () => {
  await t.close();
});

async function run(interactive: boolean, keys: string): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const adapter = new ConsoleAdapter(output, () => ({ input, output, interactive }), 'alice');
  await adapter.start(
    new Pipeline({ services: t.services, logger: quiet, outbound: t.services.outbox, handlers: chatHandlers }),
  );
  const running = adapter.foreground();
  input.end(keys);
  await running;
  return out;
}

describe('the console loop', () => {
  it('piped: a guided form is answered by the lines that follow, a wrong choice asked again', async () => {
    const out = await run(
      false,
      [
        '/complaint',
        'P-7',
        '1',
        'billing',
        'charged twice',
        'wants to be seen today',
        '2',
        'skip',
        '/complaint list',
        '',
      ].join('\n'),
    );
    expect(out).toContain('Log a complaint: answer each question; "cancel" stops with nothing saved.');
    expect(out).toContain('Please answer with a number from 1 to 5, or skip.');
    expect(out).toContain('== Logged C-1 · legitimate ==');
    expect(out).not.toContain('tact> ');
    expect(await t.services.complaints.get(1)).toMatchObject({ patientRef: 'P-7', wants: 'redo' });
  });

  it('typed at a terminal: the up arrow brings the last line back, and editing keys work', async () => {
    // "/complaint P-8 billing: charged twice", then up arrow + Enter repeats it; then a line typed
    // with a mistake and corrected with backspace.
    const out = await run(true, '/complaint P-8 billing: charged twice\r\x1b[A\r/complaint lisx\x7ft\r' + 'exit\r');
    expect(out).toContain('tact> ');
    expect(out).not.toContain('^[[A');
    expect(await t.services.complaints.get(2)).toMatchObject({ patientRef: 'P-8', category: 'billing' });
    expect(out).toContain('== Open complaints: 2 ==');
  });

  it('typed at a terminal: cancel in a form says nothing was saved', async () => {
    const out = await run(true, '/complaint\rP-9\r1\rcancel\r/complaint list\rexit\r');
    expect(out).toContain('Cancelled: nothing was saved.');
    expect(out).toContain('== Open complaints: 0 ==');
    expect(await t.services.complaints.get(1)).toBeUndefined();
  });
});
