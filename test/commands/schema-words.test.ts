import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSubcommand, type Command, type CommandContext } from '../../src/chat/command.js';
import { dispatch, prepareForm } from '../../src/chat/dispatch.js';
import { reply } from '../../src/chat/reply.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import { command, textOf } from './helpers.js';

/**
 * Input problems reach people in the command's own words, never zod's defaults ("Too big: expected
 * string to have <=1000 characters"). Every schema of the staff-facing commands is fed missing,
 * empty, overlong and non-text values; and should a schema miss one, dispatch still does not show it.
 */
const ZOD_WORDS =
  /Too big|Too small|Invalid (?:input|option|string|value|key|element|union)|Unrecognized|expected (?:string|number|array|object)|received (?:undefined|number|string|array)/;

/** Valid values for every field the commands read, so that each bad value is checked on its own. */
const BASE: Record<string, Record<string, string>> = {
  complaint: {
    patientRef: 'P-1',
    text: 'charged twice',
    id: 'C-1',
    change: 'note',
    details: 'called back',
    scope: 'open',
    period: '30d',
  },
  media: { outlet: 'Daily News', question: 'is it true', id: 'M-1' },
  inquiry: { channel: 'call', 'patient-ref': 'P-1', summary: 'wants a call back', id: 'I-1' },
  tact: { action: 'set', name: 'reply-sla', value: '1h', now: 'now', period: '7d' },
};

const FIELDS = [
  'patientRef',
  'patient-ref',
  'category',
  'text',
  'source',
  'wants',
  'provider',
  'id',
  'change',
  'details',
  'scope',
  'period',
  'outlet',
  'question',
  'reporterName',
  'reporterContact',
  'deadline',
  'note',
  'channel',
  'summary',
  'action',
  'name',
  'value',
  'alias',
  'now',
];
const BAD: unknown[] = [undefined, '', ' ', 'x', 'x'.repeat(20_000), 42, ['a'], { a: 1 }];

function messagesFor(name: string): Array<{ where: string; message: string }> {
  const found: Array<{ where: string; message: string }> = [];
  const base = BASE[name] ?? {};
  for (const subcommand of command(name).subcommands) {
    const inputs: Array<Record<string, unknown>> = [];
    for (const field of FIELDS) for (const value of BAD) inputs.push({ ...base, [field]: value });
    if (name === 'complaint') {
      // each kind of update reads its details differently
      for (const change of ['resolved', 'note', 'tier', 'category', 'step']) {
        for (const details of BAD) inputs.push({ ...base, change, details });
        inputs.push(
          { ...base, change, details: `2 ${'x'.repeat(20_000)}` },
          { ...base, change, details: `aggressive ${'x'.repeat(20_000)}` },
        );
      }
    }
    for (const input of inputs) {
      const read = subcommand.read(input);
      if (read.ok) continue;
      for (const issue of read.issues)
        found.push({
          where: `/${name} ${subcommand.name} ${JSON.stringify(input).slice(0, 120)}`,
          message: issue.message,
        });
    }
  }
  return found;
}

describe('every staff-facing schema speaks for itself', () => {
  it.each(['complaint', 'media', 'inquiry', 'tact'])('/%s gives its own message for every bad value', (name) => {
    const found = messagesFor(name);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((f) => ZOD_WORDS.test(f.message))).toEqual([]);
  });

  it('says how long a note may be, on each command that takes one', () => {
    const long = 'x'.repeat(1_001);
    const note = (name: string, sub: string, input: Record<string, unknown>) => {
      const read = command(name)
        .subcommands.find((s) => s.name === sub)
        ?.read(input);
      return read && !read.ok ? read.issues.map((i) => i.message).join('; ') : 'accepted';
    };
    expect(note('inquiry', 'done', { id: 'I-1', note: long })).toBe(
      'the note is longer than 1000 characters; shorten it',
    );
    expect(note('media', 'done', { id: 'M-1', note: long })).toBe('the note is longer than 1000 characters');
    expect(note('complaint', 'update', { id: 'C-1', change: 'note', details: long })).toBe(
      'the note is longer than 1000 characters; shorten it',
    );
  });
});

describe('dispatch, should a schema miss its own words', () => {
  let t: TestServices;
  beforeEach(async () => {
    t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' } });
  });
  afterEach(async () => {
    await t.close();
  });

  const careless: Command = {
    name: 'careless',
    summary: 'a command whose schema gives no words of its own',
    subcommands: [
      defineSubcommand({
        name: 'note',
        summary: 'a note',
        args: [{ name: 'text', description: 'the note', kind: 'rest', optional: true }],
        schema: z.object({ text: z.string().min(3).max(10) }),
        run: async () => [reply.private('ok')],
      }),
    ],
    form: {
      subcommand: 'note',
      spec: {
        id: 'careless',
        title: 'Note',
        submitLabel: 'Save',
        fields: [{ id: 'text', label: 'Note', kind: 'longtext' }],
      },
      toInput: (values) => ({ text: values['text'] }),
    },
  };
  const ctx = (): CommandContext => ({
    actor: { id: 'console:UMGR' },
    place: { platform: 'console' },
    services: t.services,
  });

  it.each([
    ['note far too long for this', 'the text is too long: up to 10 characters'],
    ['note ab', 'the text is too short'],
    ['note', 'the text is missing or not text'],
  ])('%j is answered in plain words', async (text, words) => {
    const answer = textOf(await dispatch(careless, text, ctx()));
    expect(answer).toContain(`That didn't work: ${words}.`);
    expect(answer).not.toMatch(ZOD_WORDS);
  });

  it('a form field gets plain words too', () => {
    const prepared = prepareForm(careless, 'careless', { text: 'far too long for this' }, undefined, ctx());
    expect(prepared.kind === 'invalid-form' && prepared.errors).toEqual({
      text: 'the text is too long: up to 10 characters',
    });
  });
});
