import { overdueStepReply } from '../../commands/complaint-view.js';
import { isOpen } from '../complaints/model.js';
import type { ComplaintService } from '../complaints/service.js';
import type { Notifier } from '../chat/outbox.js';
import type { SettingsService } from '../settings/service.js';
import type { Logger } from '../log.js';
import { sendToEach } from './deliver.js';
import type { DueItem, DueSource } from './scheduler.js';

/** A pathway step not done by its due time: the managers are told once. */
export function complaintStepNudges(deps: { complaints: ComplaintService; settings: SettingsService; notifier: Notifier; logger: Logger }): DueSource {
  return {
    name: 'complaint pathway reminders',
    async pending() {
      const items: DueItem[] = [];
      for (const complaint of await deps.complaints.openComplaints()) {
        complaint.steps.forEach((step, index) => {
          if (step.doneAt || step.nudgedAt) return;
          const number = index + 1;
          items.push({
            key: `complaint:${complaint.id}:step:${number}`,
            at: new Date(step.due),
            run: async () => {
              // Re-read: since the list was made the step may have been done, the complaint closed,
              // or the category fixed (which replaces the steps, so this number may be another step).
              const current = await deps.complaints.get(complaint.number);
              const latest = current?.steps[index];
              if (!current || !isOpen(current.status) || !latest || latest.doneAt || latest.nudgedAt || latest.due !== step.due) return;
              const replies = deps.settings.current().managers.map((manager) => overdueStepReply(current, latest, number, manager));
              await sendToEach(deps.notifier, replies, deps.logger, `complaint:${complaint.id}:step:${number}`);
              await deps.complaints.markStepNudged(current.number, number);
            },
          });
        });
      }
      return items;
    },
  };
}
