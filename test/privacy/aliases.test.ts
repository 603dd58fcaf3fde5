import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tact } from '../../commands/clinic/tact.js';
import { openStorage } from '../../src/adapters/store/index.js';
import type { CommandContext } from '../../src/chat/command.js';
import { dispatch } from '../../src/chat/dispatch.js';
import { AliasRegistry } from '../../src/privacy/aliases.js';
import { nameWords } from '../../src/privacy/name-forms.js';
import type { Collection, Storage } from '../../src/storage.js';
import { buildServices } from '../doubles/services.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/**
 * The alias registry: names kept only as keyed hashes of their normalised form, and found again in
 * text however they are written.
 */
let storage: Storage;
let collection: Collection;
let key: Buffer;
let clock: FixedClock;
let registry: AliasRegistry;

beforeEach(async () => {
  storage = await openStorage('memory://');
  collection = storage.collection('aliases');
  key = randomBytes(32);
  clock = new FixedClock('2026-06-01T16:00:00.000Z');
  registry = new AliasRegistry(collection, key, clock);
  await registry.load();
});
afterEach(async () => {
  await storage.close();
});

/** Everything the registry wrote, read back through the Storage port. */
async function storedValues(): Promise<string> {
  const index = await collection.get('index');
  const records = await Promise.all(
    ((index ?? []) as string[]).map((alias) => collection.get(`alias:${alias.toLowerCase()}`)),
  );
  return JSON.stringify({ index, records });
}

describe('add, list, remove', () => {
  it('adds an alias, lists it with who added it and when, and removes it', async () => {
    const added = await registry.add('Jane Doe', 'Tulip', 'UMGR');
    expect(added.ok).toBe(true);
    clock.advance(60_000);
    expect((await registry.add('Rose Marigold', 'Daisy', 'UMGR2')).ok).toBe(true);
    expect(registry.list().map((r) => [r.alias, r.addedBy, r.addedAt, r.words])).toEqual([
      ['Tulip', 'UMGR', '2026-06-01T16:00:00.000Z', 2],
      ['Daisy', 'UMGR2', '2026-06-01T16:01:00.000Z', 2],
    ]);
    expect(registry.replace('Jane Doe and Rose Marigold')).toBe('Tulip and Daisy');

    expect(await registry.remove('tulip')).toBe(true);
    expect(registry.list().map((r) => r.alias)).toEqual(['Daisy']);
    expect(registry.replace('Jane Doe and Rose Marigold')).toBe('Jane Doe and Daisy');
    expect(await registry.remove('Tulip')).toBe(false);
    expect(await collection.get('alias:tulip')).toBeUndefined();
    expect(await collection.get('index')).toEqual(['Daisy']);
  });

  it('survives a restart: a new registry on the same store and key finds the names', async () => {
    await registry.add('Jane Doe', 'Tulip', 'UMGR');
    const again = new AliasRegistry(collection, key, clock);
    await again.load();
    expect(again.list().map((r) => r.alias)).toEqual(['Tulip']);
    expect(again.replace('jane doe called')).toBe('Tulip called');
  });

  it('with another key the stored hashes match nothing (the hash is keyed)', async () => {
    await registry.add('Jane Doe', 'Tulip', 'UMGR');
    const other = new AliasRegistry(collection, randomBytes(32), clock);
    await other.load();
    expect(other.list()).toHaveLength(1);
    expect(other.replace('Jane Doe called')).toBe('Jane Doe called');
  });

  it('refuses an alias already taken (in any case) and a name already registered (in any form)', async () => {
    await registry.add('Jane Doe', 'Tulip', 'UMGR');
    expect(await registry.add('Someone Else', 'TULIP', 'UMGR')).toEqual({ ok: false, problem: 'alias-taken' });
    for (const name of ['Jane Doe', 'JANE  DOE', 'jane doe’s', 'Doe, Jane', 'Jané Doe']) {
      expect(await registry.add(name, 'Daisy', 'UMGR'), name).toEqual({ ok: false, problem: 'name-registered' });
    }
    expect(registry.list()).toHaveLength(1);
  });

  it('refuses a bad alias or a name of no words or more than six', async () => {
    expect(await registry.add('Jane Doe', '', 'UMGR')).toEqual({ ok: false, problem: 'bad-alias' });
    expect(await registry.add('Jane Doe', '-Tulip', 'UMGR')).toEqual({ ok: false, problem: 'bad-alias' });
    expect(await registry.add('Jane Doe', 'Tulip<script>', 'UMGR')).toEqual({ ok: false, problem: 'bad-alias' });
    expect(await registry.add('Jane Doe', 'x'.repeat(41), 'UMGR')).toEqual({ ok: false, problem: 'bad-alias' });
    expect(await registry.add(' ,. ', 'Tulip', 'UMGR')).toEqual({ ok: false, problem: 'bad-name' });
    expect(await registry.add('one two three four five six seven', 'Tulip', 'UMGR')).toEqual({
      ok: false,
      problem: 'bad-name',
    });
    expect(await registry.add('one two three four five six', 'Tulip', 'UMGR')).toMatchObject({ ok: true });
  });
});

