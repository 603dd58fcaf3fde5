import { chatHandlers } from '../../../commands/handlers.js';
import { commands, findCommand } from '../../../commands/index.js';
import type { FormSpec, FormValues } from '../../chat/form.js';
import { matchChoice } from '../../chat/form.js';
import type { Envelope, Responder } from '../../chat/inbound.js';
import { Pipeline } from '../../chat/pipeline.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { ConsoleOutbound } from './outbound.js';
import { fieldPrompt } from './render.js';

/** Turns typed lines into the pipeline's command events, and a form into questions asked one by one. */
export interface ConsoleIo {
  write(text: string): void;
  /** asks one question (guided forms); undefined when there is no one to answer */
  ask?: (prompt: string) => Promise<string | undefined>;
}

/** A line handler on its own pipeline, for a console run without the rest of Tact (tests). */
export function createLineHandler(
  services: Services,
  logger: Logger,
  io: ConsoleIo,
  actorId: string,
  /** where files sent with replies are saved (default: the OS temp folder) */
  fileDir?: string,
): (line: string) => Promise<void> {
  const adapter = new ConsoleOutbound(io, fileDir);
  return lineHandler(
    new Pipeline({ services, logger, outbound: services.outbox, handlers: chatHandlers }),
    adapter,
    io,
    actorId,
  );
}

export function lineHandler(
  pipeline: Pipeline,
  adapter: ConsoleOutbound,
  io: ConsoleIo,
  actorId: string,
): (line: string) => Promise<void> {
  // The person at the console owns the machine and its data, so they act as a manager.
  const envelope: Envelope = { platform: adapter.name, actor: { id: actorId, localOperator: true }, place: {} };

  async function fillForm(form: FormSpec): Promise<FormValues | undefined> {
    const ask = io.ask;
    if (!ask) return undefined;
    const values: Record<string, string | undefined> = {};
    for (const field of form.fields) {
      const answer = (await ask(fieldPrompt(field)))?.trim();
      if (answer === undefined) return undefined;
      values[field.id] = answer === '' ? undefined : field.kind === 'choice' ? matchChoice(field, answer) : answer;
    }
    return values;
  }

  const responder = (commandName: string): Responder => ({
    answerPrivately: async (reply) => io.write(await adapter.printable(reply)),
    rejectForm: async (errors) =>
      io.write(
        `Not saved: ${Object.entries(errors)
          .map(([field, message]) => `${field}: ${message}`)
          .join('; ')}\n`,
      ),
    async openForm(form) {
      const values = await fillForm(form);
      if (!values) return io.write(`${form.title}: type it on one line instead, e.g. /${commandName} help\n`);
      await pipeline.handle(
        adapter,
        { ...envelope, kind: 'form', formId: form.id, values, context: form.context },
        responder(commandName),
      );
    },
  });

  return async function handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
    const command = match ? findCommand(match[1] ?? '') : undefined;
    if (!match || !command) {
      io.write(
        `Type a slash command: ${commands.map((c) => `/${c.name}`).join(', ')} (each has "help"); "exit" quits.\n`,
      );
      return;
    }
    await pipeline.handle(
      adapter,
      { ...envelope, kind: 'command', command: command.name, text: match[2] ?? '' },
      responder(command.name),
    );
  };
}
