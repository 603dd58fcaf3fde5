import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { readRecord, type Collection } from '../storage.js';

/** The registry's version counter in the store (see VersionRow): several instances share one registry. */
export interface AliasVersion {
  read(): Promise<number>;
  bump(): Promise<number>;
}

const SINGLE_PROCESS: AliasVersion = { read: async () => 0, bump: async () => 0 };

/**
 * The alias registry for high-profile patients. Names are never stored: only a keyed hash
 * (HMAC-SHA256) of their normalised form, in both name orders. Finding a name in text means hashing
 * the text's word windows and looking them up, so the cost follows the text, not the registry size.
 */
/** One word (letters, digits, . _ -): patient references of two letter-only words read as names. */
export const ALIAS_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,39}$/u;
const MAX_NAME_WORDS = 6;

const AliasRecord = z.object({
  alias: z.string(),
  hashes: z.array(z.string()),
  words: z.number().int().positive(),
  addedAt: z.iso.datetime(),
  addedBy: z.string(),
});
export type AliasRecord = z.infer<typeof AliasRecord>;
const AliasIndex = z.array(z.string());

/** Case, accents, extra spaces and punctuation folded; a possessive 's dropped from each word. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((w) => w.replace(/['’]s$/u, '').replace(/['’]/gu, ''))
    .filter(Boolean);
}

export type AddAliasResult =
  | { ok: true; record: AliasRecord }
  | { ok: false; problem: 'bad-alias' | 'bad-name' | 'alias-taken' | 'name-registered' };

export interface NameMatch {
  start: number;
  end: number;
  alias: string;
  possessive: boolean;
}

interface Token {
  word: string;
  start: number;
  end: number;
  possessive: boolean;
}

// A word starts with a letter or digit: a mark on its own (an emoji's variation selector) is not a word.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*['’]?/gu;

function tokens(text: string): Token[] {
  const result: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const word = nameWords(raw)[0];
    if (!word) continue;
    const start = match.index;
    const possessive = /['’]s$/iu.test(raw) || /s['’]$/iu.test(raw);
    // A trailing quote that is not a possessive ("‘Jane Doe’") belongs to the text, not the name.
    const trailingQuote = !possessive && /['’]$/u.test(raw);
    result.push({ word, start, end: start + raw.length - (trailingQuote ? 1 : 0), possessive });
  }
  return result;
}

export class AliasRegistry {
  /**
   * hash → alias, for both name orders. The surname-first order matches with or without a comma:
   * "Smith will call" for a registered Will Smith becomes "Oak call", which is the safer mistake.
   */
  private byHash = new Map<string, { alias: string }>();
  private windowSizes: number[] = [];
  private records: AliasRecord[] = [];
  private loadedAt = -1;

  constructor(
    private readonly collection: Collection,
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly version: AliasVersion = SINGLE_PROCESS,
  ) {}

  private hash(words: readonly string[]): string {
    return createHmac('sha256', this.key).update(words.join(' ')).digest('hex');
  }

  /**
   * Reloads when another instance changed the registry since this one loaded it: one read of the
   * version counter. Run before every outbound redaction, so a name registered anywhere is honoured.
   */
  async refresh(): Promise<void> {
    if ((await this.version.read()) !== this.loadedAt) await this.load();
  }

  async load(): Promise<void> {
    // read before the records: a change made meanwhile moves the counter past it and reloads next time
    const version = await this.version.read();
    const names = (await readRecord(this.collection, 'index', AliasIndex)) ?? [];
    const records = await Promise.all(names.map((n) => readRecord(this.collection, `alias:${n.toLowerCase()}`, AliasRecord)));
    this.rebuild(records.filter((r) => r !== undefined));
    this.loadedAt = version;
  }

  /** This instance's own change: the others reload; so does this one when someone else moved it too. */
  private async changed(): Promise<void> {
    const version = await this.version.bump();
    if (version === this.loadedAt + 1) this.loadedAt = version;
  }

  private rebuild(records: AliasRecord[]): void {
    this.records = records;
    this.byHash = new Map(records.flatMap((r) => r.hashes.map((h) => [h, { alias: r.alias }] as const)));
    this.windowSizes = [...new Set(records.map((r) => r.words))].sort((a, b) => b - a);
  }

  list(): readonly AliasRecord[] {
    return this.records;
  }

  async add(fullName: string, alias: string, actor: string): Promise<AddAliasResult> {
    const words = nameWords(fullName);
    if (!ALIAS_PATTERN.test(alias)) return { ok: false, problem: 'bad-alias' };
    if (words.length === 0 || words.length > MAX_NAME_WORDS) return { ok: false, problem: 'bad-name' };
    if (this.records.some((r) => r.alias.toLowerCase() === alias.toLowerCase())) return { ok: false, problem: 'alias-taken' };
    // "Jane Marie Doe" is also written "Doe, Jane Marie": the last word first.
    const orders = words.length > 1 ? [words, [words[words.length - 1] ?? '', ...words.slice(0, -1)]] : [words];
    const hashes = [...new Set(orders.map((o) => this.hash(o)))];
    if (hashes.some((h) => this.byHash.has(h))) return { ok: false, problem: 'name-registered' };
    const record: AliasRecord = { alias, hashes, words: words.length, addedAt: this.clock.now().toISOString(), addedBy: actor };
    await this.collection.set(`alias:${alias.toLowerCase()}`, record);
    await this.collection.set('index', [...this.records.map((r) => r.alias), alias]);
    this.rebuild([...this.records, record]);
    await this.changed();
    return { ok: true, record };
  }

  async remove(alias: string): Promise<boolean> {
    const record = this.records.find((r) => r.alias.toLowerCase() === alias.toLowerCase());
    if (!record) return false;
    const rest = this.records.filter((r) => r !== record);
    await this.collection.set('index', rest.map((r) => r.alias));
    await this.collection.delete(`alias:${record.alias.toLowerCase()}`);
    this.rebuild(rest);
    await this.changed();
    return true;
  }

  /** Registered names in the text, longest first, without overlaps. */
  find(text: string): NameMatch[] {
    if (this.byHash.size === 0) return [];
    const list = tokens(text);
    const matches: NameMatch[] = [];
    for (let i = 0; i < list.length; ) {
      let matched = 0;
      for (const size of this.windowSizes) {
        const window = list.slice(i, i + size);
        if (window.length < size) continue;
        const found = this.byHash.get(this.hash(window.map((t) => t.word)));
        const first = window[0];
        const last = window[window.length - 1];
        if (!found || !first || !last) continue;
        matches.push({ start: first.start, end: last.end, alias: found.alias, possessive: last.possessive });
        matched = size;
        break;
      }
      i += matched || 1;
    }
    return matches;
  }

  /** Replaces every registered name with its alias. */
  replace(text: string): string {
    const matches = this.find(text);
    let result = '';
    let at = 0;
    for (const m of matches) {
      result += text.slice(at, m.start) + m.alias + (m.possessive ? '’s' : '');
      at = m.end;
    }
    return result + text.slice(at);
  }
}
