import * as crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStorage } from '../../src/adapters/store/index.js';
import { AliasRegistry, type AliasRecord } from '../../src/privacy/aliases.js';
import { createRedactor, type Redactor } from '../../src/privacy/redactor.js';
import type { Storage } from '../../src/storage.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/**
 * The one redactor: registered names become their alias, phone numbers keep their last four digits,
 * email addresses are masked, all in one pass. Its cost follows the text, not the registry: finding
 * names hashes the text's word windows (at most one HMAC per word and registered name length), so
 * the number of HMAC computations is counted instead of timing anything.
 */
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, createHmac: vi.fn(actual.createHmac) };
});
const createHmac = vi.mocked(crypto.createHmac);

const clock = new FixedClock('2026-06-01T16:00:00.000Z');
const key = crypto.randomBytes(32);
let storage: Storage;

beforeAll(async () => {
  storage = await openStorage('memory://');
});
afterAll(async () => {
  await storage.close();
});

let registries = 0;
async function registry(names: Array<[string, string]>): Promise<AliasRegistry> {
  registries += 1;
  const r = new AliasRegistry(storage.collection(`aliases-${registries}`), key, clock);
  await r.load();
  for (const [name, alias] of names) {
    const added = await r.add(name, alias, 'UMGR');
    if (!added.ok) throw new Error(`could not add ${alias}: ${added.problem}`);
  }
  return r;
}

/**
 * A registry of `count` names as a store would hold it after years of use. Each record is made by
 * the registry itself (on a scratch collection, one at a time) and then written through the Storage
 * port, so the hashes are the registry's own; loading it is one pass.
 */
async function largeRegistry(count: number, extra: Array<[string, string]>): Promise<AliasRegistry> {
  registries += 1;
  const scratch = new AliasRegistry(storage.collection(`scratch-${registries}`), key, clock);
  await scratch.load();
  const target = storage.collection(`aliases-${registries}`);
  const aliases: string[] = [];
  const all: Array<[string, string]> = [...extra];
  for (let i = 0; i < count - extra.length; i += 1) {
    // one to four words, so the registry holds names of several lengths
    const words = [`Given${i}`, `Middle${i}`, `Other${i}`, `Family${i}`].slice(0, (i % 4) + 1);
    all.push([words.join(' '), `A${i}`]);
  }
  for (const [name, alias] of all) {
    const added = await scratch.add(name, alias, 'UMGR');
    if (!added.ok) throw new Error(`could not add ${alias}: ${added.problem}`);
    await scratch.remove(alias);
    const record: AliasRecord = added.record;
    await target.set(`alias:${alias.toLowerCase()}`, record);
    aliases.push(alias);
  }
  await target.set('index', aliases);
  const loaded = new AliasRegistry(target, key, clock);
  await loaded.load();
  return loaded;
}

function hmacsFor(work: () => void): number {
  createHmac.mockClear();
  work();
  return createHmac.mock.calls.length;
}

const wordCount = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;

describe('one pass over names, phones and emails', () => {
  let redactor: Redactor;
  beforeAll(async () => {
    redactor = createRedactor(
      await registry([
        ['Jane Doe', 'Tulip'],
        ['Will Smith', 'Oak'],
      ]),
    );
  });

  it('replaces names, masks phones and emails in the same text', () => {
    expect(
      redactor.redact("Jane Doe's husband (555) 201-7788, jane.d@example.com, asked if Will Smith will call"),
    ).toBe('Tulip’s husband ***-***-7788, j***@***.com, asked if Oak will call');
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    const once = redactor.redact('Doe, Jane at 555.201.7788 or jd@clinic.example.org; she will call Will Smith');
    expect(redactor.redact(once)).toBe(once);
  });

  it('a name split across a line break or punctuation, next to a phone number', () => {
    expect(redactor.redact('Patient: Jane\nDoe, cell 555-201-7788')).toBe('Patient: Tulip, cell ***-***-7788');
    expect(redactor.redact('JANE-DOE/555 201 7788')).toBe('Tulip/***-***-7788');
  });

  it('leaves clinic identifiers and ordinary words alone', () => {
    const text = 'C-12 for P-2001 on 2026-11-23 at 09:30; she will call back';
    expect(redactor.redact(text)).toBe(text);
  });
});

describe('cost follows the text, not the registry', () => {
  it('with 5,000 registered names, every name in the text is still found, and nothing else is touched', async () => {
    const big = await largeRegistry(5_000, [
      ['Jane Doe', 'Tulip'],
      ['Will Smith', 'Oak'],
      ['Cher', 'Star'],
    ]);
    expect(big.list()).toHaveLength(5_000);
    const redactor = createRedactor(big);
    const text =
      "Given4995 Middle4995 Other4995 Family4995 and given17 middle17 called; Doe, Jane's chart; Cher's too; " +
      'Given20 is not Given21 Middle21 Other21 backwards: Other21 Middle21 Given21; she will call 555-201-7788';
    expect(redactor.redact(text)).toBe(
      // 4995 % 4 = 3 → four words; 17 → two words; 20 → one word; 21 → two words ("Given21 Middle21"), so the third word stays
      'A4995 and A17 called; Tulip’s chart; Star’s too; A20 is not A21 Other21 backwards: Other21 A21; she will call ***-***-7788',
    );
  });

  it('the number of HMACs is bounded by the words in the text times the distinct name lengths, whatever the registry size', async () => {
    const text =
      'Front desk note: Jane Doe called about her Tuesday visit; Will Smith is on the list; she will call back at noon.';
    const small = await registry([
      ['Jane Doe', 'Tulip'],
      ['Will Smith', 'Oak'],
      ['Cher', 'Star'],
      ['One Two Three', 'Trio'],
      ['Four Five Six Seven', 'Quad'],
    ]);
    const big = await largeRegistry(5_000, [
      ['Jane Doe', 'Tulip'],
      ['Will Smith', 'Oak'],
    ]);
    const smallCount = hmacsFor(() => small.find(text));
    const bigCount = hmacsFor(() => big.find(text));
    expect(smallCount).toBeGreaterThan(0);
    // Both registries hold names of 1 to 4 words: the same windows are hashed.
    expect(bigCount).toBe(smallCount);
    expect(bigCount).toBeLessThanOrEqual(wordCount(text) * 4);
    // And the result is the same.
    expect(big.replace(text)).toBe(small.replace(text));
  });

  it('no registered names: no hashing at all', async () => {
    const empty = await registry([]);
    expect(hmacsFor(() => empty.find('Jane Doe called about her visit'))).toBe(0);
  });

  it('twice the text, about twice the hashing; a bigger registry, no more', async () => {
    const r = await registry([
      ['Jane Doe', 'Tulip'],
      ['Cher', 'Star'],
    ]);
    const line = 'Jane Doe called about her Tuesday visit and asked for Cher. ';
    const other = 'Mary Roe wrote about their Friday call and waited for Bob. ';
    const once = hmacsFor(() => r.find(line));
    const twice = hmacsFor(() => r.find(line + other));
    // (the first line's last windows now reach into the second: at most one more hash per name length)
    expect(twice).toBeGreaterThanOrEqual(2 * once - 2);
    expect(twice).toBeLessThanOrEqual(2 * once + 2);
    // A word repeated in one text is hashed once.
    expect(hmacsFor(() => r.find(line + line))).toBeLessThanOrEqual(once + 2);
    for (let i = 0; i < 300; i += 1) await r.add(`Person${i} Surname${i}`, `P${i}`, 'UMGR');
    expect(hmacsFor(() => r.find(line))).toBe(once);
  });
});
