import { nudgeReply } from '../../commands/media-view.js';
import type { Clock } from '../clock.js';
import type { Notifier } from '../chat/outbox.js';
import { isUnanswered, type MediaInquiry, type NudgeKind } from '../media/model.js';
import type { MediaService } from '../media/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Logger } from '../log.js';
import { sendToEach } from './deliver.js';
import type { DueItem, DueSource } from './scheduler.js';

/**
 * Reminders for press inquiries, in real time (the press does not wait for Monday):
 * unclaimed after the media SLA → the spokesperson; after twice that → the managers;
 * one hour before the deadline, if still unanswered → the spokesperson and the managers.
 */
const HOUR_MS = 3_600_000;

interface Plan {
  kind: NudgeKind;
  at: number;
  applies: boolean;
}

function plans(inquiry: MediaInquiry, slaMs: number): Plan[] {
  const created = Date.parse(inquiry.createdAt);
  return [
    { kind: 'spokesperson', at: created + slaMs, applies: inquiry.status === 'new' },
    { kind: 'managers', at: created + 2 * slaMs, applies: inquiry.status === 'new' },
    {
      kind: 'deadline',
      at: inquiry.deadline ? Date.parse(inquiry.deadline) - HOUR_MS : Infinity,
      applies: inquiry.deadline !== undefined && isUnanswered(inquiry.status),
    },
  ];
}

export function mediaNudges(deps: { media: MediaService; settings: SettingsService; notifier: Notifier; clock: Clock; logger: Logger }): DueSource {
  function recipients(kind: NudgeKind): string[] {
    const { spokesperson, managers } = deps.settings.current();
    const press = spokesperson ? [spokesperson] : [...managers];
    const all = kind === 'spokesperson' ? press : kind === 'managers' ? [...managers] : [...press, ...managers];
    return [...new Set(all)];
  }

  return {
    name: 'media reminders',
    async pending() {
      const settings = deps.settings.current();
      const items: DueItem[] = [];
      for (const inquiry of await deps.media.open()) {
        for (const plan of plans(inquiry, settings.mediaSlaMs)) {
          if (!plan.applies || inquiry.nudged[plan.kind] || !Number.isFinite(plan.at)) continue;
          items.push({
            key: `media:${inquiry.id}:${plan.kind}`,
            at: new Date(plan.at),
            run: async () => {
              // Re-read: it may have been claimed or closed since the list was made.
              const current = await deps.media.get(inquiry.number);
              if (!current || !plans(current, settings.mediaSlaMs).find((p) => p.kind === plan.kind)?.applies) return;
              const now = deps.clock.now();
              const zone = deps.settings.current().timezone;
              const replies = recipients(plan.kind).map((to) => nudgeReply(plan.kind, current, to, zone, now));
              await sendToEach(deps.notifier, replies, deps.logger, `media:${inquiry.id}:${plan.kind}`);
              await deps.media.markNudged(inquiry.number, plan.kind);
            },
          });
        }
      }
      return items;
    },
  };
}
