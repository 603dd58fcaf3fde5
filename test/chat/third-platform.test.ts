import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterFactory } from '../../src/adapters/index.js';
import { start, type Running } from '../../src/main.js';
import { MemoryChat } from '../doubles/memory-chat.js';

/**
 * Adding a platform touches no core file: a test-only adapter (a stand-in for Microsoft Teams) is
 * registered from here, receives commands and answers through the same pipeline and outbox as Slack
 * and Discord.
 */
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function startWithTeams(env: Record<string, string> = {}): Promise<MemoryChat> {
  const teams = new MemoryChat('teams');
  const factory: AdapterFactory = { name: 'teams', configured: () => true, create: () => teams };
  running = await start(
    { TACT_STORE: 'memory://', TACT_MANAGERS: 'teams-mgr', ...env },
    { chatPlatforms: [factory], print: () => undefined, writeLog: () => undefined, jobsInProcess: true },
  );
  return teams;
}

describe('a third chat platform, registered from a test', () => {
  it('is started with the pipeline and named in the banner', async () => {
    const banner: string[] = [];
    const teams = new MemoryChat('teams');
    running = await start(
      { TACT_STORE: 'memory://' },
      {
        chatPlatforms: [{ name: 'teams', configured: () => true, create: () => teams }],
        print: (line) => banner.push(line),
        writeLog: () => undefined,
      },
    );
    expect(running.chat).toEqual([teams]);
    expect(banner.join('\n')).toContain('chat:         teams (in memory)');
  });

  it('answers /complaint help privately to the requester', async () => {
    const teams = await startWithTeams();
    await teams.command('complaint', 'help', { user: 'teams-staff', channel: 'teams-frontdesk' });
    expect(teams.said).toHaveLength(1);
    expect(teams.said[0]).toMatchObject({ how: 'private', to: 'teams-staff' });
    expect(JSON.stringify(teams.said[0]?.reply)).toContain('/complaint list');
  });

  it('logs a complaint typed on it, stores who logged it, and confirms privately', async () => {
    const teams = await startWithTeams();
    await teams.command('complaint', 'P-2001 billing: charged twice', {
      user: 'teams-staff',
      channel: 'teams-frontdesk',
      deliveryId: 'act-1',
    });
    const stored = await running?.services.complaints.get(1);
    // stored with its platform, as every id the core keeps
    expect(stored).toMatchObject({ patientRef: 'P-2001', category: 'billing', reporter: 'teams:teams-staff' });
    expect(teams.said.map((s) => [s.how, s.to])).toEqual([['private', 'teams-staff']]);
    expect(teams.texts()[0]).toContain('C-1');
    // The platform's own delivery id runs once: a retried request logs nothing more.
    await teams.command('complaint', 'P-2001 billing: charged twice', {
      user: 'teams-staff',
      channel: 'teams-frontdesk',
      deliveryId: 'act-1',
    });
    expect(await running?.services.complaints.get(2)).toBeUndefined();
    expect(teams.said).toHaveLength(1);
  });

  it('sends what is not private (a manager alert) through the outbox to the adapter that owns the id', async () => {
    const teams = await startWithTeams();
    await teams.command('complaint', 'P-2002 staff: the patient shouted at reception and says they will sue', {
      user: 'teams-staff',
      channel: 'teams-frontdesk',
    });
    const sent = teams.said.filter((s) => s.how === 'sent');
    // TACT_MANAGERS=teams-mgr (bare, the one platform running) is teams:teams-mgr; the adapter gets its own raw id
    expect(running?.services.settings.current().managers).toEqual(['teams:teams-mgr']);
    expect(sent.map((s) => [s.reply.visibility, s.reply.to])).toEqual([['dm', 'teams-mgr']]);
  });
});
