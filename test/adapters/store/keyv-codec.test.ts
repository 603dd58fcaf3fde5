// keyv's own serializer (a dependency of keyv) is the reference the faster codec must match.
import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import { describe, expect, it } from 'vitest';
import { keyvTextCodec } from '../../../src/adapters/store/keyv.js';
import { random } from '../../doubles/random.js';

/**
 * keyvTextCodec writes and reads keyv's text format with JSON.stringify / JSON.parse when nothing
 * needs keyv's ":" escaping, and with keyv's rules otherwise. Stored data must stay byte-for-byte what
 * keyv's default serializer writes, and read back as keyv's default deserializer reads it.
 */
const TRICKY_STRINGS = [
  '',
  'plain',
  ':',
  '::',
  ':starts with a colon',
  '::two colons',
  ':base64:AAEC',
  'ends with a colon:',
  'a ":" inside',
  '[":not a value start',
  ',":',
  '\\":',
  'quote " and backslash \\',
  'unicode · café · 日本',
  'line\nbreak',
];

const complaint = {
  id: 'C-12',
  number: 12,
  reporter: 'U0STAFF01',
  createdAt: '2026-01-12T15:00:00.000Z',
  patientRef: 'P-7',
  category: 'billing',
  categoryGuessed: false,
  text: 'charged twice: card ending ***-***-1234',
  tier: 'legitimate',
  reasons: [{ code: 'grievance', category: 'billing' }],
  steps: [{ text: 'Verify the charge', owner: 'front-desk', due: '2026-01-13T23:00:00.000Z' }],
  status: 'open',
  history: [{ at: '2026-01-12T15:00:00.000Z', by: 'U0STAFF01', what: 'logged as legitimate' }],
};

const VALUES: ReadonlyArray<[string, unknown]> = [
  ['a complaint record', complaint],
  ['a number index', Array.from({ length: 500 }, (_, i) => i + 1)],
  ['an empty index', []],
  ['a number', 42],
  ['a string', 'hello'],
  ['true', true],
  ['null', null],
  ['a Date', new Date('2026-03-08T07:00:00Z')],
  ['a Buffer', Buffer.from([0, 1, 2, 250])],
  ['a nested Buffer', { key: Buffer.from('secret'), list: [Buffer.from('x')] }],
  ['undefined properties', { a: 1, b: undefined, c: [1, null, 3] }],
  ['keys ending in [ , and :', { 'a[': 1, 'b,': 2, 'c:': ':v', '': 'empty key', ':k': 'colon key' }],
  ...TRICKY_STRINGS.map((s): [string, unknown] => [`the string ${JSON.stringify(s)}`, s]),
  ['tricky strings in an array', TRICKY_STRINGS],
  ['tricky strings as values', Object.fromEntries(TRICKY_STRINGS.map((s, i) => [`k${i}`, s]))],
  ['tricky strings as keys', Object.fromEntries(TRICKY_STRINGS.map((s, i) => [s, i]))],
];

function randomTree(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const kind = depth > 3 ? Math.floor(next() * 4) : Math.floor(next() * 6);
  switch (kind) {
    case 0:
      return pick(TRICKY_STRINGS);
    case 1:
      return Math.floor(next() * 2000) - 1000;
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick(TRICKY_STRINGS) + pick(TRICKY_STRINGS);
    case 4:
      return Array.from({ length: Math.floor(next() * 5) }, () => randomTree(next, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [pick(TRICKY_STRINGS) + pick(['', 'x']), randomTree(next, depth + 1)]));
  }
}

/** What keyv hands the serializer: the value with its expiry. */
const wrap = (value: unknown, expires?: number) => ({ value, expires });

describe('keyvTextCodec', () => {
  it.each(VALUES)('writes %s exactly as keyv does, and reads it back as keyv does', (_name, value) => {
    for (const expires of [undefined, 1_800_000_000_000]) {
      const data = wrap(value, expires);
      const text = keyvTextCodec.serialize(data);
      expect(text).toBe(defaultSerialize(data));
      expect(keyvTextCodec.deserialize(text)).toEqual(defaultDeserialize(text));
    }
  });

  it('agrees with keyv on random trees of awkward strings', () => {
    const next = random(2026);
    for (let i = 0; i < 2_000; i += 1) {
      const data = wrap(randomTree(next, 0));
      const text = keyvTextCodec.serialize(data);
      expect(text, JSON.stringify(data)).toBe(defaultSerialize(data));
      expect(keyvTextCodec.deserialize(text), text).toEqual(defaultDeserialize(text));
    }
  });

  it('reads keyv text written with whitespace as keyv does', () => {
    const next = random(7);
    for (let i = 0; i < 300; i += 1) {
      // the escaped form keyv stores, pretty-printed
      const escaped: unknown = JSON.parse(defaultSerialize(wrap(randomTree(next, 0))));
      const text = JSON.stringify(escaped, null, i % 2 === 0 ? 2 : '\t');
      expect(keyvTextCodec.deserialize(text), text).toEqual(defaultDeserialize(text));
    }
  });

  it('round-trips the strings keyv escapes', () => {
    for (const s of TRICKY_STRINGS) {
      expect(keyvTextCodec.deserialize(keyvTextCodec.serialize(wrap(s)))?.value).toBe(s);
    }
    expect(keyvTextCodec.deserialize(keyvTextCodec.serialize(wrap(Buffer.from([1, 2, 3]))))?.value).toEqual(Buffer.from([1, 2, 3]));
  });
});
