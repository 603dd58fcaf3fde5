import { managerEscalation, threadNudge } from '../../commands/inquiry-view.js';
import type { Notifier } from '../chat/outbox.js';
import type { Clock } from '../clock.js';
import type { InquiryNudge } from '../inquiries/model.js';
import type { InquiryService } from '../inquiries/service.js';
import type { SettingsService } from '../settings/service.js';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../time/business-hours.js';
import type { Logger } from '../log.js';
import { sendToEach } from './deliver.js';
import type { DueItem, DueSource } from './scheduler.js';

/**
 * Reminders for unanswered patient messages, on the business-time clock (it pauses when the clinic
 * is closed): at the reply goal the message's thread is nudged, naming the owner and how to reply;
 * at twice the goal the managers get a direct message.
 */
export function inquiryNudges(deps: { inquiries: InquiryService; settings: SettingsService; notifier: Notifier; clock: Clock; logger: Logger }): DueSource {
  const calendar = (): BusinessCalendar => {
    const s = deps.settings.current();
    return { zone: s.timezone, week: s.businessHours };
  };
  return {
    name: 'inquiry reminders',
    async pending() {
      const sla = deps.settings.current().replySlaMs;
      const items: DueItem[] = [];
      for (const inquiry of await deps.inquiries.open()) {
        const received = new Date(inquiry.receivedAt);
        const steps: Array<[InquiryNudge, number]> = [
          ['thread', sla],
          ['managers', 2 * sla],
        ];
        for (const [kind, after] of steps) {
          if (inquiry.nudged[kind]) continue;
          items.push({
            key: `inquiry:${inquiry.id}:${kind}`,
            at: addBusinessTime(calendar(), received, after),
            run: async () => {
              const current = await deps.inquiries.get(inquiry.number);
              if (!current || current.status === 'answered' || current.nudged[kind]) return;
              const waitedMs = businessTimeBetween(calendar(), received, deps.clock.now());
              if (kind === 'thread') {
                const nudge = threadNudge(current, waitedMs);
                if (current.chatChannelId) {
                  await deps.notifier.send(nudge, { channelId: current.chatChannelId, threadId: current.chatMessageId });
                } else {
                  // Not in any chat thread (no inbox channel, or its notice failed): the owner, or else
                  // the managers, hear it directly, so the reminder is never lost.
                  const people = current.owner ? [current.owner] : deps.settings.current().managers;
                  await sendToEach(deps.notifier, people.map((to) => ({ ...nudge, visibility: 'dm' as const, to })), deps.logger, `inquiry:${inquiry.id}:${kind}`);
                }
              } else {
                const escalations = deps.settings.current().managers.map((manager) => managerEscalation(current, manager, waitedMs));
                await sendToEach(deps.notifier, escalations, deps.logger, `inquiry:${inquiry.id}:${kind}`);
              }
              await deps.inquiries.markNudged(inquiry.number, kind);
            },
          });
        }
      }
      return items;
    },
  };
}
