import { afterEach, describe, expect, it } from 'vitest';
import { start, type Running } from '../src/main.js';
import { MemoryChat } from './doubles/memory-chat.js';

/** The start-up banner's `on call:` line: who urgent pages reach, or a warning that they reach nobody. */
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function onCallLine(env: Record<string, string>): Promise<string | undefined> {
  const banner: string[] = [];
  const chat = new MemoryChat('teams');
  running = await start(
    { TACT_STORE: 'memory://', ...env },
    {
      chatPlatforms: [{ name: 'teams', configured: () => true, create: () => chat }],
      print: (line) => banner.push(line),
      writeLog: () => undefined,
      jobsInProcess: true,
    },
  );
  return banner.find((line) => line.startsWith('  on call:'));
}

describe('the banner says who urgent pages reach', () => {
  it('the person on call now', async () => {
    expect(await onCallLine({ TACT_ONCALL: 'Sun-Sat dr-lee', TACT_MANAGERS: 'mgr' })).toBe(
      '  on call:      teams:dr-lee now; urgent pages go there first',
    );
  });

  it('the managers, when nobody is on call', async () => {
    expect(await onCallLine({ TACT_MANAGERS: 'mgr' })).toBe(
      '  on call:      nobody on call now (TACT_ONCALL): urgent pages go to the managers',
    );
  });

  it('nobody, said as a warning, when neither a rota nor managers are set', async () => {
    expect(await onCallLine({})).toBe(
      '  on call:      nobody set (TACT_ONCALL, TACT_ONCALL_BACKUP, TACT_MANAGERS): urgent pages reach nobody; set the rota',
    );
  });
});
