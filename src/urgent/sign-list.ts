import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { ErrorCode, TactError } from '../errors.js';
import { StoredList } from '../settings/stored-list.js';
import type { Storage } from '../storage.js';
import { compileSigns, detectSigns, parseSignLine, type Sign } from './signs.js';

/**
 * The urgent signs in force: the built-in list (prompts/urgent-signs.txt), the operator's file
 * (TACT_URGENT_SIGNS_FILE) and the clinic's own lines added in chat. Paging asks `detect(text)`.
 * The clinic's lines are a StoredList, so a line added on one instance pages on all within a second.
 */
export const ClinicSignLine = z.object({
  number: z.number().int().positive(),
  /** the line as written: `label: pattern` */
  line: z.string(),
  addedBy: z.string(),
  addedAt: z.iso.datetime(),
});
export type ClinicSignLine = z.infer<typeof ClinicSignLine>;

export type AddSignResult = { ok: true; entry: ClinicSignLine; label: string } | { ok: false; problem: string };

export const BUILT_IN_SIGNS = 'prompts/urgent-signs.txt';

/** Reads and compiles a sign file; a bad line or a missing file stops start-up, named. */
export async function loadSignFile(file: string, what: string): Promise<Sign[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TactError(ErrorCode.ConfigInvalid, `${what} (${file}) cannot be read`, { cause: error });
  }
  const compiled = compileSigns(text, what);
  // Reported as configuration, so start-up prints the line to fix and nothing else.
  if (compiled instanceof TactError)
    throw new TactError(ErrorCode.ConfigInvalid, compiled.message, { cause: compiled });
  return compiled;
}

export class UrgentSigns {
  private readonly entries: StoredList<ClinicSignLine>;
  private clinic: readonly Sign[] = [];
  private all: readonly Sign[];

  constructor(
    private readonly deps: {
      storage: Storage;
      clock: Clock;
      builtIn: readonly Sign[];
      /** from TACT_URGENT_SIGNS_FILE */
      fromFile?: readonly Sign[] | undefined;
    },
  ) {
    this.entries = new StoredList(deps.storage, 'urgent-signs', ClinicSignLine, (a, b) => a.number - b.number);
    this.entries.onChange(() => this.compile());
    this.all = [...deps.builtIn, ...(deps.fromFile ?? [])];
  }

  async load(): Promise<void> {
    await this.entries.load();
    this.compile();
  }

  /** Picks up lines added or removed on another instance (one read when nothing moved). */
  refresh(): Promise<void> {
    return this.entries.refresh();
  }

  /** The labels of the urgent signs in a text, each once, in list order; [] for ordinary text. */
  detect(text: string): string[] {
    return detectSigns(this.all, text);
  }

  builtIn(): readonly Sign[] {
    return this.deps.builtIn;
  }

  fromFile(): readonly Sign[] {
    return this.deps.fromFile ?? [];
  }

  /** The clinic's own lines, by number. */
  list(): readonly ClinicSignLine[] {
    return this.entries.list();
  }

  /** Checks the line first: nothing is stored unless it compiles. */
  async add(line: string, actorId: string): Promise<AddSignResult> {
    const parsed = parseSignLine(line);
    if (!parsed.ok) return parsed;
    const entry = await this.entries.add((number) => ({
      number,
      line: line.trim(),
      addedBy: actorId,
      addedAt: this.deps.clock.now().toISOString(),
    }));
    return { ok: true, entry, label: parsed.sign.label };
  }

  remove(number: number): Promise<ClinicSignLine | undefined> {
    return this.entries.remove(number);
  }

  /** Lines were checked when added; one that no longer reads (an older format) is left out, not fatal. */
  private compile(): void {
    this.clinic = this.entries.list().flatMap((entry) => {
      const parsed = parseSignLine(entry.line);
      return parsed.ok ? [parsed.sign] : [];
    });
    this.all = [...this.deps.builtIn, ...(this.deps.fromFile ?? []), ...this.clinic];
  }
}
