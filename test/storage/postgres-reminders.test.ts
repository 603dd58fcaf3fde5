import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Notifier } from '../../src/chat/outbox.js';
import type { Reply } from '../../src/chat/reply.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { buildCore, startJobs, type Core } from '../../src/main.js';
import { postgresPerFile } from '../doubles/postgres-per-file.js';
import { postgresAvailable } from '../doubles/postgres-server.js';

/**
 * Whole Tact instances (store, services, job queue) sharing one real PostgreSQL, as separate
 * processes would, on the real clock: each press reminder reaches the spokesperson exactly once
 * whichever instance logged the inquiry, and reminders due on an instance that died are sent by
 * one that lives.
 */
const KEY = randomBytes(32).toString('base64');
const SPOKESPERSON = 'UPRESS';
const freshDatabase = postgresPerFile('reminders');

interface Instance {
  core: Core;
  sent: Reply[];
}

async function startInstances(count: number): Promise<Instance[]> {
  const url = await freshDatabase();
  // The press reminder comes due one second after an inquiry is logged (real time, any day).
  const config = loadConfig({
    TACT_STORE: url,
    TACT_ENCRYPTION_KEY: KEY,
    TACT_SPOKESPERSON: SPOKESPERSON,
    TACT_MANAGERS: 'UMGR',
    TACT_MEDIA_SLA: '1s',
  });
  const instances: Instance[] = [];
  for (let i = 0; i < count; i += 1) {
    const core = await buildCore(config, { clock: systemClock, writeLog: () => undefined });
    const sent: Reply[] = [];
    const notifier: Notifier = {
      send: async (reply) => {
        sent.push(reply);
        return undefined;
      },
    };
    core.outbox.attach(notifier, 'console');
    await startJobs(core);
    instances.push({ core, sent });
  }
  return instances;
}

async function stopAll(instances: Instance[]): Promise<void> {
  for (const { core } of instances) {
    await core.jobs.close().catch(() => undefined);
    await core.storage.close().catch(() => undefined);
  }
}

/** The spokesperson reminders of every instance, by press inquiry id. */
function remindersById(instances: Instance[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { sent } of instances) {
    for (const reply of sent) {
      // the adapter is handed its own raw id
      if (reply.to !== SPOKESPERSON) continue;
      const id = /M-\d+/.exec(reply.summary)?.[0] ?? '?';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

describe.runIf(postgresAvailable())('reminders with several instances on one PostgreSQL', () => {
  it('three instances: each press reminder is sent exactly once, whichever instance logged it', async () => {
    const instances = await startInstances(3);
    try {
      const logged = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          instances[i % 3]!.core.services.media.log(
            { outlet: `Outlet ${i}`, question: 'asking about a patient' },
            'USTAFF',
          ),
        ),
      );
      const ids = logged.map((m) => m.id);
      await expect.poll(() => remindersById(instances).size, { timeout: 60_000, interval: 250 }).toBe(ids.length);
      // Give a doubled delivery time to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const counts = remindersById(instances);
      for (const id of ids) expect(counts.get(id), id).toBe(1);
    } finally {
      await stopAll(instances);
    }
  }, 90_000);

  it('a reminder due on an instance that died is sent by another', async () => {
    const [doomed, survivor] = await startInstances(2);
    try {
      const inquiry = await doomed!.core.services.media.log(
        { outlet: 'Daily Star', question: 'asking about a patient' },
        'USTAFF',
      );
      // The instance that logged it (and planned its reminder) goes away before the reminder is due.
      await doomed!.core.jobs.close();
      await doomed!.core.storage.close();
      await expect.poll(() => remindersById([survivor!]).get(inquiry.id), { timeout: 60_000, interval: 250 }).toBe(1);
      expect(remindersById([doomed!]).get(inquiry.id)).toBeUndefined();
    } finally {
      await stopAll([survivor!]);
    }
  }, 90_000);
});
