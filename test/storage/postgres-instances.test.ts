import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findCommand } from '../../commands/index.js';
import type { CommandContext } from '../../src/chat/command.js';
import { dispatch } from '../../src/chat/dispatch.js';
import type { Services } from '../../src/services.js';
import { postgresPerFile } from '../doubles/postgres-per-file.js';
import { postgresAvailable } from '../doubles/postgres-server.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/**
 * Two and three instances of Tact on one real PostgreSQL, each with its own connection pool, as
 * separate processes would be: ids, index membership, repeat grading, settings and aliases are
 * shared through the database, not through any one process's memory.
 */
const MANAGER = 'UMGR';
const freshDatabase = postgresPerFile('instances');

/** `count` instances on a fresh database, given to `use` as their services, closed afterwards. */
async function withInstances(count: number, use: (instances: Services[]) => Promise<void>): Promise<void> {
  const url = await freshDatabase();
  const env = { TACT_STORE: url, TACT_ENCRYPTION_KEY: KEY, TACT_MANAGERS: MANAGER };
  const started: TestServices[] = [];
  try {
    // one after the other: the first creates the tables, the others find them
    for (let i = 0; i < count; i += 1) started.push(await buildServices({ env }));
    await use(started.map((s) => s.services));
  } finally {
    for (const instance of started) await instance.close();
  }
}

const KEY = randomBytes(32).toString('base64');

async function run(services: Services, command: string, text: string, user = MANAGER): Promise<string> {
  const found = findCommand(command);
  if (!found) throw new Error(`no /${command}`);
  const ctx: CommandContext = { actor: { id: user }, place: { platform: 'slack', channelId: 'C1' }, services };
  return JSON.stringify(await dispatch(found, text, ctx));
}

describe.runIf(postgresAvailable())('several instances on one PostgreSQL', () => {
  it('120 complaints sent across three instances at once: ids 1..120 without gap or repeat, every one open and listed', async () => {
    await withInstances(3, async (all) => {
      const logged = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          all[i % 3]!.complaints.log(
            { patientRef: `P-${1000 + i}`, category: 'billing', categoryGuessed: false, text: 'charged twice' },
            'USTAFF',
          ),
        ),
      );
      expect(logged.map((l) => l.complaint.number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 120 }, (_, i) => i + 1),
      );
      for (const instance of all) expect((await instance.complaints.openComplaints()).length).toBe(120);
      const listed = await run(all[1]!, 'complaint', 'list all');
      expect(listed).toContain('All complaints: 120');
    });
  });

  it('a patient whose two complaints land on different instances is graded as a repeat, every time', async () => {
    await withInstances(2, async ([a, b]) => {
      const pairs = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const entry = {
            patientRef: `P-${2000 + i}`,
            category: 'results' as const,
            categoryGuessed: false,
            text: 'still swollen',
          };
          await a!.complaints.log(entry, 'USTAFF');
          return b!.complaints.log(entry, 'USTAFF');
        }),
      );
      expect(pairs.map((p) => p.earlier)).toEqual(Array.from({ length: 50 }, () => 1));
      expect(pairs.every((p) => p.complaint.reasons.some((r) => r.code === 'repeat'))).toBe(true);
    });
  });

  it('a setting changed on one instance is in force on the other at its next poll', async () => {
    await withInstances(2, async ([a, b]) => {
      expect(await run(a!, 'tact', 'settings set reply-sla 45m')).toContain('45');
      expect(b!.settings.current().replySlaMs).toBe(15 * 60_000);
      await b!.settings.refresh();
      expect(b!.settings.current().replySlaMs).toBe(45 * 60_000);
    });
  });

  it('an alias added on one instance is honoured by the other in its very next command, with no reload asked for', async () => {
    await withInstances(2, async ([a, b]) => {
      expect(await run(a!, 'tact', 'alias add "Jessica Moreno" as Rose')).toContain('Rose');
      const reply = await run(b!, 'complaint', 'Jessica Moreno results: Jessica Moreno unhappy with lips', 'USTAFF');
      expect(reply).toContain('Logged C-1');
      expect(reply).not.toMatch(/Jessica|Moreno/);
      const stored = await b!.complaints.get(1);
      expect(stored?.patientRef).toBe('Rose');
      expect(stored?.text).toBe('Rose unhappy with lips');
      // a removal is seen by the other instance too
      expect(await run(a!, 'tact', 'alias remove Rose')).toContain('Rose');
      await b!.aliases.refresh();
      expect(b!.aliases.list()).toEqual([]);
    });
  });

  it('notes added to one complaint on three instances at once are all kept (no instance writes over another)', async () => {
    await withInstances(3, async (all) => {
      const { complaint } = await all[0]!.complaints.log(
        { patientRef: 'P-3000', category: 'wait', categoryGuessed: false, text: 'waited an hour' },
        'USTAFF',
      );
      const notes = Array.from({ length: 30 }, (_, i) => `call back ${i}`);
      await Promise.all(
        notes.map((note, i) => all[i % 3]!.complaints.update(complaint.number, { kind: 'note', note }, MANAGER)),
      );
      const history = (await all[1]!.complaints.get(complaint.number))?.history.map((h) => h.what) ?? [];
      for (const note of notes) expect(history).toContain(`note: ${note}`);
    });
  });

  it("one day's patient-message figures counted on two instances at once miss none", async () => {
    await withInstances(2, async (both) => {
      const at = both[0]!.clock.now();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          both[i % 2]!.inquiries.create({
            channel: 'text',
            patientRef: `P-${4000 + i}`,
            summary: 'wants to book',
            receivedAt: at,
            origin: 'command',
            loggedBy: 'USTAFF',
          }),
        ),
      );
      expect(await both[0]!.inquiries.open()).toHaveLength(40);
      expect((await both[1]!.inquiries.figures(both[1]!.inquiries.dayOf(at))).received).toBe(40);
    });
  });
});
