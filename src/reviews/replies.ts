import { z } from 'zod';
import type { Clock } from '../clock.js';
import { SharedLock } from '../lock.js';
import { lastSequence, nextSequence, readRecords, type Collection, type Storage } from '../storage.js';
import type { Gate, GateProblem } from './gate.js';
import { SLOTS, Sentence, type Slot, type Tone, type Topic } from './library.js';

/**
 * The reply library as drafting uses it: the built-in sentences plus the clinic's own. A manager
 * adds a sentence in chat; the gate checks it at once and again when a manager approves it, and only
 * approved sentences are ever used. The invitation (which carries the contact line) stays built-in.
 */
export const CLINIC_SLOTS = SLOTS.filter((s): s is Exclude<Slot, 'invitation'> => s !== 'invitation');

export const ClinicSentence = Sentence.extend({
  number: z.number().int().positive(),
  status: z.enum(['proposed', 'approved']),
  addedBy: z.string(),
  addedAt: z.iso.datetime(),
  approvedBy: z.string().optional(),
  approvedAt: z.iso.datetime().optional(),
});
export type ClinicSentence = z.infer<typeof ClinicSentence>;

export interface NewSentence {
  slot: Exclude<Slot, 'invitation'>;
  tone: Tone;
  ratings: readonly number[];
  topics?: readonly Topic[] | undefined;
  text: string;
}

export type LibraryChange =
  | { ok: true; sentence: ClinicSentence }
  | { ok: false; problem: 'gate'; problems: GateProblem[] }
  | { ok: false; problem: 'not-found' | 'already-approved' };

export function clinicSentenceId(number: number): string {
  return `clinic.${number}`;
}

const SEQUENCE = 'reply-sentence';

export interface ReplyLibraryDeps {
  builtIn: readonly Sentence[];
  gate: Gate;
  storage: Storage;
  clock: Clock;
}

export class ReplyLibrary {
  private readonly records: Collection;
  private readonly clinic = new Map<string, ClinicSentence>();
  private readonly lock: SharedLock;

  constructor(private readonly deps: ReplyLibraryDeps) {
    this.lock = new SharedLock(deps.storage);
    this.records = deps.storage.collection('reply-sentences');
  }

  /** Reads the clinic's sentences once at start-up; they are few, and this process changes them. */
  async load(): Promise<void> {
    const last = await lastSequence(this.deps.storage, SEQUENCE);
    const keys = Array.from({ length: last }, (_, i) => String(i + 1));
    for (const sentence of await readRecords(this.records, keys, ClinicSentence))
      this.clinic.set(sentence.id, sentence);
  }

  builtIn(): readonly Sentence[] {
    return this.deps.builtIn;
  }

  clinicSentences(): ClinicSentence[] {
    return [...this.clinic.values()].sort((a, b) => a.number - b.number);
  }

  /** What drafting may use: the built-in sentences and the approved clinic ones. */
  usable(): Sentence[] {
    return [...this.deps.builtIn, ...this.clinicSentences().filter((s) => s.status === 'approved')];
  }

  async add(entry: NewSentence, by: string): Promise<LibraryChange> {
    const text = entry.text.trim();
    const gate = this.deps.gate.check(text, 'sentence');
    if (!gate.ok) return { ok: false, problem: 'gate', problems: gate.problems };
    const number = await nextSequence(this.deps.storage, SEQUENCE);
    const sentence: ClinicSentence = {
      id: clinicSentenceId(number),
      number,
      slot: entry.slot,
      tone: entry.tone,
      ratings: [...entry.ratings],
      ...(entry.topics?.length ? { topics: [...entry.topics] } : {}),
      lendsWords: false,
      text,
      status: 'proposed',
      addedBy: by,
      addedAt: this.deps.clock.now().toISOString(),
    };
    await this.records.set(String(number), sentence);
    this.clinic.set(sentence.id, sentence);
    return { ok: true, sentence };
  }

  async approve(id: string, by: string): Promise<LibraryChange> {
    return this.lock.run(id, async () => {
      const current = this.clinic.get(id);
      if (!current) return { ok: false, problem: 'not-found' } as const;
      if (current.status === 'approved') return { ok: false, problem: 'already-approved' } as const;
      // The practice name (always allowed) may have changed since the sentence was proposed.
      const gate = this.deps.gate.check(current.text, 'sentence');
      if (!gate.ok) return { ok: false, problem: 'gate', problems: gate.problems } as const;
      const approved: ClinicSentence = {
        ...current,
        status: 'approved',
        approvedBy: by,
        approvedAt: this.deps.clock.now().toISOString(),
      };
      await this.records.set(String(current.number), approved);
      this.clinic.set(id, approved);
      return { ok: true, sentence: approved } as const;
    });
  }

  async remove(id: string): Promise<LibraryChange> {
    return this.lock.run(id, async () => {
      const current = this.clinic.get(id);
      if (!current) return { ok: false, problem: 'not-found' } as const;
      await this.records.delete(String(current.number));
      this.clinic.delete(id);
      return { ok: true, sentence: current } as const;
    });
  }
}
