import { contactSentenceEnd } from '../../src/settings/practice-contact.js';
import { z } from 'zod';
import { defineSubcommand, tokenize, type Command } from '../../src/chat/command.js';
import { reply } from '../../src/chat/reply.js';
import { MAX_SPELLINGS, type AliasProblem } from '../../src/privacy/aliases.js';
import { SETTING_DEFINITIONS, showSetting } from '../../src/settings/definitions.js';
import { parseDays } from '../../src/time/duration.js';
import { afterAudit, auditSections } from './audit-view.js';
import { closed } from './closed.js';
import { followupSets } from '../followups/sets.js';
import { oncall } from './oncall.js';
import { roles } from './roles.js';
import { ack, ackAction, pages } from '../urgent/pages.js';
import { signs } from './signs.js';
import { today } from './today.js';
import { digestReply, figureLines, periodFigures } from '../digest/digest.js';
import { responseChart } from '../digest/charts.js';
import { statsCsv } from '../digest/stats-export.js';
import { exportFileName } from '../../src/export/csv.js';
import { clinicTime } from '../shared/format.js';
import { replies } from '../reviews/replies.js';
import { shownId } from '../../src/chat/ids.js';

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
        ctx.addIssue({
          code: 'custom',
          message: `"${value ?? ''}" is not a period; write days such as 7d or 30d (up to ${max}d)`,
        });
        return z.NEVER;
      }
      return days;
    });
}

const settings = defineSubcommand({
  name: 'settings',
  summary: 'show the settings; `set <name> <value>` changes one, `reset <name>` goes back to the environment',
  args: [
    {
      name: 'action',
      description: 'show (default), set or reset',
      kind: 'word',
      choices: ['show', 'set', 'reset'],
      optional: true,
    },
    { name: 'name', description: `a setting: ${settingNames.join(', ')}`, kind: 'word', optional: true },
    { name: 'value', description: 'the new value', kind: 'rest', optional: true },
  ],
  audience: 'managers',
  readsRawText: true,
  schema: z
    .object({
      action: z.enum(['show', 'set', 'reset'], { error: 'use show, set or reset' }).default('show'),
      name: z
        .enum(settingNames as [string, ...string[]], {
          error: `unknown setting; use one of: ${settingNames.join(', ')}`,
        })
        .optional(),
      value: z.string({ error: 'give the new value as text after the setting name' }).optional(),
    })
    .refine((s) => s.action === 'show' || s.name !== undefined, {
      message: 'name the setting to change',
      path: ['name'],
    })
    .refine((s) => s.action !== 'set' || (s.value ?? '') !== '', {
      message: 'give the new value after the setting name',
      path: ['value'],
    }),
  async run(input, ctx) {
    const service = ctx.services.settings;
    if (input.action === 'show') {
      const overridden = new Set(service.overridden());
      const current = service.current();
      const items = SETTING_DEFINITIONS.map(
        (d) =>
          `${d.name} = ${showSetting(current, d.name)}${overridden.has(d.name) ? ' (set in chat)' : ` (${d.env})`}`,
      );
      return [
        reply.private('Tact settings', [
          { kind: 'heading', text: 'Tact settings' },
          { kind: 'list', items },
          {
            kind: 'text',
            text: 'Change one with /tact settings set <name> <value>; /tact settings reset <name> returns to the environment value.',
          },
        ]),
      ];
    }
    const name = input.name ?? '';
    const result =
      input.action === 'set' ? await service.set(name, input.value ?? '', ctx.actor.id) : await service.reset(name);
    if (!result.ok) {
      return [
        reply.private(
          sentence(
            `"${input.value ?? ''}" is not a valid ${name}: ${result.suggestion ? `${result.suggestion} Otherwise: ` : ''}expected ${result.expected ?? 'a known setting'}`,
          ),
        ),
      ];
    }
    const definition = SETTING_DEFINITIONS.find((d) => d.name === name);
    const shown = definition ? showSetting(result.settings, definition.name) : '';
    const done = sentence(`${name} is now ${shown}${input.action === 'reset' ? ' (from the environment)' : ''}`);
    // The contact line is a phrase Tact finishes a sentence with: say the sentence it makes.
    const said =
      name === 'practice-contact'
        ? [`Replies and letters will say: "… please ${contactSentenceEnd(result.settings.practiceContact)}"`]
        : [];
    return [
      reply.private(
        done,
        [done, ...said].map((text) => ({ kind: 'text' as const, text })),
      ),
    ];
  },
});

