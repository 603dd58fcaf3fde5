import { z } from 'zod';
import { defineSubcommand } from '../../src/chat/command.js';
import { shownId } from '../../src/chat/ids.js';
import { reply } from '../../src/chat/reply.js';
import { ROLE_LABELS } from '../../src/complaints/model.js';
import { ROLE_SETTING, STAFF_ROLES, peopleIn, type StaffRole } from '../../src/complaints/roles.js';
import { settingDefinition } from '../../src/settings/definitions.js';

/**
 * `/tact roles`: who fills each pathway role. A thin view over the role settings (`providers`,
 * `nurses`, `coordinators`, `front-desk`), in the words of the pathway: step reminders go to them.
 */
/** What people call each role, singular and plural, mapped to the role. */
const ROLE_WORDS: Record<string, StaffRole> = {
  provider: 'provider',
  providers: 'provider',
  doctor: 'provider',
  doctors: 'provider',
  nurse: 'nurse',
  nurses: 'nurse',
  injector: 'nurse',
  injectors: 'nurse',
  extender: 'nurse',
  extenders: 'nurse',
  coordinator: 'coordinator',
  coordinators: 'coordinator',
  'front-desk': 'front-desk',
  frontdesk: 'front-desk',
  reception: 'front-desk',
};
const USAGE = `write /tact roles, /tact roles set <role> <user ids, comma separated> or /tact roles clear <role>; roles: ${STAFF_ROLES.join(', ')}`;

function parseRoles(text: string): Record<string, unknown> {
  const [verb = '', role = '', ...rest] = text.trim().split(/\s+/);
  const action = verb.toLowerCase() || 'list';
  return { action, ...(role ? { role: role.toLowerCase() } : {}), ...(rest.length ? { people: rest.join(' ') } : {}) };
}

const roleWord = z.string({ error: USAGE }).transform((word, ctx) => {
  const role = ROLE_WORDS[word];
  if (!role) {
    ctx.addIssue({ code: 'custom', message: `unknown role "${word}"; use one of: ${STAFF_ROLES.join(', ')}` });
    return z.NEVER;
  }
  return role;
});

export const roles = defineSubcommand({
  name: 'roles',
  summary: 'who fills each pathway role (step reminders go to them): `list`, `set <role> <user ids>`, `clear <role>`',
  args: [
    {
      name: 'action',
      description: 'list (default), set or clear',
      kind: 'word',
      choices: ['list', 'set', 'clear'],
      optional: true,
    },
    { name: 'role', description: STAFF_ROLES.join(', '), kind: 'word', optional: true },
    { name: 'people', description: 'user ids, comma separated', kind: 'rest', optional: true },
  ],
  audience: 'managers',
  parse: parseRoles,
  schema: z
    .object({
      action: z.enum(['list', 'set', 'clear'], { error: USAGE }),
      role: roleWord.optional(),
      people: z.string({ error: USAGE }).optional(),
    })
    .refine((r) => r.action === 'list' || r.role !== undefined, { message: USAGE, path: ['role'] })
    .refine((r) => r.action !== 'set' || (r.people ?? '') !== '', {
      message: 'give the user ids after the role, e.g. /tact roles set provider U012ABC,U034DEF',
      path: ['people'],
    }),
  async run(input, ctx) {
    const settings = ctx.services.settings;
    if (input.action === 'list' || !input.role) {
      const current = settings.current();
      const items = STAFF_ROLES.map((role) => {
        const people = peopleIn(role, current);
        return `${ROLE_LABELS[role]} (${role}): ${people.length ? people.map(shownId).join(', ') : 'nobody: their step reminders go to the practice managers'}`;
      });
      return [
        reply.private('Pathway roles', [
          { kind: 'heading', text: 'Who fills each pathway role' },
          { kind: 'list', items },
          {
            kind: 'text',
            text: "Step reminders go to the people in the step's role. Change one with /tact roles set provider U012ABC,U034DEF; /tact roles clear provider empties it.",
          },
        ]),
      ];
    }
    const name = ROLE_SETTING[input.role];
    const result = await settings.set(name, input.action === 'clear' ? 'none' : (input.people ?? ''), ctx.actor.id);
    if (!result.ok)
      return [reply.private(`Nothing was changed: expected ${settingDefinition(name)?.expected ?? 'user ids'}.`)];
    const people = peopleIn(input.role, result.settings);
    return [
      reply.private(
        people.length
          ? `${ROLE_LABELS[input.role]}: ${people.map(shownId).join(', ')}. Their pathway steps' reminders go to them.`
          : `Nobody is set as ${ROLE_LABELS[input.role]} now: those step reminders go to the practice managers.`,
      ),
    ];
  },
});
