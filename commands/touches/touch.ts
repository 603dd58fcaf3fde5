import { z } from 'zod';
import { defineSubcommand, type Command, type CommandContext } from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import {
  birthdayPlan,
  eventPlan,
  readMonthDay,
  splitEventDate,
  thankYouPlan,
  type EventDateReading,
} from '../../src/touches/dates.js';
import { TOUCH_IDS, TOUCH_LIMITS, touchId, type Touch, type TouchKind } from '../../src/touches/model.js';
import { clinicTime } from '../shared/format.js';
import { idArgument } from '../shared/ids.js';
import { ownedBy, ownedList } from '../shared/owned.js';
import { patientRef } from '../shared/patient-ref.js';
import { occasion, touchLine } from './touch-view.js';

/** `/touch`: personal touches (a first-visit thank-you, a wish before an event, a birthday), reminded to their owner. */

const KIND_WORDS: Record<string, TouchKind> = {
  'thank-you': 'thank-you',
  thankyou: 'thank-you',
  thanks: 'thank-you',
  'thank-u': 'thank-you',
  ty: 'thank-you',
  event: 'event',
  birthday: 'birthday',
  bday: 'birthday',
  'b-day': 'birthday',
};
// (a date right after "birthday" would be masked by the redactor as a birth date: examples stay apart)
const USAGE = '/touch P-12 thank-you [note] · /touch P-12 event Dec 24 wedding · /touch P-12 birthday <month day>';

function zone(ctx: CommandContext): string {
  return ctx.services.settings.current().timezone;
}

