import { z } from 'zod';
import type { SettingsService } from '../settings/service.js';
import type { Touch } from '../touches/model.js';
import type { TouchService } from '../touches/service.js';
import type { PostOnce } from './post-once.js';
import { readJobData, type TimedWork } from './timed-work.js';
import type { JobViews } from './views.js';

const TouchJob = z.object({
  number: z.number().int().positive(),
  /** the reminder time the job was planned for: a job left from before a change does nothing */
  dueAt: z.string(),
});

/**
 * Personal touches on their day: the owner gets a direct message with a draft note to send
 * themselves. Once reminded, a birthday moves to next year (and its job is planned again from the
 * change); a thank-you or an event is done. One post per reminder time, even across restarts.
 */
export function touchWork(deps: {
  touches: TouchService;
  settings: SettingsService;
  post: PostOnce;
  views: Pick<JobViews, 'touchReminder'>;
}): TimedWork<Touch> {
  return {
    kind: 'touch',
    plan(touch) {
      return [
        {
          key: `touch:${touch.id}`,
          at: touch.status === 'open' ? new Date(touch.dueAt) : undefined,
          data: { number: touch.number, dueAt: touch.dueAt },
        },
      ];
    },
    async run(job) {
      const { number, dueAt } = readJobData(job, TouchJob);
      const current = await deps.touches.get(number);
      if (current?.status !== 'open' || current.dueAt !== dueAt) return;
      const draft = await deps.touches.draft(current);
      const notice = deps.views.touchReminder(current, draft, deps.settings.current().timezone);
      await deps.post(`${job.key}@${dueAt}`, { ...notice, visibility: 'dm', to: current.owner });
      await deps.touches.reminded(number, dueAt);
    },
  };
}
