import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { buildCore } from '../../../src/main.js';
import { FixedClock } from '../../doubles/fixed-clock.js';

/** A lost key file must stop start-up: otherwise every alias and patient history silently stops matching. */
let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the core, runs `use`, stops it. */
async function withCore<T>(
  env: Record<string, string>,
  use: (core: Awaited<ReturnType<typeof buildCore>>) => Promise<T>,
): Promise<T> {
  const core = await buildCore(loadConfig(env), { clock: new FixedClock(), writeLog: () => undefined });
  try {
    return await use(core);
  } finally {
    await core.jobs.close();
    await core.storage.close();
  }
}

describe('the key the store was made with', () => {
  it('is checked at start-up: a replaced key file is refused with the reason', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tact-key-'));
    const env = { TACT_STORE: `sqlite://${join(dir, 'tact.sqlite')}` };
    await withCore(env, (core) => core.services.aliases.add('Jane Doe', 'Tulip', 'UMGR'));
    expect(await withCore(env, async (core) => core.services.redactor.redact('Jane Doe called'))).toBe('Tulip called');
    await unlink(join(dir, 'tact.key'));
    await expect(
      buildCore(loadConfig(env), { clock: new FixedClock(), writeLog: () => undefined }),
    ).rejects.toMatchObject({
      code: 'TACT_STORE_UNAVAILABLE',
      message: expect.stringMatching(/key file tact\.key .*is not the key this store was encrypted with/),
    });
  });

  it('is required for PostgreSQL, so every instance encrypts and hashes names alike; Redis is no longer a store', () => {
    expect(() => loadConfig({ TACT_STORE: 'postgres://db/tact' })).toThrow(
      /TACT_ENCRYPTION_KEY is required with a PostgreSQL store/,
    );
    expect(() => loadConfig({ TACT_STORE: 'redis://127.0.0.1:6379' })).toThrow(
      /TACT_STORE="redis:\/\/127.0.0.1:6379": expected sqlite:\/\/path, memory:\/\/ or postgres:/,
    );
  });
});
