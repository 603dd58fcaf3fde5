import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Destination, Notifier, Outbox } from '../../src/chat/outbox.js';
import type { Reply } from '../../src/chat/reply.js';
import { Scheduler, type DueSource } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/log.js';
import type { TestServices } from '../doubles/services.js';

/** Shared by the job tests: a recording chat adapter, schedulers of their own, SQLite stores for restarts. */
export interface Sent {
  reply: Reply;
  destination: Destination | undefined;
}

export type Recorder = Notifier & { sent: Sent[]; failNext: number };

/** A chat adapter that records what it is sent; while `failNext` is above 0, a send fails instead (and counts it down). */
export function recorder(): Recorder {
  const box = {
    sent: [] as Sent[],
    failNext: 0,
    async send(reply: Reply, destination?: Destination) {
      if (box.failNext > 0) {
        box.failNext -= 1;
        throw new Error('chat is down');
      }
      box.sent.push({ reply, destination });
      return undefined;
    },
  };
  return box;
}

/** Attaches a new recorder to the core's outbox, as a chat adapter is attached at start. */
export function attachRecorder(t: TestServices): Recorder {
  const notifier = recorder();
  (t.services.outbox as Outbox).attach(notifier);
  return notifier;
}

const schedulers: Scheduler[] = [];

/** A scheduler of its own on `t`'s store and clock, logging nothing, running `source`; `stopSchedulers` stops it. */
export function schedulerFor(t: TestServices, source: DueSource): Scheduler {
  const scheduler = new Scheduler(t.storage, t.clock, createLogger({ level: 'error', redact: (x) => x, write: () => undefined }));
  scheduler.register(source);
  schedulers.push(scheduler);
  return scheduler;
}

/** For `afterEach`: stops the schedulers `schedulerFor` made. */
export async function stopSchedulers(): Promise<void> {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
}

/** Moves `t`'s clock to a time, then runs `scheduler` `passes` times. */
export function moveAndRun(t: TestServices, scheduler: Scheduler, passes: number): (iso: string | Date) => Promise<void> {
  return async (iso) => {
    t.clock.set(iso);
    for (let pass = 0; pass < passes; pass += 1) await scheduler.poke();
  };
}

const directories: string[] = [];

/** A SQLite store in a fresh folder under the OS temp dir named from `prefix`; `removeStores` removes it. */
export async function sqliteStore(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  directories.push(dir);
  return `sqlite://${join(dir, 't.sqlite')}`;
}

/** For `afterAll`: removes the folders of the stores `sqliteStore` made. */
export async function removeStores(): Promise<void> {
  await Promise.all(directories.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
