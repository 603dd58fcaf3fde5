import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/adapters/store/index.js';
import { AliasRegistry } from '../../src/privacy/aliases.js';
import { createRedactor, type Redactor } from '../../src/privacy/redactor.js';
import type { Storage } from '../../src/storage.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/**
 * Names as people write them: a registered name is found by its parts (an uncommon surname alone,
 * title or initial + surname, given name + initial), by the nicknames and spellings a manager adds,
 * through look-alike letters, accents and invisible characters, and inside handles and addresses;
 * and ordinary text that shares words with a registered name is left alone.
 */
const clock = new FixedClock('2026-06-01T16:00:00.000Z');
let storage: Storage;
let registry: AliasRegistry;
let redactor: Redactor;
const key = randomBytes(32);

beforeAll(async () => {
  storage = await openStorage('memory://');
  registry = new AliasRegistry(storage.collection('aliases'), key, clock);
  await registry.load();
  const names: Array<[string, string, string[]]> = [
    ['Jessica Moreno', 'Rose', ['Jess Moreno', 'Jessie']],
    ['Maria Castellanos', 'Fern', []],
    ['Will Hunter', 'Oak', []],
    ['Rose Grant', 'Daisy', []],
    ['Robert Lee', 'Ash', ['Bob']],
    ['Amélie Okafor', 'Iris', []],
  ];
  for (const [name, alias, variants] of names) {
    const added = await registry.add(name, alias, 'UMGR', variants);
    if (!added.ok) throw new Error(`${alias}: ${added.problem}`);
  }
  redactor = createRedactor(registry, { year: () => 2026 });
});
afterAll(async () => {
  await storage.close();
});

describe('a registered name is found', () => {
  it.each([
    // parts
    ['Castellanos paid the balance', 'Fern paid the balance'],
    ['castellanos paid the balance', 'Fern paid the balance'],
    ['CASTELLANOS paid', 'Fern paid'],
    ['Okafor’s follow-up is Tuesday', 'Iris’s follow-up is Tuesday'],
    ['J. Moreno called', 'Rose called'],
    ['J Moreno called', 'Rose called'],
    ['M. Castellanos called', 'Fern called'],
    ['Ms. Moreno called', 'Rose called'],
    ['Ms Moreno called', 'Rose called'],
    ['Dr Moreno', 'Rose'],
    ['Mrs. Grant asked for the invoice', 'Daisy asked for the invoice'],
    ['Mr Hunter will call you back', 'Oak will call you back'],
    ['W. Hunter signed', 'Oak signed'],
    ['Jessica M. called twice', 'Rose called twice'],
    ['I spoke to Jessica M.', 'I spoke to Rose.'],
    ['Will H. is in room 2', 'Oak is in room 2'],
    ['Rose G., 3pm', 'Daisy, 3pm'],
    // both orders
    ['Moreno, Jessica', 'Rose'],
    ['MORENO JESSICA, DOB on file', 'Rose, DOB on file'],
    ['Hunter, Will asked for a refund', 'Oak asked for a refund'],
    ['Grant, Rose', 'Daisy'],
    // nicknames and spellings a manager registered
    ['Jess Moreno is here', 'Rose is here'],
    ['Jessie called back', 'Rose called back'],
    ['Bob wants a refund', 'Ash wants a refund'],
    ['Bob Lee and Robert Lee', 'Ash and Ash'], // a one-word nickname given with the name also goes before the surname
    // the whole name in order, even in lower case and made of common words: the safer mistake
    ['she will call will hunter', 'she will call Oak'],
    ['the Morenos came in together', 'the Roses came in together'],
    // look-alike letters, accents, invisible characters, full-width letters
    ['J\u0435ssica M\u043Ereno', 'Rose'], // Cyrillic е, о
    ['\u0408\u0435\u0455\u0455\u0456\u0441\u0430 Moreno', 'Rose'], // every letter of the given name Cyrillic
    ['Jessica M\u03BFreno', 'Rose'], // Greek ο
    ['Jes\u200Bsica More\u00ADno called', 'Rose called'],
    ['Castel\u200Dlanos\u2060 paid', 'Fern paid'],
    ['Jéssica Moréno', 'Rose'],
    ['Amelie Okafor', 'Iris'],
    ['Ｍｏｒｅｎｏ paid', 'Rose paid'],
    // handles and addresses
    ['JessicaMoreno2024 posted again', 'Rose2024 posted again'],
    ['@jessica.moreno tagged us', '@Rose tagged us'],
    ['instagram.com/jessicamoreno', 'instagram.com/Rose'],
    ['https://www.facebook.com/maria_castellanos.77', 'https://www.facebook.com/Fern.77'],
    ['#castellanos2024', '#Fern2024'],
    // other languages around the name
    ['La señora Castellanos llegó tarde y pidió un reembolso', 'La Fern llegó tarde y pidió un reembolso'],
    ['La Sra. Moreno llamó dos veces', 'La Rose llamó dos veces'],
    ['Mme Okafor a appelé, très contente', 'Iris a appelé, très contente'],
    ['«Jessica Moreno» est venue hier', '«Rose» est venue hier'],
  ])('%j', (text, expected) => {
    expect(redactor.redact(text)).toBe(expected);
  });
});

