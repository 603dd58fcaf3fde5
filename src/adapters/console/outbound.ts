import type { Capabilities, ChatAdapter } from '../../chat/adapter.js';
import type { Pipeline } from '../../chat/pipeline.js';
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

  constructor(private readonly output: { write(text: string): unknown }) {}

  /** One terminal, one person: every id is printed here. */
  owns(): boolean {
    return true;
  }

  async send(reply: Reply): Promise<undefined> {
    this.output.write(renderReply(reply) + '\n');
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
