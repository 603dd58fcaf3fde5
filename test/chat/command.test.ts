import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineSubcommand,
  isAllowed,
  tokenize,
  usageLine,
  type Command,
  type CommandContext,
} from '../../src/chat/command.js';
import { buildServices } from '../doubles/services.js';

const sub = defineSubcommand({
  name: 'move',
  summary: 'moves a thing',
  args: [
    { name: 'id', description: 'an id', kind: 'word' },
    { name: 'where', description: 'a place', kind: 'word', choices: ['up', 'down'], optional: true },
    { name: 'note', description: 'a note', kind: 'rest', optional: true },
  ],
  schema: z.object({ id: z.string(), where: z.enum(['up', 'down']).optional(), note: z.string().optional() }),
  run: async () => [],
});
const words = defineSubcommand({
  name: 'pair',
  summary: 'two words',
  args: [
    { name: 'a', description: 'a', kind: 'word' },
    { name: 'b', description: 'b', kind: 'word' },
  ],
  schema: z.object({ a: z.string(), b: z.string() }),
  run: async () => [],
});
const command: Command = { name: 'demo', summary: 'A demo.', subcommands: [sub, words] };

describe('tokenize', () => {
  it('splits on spaces and keeps straight or curly quoted phrases whole', () => {
    expect(tokenize('a  "b c" “d e” f')).toEqual(['a', 'b c', 'd e', 'f']);
    expect(tokenize('')).toEqual([]);
  });
});

describe('positional arguments', () => {
  it('reads words, then the rest of the text', () => {
    expect(sub.parseText('C-1 up the note stays whole')).toEqual({
      id: 'C-1',
      where: 'up',
      note: 'the note stays whole',
    });
    expect(sub.parseText('"Room 4"')).toEqual({ id: 'Room 4' });
    expect(sub.parseText('')).toEqual({});
  });

  it('puts what is left after the last argument in _extra', () => {
    expect(words.parseText('x y z w')).toEqual({ a: 'x', b: 'y', _extra: 'z w' });
    expect(words.parseText('x y')).toEqual({ a: 'x', b: 'y' });
  });

  it('validates with the schema', () => {
    expect(sub.read({ id: 'C-1', where: 'up' })).toEqual({ ok: true, input: { id: 'C-1', where: 'up' } });
    const bad = sub.read({ id: 'C-1', where: 'sideways' });
    expect(bad.ok).toBe(false);
  });
});

describe('usageLine', () => {
  it('shows required args in <>, optional in [], choices joined by |', () => {
    expect(usageLine(command, sub)).toBe('/demo move <id> [up|down] [note]');
    expect(usageLine(command, words)).toBe('/demo pair <a> <b>');
  });
});

describe('isAllowed', () => {
  it('managers, the spokesperson and the local operator', async () => {
    const t = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_SPOKESPERSON: 'UPRESS' } });
    try {
      const ctx = (id: string, localOperator = false): CommandContext => ({
        actor: { id, localOperator },
        place: { platform: 'slack' },
        services: t.services,
      });
      expect(['UMGR', 'UPRESS', 'USTAFF'].map((id) => isAllowed(ctx(id), 'anyone'))).toEqual([true, true, true]);
      expect(['UMGR', 'UPRESS', 'USTAFF'].map((id) => isAllowed(ctx(id), 'managers'))).toEqual([true, false, false]);
      expect(['UMGR', 'UPRESS', 'USTAFF'].map((id) => isAllowed(ctx(id), 'press'))).toEqual([true, true, false]);
      expect(isAllowed(ctx('someone', true), 'managers')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
