import { chatHandlers } from '../../../commands/handlers.js';
import { commands, findCommand } from '../../../commands/index.js';
import {
  type Answer,
  CANCELLED,
  checkAnswer,
  type FormField,
  type FormSpec,
  isCancel,
  problemLines,
} from '../../chat/form.js';
import type { Envelope, Responder } from '../../chat/inbound.js';
import { likelyMeant } from '../../chat/typos.js';
import { Pipeline } from '../../chat/pipeline.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { ConsoleOutbound, consoleText } from './outbound.js';
import { fieldPrompt } from './render.js';

/** Turns typed lines into the pipeline's command events, and a form into questions asked one by one. */
export interface ConsoleIo {
  write(text: string): void;
  /** asks one question (guided forms); undefined when there is no one to answer */
  ask?: (prompt: string) => Promise<string | undefined>;
  /** where files (charts, exports) are written (default: tact-files in the OS temp folder) */
  fileDir?: string;
}

/** How many times a refused form is asked again before the console gives up (a command that always refuses). */
const MAX_ROUNDS = 5;

/** A line handler on its own pipeline, for a console run without the rest of Tact (tests). */
export function createLineHandler(
  services: Services,
  logger: Logger,
  io: ConsoleIo,
  actorId: string,
): (line: string) => Promise<void> {
  const adapter = new ConsoleOutbound(io, io.fileDir);
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

  /**
   * Asks one field until its answer is fine (or the person cancels, or input ends: undefined).
   * A wrong answer is said in the prompt's own words and numbers, and the question comes again.
   */
  async function askField(ask: NonNullable<ConsoleIo['ask']>, field: FormField): Promise<Answer | undefined> {
    for (;;) {
      const answer = await ask(fieldPrompt(field));
      if (answer === undefined || isCancel(answer)) return undefined;
      const checked = checkAnswer(field, answer, 'numbers');
      if (checked.ok) return checked;
      io.write(`${checked.problem}\n`);
    }
  }

  /**
   * A form as questions, one by one. Nothing typed is lost: a submission the command refuses asks
   * again only the fields it named, keeping every other answer, until it is saved or cancelled.
   */
  async function runForm(form: FormSpec, commandName: string): Promise<void> {
    const ask = io.ask;
    if (!ask) return io.write(`${form.title}: type it on one line instead, e.g. /${commandName} help\n`);
    io.write(`${form.title}: answer each question; "cancel" stops with nothing saved.\n`);
    const values: Record<string, string | undefined> = {};
    let toAsk: readonly FormField[] = form.fields;
    for (let round = 0; round < MAX_ROUNDS && toAsk.length; round += 1) {
      for (const field of toAsk) {
        const answer = await askField(ask, field);
        if (!answer?.ok) return io.write(`${CANCELLED}\n`);
        values[field.id] = answer.value;
      }
      let refused: Record<string, string> = {};
      await pipeline.handle(
        adapter,
        { ...envelope, kind: 'form', formId: form.id, values: { ...values }, context: form.context },
        {
          ...responder(commandName),
          rejectForm: async (errors) => {
            refused = errors;
          },
        },
      );
      if (!Object.keys(refused).length) return;
      io.write(
        `Not saved yet:\n${problemLines(form, refused)
          .map((line) => `  ${line}`)
          .join('\n')}\n`,
      );
      toAsk = form.fields.filter((f) => refused[f.id] !== undefined);
      if (!toAsk.length) return io.write(`${CANCELLED}\n`);
    }
  }

  const responder = (commandName: string): Responder => ({
    answerPrivately: async (reply) => io.write(`${await consoleText(reply, io.fileDir)}\n`),
    openForm: (form) => runForm(form, commandName),
  });

  return async function handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
    const command = match ? findCommand(match[1] ?? '') : undefined;
    const meant =
      match && !command
        ? likelyMeant(
            match[1] ?? '',
            commands.map((c) => c.name),
          )
        : undefined;
    if (meant) {
      io.write(`There is no /${match?.[1] ?? ''}: did you mean /${meant}? (/${meant} help shows what it does)\n`);
      return;
    }
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
