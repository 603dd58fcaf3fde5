import { createInterface } from 'node:readline';
import type { Notifier } from '../../chat/outbox.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { createLineHandler } from './register.js';
import { renderReply } from './render.js';

/** Reminders and alerts printed where the console user sees them. */
export function consoleNotifier(output: NodeJS.WritableStream): Notifier {
  return {
    async send(reply) {
      output.write(renderReply(reply) + '\n');
      return undefined;
    },
  };
}

/**
 * The local console: the same slash commands, typed in a terminal or piped in. Lines run one at a
 * time, in order; the promise resolves when input ends (or the user types exit) and all work is done.
 */
export async function runConsole(
  services: Services,
  logger: Logger,
  streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean },
  actorId: string,
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
    actorId,
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
