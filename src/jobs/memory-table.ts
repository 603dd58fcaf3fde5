import type { ClaimedJob, JobTable } from './local-queue.js';
import type { JobSpec } from './queue.js';

interface Row {
  job: JobSpec;
  /** due time, or the end of the lease while a run holds it */
  at: number;
  token: string | undefined;
}

/** The job table for tests and `memory://`: a scan is fine at test sizes (SQLite has the real index). */
export class MemoryJobTable implements JobTable {
  private readonly rows = new Map<string, Row>();

  upsert(job: JobSpec): void {
    const row = this.rows.get(job.key);
    const unchanged =
      row &&
      row.job.kind === job.kind &&
      row.job.at.getTime() === job.at.getTime() &&
      JSON.stringify(row.job.data) === JSON.stringify(job.data);
    if (!unchanged)
      this.rows.set(job.key, {
        job: { key: job.key, kind: job.kind, at: job.at, data: job.data },
        at: job.at.getTime(),
        token: undefined,
      });
  }

  remove(key: string): void {
    this.rows.delete(key);
  }

  claimDue(now: number, leaseUntil: number, token: string): ClaimedJob | undefined {
    let earliest: Row | undefined;
    for (const row of this.rows.values()) if (row.at <= now && (!earliest || row.at < earliest.at)) earliest = row;
    if (!earliest) return undefined;
    earliest.at = leaseUntil;
    earliest.token = token;
    return { ...earliest.job, token };
  }

  extend(key: string, token: string, leaseUntil: number): void {
    const row = this.owned(key, token);
    if (row) row.at = leaseUntil;
  }

  finish(key: string, token: string): void {
    if (this.owned(key, token)) this.rows.delete(key);
  }

  retry(key: string, token: string, at: number): void {
    const row = this.owned(key, token);
    if (row) Object.assign(row, { at, token: undefined });
  }

  nextAt(): number | undefined {
    let next: number | undefined;
    for (const row of this.rows.values()) if (next === undefined || row.at < next) next = row.at;
    return next;
  }

  /** What is scheduled, earliest first (tests look at the plan). */
  jobs(): JobSpec[] {
    return [...this.rows.values()].sort((a, b) => a.at - b.at).map((row) => row.job);
  }

  private owned(key: string, token: string): Row | undefined {
    const row = this.rows.get(key);
    return row?.token === token ? row : undefined;
  }
}
