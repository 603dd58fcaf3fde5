import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineSubcommand, type Command, type CommandContext } from '../../src/chat/command.js';
import { dispatch, dispatchAction, prepareForm } from '../../src/chat/dispatch.js';
import { helpReply } from '../../src/chat/help.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/** A small command of our own, so these tests hold whatever commands/ declares. */
const ran = vi.fn<(name: string, input: unknown) => void>();

const echo = defineSubcommand({
  name: 'echo',
  summary: 'says it back',
  args: [
    { name: 'word', description: 'one word', kind: 'word' },
    { name: 'more', description: 'anything', kind: 'rest', optional: true },
  ],
  schema: z.object({
    word: z.string({ error: 'give a word' }).min(2, 'the word is too short'),
    more: z.string().optional(),
  }),
  async run(input) {
    ran('echo', input);
    return [reply.private(`${input.word} ${input.more ?? ''}`.trim())];
  },
});
const secret = defineSubcommand({
  name: 'secret',
  summary: 'managers only',
  args: [{ name: 'id', description: 'an id', kind: 'word' }],
  audience: 'managers',
  schema: z.object({ id: z.string() }),
  async run(input) {
    ran('secret', input);
    return [reply.private(`the secret of ${input.id} is 42`)];
  },
});
const press = defineSubcommand({
  name: 'press',
  summary: 'spokesperson and managers',
  args: [],
  audience: 'press',
  schema: z.object({}),
  async run() {
    ran('press', {});
    return [reply.private('press ok')];
  },
});
const contact = defineSubcommand({
  name: 'contact',
  summary: 'returns contact details',
  args: [],
  schema: z.object({}),
  async run(): Promise<Reply[]> {
    return [
      {
        visibility: 'private',
        summary: 'call 555-867-5309',
        sections: [
          { kind: 'text', text: 'mail jane.doe@example.com' },
          {
            kind: 'fields',
            fields: [
              { label: 'Phone', value: '(555) 201-3344' },
              { label: 'By', value: 'U5558675309', user: true },
            ],
          },
          { kind: 'list', title: 'Numbers', items: ['+1 555 111 2222'] },
        ],
      },
    ];
  },
});
const demo: Command = { name: 'demo', summary: 'A demo command.', subcommands: [echo, secret, press, contact] };

const log = defineSubcommand({
  name: '',
  summary: 'log a thing',
  args: [{ name: 'what', description: 'what', kind: 'rest' }],
  audience: 'managers',
  schema: z.object({ what: z.string({ error: 'say what' }).min(3, 'say more') }),
  async run(input) {
    ran('log', input);
    return [reply.private(`logged ${input.what}`)];
  },
});
const withForm: Command = {
  name: 'form',
  summary: 'A command with a form.',
  subcommands: [log],
  form: {
    subcommand: '',
    spec: {
      id: 'form-main',
      title: 'Log a thing',
      submitLabel: 'Log',
      fields: [{ id: 'what', label: 'What', kind: 'text' }],
    },
    toInput: (values) => ({ ...(values['what'] ? { what: values['what'] } : {}) }),
  },
  actions: [
    {
      id: 'form.poke',
      audience: 'managers',
      run: async (value) => {
        ran('poke', value);
        return { kind: 'replies', replies: [reply.private(`poked ${value} at 555-867-5309`)] };
      },
    },
  ],
};

let t: TestServices;
beforeEach(async () => {
  ran.mockClear();
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_SPOKESPERSON: 'UPRESS' } });
});
afterEach(async () => {
  await t.close();
});

function ctx(id: string, deliveryId?: string): CommandContext {
  return { actor: { id }, place: { platform: 'slack', channelId: 'C1' }, services: t.services, deliveryId };
}

function texts(outcome: Awaited<ReturnType<typeof dispatch>>): string {
  if (outcome.kind !== 'replies') throw new Error(`expected replies, got ${outcome.kind}`);
  return JSON.stringify(outcome.replies);
}