describe('ordinary text is left alone', () => {
  it.each([
    'Hunter will call you back',
    'the hunter will call you back',
    'I will. Hunter agreed',
    'Will you call her?',
    'we will grant a refund',
    'a rose bouquet for the front desk',
    'we grant refunds within 30 days',
    'Rose gold finish, grant approved',
    'Grant will call',
    'a bob haircut and a blunt fringe',
    'Lee will call',
    'Jessica called', // a common given name alone: any Jessica
    'jessie called', // a nickname that is a common word, in lower case
    'Jessica Morneo', // a typo of the surname is another name
    'Dr Grantham will see her',
    'A Hunter fan',
    'Mr. Morena', // one letter off
    'Moreland Castle Road',
    'IOU 2 jars; morning shift',
  ])('%j', (text) => {
    expect(redactor.redact(text)).toBe(text);
  });

  it('unchanged byte for byte, Unicode included, when nothing matches', () => {
    const text = 'Zoë’s 2nd visit — ½ price\u00a0ok?\n\tnext: 🎉 👩‍⚕️ Привет, Ρόδος';
    expect(redactor.redact(text)).toBe(text);
  });
});

describe('nicknames and spellings', () => {
  it('are added to an alias later, refused when another alias has them, and never stored as text', async () => {
    const local = new AliasRegistry(storage.collection('variants'), key, clock);
    await local.load();
    expect((await local.add('Jessica Moreno', 'Rose', 'UMGR')).ok).toBe(true);
    expect((await local.add('Timothy Adeyemi', 'Elm', 'UMGR')).ok).toBe(true);
    expect(local.replace('Jessie and Timmy')).toBe('Jessie and Timmy');
    expect(await local.addVariant('rose', 'Jessie')).toMatchObject({
      ok: true,
      record: { alias: 'Rose', variants: 1 },
    });
    expect(await local.addVariant('Elm', 'Timmy')).toMatchObject({ ok: true });
    expect(local.replace('Jessie and Timmy')).toBe('Rose and Elm');
    expect(await local.addVariant('Elm', 'Jessie')).toEqual({ ok: false, problem: 'name-registered' });
    expect(await local.addVariant('Nope', 'Jessie')).toEqual({ ok: false, problem: 'no-alias' });
    expect(await local.addVariant('Elm', '  ')).toEqual({ ok: false, problem: 'bad-name' });

    const again = new AliasRegistry(storage.collection('variants'), key, clock);
    await again.load();
    expect(again.replace('Jessie, Timmy, Adeyemi')).toBe('Rose, Elm, Elm');
    const stored = JSON.stringify(
      await Promise.all(['index', 'alias:rose', 'alias:elm'].map((k) => storage.collection('variants').get(k))),
    );
    expect(stored).toContain('Rose');
    for (const part of ['jessica', 'moreno', 'jessie', 'timothy', 'timmy', 'adeyemi'])
      expect(stored.toLowerCase()).not.toContain(part);
  });

  it('an alias holds at most ten spellings', async () => {
    const local = new AliasRegistry(storage.collection('many'), key, clock);
    await local.load();
    const nicknames = Array.from({ length: 9 }, (_, i) => `Nick${'abcdefghi'[i]}`);
    expect((await local.add('Jessica Moreno', 'Rose', 'UMGR', nicknames)).ok).toBe(true);
    expect(await local.addVariant('Rose', 'Jessie')).toEqual({ ok: false, problem: 'too-many-spellings' });
    expect(await local.add('Other Person', 'Elm', 'UMGR', [...nicknames.map((n) => `${n}x`), 'Tenth'])).toEqual({
      ok: false,
      problem: 'too-many-spellings',
    });
  });
});

describe('a store written before name forms', () => {
  it('still finds whole names in both orders, and keeps refusing them twice', async () => {
    const collection = storage.collection('legacy');
    const hmac = (text: string) => createHmac('sha256', key).update(text).digest('hex');
    await collection.set('alias:tulip', {
      alias: 'Tulip',
      hashes: [hmac('jane doe'), hmac('doe jane')],
      words: 2,
      addedAt: clock.now().toISOString(),
      addedBy: 'UMGR',
    });
    await collection.set('index', ['Tulip']);
    const legacy = new AliasRegistry(collection, key, clock);
    await legacy.load();
    expect(legacy.replace('Jane Doe called; Doe, Jane too; Doe will call')).toBe(
      'Tulip called; Tulip too; Doe will call',
    );
    expect(await legacy.add('Jane Doe', 'Daisy', 'UMGR')).toEqual({ ok: false, problem: 'name-registered' });
  });
});
