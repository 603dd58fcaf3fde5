import { ROLE_LABELS } from '../complaints/model.js';
import type { ComplaintService } from '../complaints/service.js';
import type { Notifier } from '../chat/outbox.js';
import type { SettingsService } from '../settings/service.js';
import type { DueItem, DueSource } from './scheduler.js';

/** A pathway step not done by its due time: the managers are told once. */
export function complaintStepNudges(deps: { complaints: ComplaintService; settings: SettingsService; notifier: Notifier }): DueSource {
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
              const text = `${complaint.id} (${complaint.tier}): step ${number} is overdue: ${step.text} (${ROLE_LABELS[step.owner]}). Mark it with /complaint update ${complaint.id} step ${number}.`;
              for (const manager of deps.settings.current().managers) {
                await deps.notifier.send({ visibility: 'dm', to: manager, summary: `${complaint.id} step ${number} is overdue`, sections: [{ kind: 'text', text }] });
              }
              await deps.complaints.markStepNudged(complaint.number, number);
            },
          });
        });
      }
      return items;
    },
  };
}
