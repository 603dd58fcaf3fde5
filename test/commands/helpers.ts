import { findCommand } from '../../commands/index.js';
import type { Command, CommandContext, Outcome } from '../../src/chat/command.js';
import { dispatch } from '../../src/chat/dispatch.js';
import { qualify } from '../../src/chat/ids.js';
import type { Reply, Section } from '../../src/chat/reply.js';
import type { TestServices } from '../doubles/services.js';

export function command(name: string): Command {
  const found = findCommand(name);
  if (!found) throw new Error(`no command /${name}`);
  return found;
}

/** Every piece of text a reply holds, one per line, in order. */
export function lines(reply: Reply): string[] {
  const section = (s: Section): string[] => {
    switch (s.kind) {
      case 'heading':
      case 'text':
      case 'preformatted':
        return [s.text];
      case 'fields':
        return s.fields.map((f) => `${f.label}: ${f.value}`);
      case 'list':
        return [...(s.title ? [s.title] : []), ...s.items];
    }
  };
  return [reply.summary, ...reply.sections.flatMap(section), ...(reply.actions ?? []).map((a) => a.label)];
}

export function repliesOf(outcome: Outcome): Reply[] {
  if (outcome.kind !== 'replies') throw new Error(`expected replies, got ${outcome.kind}`);
  return outcome.replies;
}

export function textOf(outcome: Outcome): string {
  return repliesOf(outcome).flatMap(lines).join('\n');
}

export function listItems(outcome: Outcome, title?: string): string[] {
  const [first] = repliesOf(outcome);
  const list = first?.sections.find((s) => s.kind === 'list' && s.title === title);
  return list?.kind === 'list' ? [...list.items] : [];
}

/**
 * Runs `/<name> <text>` as a user, the way an adapter would: ids qualified as they enter (the test
 * services run with no chat platform configured, so as the console's).
 */
export function runner(t: TestServices, name: string) {
  const cmd = command(name);
  return (text: string, user = 'UMGR', deliveryId?: string): Promise<Outcome> => {
    const ctx: CommandContext = {
      actor: { id: qualify('console', user) },
      place: { platform: 'console', channelId: 'console:C1' },
      services: t.services,
      deliveryId,
    };
    return dispatch(cmd, text, ctx);
  };
}
