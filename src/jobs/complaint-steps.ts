import { z } from 'zod';
import { isOpen, type Complaint } from '../complaints/model.js';
import { stepRecipients } from '../complaints/roles.js';
import type { ComplaintService } from '../complaints/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Logger } from '../log.js';
import { sendToEach } from './deliver.js';
import type { PostOnce } from './post-once.js';
import { readJobData, type TimedWork } from './timed-work.js';
import type { JobViews } from './views.js';

const StepJob = z.object({ number: z.number().int().positive(), step: z.number().int().positive(), due: z.string() });

/** A pathway step not done by its due time: the people in its role are told once (the managers when nobody fills it). */
export function complaintStepNudges(deps: {
  complaints: ComplaintService;
  settings: SettingsService;
  post: PostOnce;
  logger: Logger;
  views: Pick<JobViews, 'overdueStep'>;
}): TimedWork<Complaint> {
  return {
    kind: 'complaint-step',
    plan(complaint) {
      return complaint.steps.map((step, index) => ({
        key: `complaint:${complaint.id}:step:${index + 1}`,
        at: !isOpen(complaint.status) || step.doneAt || step.nudgedAt ? undefined : new Date(step.due),
        data: { number: complaint.number, step: index + 1, due: step.due },
      }));
    },
    async run(job) {
      const { number, step, due } = readJobData(job, StepJob);
      // Re-read: since it was planned the step may have been done, the complaint closed, or the
      // category fixed (which replaces the steps, so this number may be another step now).
      const current = await deps.complaints.get(number);
      const latest = current?.steps[step - 1];
      if (!current || !isOpen(current.status) || !latest || latest.doneAt || latest.nudgedAt || latest.due !== due)
        return;
      const { people, stoodIn } = stepRecipients(latest.owner, deps.settings.current());
      const replies = people.map((person) => deps.views.overdueStep(current, latest, step, person, { stoodIn }));
      await sendToEach(deps.post, replies, deps.logger, job.key);
      await deps.complaints.markStepNudged(number, step);
    },
  };
}
