import Database from 'better-sqlite3';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../log.js';
import { LocalJobQueue } from '../../jobs/local-queue.js';
import { MemoryJobTable } from '../../jobs/memory-table.js';
import type { JobQueue, JobSpec } from '../../jobs/queue.js';
import type { StoreLocation } from '../store/keyv.js';
import { PgBossJobQueue } from './pg-boss.js';
import { SqliteJobTable } from './sqlite-table.js';

/**
 * Where the store lives, as the store adapter describes it. The record store will hand over its
 * own open handles (`db`, `pool`) once it moves to better-sqlite3 and pg; until then pg-boss opens
 * its own pool on the same URL, and the SQLite job table lives in a file of its own beside the
 * store (`tact.sqlite` → `tact.jobs.sqlite`): two SQLite libraries in one process (keyv's sqlite3
 * and better-sqlite3) on one file corrupt it, because POSIX locks are per process and one library
 * closing the file drops the other's locks (measured here: SQLITE_CORRUPT under intake load).
 */
export type JobEngine = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string } | { kind: 'memory' };

export interface OpenedQueue {
  queue: JobQueue;
  /** tests and the bench: run what is due now (the in-process runners only) */
  runDue?: () => Promise<void>;
  /** tests: what is scheduled, earliest first (memory only) */
  planned?: () => JobSpec[];
  close(): Promise<void>;
}

/**
 * The job engine for a store. Redis has no job engine here: its jobs are kept in process memory
 * (lost on restart, re-planned from the open records at start-up).
 */
export function jobEngineFor(location: StoreLocation): JobEngine {
  switch (location.backend) {
    case 'sqlite':
      return { kind: 'sqlite', file: jobsFileBeside(location.file ?? location.url.slice('sqlite://'.length)) };
    case 'postgres':
      return { kind: 'postgres', url: location.url };
    case 'memory':
    case 'redis':
      return { kind: 'memory' };
  }
}

export function jobsFileBeside(storeFile: string): string {
  return storeFile.replace(/(\.sqlite3?|\.db)?$/, '.jobs.sqlite');
}

export function openJobQueue(engine: JobEngine, deps: { clock: Clock; logger: Logger }): OpenedQueue {
  switch (engine.kind) {
    case 'memory': {
      const table = new MemoryJobTable();
      const queue = new LocalJobQueue(table, deps.clock, deps.logger, 'in-process (memory)');
      return { queue, runDue: () => queue.runDue(), planned: () => table.jobs(), close: () => queue.stop() };
    }
    case 'sqlite': {
      const db = new Database(engine.file);
      db.pragma('journal_mode = WAL');
      const queue = new LocalJobQueue(new SqliteJobTable(db), deps.clock, deps.logger, 'in-process (SQLite)');
      return {
        queue,
        runDue: () => queue.runDue(),
        async close() {
          await queue.stop();
          db.close();
        },
      };
    }
    case 'postgres': {
      const queue = new PgBossJobQueue(engine.url, deps.logger);
      return { queue, close: () => queue.stop() };
    }
  }
}
