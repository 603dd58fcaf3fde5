import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { KeyedLock } from '../lock.js';
import { readRecord, type Collection } from '../storage.js';
import { findNames, type FormLookup, type NameMatch } from './name-finder.js';
import { FORM_KINDS, MAX_NAME_WORDS, formsOf, nameWords, type NameForm } from './name-forms.js';
import { readingView, replaceSpans, type ReadingView } from './text.js';

/** The registry's version counter in the store (see VersionRow): several instances share one registry. */
export interface AliasVersion {
  read(): Promise<number>;
  bump(): Promise<number>;
}

/** Serialises registry changes (SharedLock across instances; in-process by default). */
export interface RegistryLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

const SINGLE_PROCESS: AliasVersion = { read: async () => 0, bump: async () => 0 };

/**
 * The alias registry for high-profile patients. Names are never stored: only keyed hashes
 * (HMAC-SHA256) of the ways the name is written (name-forms.ts), for the registered name and every
 * nickname or spelling a manager adds. Finding a name in text means hashing the text's words and
 * looking them up, so the cost follows the text, not the registry size.
 */
/** One word (letters, digits, . _ -): patient references of two letter-only words read as names. */
export const ALIAS_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,39}$/u;
/** Spellings per alias, the registered name included: enough for nicknames, not a second registry. */
export const MAX_SPELLINGS = 10;

const Form = z.object({ kind: z.enum(FORM_KINDS), hash: z.string(), words: z.number().int().positive() });
const AliasRecord = z.object({
  alias: z.string(),
  /** the whole name in both orders; a store written before name forms holds only these */
  hashes: z.array(z.string()),
  forms: z.array(Form).optional(),
  words: z.number().int().positive(),
  /** spellings added besides the registered name */
  variants: z.number().int().nonnegative().optional(),
  addedAt: z.iso.datetime(),
  addedBy: z.string(),
});
export type AliasRecord = z.infer<typeof AliasRecord>;
const AliasIndex = z.array(z.string());

export type AliasProblem =
  | 'bad-alias'
  | 'bad-name'
  | 'alias-taken'
  | 'name-registered'
  | 'no-alias'
  | 'too-many-spellings';
export type AddAliasResult = { ok: true; record: AliasRecord } | { ok: false; problem: AliasProblem };

/** The forms of a record; an old record's two hashes are its whole name, in order then reversed. */
function recordForms(record: AliasRecord): NameForm[] {
  if (record.forms) return record.forms;
  const [forward, reversed] = record.hashes;
  return [
    ...(forward ? [{ kind: 'full' as const, hash: forward, words: record.words }] : []),
    ...(reversed ? [{ kind: 'reversed' as const, hash: reversed, words: record.words }] : []),
  ];
}

export class AliasRegistry {
  /** `${kind}:${hash}` → alias. The first alias registered keeps a form two names share. */
  private byForm = new Map<string, string>();
  private records: AliasRecord[] = [];
  /** word counts of the whole-name forms, longest first: the text windows worth hashing */
  private windowSizes: number[] = [];
  private readonly lookup: FormLookup;
  private loadedAt = -1;

  constructor(
    private readonly collection: Collection,
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly version: AliasVersion = SINGLE_PROCESS,
    private readonly lock: RegistryLock = new KeyedLock(),
  ) {
    const registry = this;
    this.lookup = {
      alias: (kind, hash) => registry.byForm.get(`${kind}:${hash}`),
      get windowSizes() {
        return registry.windowSizes;
      },
      hash: (text) => registry.hash(text),
    };
  }

  private hash(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('hex');
  }

  /**
   * Reloads when another instance changed the registry since this one loaded it: one read of the
   * version counter. Run before every outbound redaction, so a name registered anywhere is honoured.
   */
  async refresh(): Promise<void> {
    if ((await this.version.read()) !== this.loadedAt) await this.load();
  }

