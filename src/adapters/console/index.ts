import { createInterface } from 'node:readline';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { createLineHandler } from './register.js';

/**
 * The local console: the same slash commands, typed in a terminal or piped in. Lines run one at a
 * time, in order; the promise resolves when input ends (or the user types exit) and all work is done.
 */
export async function runConsole(
  services: Services,
  logger: Logger,
  streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean },
): Promise<void> {
  const rl = createInterface({ input: streams.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const write = (text: string) => {
    streams.output.write(text);
  };
  const next = async (): Promise<string | undefined> => {
    const result = await lines.next();
    return result.done ? undefined : result.value;
  };
  const handle = createLineHandler(
    services,
    logger,
    {
      write,
      ...(streams.interactive
        ? {
            ask: async (prompt: string) => {
              write(prompt);
              return next();
            },
          }
        : {}),
    },
    process.env['USER'] ?? 'console',
  );
  const prompt = () => {
    if (streams.interactive) write('tact> ');
  };
  prompt();
  for (let line = await next(); line !== undefined; line = await next()) {
    if (/^(exit|quit)$/i.test(line.trim())) break;
    await handle(line);
    prompt();
  }
  rl.close();
}
