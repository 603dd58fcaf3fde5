import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { OpenedQueue } from '../../src/adapters/jobs/open.js';
import { buildCore } from '../../src/main.js';
import type { Services } from '../../src/services.js';
import type { OpenedStorage } from '../../src/adapters/store/index.js';
import { FixedClock } from './fixed-clock.js';
import { POSTGRES_MODE, freshStore, keyFor } from './test-store.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TestServices {
  services: Services;
  clock: FixedClock;
  storage: OpenedStorage;
  jobs: OpenedQueue;
  /** runs the jobs due at the clock's time */
  runDue(): Promise<void>;
  close(): Promise<void>;
}

/** Runs what is due on an in-process queue (the memory and SQLite engines tests use). */
export async function runDue(running: { jobs: OpenedQueue }): Promise<void> {
  if (!running.jobs.runDue) throw new Error('this job engine runs jobs by itself: tests cannot run them by hand');
  await running.jobs.runDue();
}

export interface TestServicesOptions {
  /** environment variables as an operator would set them, e.g. { TACT_MANAGERS: 'UMGR' } */
  env?: Record<string, string>;
  /** where the clock starts (default 2026-06-01T16:00Z, a Monday, 12:00 in New York) */
  now?: Date | string;
  /** an open store to reuse (e.g. to see what a second service on the same store reads) */
  storage?: OpenedStorage;
}

/**
 * A real `Services`, built the way src/main.ts builds it (open work planned on its job queue), on an in-memory store (or the one given)
 * with a clock the test sets by hand.
 */
export async function buildServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const store = options.env?.['TACT_STORE'] ?? (options.storage ? 'memory://' : await freshStore());
  const config = loadConfig({ TACT_STORE: store, ...keyFor(store), ...options.env });
  const clock = new FixedClock(options.now);
  const core = await buildCore(config, {
    clock,
    writeLog: () => undefined,
    storage: options.storage,
    jobsInProcess: POSTGRES_MODE,
  });
  // Planned, not started: tests run what is due by hand (runDue), after attaching a chat adapter.
  await core.timedWork.reconcile();
  return {
    services: core.services,
    clock,
    storage: core.storage,
    jobs: core.jobs,
    runDue: () => runDue(core),
    close: async () => {
      await core.jobs.close();
      if (!options.storage) await core.storage.close();
    },
  };
}

/** A logger for tests that do not look at log lines. */
export const silentLogger = createLogger({ level: 'error', redact: (text) => text, write: () => undefined });