  /**
   * Changes run one at a time across every instance sharing the store, on the registry as it is in
   * the store (not as this instance last loaded it), so two aliases added at once on two instances
   * both stay in the list.
   */
  private mutate<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run('aliases', async () => {
      await this.refresh();
      return work();
    });
  }

  async load(): Promise<void> {
    // read before the records: a change made meanwhile moves the counter past it and reloads next time
    const version = await this.version.read();
    const names = (await readRecord(this.collection, 'index', AliasIndex)) ?? [];
    const records = await Promise.all(
      names.map((n) => readRecord(this.collection, `alias:${n.toLowerCase()}`, AliasRecord)),
    );
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
    this.byForm = new Map();
    const sizes = new Set<number>();
    for (const record of records) {
      for (const form of recordForms(record)) {
        const key = `${form.kind}:${form.hash}`;
        if (!this.byForm.has(key)) this.byForm.set(key, record.alias);
        if (form.kind === 'full' || form.kind === 'reversed') sizes.add(form.words);
      }
    }
    this.windowSizes = [...sizes].sort((a, b) => b - a);
  }

  list(): readonly AliasRecord[] {
    return this.records;
  }

  /** The forms of one spelling, or why it cannot be registered. */
  private spelling(name: string): { forms: NameForm[] } | { problem: 'bad-name' | 'name-registered' } {
    const words = nameWords(name);
    if (words.length === 0 || words.length > MAX_NAME_WORDS) return { problem: 'bad-name' };
    const forms = formsOf(words, (text) => this.hash(text));
    const whole = forms.filter((f) => f.kind === 'full' || f.kind === 'reversed').map((f) => f.hash);
    const known = whole.some((h) => this.byForm.has(`full:${h}`) || this.byForm.has(`reversed:${h}`));
    return known ? { problem: 'name-registered' } : { forms };
  }

  /** Registers a name (and any nicknames or spellings of it) under an alias. */
  async add(fullName: string, alias: string, actor: string, variants: readonly string[] = []): Promise<AddAliasResult> {
    return this.mutate(async () => {
      if (!ALIAS_PATTERN.test(alias)) return { ok: false, problem: 'bad-alias' };
      if (this.records.some((r) => r.alias.toLowerCase() === alias.toLowerCase()))
        return { ok: false, problem: 'alias-taken' };
      if (variants.length + 1 > MAX_SPELLINGS) return { ok: false, problem: 'too-many-spellings' };
      // A one-word nickname ("Bob" for Robert Lee) is also written before the surname ("Bob Lee").
      const surname = nameWords(fullName).slice(1).slice(-1);
      const withSurname = surname.length
        ? variants.filter((v) => nameWords(v).length === 1).map((v) => `${v} ${surname.join(' ')}`)
        : [];
      const spellings = [fullName, ...variants, ...withSurname].map((s) => this.spelling(s));
      const refused = spellings.find((s) => 'problem' in s);
      if (refused && 'problem' in refused) return { ok: false, problem: refused.problem };
      const [main, ...rest] = spellings.flatMap((s) => ('forms' in s ? [s.forms] : []));
      if (!main) return { ok: false, problem: 'bad-name' };
      const words = main[0]?.words ?? 1;
      const record: AliasRecord = {
        alias,
        hashes: main.filter((f) => f.kind === 'full' || f.kind === 'reversed').map((f) => f.hash),
        forms: dedupe([...main, ...rest.flat()]),
        words,
        variants: variants.length,
        addedAt: this.clock.now().toISOString(),
        addedBy: actor,
      };
      await this.collection.set(`alias:${alias.toLowerCase()}`, record);
      await this.collection.set('index', [...this.records.map((r) => r.alias), alias]);
      this.rebuild([...this.records, record]);
      await this.changed();
      return { ok: true, record };
    });
  }

  /** Adds a nickname or spelling to an alias already registered. */
  async addVariant(alias: string, spelling: string): Promise<AddAliasResult> {
    return this.mutate(async () => {
      const record = this.records.find((r) => r.alias.toLowerCase() === alias.toLowerCase());
      if (!record) return { ok: false, problem: 'no-alias' };
      if ((record.variants ?? 0) + 2 > MAX_SPELLINGS) return { ok: false, problem: 'too-many-spellings' };
      const read = this.spelling(spelling);
      if ('problem' in read) return { ok: false, problem: read.problem };
      const updated: AliasRecord = {
        ...record,
        forms: dedupe([...recordForms(record), ...read.forms]),
        variants: (record.variants ?? 0) + 1,
      };
      await this.collection.set(`alias:${record.alias.toLowerCase()}`, updated);
      this.rebuild(this.records.map((r) => (r === record ? updated : r)));
      await this.changed();
      return { ok: true, record: updated };
    });
  }

  async remove(alias: string): Promise<boolean> {
    return this.mutate(async () => {
      const record = this.records.find((r) => r.alias.toLowerCase() === alias.toLowerCase());
      if (!record) return false;
      const rest = this.records.filter((r) => r !== record);
      await this.collection.set(
        'index',
        rest.map((r) => r.alias),
      );
      await this.collection.delete(`alias:${record.alias.toLowerCase()}`);
      this.rebuild(rest);
      await this.changed();
      return true;
    });
  }

  /** Registered names in a text already read by the redactor (positions in the original). */
  findIn(view: ReadingView): NameMatch[] {
    return this.byForm.size === 0 ? [] : findNames(view, this.lookup);
  }

  /** Registered names in the text, longest first, without overlaps. */
  find(text: string): NameMatch[] {
    return this.byForm.size === 0 ? [] : this.findIn(readingView(text));
  }

  /** Replaces every registered name with its alias. */
  replace(text: string): string {
    return replaceSpans(
      text,
      this.find(text).map((m) => ({ ...m, with: m.alias + (m.possessive ? '’s' : '') })),
    );
  }
}

function dedupe(forms: NameForm[]): NameForm[] {
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = `${f.kind}:${f.hash}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