const ALIAS_PROBLEMS: Record<AliasProblem, string> = {
  'bad-alias':
    'An alias is one word of 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  'bad-name':
    'Give the full name in quotes (1 to 6 words), e.g. /tact alias add "Full Name" as Tulip; nicknames too (aka "Nick", "Other Spelling").',
  'alias-taken': 'That alias is already in use; choose another.',
  'name-registered': 'That name already has an alias (a nickname or spelling counts too); /tact alias list shows them.',
  'no-alias': 'There is no such alias; /tact alias list shows them.',
  'too-many-spellings': `An alias holds up to ${MAX_SPELLINGS} spellings: the name and ${MAX_SPELLINGS - 1} nicknames or other spellings.`,
};
const ADD_USAGE = 'write /tact alias add "Full Name" as Alias, optionally followed by aka "Nickname", "Other Spelling"';
const VARIANT_USAGE = 'write /tact alias variant add Alias "Nickname"';

/** `"a", "b"` or `a, b`: the spellings after `aka`, quoted or comma-separated. */
function spellings(text: string): string[] {
  const quoted = [...text.matchAll(/"([^"]+)"|“([^”]+)”/g)].map((m) => m[1] ?? m[2] ?? '');
  return (quoted.length ? quoted : text.split(',')).map((s) => s.trim()).filter(Boolean);
}

const QUOTED_OR_BARE = String.raw`(?:"([^"]+)"|“([^”]+)”|(.+?))`;
const ADD = new RegExp(String.raw`^${QUOTED_OR_BARE}\s+as\s+(\S+)(?:\s+aka\s+(.+))?$`, 'is');
const VARIANT = new RegExp(String.raw`^add\s+(\S+)\s+${QUOTED_OR_BARE}$`, 'is');

/** `add "<full name>" as <Alias> [aka "<nickname>", ...]` | `variant add <Alias> "<spelling>"` | `list` | `remove <Alias>` */
function parseAlias(text: string): Record<string, unknown> {
  const [action = '', ...rest] = text.trim().split(/\s+/);
  const tail = rest.join(' ');
  const verb = action.toLowerCase();
  if (verb === 'variant') {
    const match = VARIANT.exec(tail);
    return match ? { action: verb, alias: match[1], name: match[2] ?? match[3] ?? match[4] } : { action: verb };
  }
  if (verb !== 'add') return { action: verb || undefined, ...(tail ? { alias: tail } : {}) };
  const match = ADD.exec(tail);
  if (!match) return { action: 'add' };
  return {
    action: 'add',
    name: match[1] ?? match[2] ?? match[3],
    alias: match[4],
    variants: spellings(match[5] ?? ''),
  };
}