describe('dispatch', () => {
  it('answers no text and "help" with the generated help', async () => {
    const help = helpReply(demo);
    expect(await dispatch(demo, '', ctx('USTAFF'))).toEqual({ kind: 'replies', replies: [help] });
    expect(await dispatch(demo, '  HELP ', ctx('USTAFF'))).toEqual({ kind: 'replies', replies: [help] });
    expect(ran).not.toHaveBeenCalled();
  });

  it('opens the form when a command with one gets no text', async () => {
    expect(await dispatch(withForm, ' \u200B ', ctx('UMGR'))).toEqual({ kind: 'form', form: withForm.form?.spec });
  });

  it('an unknown subcommand is named, with help after it', async () => {
    const outcome = await dispatch(demo, 'frobnicate now', ctx('USTAFF'));
    expect(outcome.kind === 'replies' && outcome.replies.map((r) => r.summary)).toEqual([
      '/demo has no "frobnicate".',
      '/demo: A demo command.',
    ]);
  });

  it('runs the subcommand with cleaned, validated input', async () => {
    const outcome = await dispatch(demo, 'ECHO he\u200Bllo   big  world', ctx('USTAFF'));
    expect(ran).toHaveBeenCalledWith('echo', { word: 'hello', more: 'big world' });
    expect(outcome).toEqual({ kind: 'replies', replies: [reply.private('hello big world')] });
  });

  it('a usage error says what is wrong and the usage line, and runs nothing', async () => {
    const missing = texts(await dispatch(demo, 'echo', ctx('USTAFF')));
    expect(missing).toContain("That didn't work: give a word.");
    expect(missing).toContain('Usage: /demo echo <word> [more]');
    const short = texts(await dispatch(demo, 'echo x', ctx('USTAFF')));
    expect(short).toContain('the word is too short');
    expect(ran).not.toHaveBeenCalled();
  });

  it('rejects extra text after the last argument', async () => {
    const outcome = await dispatch(demo, 'secret C-1 C-2', ctx('UMGR'));
    expect(texts(outcome)).toContain('there is extra text: \\"C-2\\"');
    expect(texts(outcome)).toContain('Usage: /demo secret <id>');
    expect(ran).not.toHaveBeenCalled();
  });

  it('refuses managers-only subcommands to staff without running or echoing anything', async () => {
    const outcome = await dispatch(demo, 'secret C-77', ctx('USTAFF'));
    expect(outcome).toEqual({
      kind: 'replies',
      replies: [
        reply.private(
          'Only practice managers can use /demo secret. If you need something from it, ask your practice manager.',
        ),
      ],
    });
    expect(texts(outcome)).not.toContain('C-77');
    expect(ran).not.toHaveBeenCalled();
    expect(texts(await dispatch(demo, 'secret C-77', ctx('UMGR')))).toContain('the secret of C-77 is 42');
  });

  it('lets the spokesperson and managers use press subcommands, nobody else', async () => {
    expect(texts(await dispatch(demo, 'press', ctx('UPRESS')))).toContain('press ok');
    expect(texts(await dispatch(demo, 'press', ctx('UMGR')))).toContain('press ok');
    expect(texts(await dispatch(demo, 'press', ctx('USTAFF')))).toContain(
      'Only the media spokesperson and practice managers',
    );
    expect(ran).toHaveBeenCalledTimes(2);
  });

  it('a repeated delivery runs once and then answers duplicate', async () => {
    const first = await dispatch(demo, 'echo hello', ctx('USTAFF', 'trigger-1'));
    expect(first.kind).toBe('replies');
    expect(await dispatch(demo, 'echo hello', ctx('USTAFF', 'trigger-1'))).toEqual({ kind: 'duplicate' });
    expect(ran).toHaveBeenCalledTimes(1);
    // another delivery id is new work
    expect((await dispatch(demo, 'echo hello', ctx('USTAFF', 'trigger-2'))).kind).toBe('replies');
    expect(ran).toHaveBeenCalledTimes(2);
  });

  it('a usage error does not use up the delivery id', async () => {
    await dispatch(demo, 'echo', ctx('USTAFF', 'trigger-3'));
    expect((await dispatch(demo, 'echo hello', ctx('USTAFF', 'trigger-3'))).kind).toBe('replies');
  });

  it('passes every reply text through the redactor, but not user ids', async () => {
    const outcome = await dispatch(demo, 'contact', ctx('USTAFF'));
    const all = texts(outcome);
    for (const raw of ['555-867-5309', 'jane.doe@example.com', '(555) 201-3344', '555 111 2222'])
      expect(all).not.toContain(raw);
    for (const masked of ['call ***-***-5309', 'mail j***@***.com', '***-***-3344', '***-***-2222'])
      expect(all).toContain(masked);
    expect(all).toContain('"U5558675309"');
  });
});

describe('prepareForm', () => {
  it('names invalid fields and runs nothing', async () => {
    const prepared = prepareForm(withForm, 'form-main', { what: 'x' }, undefined, ctx('UMGR'));
    expect(prepared.kind === 'invalid-form' && prepared.errors).toEqual({ what: 'say more' });
    const empty = prepareForm(withForm, 'form-main', { what: '' }, undefined, ctx('UMGR'));
    expect(empty.kind === 'invalid-form' && empty.errors).toEqual({ what: 'say what' });
    expect(ran).not.toHaveBeenCalled();
  });

  it('runs valid values once per delivery', async () => {
    const prepared = prepareForm(withForm, 'form-main', { what: ' a\u202E thing ' }, undefined, ctx('UMGR', 'view-1'));
    expect(prepared.kind).toBe('ready');
    if (prepared.kind !== 'ready') return;
    expect(await prepared.run()).toEqual({ kind: 'replies', replies: [reply.private('logged a thing')] });
    expect(await prepared.run()).toEqual({ kind: 'duplicate' });
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('refuses a managers-only form to staff', async () => {
    const prepared = prepareForm(withForm, 'form-main', { what: 'a thing' }, undefined, ctx('USTAFF'));
    expect(prepared.kind).toBe('ready');
    if (prepared.kind !== 'ready') return;
    expect(texts(await prepared.run())).toContain('Only practice managers');
    expect(ran).not.toHaveBeenCalled();
  });

  it('throws for a form the command does not have', () => {
    expect(() => prepareForm(withForm, 'nope', {}, undefined, ctx('UMGR'))).toThrow(/no form nope/);
  });
});

describe('dispatchAction', () => {
  it('checks the audience, runs once per delivery and redacts', async () => {
    expect(texts(await dispatchAction(withForm, 'form.poke', 'C-1', ctx('USTAFF', 'a-0')))).toContain(
      'Only practice managers can use that button',
    );
    const outcome = await dispatchAction(withForm, 'form.poke', 'C-1', ctx('UMGR', 'a-1'));
    expect(texts(outcome)).toContain('poked C-1 at ***-***-5309');
    expect(await dispatchAction(withForm, 'form.poke', 'C-1', ctx('UMGR', 'a-1'))).toEqual({ kind: 'duplicate' });
    expect(ran).toHaveBeenCalledTimes(1);
    await expect(dispatchAction(withForm, 'form.nope', 'x', ctx('UMGR'))).rejects.toThrow();
  });
});
