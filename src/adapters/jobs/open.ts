import type { Clock } from '../../clock.js';
import type { Logger } from '../../log.js';
import { LocalJobQueue } from '../../jobs/local-queue.js';
import { MemoryJobTable } from '../../jobs/memory-table.js';
import type { JobQueue, JobSpec } from '../../jobs/queue.js';
import type { StoreEngine } from '../store/index.js';
import { PgBossJobQueue } from './pg-boss.js';
import { SqliteJobTable } from './sqlite-table.js';

export interface OpenedQueue {
  queue: JobQueue;
  /** tests and the bench: run what is due now (the in-process runners only) */
  runDue?: () => Promise<void>;
  /** tests: what is scheduled, earliest first (memory only) */
  planned?: () => JobSpec[];
  close(): Promise<void>;
}

/**
 * The job engine on the store's own database: on SQLite the `tact_jobs` table lives in the store's
 * file, on the store's better-sqlite3 handle (the store closes it); on PostgreSQL pg-boss keeps its
 * schema in the same database, through its own pool.
 */
export function openJobQueue(
  engine: StoreEngine,
  deps: { clock: Clock; logger: Logger },
  options: { inProcess?: boolean } = {},
): OpenedQueue {
  if (engine.kind === 'sqlite') {
    const queue = new LocalJobQueue(new SqliteJobTable(engine.db), deps.clock, deps.logger, 'in-process (SQLite)');
    return { queue, runDue: () => queue.runDue(), close: () => queue.stop() };
  }
  if (engine.kind === 'postgres' && !options.inProcess) {
    const queue = new PgBossJobQueue(engine.url, deps.logger);
    return { queue, close: () => queue.stop() };
  }
  // memory://, and tests on PostgreSQL that run due jobs by hand
  const table = new MemoryJobTable();
  const queue = new LocalJobQueue(table, deps.clock, deps.logger, 'in-process (memory)');
  return { queue, runDue: () => queue.runDue(), planned: () => table.jobs(), close: () => queue.stop() };
}