/** `thank-you`, `Thank you`, `thank‑you` (any dash), `bday`: the kind, and how many words it took. */
export function kindOf(words: readonly string[]): { kind: TouchKind; used: number } | undefined {
  // any dash; quotes too (Discord quotes an option that holds a space: `"thank you"`)
  const fold = (w: string) =>
    w
      .toLowerCase()
      .replace(/[\u2010-\u2015\u2212_]/g, '-')
      .replace(/["“”]/g, '');
  const first = fold(words[0] ?? '');
  if (first === 'thank' && fold(words[1] ?? '').replace(/[^a-z]/g, '') === 'you') return { kind: 'thank-you', used: 2 };
  const kind = KIND_WORDS[first] ?? KIND_WORDS[first.replace(/[^a-z-]/g, '')];
  return kind ? { kind, used: 1 } : undefined;
}

const QUOTED = /^["“”]([^"“”]+)["“”]\s*/;

function parseCreate(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const quoted = QUOTED.exec(trimmed);
  const ref = quoted ? quoted[1] : trimmed.split(/\s+/)[0];
  const rest = (quoted ? trimmed.slice(quoted[0].length) : trimmed.slice((ref ?? '').length)).trim();
  return { patientRef: ref, rest };
}

function eventProblem(reading: EventDateReading & { ok: false }, text: string): string {
  switch (reading.code) {
    case 'unreadable':
      return `Tact could not read "${text}" as a date. Write it like "Dec 24", "24 December", "next Saturday".`;
    case 'past':
      return `${reading.date ?? text} has already passed; give the date of the event to come.`;
    case 'too-far':
      return `${reading.date ?? text} is more than a year ahead; check the date.`;
  }
}

const noteText = z
  .string()
  .max(TOUCH_LIMITS.note, `the note is longer than ${TOUCH_LIMITS.note} characters; shorten it`);

function nothingSaved(why: string): Reply[] {
  return [reply.private(`Nothing was saved: ${why} E.g. ${USAGE}.`)];
}

function recorded(touch: Touch, ctx: CommandContext): Reply[] {
  return [
    reply.private(
      `Recorded ${touch.id}: patient ${touch.patientRef}, ${occasion(touch)}. Tact reminds you by direct message on ${clinicTime(touch.dueAt, zone(ctx))} with a draft note to send yourself.`,
    ),
  ];
}

/** The raw words after the birthday's kind word: only the month and day are read before the redactor. */
function birthdayWords(raw: string): string {
  const words = raw.trim().split(/\s+/);
  for (let i = 1; i < words.length; i += 1) {
    const found = kindOf(words.slice(i));
    if (found?.kind === 'birthday') return words.slice(i + found.used).join(' ');
  }
  return '';
}

const create = defineSubcommand({
  name: '',
  summary: 'record a personal touch: `<patient ref> thank-you [note]`, `event <date> <what>`, `birthday <month day>`',
  args: [
    { name: 'patient-ref', description: 'alias or chart number, never a full name', kind: 'word' },
    { name: 'kind', description: 'thank-you, event or birthday', kind: 'word' },
    { name: 'details', description: 'the event date and what it is; the birthday as month and day', kind: 'rest' },
  ],
  // A birthday's month and day is what the redactor masks as a birth date: the text is read raw
  // here, and everything but that month and day is taken from its redacted form.
  readsRawText: true,
  parse: (text) => ({ raw: text }),
  schema: z.object({ raw: z.string() }),
  async run(input, ctx) {
    const { services } = ctx;
    const now = services.clock.now();
    const calendar = services.calendar.current();
    // the reference is checked once redacted: a registered "Rose Marigold" is the alias Tulip
    const clean = parseCreate(services.redactor.redact(input.raw));
    const ref = patientRef.safeParse(clean['patientRef']);
    if (!ref.success) return nothingSaved(`${ref.error.issues[0]?.message ?? 'give a patient reference first'}.`);
    const words = String(clean['rest'] ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const found = kindOf(words);
    if (!found) {
      const named = words.length > 1 && kindOf(words.slice(1)) !== undefined;
      const hint = named
        ? ` If "${ref.data} ${words[0]}" is a person's name, use an alias (one word) or a chart number instead.`
        : '';
      return nothingSaved(`say thank-you, event or birthday after the patient reference.${hint}`);
    }
    const details = words.slice(found.used).join(' ');
    const base = { patientRef: ref.data, owner: ctx.actor.id };
    if (found.kind === 'thank-you') {
      const note = noteText.safeParse(details);
      if (!note.success) return nothingSaved(`${note.error.issues[0]?.message ?? 'the note is too long'}.`);
      const touch = await services.touches.create({
        ...base,
        kind: 'thank-you',
        note: note.data,
        plan: thankYouPlan(calendar, now),
      });
      return recorded(touch, ctx);
    }
    if (found.kind === 'birthday') {
      const reading = readMonthDay(birthdayWords(input.raw));
      if (!reading.ok) {
        if (reading.code === 'year')
          return [
            reply.private(
              `Nothing was saved. Tact keeps a birthday as month and day only, never a year: write /touch ${ref.data} birthday <month day>, the month and day like Feb 29 or 02-29.`,
            ),
          ];
        if (reading.code === 'no-such-day') return nothingSaved('that is not a day of the year.');
        return nothingSaved(`give the birthday as month and day, like "Feb 29", "14 March" or "03-14".`);
      }
      const touch = await services.touches.create({
        ...base,
        kind: 'birthday',
        note: '',
        birthday: reading.birthday,
        plan: birthdayPlan(calendar, reading.birthday, now),
      });
      return recorded(touch, ctx);
    }
    const split = details ? splitEventDate(details, now, zone(ctx)) : undefined;
    if (!split) return nothingSaved('give the event date first, then what it is.');
    if (!split.reading.ok) return [reply.private(`Nothing was saved. ${eventProblem(split.reading, split.dateText)}`)];
    const what = noteText.min(2, 'say what the event is').safeParse(split.rest);
    if (!what.success) return nothingSaved(`${what.error.issues[0]?.message ?? 'say what the event is'}.`);
    const touch = await services.touches.create({
      ...base,
      kind: 'event',
      note: what.data,
      plan: eventPlan(calendar, split.reading.date, now),
    });
    return recorded(touch, ctx);
  },
});

/** Owner or manager: anyone else hears it is not theirs, and nothing about it. */
async function mine(number: number, ctx: CommandContext) {
  return ownedBy(
    await ctx.services.touches.get(number),
    ctx,
    `There is no personal touch ${touchId(number)}. See /touch list.`,
  );
}

const touchArg = idArgument(TOUCH_IDS, 'a personal touch');

const list = defineSubcommand({
  name: 'list',
  summary: 'open personal touches, soonest first: yours (managers see everyone’s)',
  args: [],
  schema: z.object({}),
  async run(_input, ctx) {
    return ownedList(
      await ctx.services.touches.open(),
      ctx,
      { mine: 'Your personal touches', everyone: 'Personal touches' },
      (t) => touchLine(t, zone(ctx)),
    );
  },
});

const show = defineSubcommand({
  name: 'show',
  summary: 'one personal touch and its history',
  args: [touchArg.arg],
  schema: z.object({ id: touchArg.schema }),
  async run(input, ctx) {
    const found = await mine(input.id, ctx);
    if (!found.ok) return [found.reply];
    const t = found.record;
    return [
      reply.private(`${t.id}: patient ${t.patientRef}`, [
        { kind: 'heading', text: `${t.id} · patient ${t.patientRef} · ${t.status}` },
        {
          kind: 'fields',
          fields: [
            { label: 'Occasion', value: occasion(t) },
            { label: 'Reminder', value: clinicTime(t.dueAt, zone(ctx)) },
            { label: 'Owner', value: t.owner, user: true },
          ],
        },
        { kind: 'list', title: 'History', items: t.history.map((h) => `${clinicTime(h.at, zone(ctx))} · ${h.what}`) },
      ]),
    ];
  },
});

const cancel = defineSubcommand({
  name: 'cancel',
  summary: 'no more reminders for it',
  args: [touchArg.arg],
  schema: z.object({ id: touchArg.schema }),
  async run(input, ctx) {
    const found = await mine(input.id, ctx);
    if (!found.ok) return [found.reply];
    const result = await ctx.services.touches.cancel(input.id, ctx.actor.id);
    if (result.ok) return [reply.private(`${result.touch.id} (patient ${result.touch.patientRef}) is cancelled.`)];
    if (result.problem === 'not-found') return [reply.private(`There is no personal touch ${touchId(input.id)}.`)];
    return [reply.private(`${touchId(input.id)} is already ${result.touch?.status ?? 'closed'}: nothing changed.`)];
  },
});

export const touch: Command = {
  name: 'touch',
  summary:
    'Personal touches: a first-visit thank-you, a wish before a patient’s big day, a birthday. Tact reminds you on the day with a draft note you send yourself.',
  subcommands: [create, list, show, cancel],
};
