import type { Command } from './command.js';
import { usageLine } from './command.js';
import type { Reply } from './reply.js';

/** Help is generated from the command declarations, so it cannot drift from what the parser accepts. */
export function helpReply(command: Command): Reply {
  const items = command.subcommands.map((s) => {
    const who =
      s.audience === 'managers' ? ' (managers)' : s.audience === 'press' ? ' (spokesperson and managers)' : '';
    return `${usageLine(command, s)} — ${s.summary}${who}`;
  });
  if (command.form) items.unshift(`/${command.name} — ${command.form.spec.title}: opens a form`);
  items.push(`/${command.name} help — this list`);
  const argNotes = command.subcommands
    .flatMap((s) => s.args)
    .filter((a, i, all) => all.findIndex((b) => b.name === a.name) === i)
    // an argument typed with its colon (`category:`) is named without it here: "category: ..."
    .map((a) => `${a.name.replace(/:+$/, '')}: ${a.description}`);
  return {
    visibility: 'private',
    summary: `/${command.name}: ${command.summary}`,
    sections: [
      { kind: 'heading', text: `/${command.name}` },
      { kind: 'text', text: command.summary },
      { kind: 'list', items },
      ...(argNotes.length ? [{ kind: 'list' as const, title: 'Arguments', items: argNotes }] : []),
    ],
  };
}
