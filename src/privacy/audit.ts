import { TZDate } from '@date-fns/tz';
import { format, subDays } from 'date-fns';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { ErrorCode, TactError } from '../errors.js';
import { nextSequence, readRecords, type Collection, type Storage } from '../storage.js';

/**
 * Who looked at what: every read of a restricted record (a complaint, a press inquiry, the alias
 * list) is written here before the record is shown, as HIPAA's audit controls expect. An entry
 * holds only ids: the reader's platform id, record ids such as `C-12`, a period in days. Its
 * schema cannot hold a patient reference, a name or any other free text.
 */
export const AUDITED_READS = [
  'complaint.show',
  'complaint.list',
  'complaint.trends',
  'complaint.letter',
  'complaint.history',
  'complaint.export',
  'media.show',
  'media.list',
  'media.claim',
  'alias.list',
  'audit.list',
] as const;
export type AuditedRead = (typeof AUDITED_READS)[number];

/** A list read names at most this many records; the rest are counted. */
export const MAX_RECORDS_PER_ENTRY = 100;

/** A record id as Tact hands them out (C-12, M-3, I-7): letters and digits, never words. */
const RecordId = z.string().regex(/^[A-Z]-\d{1,12}$/);
/**
 * A user id, platform-qualified (`slack:U…`, `discord:<digits>`, `console:<login name>`); entries
 * written before ids named their platform hold the bare id, and still read.
 */
const ActorId = z.string().regex(/^(?:(?:slack|discord|console):)?[\w.@-]{1,64}$/);

export const AuditEntry = z
  .object({
    at: z.iso.datetime(),
    actor: ActorId,
    read: z.enum(AUDITED_READS),
    records: z.array(RecordId).max(MAX_RECORDS_PER_ENTRY),
    /** records read but not named (a long list) */
    more: z.number().int().nonnegative().optional(),
    /** the period a list or trend covered */
    days: z.number().int().positive().optional(),
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface AuditRead {
  actor: string;
  read: AuditedRead;
  /** the ids shown; more than MAX_RECORDS_PER_ENTRY are counted, not named */
  records: readonly string[];
  days?: number | undefined;
}

export interface AuditListing {
  /** newest first, at most the limit asked for */
  entries: AuditEntry[];
  /** entries in the period beyond those */
  more: number;
}

/** What commands use: record a read before showing it, list the recent reads. */
export interface AuditTrail {
  /** Resolves once the entry is stored; throws TACT_AUDIT_WRITE_FAILED otherwise (then nothing may be shown). */
  record(read: AuditRead): Promise<void>;
  recent(days: number, limit: number): Promise<AuditListing>;
}

export interface AuditDeps {
  storage: Storage;
  clock: Clock;
  /** the clinic's time zone: entries are grouped by clinic day */
  zone: () => string;
}

/** Keys are read this many at a time when a day is listed. */
const PAGE = 100;

/**
 * The trail on the Storage port: one sequence per clinic day (`audit:2026-12-02`) and one record per
 * entry (`2026-12-02:17`), so listing N days reads only those days' entries and nothing is ever
 * rewritten. A day is read page by page until a page holds nothing: a number claimed by a write that
 * then failed leaves a gap, which a page skips over.
 */
export class StoredAuditTrail implements AuditTrail {
  private readonly entries: Collection;

  constructor(private readonly deps: AuditDeps) {
    this.entries = deps.storage.collection('audit');
  }

  async record(read: AuditRead): Promise<void> {
    const now = this.deps.clock.now();
    const named = read.records.slice(0, MAX_RECORDS_PER_ENTRY);
    const more = read.records.length - named.length;
    const parsed = AuditEntry.safeParse({
      at: now.toISOString(),
      actor: read.actor,
      read: read.read,
      records: named,
      ...(more ? { more } : {}),
      ...(read.days !== undefined ? { days: read.days } : {}),
    });
    if (!parsed.success) {
      throw new TactError(ErrorCode.AuditWriteFailed, `An audit entry for ${read.read} does not fit the audit schema`, {
        cause: parsed.error,
      });
    }
    const day = this.dayOf(now);
    try {
      const number = await nextSequence(this.deps.storage, `audit:${day}`);
      await this.entries.set(`${day}:${number}`, parsed.data);
    } catch (error) {
      throw new TactError(ErrorCode.AuditWriteFailed, `Could not write the audit entry for ${read.read}`, {
        cause: error,
      });
    }
  }

  async recent(days: number, limit: number): Promise<AuditListing> {
    const now = this.deps.clock.now();
    const from = now.getTime() - days * 86_400_000;
    const newestFirst: AuditEntry[] = [];
    // Today and the days before it, in the clinic's zone; the oldest day is cut at the exact instant.
    for (let back = 0; back <= days; back += 1) {
      const dayEntries = await this.day(this.dayOf(subDays(new TZDate(now.getTime(), this.deps.zone()), back)));
      for (const entry of dayEntries.reverse()) if (Date.parse(entry.at) >= from) newestFirst.push(entry);
    }
    return { entries: newestFirst.slice(0, limit), more: Math.max(0, newestFirst.length - limit) };
  }

  /** One clinic day's entries, oldest first. */
  private async day(day: string): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    for (let start = 1; ; start += PAGE) {
      const keys = Array.from({ length: PAGE }, (_, i) => `${day}:${start + i}`);
      const page = await readRecords(this.entries, keys, AuditEntry);
      if (page.length === 0) return found;
      found.push(...page);
    }
  }

  private dayOf(at: Date): string {
    return format(new TZDate(at.getTime(), this.deps.zone()), 'yyyy-MM-dd');
  }
}
