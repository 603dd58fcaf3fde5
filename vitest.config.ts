import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // TACT_TEST_STORE=postgres: one real PostgreSQL for the run, a fresh database per store
    globalSetup: ['test/setup/postgres.ts'],
    // End-to-end tests start HTTP servers and child processes; keep room for a loaded 2-core CI box.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
