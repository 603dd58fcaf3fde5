import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

/** Log lines: sentences for a person at the console, JSON lines for a server or a file. */
const redact = (text: string) => text.replace(/555-\d{4}/g, '[phone]');

describe('createLogger', () => {
  it('as text: warnings and errors as short sentences; info is left out', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', redact, format: 'text', write: (l) => lines.push(l) });
    log.info('job done', { kind: 'media' });
    log.warn('no media spokesperson is set; press inquiries go to the managers');
    log.error('could not post the digest', { error: 'E_CHAT: rate limited by 555-0100' });
    expect(lines).toEqual([
      'Note: No media spokesperson is set; press inquiries go to the managers.',
      'Problem: Could not post the digest (E_CHAT: rate limited by [phone]).',
    ]);
  });

  it('as JSON (the default): one redacted JSON line each; a log file gets them too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tact-log-'));
    try {
      const file = join(dir, 'tact.log');
      const lines: string[] = [];
      const log = createLogger({ level: 'info', redact, write: (l) => lines.push(l), file });
      log.info('job done', { kind: 'media' });
      log.warn('call 555-0100');
      expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toMatchObject([
        { level: 'info', message: 'job done', kind: 'media' },
        { level: 'warn', message: 'call [phone]' },
      ]);
      expect((await readFile(file, 'utf8')).trim().split('\n')).toEqual(lines);

      const textLines: string[] = [];
      const text = createLogger({ level: 'info', redact, format: 'text', write: (l) => textLines.push(l), file });
      text.info('job done');
      expect(textLines).toEqual([]);
      expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a log file that cannot be written is said once, and logging goes on', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      redact,
      format: 'text',
      write: (l) => lines.push(l),
      file: '/nonexistent-dir/tact.log',
    });
    log.warn('first');
    log.warn('second');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Problem: cannot write the log file \/nonexistent-dir\/tact\.log/);
    expect(lines.slice(1)).toEqual(['Note: First.', 'Note: Second.']);
  });
});
