import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notifier } from '../../src/chat/outbox.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import { loadConfig } from '../../src/config.js';
import { buildCore, type Core } from '../../src/main.js';
import { FixedClock } from '../doubles/fixed-clock.js';

/**
 * Two processes on one store (here two cores on one SQLite file, each with its own connection):
 * a message Tact sends on its own (a reminder, a notice) is redacted with the names registered on
 * the other one, with no reload asked for.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tact-shared-aliases-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function recorder(): { notifier: Notifier; sent: Reply[] } {
  const sent: Reply[] = [];
  const notifier: Notifier = {
    send: async (r) => {
      sent.push(r);
      return undefined;
    },
  };
  return { sent, notifier };
}

describe('an alias registered on one instance', () => {
  it('is honoured by the other one in a message it sends on its own', async () => {
    const config = loadConfig({ TACT_STORE: `sqlite://${join(dir, 'tact.sqlite')}` });
    const cores: Core[] = [];
    try {
      for (let i = 0; i < 2; i += 1)
        cores.push(await buildCore(config, { clock: new FixedClock(), writeLog: () => undefined }));
      const [a, b] = cores as [Core, Core];
      const { notifier, sent } = recorder();
      b.outbox.attach(notifier, 'console');
      expect((await a.services.aliases.add('Jessica Moreno', 'Rose', 'UMGR')).ok).toBe(true);
      await b.outbox.send(
        reply.dm('console:UMGR', 'Reminder: Jessica Moreno is waiting', [
          { kind: 'text', text: 'Call back JESSICA MORENO today' },
        ]),
      );
      expect(sent.map((r) => [r.summary, r.sections])).toEqual([
        ['Reminder: Rose is waiting', [{ kind: 'text', text: 'Call back Rose today' }]],
      ]);
    } finally {
      for (const core of cores) {
        await core.jobs.close();
        await core.storage.close();
      }
    }
  });

  it('two aliases added at once on two instances both stay in the registry, on both', async () => {
    const config = loadConfig({ TACT_STORE: `sqlite://${join(dir, 'both.sqlite')}` });
    const cores: Core[] = [];
    try {
      for (let i = 0; i < 2; i += 1)
        cores.push(await buildCore(config, { clock: new FixedClock(), writeLog: () => undefined }));
      const [a, b] = cores as [Core, Core];
      const added = await Promise.all([
        a.services.aliases.add('Jessica Moreno', 'Rose', 'UMGR'),
        b.services.aliases.add('Daniel Okafor', 'Tulip', 'UMGR'),
        a.services.aliases.add('Priya Castellanos', 'Iris', 'UMGR'),
      ]);
      expect(added.map((r) => r.ok)).toEqual([true, true, true]);
      for (const core of cores) {
        await core.services.aliases.refresh();
        expect(
          core.services.aliases
            .list()
            .map((r) => r.alias)
            .sort(),
        ).toEqual(['Iris', 'Rose', 'Tulip']);
      }
    } finally {
      for (const core of cores) {
        await core.jobs.close();
        await core.storage.close();
      }
    }
  });
});
