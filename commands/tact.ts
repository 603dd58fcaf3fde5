import { z } from 'zod';
import { defineSubcommand, type Command } from '../src/chat/command.js';
import { reply } from '../src/chat/reply.js';
import { SETTING_DEFINITIONS, showSetting } from '../src/settings/definitions.js';
import { parseDays } from '../src/time/duration.js';
import { afterAudit, auditSections } from './audit-view.js';
import { digestReply, figureLines, periodFigures } from './digest.js';
import { clinicTime } from './format.js';

/** `/tact`: the bot itself: help and the clinic's settings. */

const settingNames = SETTING_DEFINITIONS.map((d) => d.name);

/** Ends words with a full stop, unless a value shown at the end already closes them ("... 555-0100."). */
function sentence(words: string): string {
  return /[.!?]$/.test(words) ? words : `${words}.`;
}

/** A period of whole days (`7d`), `fallback` when left out, refused above `max`. */
function period(fallback: number, max: number) {
  return z
    .string({ error: 'write the period as days, such as 7d or 30d' })
    .optional()
    .transform((value, ctx) => {
      const days = value === undefined ? fallback : parseDays(value);
      if (days === undefined || days > max) {
        ctx.addIssue({ code: 'custom', message: `"${value ?? ''}" is not a period; write days such as 7d or 30d (up to ${max}d)` });
        return z.NEVER;
      }
      return days;
    });
}

const settings = defineSubcommand({
  name: 'settings',
  summary: 'show the settings; `set <name> <value>` changes one, `reset <name>` goes back to the environment',
  args: [
    { name: 'action', description: 'show (default), set or reset', kind: 'word', choices: ['show', 'set', 'reset'], optional: true },
    { name: 'name', description: `a setting: ${settingNames.join(', ')}`, kind: 'word', optional: true },
    { name: 'value', description: 'the new value', kind: 'rest', optional: true },
  ],
  audience: 'managers',
  readsRawText: true,
  schema: z
    .object({
      action: z.enum(['show', 'set', 'reset'], { error: 'use show, set or reset' }).default('show'),
      name: z.enum(settingNames as [string, ...string[]], { error: `unknown setting; use one of: ${settingNames.join(', ')}` }).optional(),
      value: z.string({ error: 'give the new value as text after the setting name' }).optional(),
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
      return [reply.private(sentence(`"${input.value ?? ''}" is not a valid ${name}: expected ${result.expected ?? 'a known setting'}`))];
    }
    const definition = SETTING_DEFINITIONS.find((d) => d.name === name);
    const shown = definition ? showSetting(result.settings, definition.name) : '';
    return [reply.private(sentence(`${name} is now ${shown}${input.action === 'reset' ? ' (from the environment)' : ''}`))];
  },
});

const ALIAS_PROBLEMS = {
  'bad-alias': 'An alias is one word of 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  'bad-name': 'Give the full name in quotes (1 to 6 words), e.g. /tact alias add "Full Name" as Tulip.',
  'alias-taken': 'That alias is already in use; choose another.',
  'name-registered': 'That name already has an alias; /tact alias list shows them.',
} as const;

/** `add "<full name>" as <Alias>` | `list` | `remove <Alias>` */
function parseAlias(text: string): Record<string, unknown> {
  const [action = '', ...rest] = text.trim().split(/\s+/);
  const tail = rest.join(' ');
  if (action.toLowerCase() !== 'add') return { action: action.toLowerCase() || undefined, ...(tail ? { alias: tail } : {}) };
  const match = /^(?:"([^"]+)"|“([^”]+)”|(.+?))\s+as\s+(.+)$/i.exec(tail);
  if (!match) return { action: 'add' };
  return { action: 'add', name: match[1] ?? match[2] ?? match[3], alias: match[4]?.trim() };
}

