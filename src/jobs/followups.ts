import { z } from 'zod';
import type { Clock } from '../clock.js';
import { FOLLOWUP_NUDGES, type FollowUp, type FollowUpNudge } from '../followups/model.js';
import type { FollowUpService } from '../followups/service.js';
import type { Logger } from '../log.js';
import type { SettingsService } from '../settings/service.js';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../time/business-hours.js';
import { sendToEach } from './deliver.js';
import type { PostOnce } from './post-once.js';
import { readJobData, type TimedWork } from './timed-work.js';
import type { JobViews } from './views.js';

const FollowUpJob = z.object({
  number: z.number().int().positive(),
  nudge: z.enum(FOLLOWUP_NUDGES),
  /** the due time the job was planned for: a job left from before a snooze or move does nothing */
  dueAt: z.string(),
});

/**
 * Follow-ups at their time: posted in the first inbox channel (or to the owner directly when there
 * is none); still open at the reply goal after that (business time), the owner is reminded; at
 * twice the goal, the managers. Snoozing or moving one starts the three again from its new time.
 */
export function followUpWork(deps: {
  followups: FollowUpService;
  settings: SettingsService;
  calendar: () => BusinessCalendar;
  post: PostOnce;
  clock: Clock;
  logger: Logger;
  views: Pick<JobViews, 'followUpDue' | 'followUpNudge'>;
}): TimedWork<FollowUp> {
  function dueTime(followUp: FollowUp, nudge: FollowUpNudge): Date | undefined {
    if (followUp.status !== 'open' || followUp.nudged[nudge]) return undefined;
    const due = new Date(followUp.dueAt);
    const sla = deps.settings.current().replySlaMs;
    if (nudge === 'due') return due;
    return addBusinessTime(deps.calendar(), due, (nudge === 'owner' ? 1 : 2) * sla);
  }

  return {
    kind: 'followup',
    plan(followUp) {
      return FOLLOWUP_NUDGES.map((nudge) => ({
        key: `followup:${followUp.id}:${nudge}`,
        at: dueTime(followUp, nudge),
        data: { number: followUp.number, nudge, dueAt: followUp.dueAt },
      }));
    },
    async run(job) {
      const { number, nudge, dueAt } = readJobData(job, FollowUpJob);
      const current = await deps.followups.get(number);
      if (!current || current.dueAt !== dueAt || dueTime(current, nudge) === undefined) return;
      // one post per due time: after a snooze the same job key posts again
      const key = `${job.key}@${dueAt}`;
      const settings = deps.settings.current();
      const now = deps.clock.now();
      if (nudge === 'due') {
        const notice = deps.views.followUpDue(current, settings.timezone, now);
        const inbox = settings.inboxChannels[0];
        if (inbox) await deps.post(key, { ...notice, visibility: 'channel' }, { channelId: inbox });
        else await deps.post(key, { ...notice, visibility: 'dm', to: current.owner });
      } else {
        const waitedMs = businessTimeBetween(deps.calendar(), new Date(current.dueAt), now);
        const people = nudge === 'owner' ? [current.owner] : [...settings.managers];
        const replies = people.map((to) => deps.views.followUpNudge(current, nudge, to, waitedMs));
        await sendToEach(deps.post, replies, deps.logger, key);
      }
      await deps.followups.markNudged(number, nudge);
    },
  };
}
