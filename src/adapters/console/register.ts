import { commands, findCommand } from '../../../commands/index.js';
import type { CommandContext, Outcome } from '../../chat/command.js';
import { dispatch, prepareForm } from '../../chat/dispatch.js';
import { qualify } from '../../chat/ids.js';
import { matchChoice, type FormSpec, type FormValues } from '../../chat/form.js';
import { describeError, errorCodeOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { fieldPrompt, renderReply } from './render.js';

/** Turns typed lines into commands and their outcomes into text. */
export interface ConsoleIo {
  write(text: string): void;
  /** asks one question (guided forms); undefined when there is no one to answer */
  ask?: (prompt: string) => Promise<string | undefined>;
}

export function createLineHandler(services: Services, logger: Logger, io: ConsoleIo, actorId: string) {
  const context = (): CommandContext => ({
    actor: { id: qualify('console', actorId), localOperator: true },
    place: { platform: 'console' },
    services,
  });

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

  async function show(outcome: Outcome, commandName: string): Promise<void> {
    switch (outcome.kind) {
      case 'replies':
        for (const reply of outcome.replies) io.write(renderReply(reply) + '\n');
        return;
      case 'duplicate':
        return;
      case 'form': {
        const command = findCommand(commandName);
        const values = await fillForm(outcome.form);
        if (!command || !values) {
          io.write(`${outcome.form.title}: type it on one line instead, e.g. /${commandName} help\n`);
          return;
        }
        const prepared = prepareForm(command, outcome.form.id, values, outcome.form.context, context());
        if (prepared.kind === 'invalid-form') {
          io.write(`Not saved: ${Object.entries(prepared.errors).map(([field, message]) => `${field}: ${message}`).join('; ')}\n`);
          return;
        }
        await show(await prepared.run(), commandName);
      }
    }
  }

  return async function handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
    const command = match ? findCommand(match[1] ?? '') : undefined;
    if (!match || !command) {
      io.write(`Type a slash command: ${commands.map((c) => `/${c.name}`).join(', ')} (each has "help"); "exit" quits.\n`);
      return;
    }
    try {
      await show(await dispatch(command, match[2] ?? '', context()), command.name);
    } catch (error) {
      logger.error('command failed', { command: command.name, code: errorCodeOf(error), error: describeError(error) });
      io.write(`Tact could not finish that (${errorCodeOf(error)}). Nothing was confirmed; try again.\n`);
    }
  };
}
