import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Destination, Notifier, Outbox } from '../../src/chat/outbox.js';
import type { Reply } from '../../src/chat/reply.js';
import type { DailyDigest } from '../../src/jobs/digest.js';
import { postOnce, type PostOnce } from '../../src/jobs/post-once.js';
import type { JobSpec } from '../../src/jobs/queue.js';
import type { TestServices } from '../doubles/services.js';

/** Shared by the job tests: a recording chat adapter, the plan on the queue, SQLite stores for restarts. */
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

/** Where each sent message went: `channel:<id>` or `dm:<user>`. */
export function places(notifier: Recorder): string[] {
  return notifier.sent.map(({ reply, destination }) =>
    reply.visibility === 'dm' ? `dm:${reply.to ?? ''}` : `channel:${destination?.channelId ?? ''}`,
  );
}

/** Attaches a new recorder to the core's outbox, as a chat adapter is attached at start. */
export function attachRecorder(t: TestServices): Recorder {
  const notifier = recorder();
  (t.services.outbox as Outbox).attach(notifier, 'console');
  return notifier;
}

/** Moves `t`'s clock to a time, then runs what is due `passes` times. */
export function moveAndRun(t: TestServices, passes: number): (iso: string | Date) => Promise<void> {
  return async (iso) => {
    t.clock.set(iso);
    for (let pass = 0; pass < passes; pass += 1) await t.runDue();
  };
}

/** The jobs of one kind scheduled on `t`'s in-memory queue, earliest first. */
export function plannedJobs(t: TestServices, kind: string): JobSpec[] {
  if (!t.jobs.planned) throw new Error('only the in-memory queue lists its plan');
  return t.jobs.planned().filter((job) => job.kind === kind);
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

/** A planned job as the tests look at it: its key, its time, and a way to run it by hand. */
export interface PlannedItem {
  key: string;
  at: Date;
  run(): Promise<void>;
}

/**
 * The plan of one kind of timed work on `t`'s queue (what the services' changes scheduled), each job
 * runnable by hand through `work`, which may have a chat adapter of its own.
 */
export function planOf(
  t: TestServices,
  work: { kind: string; run(job: JobSpec): Promise<void> },
): { pending(): Promise<PlannedItem[]> } {
  return {
    pending: async () =>
      plannedJobs(t, work.kind).map((job) => ({ key: job.key, at: job.at, run: () => work.run(job) })),
  };
}

/** The digest's plan in the same shape: its next occurrence, runnable by hand. */
export function digestPlan(digest: DailyDigest): { pending(): Promise<PlannedItem[]> } {
  return {
    pending: async () => {
      const next = await digest.next();
      return next ? [{ key: next.key, at: next.at, run: () => digest.run(next) }] : [];
    },
  };
}

/** The jobs' "post once" on `t`'s store, delivering through `notifier`. */
export function postThrough(t: Pick<TestServices, 'services' | 'clock'>, notifier: Notifier): PostOnce {
  return postOnce({ storage: t.services.storage, notifier, clock: t.clock });
}
