import { createInterface } from 'node:readline';
import type { Pipeline } from '../../chat/pipeline.js';
import { ErrorCode, TactError } from '../../errors.js';
import { ConsoleOutbound } from './outbound.js';
import { lineHandler, type ConsoleIo } from './register.js';

/**
 * The local console: the same slash commands, typed in a terminal or piped in. Lines run one at a
 * time, in order; the foreground run ends when input ends (or the user types exit) and all work is done.
 */
export interface ConsoleStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
}

export class ConsoleAdapter extends ConsoleOutbound {
  constructor(
    /** where reminders and alerts go (tests: a stream of their own) */
    output: NodeJS.WritableStream,
    /** the terminal the person types in, for the foreground run */
    private readonly terminal: () => ConsoleStreams,
    private readonly actorId: string,
  ) {
    super(output);
  }

  async foreground(): Promise<void> {
    if (!this.pipeline) throw new TactError(ErrorCode.NoChatAdapter, 'the console was not started');
    await runConsole(this.pipeline, this, this.terminal(), this.actorId);
  }
}

async function runConsole(
  pipeline: Pipeline,
  adapter: ConsoleOutbound,
  streams: ConsoleStreams,
  actorId: string,
): Promise<void> {
  streams.output.write('Type /complaint help, /media help or /tact help; "exit" quits.\n');
  // At a terminal: line editing and history (arrow keys); piped input is read line by line as is.
  const rl = streams.interactive
    ? createInterface({ input: streams.input, output: streams.output, terminal: true, historySize: 200 })
    : createInterface({ input: streams.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const write = (text: string) => {
    streams.output.write(text);
  };
  /** A prompt's last line is readline's own at a terminal, so editing the answer redraws it. */
  const showPrompt = (text: string) => {
    if (!streams.interactive) return write(text);
    const cut = text.lastIndexOf('\n') + 1;
    write(text.slice(0, cut));
    rl.setPrompt(text.slice(cut));
    rl.prompt();
  };
  const next = async (): Promise<string | undefined> => {
    const result = await lines.next();
    return result.done ? undefined : result.value;
  };
  const ask = async (prompt: string) => {
    showPrompt(prompt);
    return next();
  };
  // Piped input answers forms too: the answers are the lines that follow the command.
  const io: ConsoleIo = { write, ask };
  const handle = lineHandler(pipeline, adapter, io, actorId);
  const prompt = () => {
    if (streams.interactive) showPrompt('tact> ');
  };
  prompt();
  for (let line = await next(); line !== undefined; line = await next()) {
    if (/^(exit|quit)$/i.test(line.trim())) break;
    await handle(line);
    prompt();
  }
  rl.close();
}
