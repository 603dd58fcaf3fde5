import type { Capabilities, ChatAdapter } from '../../chat/adapter.js';
import type { Pipeline } from '../../chat/pipeline.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Reply } from '../../chat/reply.js';
import { renderReply } from './render.js';

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
    /** where files sent with replies (exports) are saved; readable by this user only */
    private readonly fileDir: string = join(tmpdir(), 'tact-exports'),
  ) {}

  async send(reply: Reply): Promise<undefined> {
    this.output.write(await this.printable(reply));
    return undefined;
  }

  /** The reply as terminal text, its files saved first and their paths printed after it. */
  async printable(reply: Reply): Promise<string> {
    const saved = await this.saveFiles(reply);
    return renderReply(reply) + '\n' + saved.map((path) => `File saved: ${path}\n`).join('');
  }

  private async saveFiles(reply: Reply): Promise<string[]> {
    if (!reply.files?.length) return [];
    await mkdir(this.fileDir, { recursive: true, mode: 0o700 });
    const paths: string[] = [];
    for (const file of reply.files) {
      const path = join(this.fileDir, basename(file.name));
      await writeFile(path, file.bytes, { mode: 0o600 });
      paths.push(path);
    }
    return paths;
  }

  async start(pipeline: Pipeline): Promise<void> {
    this.pipeline = pipeline;
  }

  async stop(): Promise<void> {}

  describe(): string {
    return 'local console (no Slack or Discord credentials)';
  }
}
