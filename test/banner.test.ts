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

describe('the banner says what to do next', () => {
  async function bannerOf(env: Record<string, string>): Promise<string[]> {
    const banner: string[] = [];
    running = await start(
      { TACT_STORE: 'memory://', ...env },
      {
        chatPlatforms: [{ name: 'teams', configured: () => true, create: () => new MemoryChat('teams') }],
        print: (line) => banner.push(line),
        writeLog: () => undefined,
        jobsInProcess: true,
      },
    );
    return banner;
  }

  it('with neither managers nor a spokesperson: steps, not contradictions', async () => {
    const banner = await bannerOf({});
    expect(banner).toContain('  managers:     none set yet');
    expect(banner).toContain('  spokesperson: none set yet');
    const next = banner.slice(banner.findIndex((l) => l.startsWith('  next:')));
    expect(next).toEqual([
      '  next:         set managers with /tact settings set managers <your id> (or TACT_MANAGERS); until then nobody in chat can read the complaint log',
      '                set the media spokesperson with /tact settings set spokesperson <id>; until then press inquiries go to the managers',
    ]);
  });

  it('with managers set, the spokesperson step alone; with both, no steps', async () => {
    const managersOnly = await bannerOf({ TACT_MANAGERS: 'mgr' });
    expect(managersOnly).toContain('  spokesperson: none set: press inquiries go to the managers');
    expect(managersOnly.filter((l) => l.includes('settings set managers'))).toEqual([]);
    await running?.stop();
    const both = await bannerOf({ TACT_MANAGERS: 'mgr', TACT_SPOKESPERSON: 'pr' });
    expect(both.some((l) => l.startsWith('  next:'))).toBe(false);
  });
});
