import { describe, expect, it } from 'vitest';
import { usageLine } from '../../src/chat/command.js';
import { helpReply } from '../../src/chat/help.js';
import { commands } from '../../commands/index.js';

describe('helpReply', () => {
  it.each(commands.map((c) => [c.name, c] as const))(
    '/%s help lists every subcommand with its usage line and who may use it',
    (_name, command) => {
      const help = helpReply(command);
      expect(help.visibility).toBe('private');
      const list = help.sections.find((s) => s.kind === 'list' && s.title === undefined);
      if (list?.kind !== 'list') throw new Error('no list of subcommands');
      for (const sub of command.subcommands) {
        const line = list.items.find((i) => i.startsWith(`${usageLine(command, sub)} — ${sub.summary}`));
        expect(line, sub.name || '(default)').toBeDefined();
        expect(line?.endsWith('(managers)')).toBe(sub.audience === 'managers');
      }
      expect(list.items.at(-1)).toBe(`/${command.name} help — this list`);
      if (command.form) expect(list.items[0]).toBe(`/${command.name} — ${command.form.spec.title}: opens a form`);
      // every argument is explained once
      const notes = help.sections.find((s) => s.kind === 'list' && s.title === 'Arguments');
      const argNames = new Set(command.subcommands.flatMap((s) => s.args.map((a) => a.name)));
      if (argNames.size) {
        if (notes?.kind !== 'list') throw new Error('no argument notes');
        expect(notes.items).toHaveLength(argNames.size);
        for (const [i, name] of [...argNames].entries())
          expect(notes.items[i]?.startsWith(`${name.replace(/:+$/, '')}: `), name).toBe(true);
      }
    },
  );
});
