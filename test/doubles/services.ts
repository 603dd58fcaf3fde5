import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { buildCore } from '../../src/main.js';
import type { Services } from '../../src/services.js';
import type { OpenedStorage } from '../../src/adapters/store/index.js';
import { FixedClock } from './fixed-clock.js';
import { freshStore, keyFor } from './test-store.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TestServices {
  services: Services;
  clock: FixedClock;
  storage: OpenedStorage;
  close(): Promise<void>;
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
 * A real `Services`, built the way src/main.ts builds it, on an in-memory store (or the one given)
 * with a clock the test sets by hand.
 */
export async function buildServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const store = options.env?.['TACT_STORE'] ?? (options.storage ? 'memory://' : await freshStore());
  const config = loadConfig({ TACT_STORE: store, ...keyFor(store), ...options.env });
  const clock = new FixedClock(options.now);
  const core = await buildCore(config, { clock, writeLog: () => undefined, storage: options.storage });
  return {
    services: core.services,
    clock,
    storage: core.storage,
    close: async () => {
      await core.scheduler.stop();
      if (!options.storage) await core.storage.close();
    },
  };
}

/** A logger for tests that do not look at log lines. */
export const silentLogger = createLogger({ level: 'error', redact: (text) => text, write: () => undefined });
