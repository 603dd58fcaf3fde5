import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Capabilities, ChatAdapter } from '../../chat/adapter.js';
import type { Pipeline } from '../../chat/pipeline.js';
import type { Attachment, Reply } from '../../chat/reply.js';
import { renderReply } from './render.js';

export const DEFAULT_FILE_DIR = join(tmpdir(), 'tact-files');

/**
 * A reply as terminal text. A terminal cannot show a file: each one (a chart, an export) is written
 * to `fileDir` under a name of its own (a time stamp first), readable by this user only (an export
 * holds patient references), and its path is printed under the text.
 */
export async function consoleText(reply: Reply, fileDir = DEFAULT_FILE_DIR): Promise<string> {
  const saved: string[] = [];
  for (const file of reply.files ?? []) saved.push(await save(file, fileDir));
  return [renderReply(reply), ...saved].join('\n');
}

async function save(file: Attachment, fileDir: string): Promise<string> {
  await mkdir(fileDir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(fileDir, `${stamp}-${basename(file.name)}`);
  await writeFile(path, file.bytes, { mode: 0o600 });
  return `${file.title}: ${path}`;
}

/**
 * What the console says: everything, to whoever it is addressed, is printed. It is a whole chat
 * adapter already (line handlers in tests use it as one); ConsoleAdapter adds the terminal.
 */
export class ConsoleOutbound implements ChatAdapter {
  readonly name = 'console';
  readonly capabilities: Capabilities = { ephemeral: false, modals: false, threads: false };
  protected pipeline: Pipeline | undefined;

  constructor(
    private readonly output: { write(text: string): unknown },
    /** where files (charts, exports) are written */
    private readonly fileDir = DEFAULT_FILE_DIR,
  ) {}

  async send(reply: Reply): Promise<undefined> {
    this.output.write(`${await consoleText(reply, this.fileDir)}\n`);
    return undefined;
  }

  async start(pipeline: Pipeline): Promise<void> {
    this.pipeline = pipeline;
  }

  async stop(): Promise<void> {}

  describe(): string {
    return 'local console (no Slack or Discord credentials)';
  }
}