const alias = defineSubcommand({
  name: 'alias',
  summary: 'aliases for high-profile patients: `add "<full name>" as <Alias>`, `list`, `remove <Alias>`; names are never stored',
  args: [
    { name: 'action', description: 'add, list or remove', kind: 'word', choices: ['add', 'list', 'remove'] },
    { name: 'details', description: '"<full name>" as <Alias> (add) or <Alias> (remove)', kind: 'rest', optional: true },
  ],
  audience: 'managers',
  readsRawText: true,
  parse: parseAlias,
  schema: z
    .object({
      action: z.enum(['add', 'list', 'remove'], { error: 'use add, list or remove' }),
      name: z.string({ error: 'write /tact alias add "Full Name" as Alias' }).optional(),
      alias: z.string({ error: 'write the alias as text, e.g. Tulip' }).optional(),
    })
    .refine((a) => a.action !== 'add' || (a.name && a.alias), { message: 'write /tact alias add "Full Name" as Alias', path: ['name'] })
    .refine((a) => a.action !== 'remove' || a.alias, { message: 'name the alias to remove', path: ['alias'] }),
  async run(input, ctx) {
    const registry = ctx.services.aliases;
    if (input.action === 'list') {
      const zone = ctx.services.settings.current().timezone;
      const items = registry.list().map((r) => `${r.alias} · added ${clinicTime(r.addedAt, zone)} by ${r.addedBy}`);
      return afterAudit(ctx, { read: 'alias.list', records: [] }, () => [
        reply.private(`Aliases: ${items.length}`, [
          { kind: 'heading', text: `Aliases: ${items.length}` },
          { kind: 'list', items },
          { kind: 'text', text: 'Names are kept only as keyed hashes, so they cannot be listed.' },
        ]),
      ]);
    }
    if (input.action === 'remove') {
      const removed = await registry.remove(input.alias ?? '');
      return [reply.private(removed ? `Removed the alias ${input.alias ?? ''}.` : `There is no alias "${input.alias ?? ''}".`)];
    }
    const result = await registry.add(input.name ?? '', input.alias ?? '', ctx.actor.id);
    if (!result.ok) return [reply.private(ALIAS_PROBLEMS[result.problem])];
    return [reply.private(
      `Added the alias ${result.record.alias}. Tact keeps only a keyed hash of the name and will show ${result.record.alias} wherever the name is written.`,
    )];
  },
});

const digest = defineSubcommand({
  name: 'digest',
  summary: 'the daily digest, now and only to you',
  args: [{ name: 'now', description: 'show it now', kind: 'word', choices: ['now'] }],
  audience: 'managers',
  schema: z.object({ now: z.literal('now', { error: 'write /tact digest now' }) }),
  run: async (_input, ctx) => [await digestReply(ctx.services, 'private')],
});

const stats = defineSubcommand({
  name: 'stats',
  summary: 'patient-message figures for the last N days (default 7d)',
  args: [{ name: 'period', description: 'a number of days such as 7d or 30d', kind: 'word', optional: true }],
  audience: 'managers',
  schema: z.object({ period: period(7, 366) }),
  async run(input, ctx) {
    const figures = await periodFigures(ctx.services, input.period);
    const title = `Patient messages, last ${input.period} days`;
    return [reply.private(title, [{ kind: 'heading', text: title }, { kind: 'list', items: figureLines(figures, ctx.services.settings.current().replySlaMs) }])];
  },
});

/** Entries one listing shows; the rest are counted. */
const AUDIT_LIMIT = 50;
const AUDIT_MAX_DAYS = 90;

const audit = defineSubcommand({
  name: 'audit',
  summary: `who read which complaint, press inquiry or the alias list, newest first, for the last N days (default 7d, up to ${AUDIT_MAX_DAYS}d)`,
  args: [{ name: 'period', description: 'a number of days such as 1d or 7d', kind: 'word', optional: true }],
  audience: 'managers',
  schema: z.object({ period: period(7, AUDIT_MAX_DAYS) }),
  async run(input, ctx) {
    const listing = await ctx.services.audit.recent(input.period, AUDIT_LIMIT);
    const zone = ctx.services.settings.current().timezone;
    // Reading the trail is itself a read of who looked at which record.
    return afterAudit(ctx, { read: 'audit.list', records: [], days: input.period }, () => [
      reply.private(`Audit trail, last ${input.period} days`, auditSections(listing, input.period, zone)),
    ]);
  },
});

export const tact: Command = {
  name: 'tact',
  summary: 'Tact itself: help, the clinic settings, patient aliases, the digest, figures and the audit trail.',
  subcommands: [settings, alias, digest, stats, audit],
};
