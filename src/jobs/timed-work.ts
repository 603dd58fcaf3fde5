import type { z } from 'zod';
import type { Notifier } from '../chat/outbox.js';
import { ErrorCode, TactError, describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import { complaintStepNudges } from './complaint-steps.js';
import { dailyDigest } from './digest.js';
import { weeklyDigest } from './weekly-digest.js';
import { followUpWork } from './followups.js';
import { inquiryNudges } from './inquiry-nudges.js';
import { mediaNudges } from './media-nudges.js';
import { touchWork } from './touches.js';
import { urgentPages } from './urgent-pages.js';
import { complaintPage, inquiryPage } from '../urgent/triggers.js';
import type { PageRequest } from '../urgent/model.js';
import { postOnce } from './post-once.js';
import type { JobData, JobQueue, JobSpec } from './queue.js';
import type { JobViews } from './views.js';

/** One job a record may have; `at` undefined means it does not apply (any more) and is cancelled. */
export interface PlannedJob {
  key: string;
  at: Date | undefined;
  data: JobData;
}

/** Reminders derived from one kind of record: which jobs it has now, and what a due job does. */
export interface TimedWork<R> {
  kind: string;
  plan(record: R): PlannedJob[];
  run(job: JobSpec): Promise<void>;
}

export function readJobData<T>(job: JobSpec, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success)
    throw new TactError(ErrorCode.JobDataInvalid, `job ${job.key} has data of the wrong shape`, {
      cause: parsed.error,
    });
  return parsed.data;
}

/** What start-up needs: plan every open item once (repairs a crash between a record and its jobs). */
export interface TimedWorkPlan {
  reconcile(): Promise<void>;
  /** Waits for the re-plans settings or closures changes started (shutdown, before the store closes). */
  settled(): Promise<void>;
}

/**
 * Wires the timed work to the queue: a handler per kind, and a listener on each service's changes
 * that schedules (or cancels) that record's jobs, so a new message costs a few indexed writes
 * whatever the backlog. Settings and closures that move due times re-plan what is open (rare, managers only).
 * The words come in as `views`, so the jobs never depend on the command layer.
 */
export function wireTimedWork(deps: {
  queue: JobQueue;
  services: Services;
  notifier: Notifier;
  logger: Logger;
  views: JobViews;
}): TimedWorkPlan {
  const { queue, services, logger, views } = deps;
  const post = postOnce({ storage: services.storage, notifier: deps.notifier, clock: services.clock });
  /** what the reminders on the business-time clock need */
  const onBusinessTime = {
    settings: services.settings,
    calendar: () => services.calendar.current(),
    post,
    clock: services.clock,
    logger,
    views,
  };
  const inquiries = inquiryNudges({ inquiries: services.inquiries, ...onBusinessTime });
  const media = mediaNudges({
    media: services.media,
    settings: services.settings,
    post,
    clock: services.clock,
    logger,
    views,
  });
  const steps = complaintStepNudges({
    complaints: services.complaints,
    settings: services.settings,
    post,
    logger,
    views,
  });
  const followups = followUpWork({ followups: services.followups, ...onBusinessTime });
  const touches = touchWork({ touches: services.touches, settings: services.settings, post, views });
  const digest = dailyDigest({ services, post, views });
  const weekly = weeklyDigest({ services, post, views });
  const pages = urgentPages({
    pages: services.pages,
    onCall: services.onCall,
    settings: services.settings,
    post,
    clock: services.clock,
    logger,
    views,
  });

  async function apply<R>(work: TimedWork<R>, record: R): Promise<void> {
    for (const job of work.plan(record)) {
      await (job.at
        ? queue.schedule({ key: job.key, kind: work.kind, at: job.at, data: job.data })
        : queue.cancel(job.key));
    }
  }

  async function planDigest(): Promise<void> {
    for (const work of [digest, weekly]) {
      const next = await work.next();
      if (next) await queue.schedule(next);
    }
  }

  /** A record is already saved when this runs: a failure here is logged, and start-up repairs it. */
  function follow<R>(work: TimedWork<R>, changes: { on(listener: (record: R) => Promise<void>): void }): void {
    queue.handle(work.kind, (job) => work.run(job));
    changes.on((record) =>
      apply(work, record).catch((error: unknown) =>
        logger.error('could not plan reminders; they are planned at the next start', {
          kind: work.kind,
          error: describeError(error),
        }),
      ),
    );
  }

  /** An urgent record's page is raised as it is saved; start-up raises any a crash left out. */
  async function raise(request: PageRequest | undefined): Promise<void> {
    if (request) await services.pages.raise(request);
  }
  const raiseFor =
    <R>(request: (record: R, now: Date) => PageRequest | undefined) =>
    (record: R) =>
      raise(request(record, services.clock.now())).catch((error: unknown) =>
        logger.error('could not raise an urgent page; it is raised at the next start', { error: describeError(error) }),
      );

  follow(inquiries, services.inquiries.changes);
  follow(media, services.media.changes);
  follow(steps, services.complaints.changes);
  follow(pages, services.pages.changes);
  services.complaints.changes.on(raiseFor(complaintPage));
  services.inquiries.changes.on(raiseFor(inquiryPage));
  follow(followups, services.followups.changes);
  follow(touches, services.touches.changes);
  for (const work of [digest, weekly])
    queue.handle(work.kind, async (job) => {
      await work.run(job);
      await planDigest();
    });

  async function reconcile(): Promise<void> {
    for (const inquiry of await services.inquiries.open()) {
      await apply(inquiries, inquiry);
      await raise(inquiryPage(inquiry, services.clock.now()));
    }
    for (const inquiry of await services.media.open()) await apply(media, inquiry);
    for (const complaint of await services.complaints.openComplaints()) {
      await apply(steps, complaint);
      await raise(complaintPage(complaint, services.clock.now()));
    }
    for (const page of await services.pages.open()) await apply(pages, page);
    for (const followUp of await services.followups.open()) await apply(followups, followUp);
    for (const touch of await services.touches.open()) await apply(touches, touch);
    await planDigest();
  }

  const replanning = new Set<Promise<void>>();
  const replan = () => {
    const run: Promise<void> = reconcile()
      .catch((error: unknown) =>
        logger.error('could not re-plan reminders after a settings change', { error: describeError(error) }),
      )
      .finally(() => replanning.delete(run));
    replanning.add(run);
  };
  services.settings.onChange(replan);
  services.closures.onChange(replan);
  return {
    reconcile,
    settled: async () => {
      await Promise.all(replanning);
    },
  };
}
