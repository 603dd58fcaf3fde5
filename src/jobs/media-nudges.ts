import { z } from 'zod';
import type { Clock } from '../clock.js';
import { NUDGES, isUnanswered, type MediaInquiry, type NudgeKind } from '../media/model.js';
import type { MediaService } from '../media/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Logger } from '../log.js';
import { sendToEach } from './deliver.js';
import type { PostOnce } from './post-once.js';
import { readJobData, type TimedWork } from './timed-work.js';
import type { JobViews } from './views.js';

/**
 * Reminders for press inquiries, in real time (the press does not wait for Monday):
 * unclaimed after the media SLA → the spokesperson; after twice that → the managers;
 * one hour before the deadline, if still unanswered → the spokesperson and the managers.
 */
const HOUR_MS = 3_600_000;

const NudgeJob = z.object({ number: z.number().int().positive(), nudge: z.enum(NUDGES) });

/** When each reminder falls due, or undefined when it does not apply (any more). */
function dueTime(inquiry: MediaInquiry, kind: NudgeKind, slaMs: number): number | undefined {
  if (inquiry.nudged[kind]) return undefined;
  const created = Date.parse(inquiry.createdAt);
  switch (kind) {
    case 'spokesperson':
      return inquiry.status === 'new' ? created + slaMs : undefined;
    case 'managers':
      return inquiry.status === 'new' ? created + 2 * slaMs : undefined;
    case 'deadline':
      return inquiry.deadline && isUnanswered(inquiry.status) ? Date.parse(inquiry.deadline) - HOUR_MS : undefined;
  }
}

export function mediaNudges(deps: {
  media: MediaService;
  settings: SettingsService;
  post: PostOnce;
  clock: Clock;
  logger: Logger;
  views: Pick<JobViews, 'mediaNudge'>;
}): TimedWork<MediaInquiry> {
  function recipients(kind: NudgeKind): string[] {
    const { spokesperson, managers } = deps.settings.current();
    const press = spokesperson ? [spokesperson] : [...managers];
    const all = kind === 'spokesperson' ? press : kind === 'managers' ? [...managers] : [...press, ...managers];
    return [...new Set(all)];
  }

  return {
    kind: 'media-nudge',
    plan(inquiry) {
      const slaMs = deps.settings.current().mediaSlaMs;
      return NUDGES.map((nudge) => {
        const at = dueTime(inquiry, nudge, slaMs);
        return {
          key: `media:${inquiry.id}:${nudge}`,
          at: at === undefined ? undefined : new Date(at),
          data: { number: inquiry.number, nudge },
        };
      });
    },
    async run(job) {
      const { number, nudge } = readJobData(job, NudgeJob);
      // Re-read: it may have been claimed or closed since the job was planned.
      const current = await deps.media.get(number);
      if (!current || dueTime(current, nudge, deps.settings.current().mediaSlaMs) === undefined) return;
      const now = deps.clock.now();
      const zone = deps.settings.current().timezone;
      const replies = recipients(nudge).map((to) => deps.views.mediaNudge(nudge, current, to, zone, now));
      await sendToEach(deps.post, replies, deps.logger, job.key);
      await deps.media.markNudged(number, nudge, replies.length);
    },
  };
}