describe('what is stored', () => {
  it('holds only keyed hashes, never the name in any case or order', async () => {
    await registry.add('Jane Doe', 'Tulip', 'UMGR');
    await registry.add('Zoë Saldaña', 'Rose', 'UMGR');
    const stored = await storedValues();
    expect(stored).toContain('Tulip');
    for (const part of ['jane', 'doe', 'zoe', 'zoë', 'saldana', 'saldaña'])
      expect(stored.toLowerCase()).not.toContain(part);

    const record = (await collection.get('alias:tulip')) as { hashes: string[] };
    expect(record.hashes).toHaveLength(2); // both name orders
    for (const hash of record.hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // Not a plain (unkeyed) hash that anyone could recompute from a list of famous names.
    const plain = ['jane doe', 'doe jane'].map((n) => createHash('sha256').update(n).digest('hex'));
    for (const hash of plain) expect(record.hashes).not.toContain(hash);
  });

  it('a one-word name has one hash', async () => {
    await registry.add('Cher', 'Star', 'UMGR');
    expect(((await collection.get('alias:star')) as { hashes: string[] }).hashes).toHaveLength(1);
  });
});

describe('normalisation', () => {
  it('folds case, accents, spacing, punctuation and possessives', () => {
    expect(nameWords('  ZOË   Saldaña’s ')).toEqual(['zoe', 'saldana']);
    expect(nameWords("O'Brien's")).toEqual(['obrien']);
    expect(nameWords('Jane-Doe')).toEqual(['jane', 'doe']);
    expect(nameWords('Doe,\nJane')).toEqual(['doe', 'jane']);
  });

  describe('finds "Jane Doe" written as', () => {
    beforeEach(async () => {
      await registry.add('Jane Doe', 'Tulip', 'UMGR');
    });

    it.each([
      ['Jane Doe called', 'Tulip called'],
      ['JANE DOE called', 'Tulip called'],
      ['jane doe called', 'Tulip called'],
      ['Jane    Doe called', 'Tulip called'],
      ['Jane\tDoe called', 'Tulip called'],
      ['Jane\nDoe called', 'Tulip called'],
      ['Jane-Doe called', 'Tulip called'],
      ['Jane.Doe called', 'Tulip called'],
      ['Jané Doë called', 'Tulip called'],
      ['Doe, Jane called', 'Tulip called'],
      ['DOE JANE called', 'Tulip called'],
      ["Jane Doe's visit", 'Tulip’s visit'],
      ['Jane Doe’s visit', 'Tulip’s visit'],
      ["JANE DOE'S visit", 'Tulip’s visit'],
      ['Ｊａｎｅ Ｄｏｅ called', 'Tulip called'], // full-width letters
      ['Jane Doe, Jane Doe and jane doe', 'Tulip, Tulip and Tulip'],
    ])('%j', (text, expected) => {
      expect(registry.replace(text)).toBe(expected);
    });

    it.each([
      'Janet Doe called',
      'Jane Does called',
      'Jane Doering called',
      'Jane called; Doe Street',
      'Jane, then Doe',
    ])('but not %j, which is someone else', (text) => {
      // "Jane, then Doe" has a word between the two: not the name.
      expect(registry.replace(text)).toBe(text);
    });
  });

  it('finds "Zoë Saldaña" with or without accents, and composed or decomposed', async () => {
    await registry.add('Zoë Saldaña', 'Rose', 'UMGR');
    for (const text of ['Zoe Saldana', 'zoë saldaña', 'Zoe\u0308 Saldan\u0303a', 'ZOË SALDAÑA’s']) {
      expect(registry.replace(text), text).toMatch(/^Rose(’s)?$/);
    }
  });

  it('finds a registered accented-free name written with accents', async () => {
    await registry.add('Zoe Saldana', 'Rose', 'UMGR');
    expect(registry.replace('Zoë Saldaña arrived')).toBe('Rose arrived');
  });

  it('finds three-word names in both orders, with hyphens', async () => {
    await registry.add('Jane Marie Doe', 'Tulip', 'UMGR');
    await registry.add('Mary-Kate Olsen', 'Fern', 'UMGR');
    expect(registry.replace('Jane Marie Doe; Doe, Jane Marie')).toBe('Tulip; Tulip');
    expect(registry.replace('Mary-Kate Olsen, or Olsen, Mary-Kate, or mary kate olsen')).toBe('Fern, or Fern, or Fern');
    // Jane Doe alone is not Jane Marie Doe.
    expect(registry.replace('Jane Doe')).toBe('Jane Doe');
  });

  it('prefers the longest registered name and does not overlap', async () => {
    await registry.add('Jane Doe', 'Tulip', 'UMGR');
    await registry.add('Jane Doe Smith', 'Orchid', 'UMGR');
    expect(registry.replace('Jane Doe Smith and Jane Doe')).toBe('Orchid and Tulip');
  });
});

describe('names that are also common words', () => {
  beforeEach(async () => {
    await registry.add('Will Smith', 'Oak', 'UMGR');
  });

  it('leave ordinary sentences alone', () => {
    for (const text of [
      'she will call back',
      'Will you smith it?',
      'We will see. Smith said no.',
      'will-power',
      'Smithson will call',
    ]) {
      expect(registry.replace(text)).toBe(text);
    }
  });

  it('still find the name', () => {
    expect(registry.replace("Will Smith's visit is at 3")).toBe('Oak’s visit is at 3');
    expect(registry.replace('she will call will smith')).toBe('she will call Oak');
    expect(registry.replace('Smith, Will asked for a refund')).toBe('Oak asked for a refund');
  });
});

describe('Unicode text around a name survives', () => {
  it.each([
    ['日本語のメモ: Jane Doe 🎉 — ok', '日本語のメモ: Tulip 🎉 — ok'],
    ['«Jane Doe» a appelé, très contente', '«Tulip» a appelé, très contente'],
    ['Привет, Jane Doe! 👋🏽', 'Привет, Tulip! 👋🏽'],
    ['👩‍⚕️Jane Doe👩‍⚕️', '👩‍⚕️Tulip👩‍⚕️'],
    ['مرحبا Jane Doe شكرا', 'مرحبا Tulip شكرا'],
  ])('%j', async (text, expected) => {
    await registry.add('Jane Doe', 'Tulip', 'UMGR');
    expect(registry.replace(text)).toBe(expected);
  });

  it('text without registered names is returned unchanged, byte for byte', async () => {
    await registry.add('Jane Doe', 'Tulip', 'UMGR');
    const text = 'Zoë’s 2nd visit — ½ price\u00a0ok?\n\tnext: 🎉';
    expect(registry.replace(text)).toBe(text);
  });
});

describe('/tact alias replies', () => {
  it('list shows aliases, never names; add and refusals never echo the name', async () => {
    const t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' } });
    try {
      const ctx = (user: string): CommandContext => ({
        actor: { id: user },
        place: { platform: 'slack', channelId: 'C1' },
        services: t.services,
      });
      const said: string[] = [];
      const run = async (text: string, user = 'UMGR') => {
        const outcome = await dispatch(tact, text, ctx(user));
        said.push(JSON.stringify(outcome));
        return JSON.stringify(outcome);
      };
      expect(await run('alias add "Jane Doe" as Tulip')).toContain('Added the alias Tulip');
      expect(await run('alias add "Jane Doe" as Daisy')).toContain('That name already has an alias');
      expect(await run('alias add "Rose Marigold" as Tulip')).toContain('That alias is already in use');
      expect(await run('alias add "Rose Marigold" as <Tulip>')).toContain('An alias is one word of 1 to 40 letters');
      expect(await run('alias add "Rose Marigold"')).toContain('write /tact alias add');
      expect(await run('alias add "Rose Marigold" as Daisy', 'USTAFF')).toContain('Only practice managers');
      const listed = await run('alias list');
      expect(listed).toContain('Tulip · added Mon 1 Jun 12:00 by UMGR');
      expect(listed).toContain('Names are kept only as keyed hashes');
      expect(await run('alias list', 'USTAFF')).toContain('Only practice managers');
      for (const text of said) expect(text).not.toMatch(/jane|doe\b|rose marigold|marigold/i);
    } finally {
      await t.close();
    }
  });

  it('aka and variant add register nicknames; the old form still works; replies never echo a name', async () => {
    const t = await buildServices({ env: { TACT_MANAGERS: 'UMGR' } });
    try {
      const ctx: CommandContext = {
        actor: { id: 'UMGR' },
        place: { platform: 'slack', channelId: 'C1' },
        services: t.services,
      };
      const said: string[] = [];
      const run = async (text: string) => {
        const outcome = JSON.stringify(await dispatch(tact, text, ctx));
        said.push(outcome);
        return outcome;
      };
      expect(await run('alias add "Jessica Moreno" as Rose aka "Jess Moreno", "Jessie"')).toContain(
        'Added the alias Rose',
      );
      expect(await run('alias add “Maria Castellanos” as Fern aka Mari, Marita')).toContain('and 2 other spellings');
      expect(await run('alias add Robert Lee as Ash')).toContain('Added the alias Ash');
      expect(await run('alias variant add Ash "Bobby"')).toContain('Added a spelling to Ash');
      expect(await run('alias variant add Ash Bobby')).toContain('That name already has an alias');
      expect(await run('alias variant add Nobody "Bobby"')).toContain('There is no such alias');
      expect(await run('alias variant add Ash')).toContain('write /tact alias variant add Alias');
      expect(await run('alias add "Jess Moreno" as Iris')).toContain('That name already has an alias');
      const listed = await run('alias list');
      expect(listed).toContain('Rose · 2 other spellings · added');
      expect(listed).toContain('Ash · 1 other spelling · added');
      expect(t.services.redactor.redact('Jessie, Mari, Bobby and Mr Lee')).toBe('Rose, Fern, Ash and Ash');
      for (const text of said)
        expect(text).not.toMatch(/jessica|moreno|jessie|castellanos|marita|robert|bobby|\blee\b/i);
    } finally {
      await t.close();
    }
  });
});

describe('edges of a name in running text', () => {
  it('reads a closing quote as punctuation, not a possessive; keeps real possessives', async () => {
    await registry.add('Jane Doe', 'Tulip', 'UMGR');
    expect(registry.replace('She said ‘Jane Doe’ was here')).toBe('She said ‘Tulip’ was here');
    expect(registry.replace("Jane Doe's visit and James' chart")).toBe("Tulip’s visit and James' chart");
  });
});