const alias = defineSubcommand({
  name: 'alias',
  summary:
    'aliases for high-profile patients: `add "<full name>" as <Alias> [aka "<nickname>", "<spelling>"]`, `variant add <Alias> "<nickname>"`, `list`, `remove <Alias>`; names are never stored',
  args: [
    {
      name: 'action',
      description: 'add, variant, list or remove',
      kind: 'word',
      choices: ['add', 'variant', 'list', 'remove'],
    },
    {
      name: 'details',
      description:
        '"<full name>" as <Alias> [aka "<nickname>"] (add), add <Alias> "<nickname>" (variant) or <Alias> (remove)',
      kind: 'rest',
      optional: true,
    },
  ],
  audience: 'managers',
  readsRawText: true,
  parse: parseAlias,
  schema: z
    .object({
      action: z.enum(['add', 'variant', 'list', 'remove'], { error: 'use add, variant, list or remove' }),
      name: z.string({ error: ADD_USAGE }).optional(),
      alias: z.string({ error: 'write the alias as text, e.g. Tulip' }).optional(),
      variants: z.array(z.string()).default([]),
    })
    .refine((a) => a.action !== 'add' || (a.name && a.alias), { message: ADD_USAGE, path: ['name'] })
    .refine((a) => a.action !== 'variant' || (a.name && a.alias), { message: VARIANT_USAGE, path: ['name'] })
    .refine((a) => a.action !== 'remove' || a.alias, { message: 'name the alias to remove', path: ['alias'] }),
  async run(input, ctx) {
    const registry = ctx.services.aliases;
    if (input.action === 'list') {
      const zone = ctx.services.settings.current().timezone;
      const items = registry.list().map((r) => {
        const others = r.variants ? ` · ${r.variants} other spelling${r.variants === 1 ? '' : 's'}` : '';
        return `${r.alias}${others} · added ${clinicTime(r.addedAt, zone)} by ${shownId(r.addedBy)}`;
      });
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
      return [
        reply.private(
          removed ? `Removed the alias ${input.alias ?? ''}.` : `There is no alias "${input.alias ?? ''}".`,
        ),
      ];
    }
    if (input.action === 'variant') {
      const result = await registry.addVariant(input.alias ?? '', input.name ?? '');
      if (!result.ok) return [reply.private(ALIAS_PROBLEMS[result.problem])];
      return [
        reply.private(
          `Added a spelling to ${result.record.alias}. Tact keeps only keyed hashes of it and will show ${result.record.alias} wherever it is written.`,
        ),
      ];
    }
    const result = await registry.add(input.name ?? '', input.alias ?? '', ctx.actor.id, input.variants);
    if (!result.ok) return [reply.private(ALIAS_PROBLEMS[result.problem])];
    const others = input.variants.length
      ? ` and ${input.variants.length} other spelling${input.variants.length === 1 ? '' : 's'}`
      : '';
    return [
      reply.private(
        `Added the alias ${result.record.alias}. Tact keeps only keyed hashes of the name${others} and will show ${result.record.alias} wherever the name is written, also by surname, with a title or an initial, and inside handles.`,
      ),
    ];
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
  summary: 'patient-message figures for the last N days (default 7d); "export" gives them as a CSV file, a row a day',
  args: [
    {
      name: 'export',
      description: 'a CSV file instead of the text',
      kind: 'word',
      choices: ['export'],
      optional: true,
    },
    { name: 'period', description: 'a number of days such as 7d or 30d', kind: 'word', optional: true },
  ],
  audience: 'managers',
  parse: (text) => {
    const words = tokenize(text);
    const wantsFile = words[0]?.toLowerCase() === 'export';
    const [period, ...extra] = wantsFile ? words.slice(1) : words;
    return {
      export: wantsFile,
      ...(period ? { period } : {}),
      ...(extra.length ? { _extra: extra.join(' ') } : {}),
    };
  },
  schema: z.object({ export: z.boolean().default(false), period: period(7, 366) }),
  async run(input, ctx) {
    if (input.export) {
      const name = exportFileName(
        'patient-messages',
        ctx.services.clock.now(),
        ctx.services.settings.current().timezone,
        input.period,
      );
      const bytes = await statsCsv(ctx.services, input.period);
      return [
        {
          ...reply.private(`Patient-message figures, last ${input.period} days, a row a day: ${name} (figures only).`),
          files: [{ name, mime: 'text/csv', title: 'Patient-message figures (CSV)', bytes }],
        },
      ];
    }
    const [figures, chart] = await Promise.all([
      periodFigures(ctx.services, input.period),
      responseChart(ctx.services, Math.ceil(input.period / 7)),
    ]);
    const title = `Patient messages, last ${input.period} days`;
    return [
      {
        ...reply.private(title, [
          { kind: 'heading', text: title },
          { kind: 'list', items: figureLines(figures, ctx.services.settings.current().replySlaMs) },
        ]),
        files: [chart],
      },
    ];
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
  summary:
    'Tact itself: help, your day (today), the clinic settings, pathway roles, on call and urgent pages, closed days, urgent signs, after-care sets, patient aliases, review reply sentences, the digest, figures and the audit trail.',
  subcommands: [
    today,
    settings,
    roles,
    oncall,
    ack,
    pages,
    closed,
    signs,
    followupSets,
    alias,
    replies,
    digest,
    stats,
    audit,
  ],
  actions: [ackAction],
};
