import { z } from 'zod';
import { defineSubcommand, type Command } from '../src/chat/command.js';
import { reply } from '../src/chat/reply.js';
import { SETTING_DEFINITIONS, showSetting } from '../src/settings/definitions.js';

/** `/tact`: the bot itself: help and the clinic's settings. */

const settingNames = SETTING_DEFINITIONS.map((d) => d.name);

const settings = defineSubcommand({
  name: 'settings',
  summary: 'show the settings; `set <name> <value>` changes one, `reset <name>` goes back to the environment',
  args: [
    { name: 'action', description: 'show (default), set or reset', kind: 'word', choices: ['show', 'set', 'reset'], optional: true },
    { name: 'name', description: `a setting: ${settingNames.join(', ')}`, kind: 'word', optional: true },
    { name: 'value', description: 'the new value', kind: 'rest', optional: true },
  ],
  managersOnly: true,
  schema: z
    .object({
      action: z.enum(['show', 'set', 'reset'], { error: 'use show, set or reset' }).default('show'),
      name: z.enum(settingNames as [string, ...string[]], { error: `unknown setting; use one of: ${settingNames.join(', ')}` }).optional(),
      value: z.string().optional(),
    })
    .refine((s) => s.action === 'show' || s.name !== undefined, { message: 'name the setting to change', path: ['name'] })
    .refine((s) => s.action !== 'set' || (s.value ?? '') !== '', { message: 'give the new value after the setting name', path: ['value'] }),
  async run(input, ctx) {
    const service = ctx.services.settings;
    if (input.action === 'show') {
      const overridden = new Set(service.overridden());
      const current = service.current();
      const items = SETTING_DEFINITIONS.map(
        (d) => `${d.name} = ${showSetting(current, d.name)}${overridden.has(d.name) ? ' (set in chat)' : ` (${d.env})`}`,
      );
      return [reply.private('Tact settings', [
        { kind: 'heading', text: 'Tact settings' },
        { kind: 'list', items },
        { kind: 'text', text: 'Change one with /tact settings set <name> <value>; /tact settings reset <name> returns to the environment value.' },
      ])];
    }
    const name = input.name ?? '';
    const result = input.action === 'set' ? await service.set(name, input.value ?? '', ctx.actor.id) : await service.reset(name);
    if (!result.ok) {
      return [reply.private(`"${input.value ?? ''}" is not a valid ${name}: expected ${result.expected ?? 'a known setting'}.`)];
    }
    const definition = SETTING_DEFINITIONS.find((d) => d.name === name);
    const shown = definition ? showSetting(result.settings, definition.name) : '';
    return [reply.private(`${name} is now ${shown}${input.action === 'reset' ? ' (from the environment)' : ''}.`)];
  },
});

export const tact: Command = {
  name: 'tact',
  summary: 'Tact itself: help and the clinic settings.',
  subcommands: [settings],
};
