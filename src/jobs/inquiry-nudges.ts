import { z } from 'zod';
import type { Clock } from '../clock.js';
import { INQUIRY_NUDGES, type Inquiry } from '../inquiries/model.js';
import type { InquiryService } from '../inquiries/service.js';
import type { SettingsService } from '../settings/service.js';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../time/business-hours.js';
import type { Logger } from '../log.js';
import { sendToEach } from './deliver.js';
import type { PostOnce } from './post-once.js';
import { readJobData, type TimedWork } from './timed-work.js';
import type { JobViews } from './views.js';

const NudgeJob = z.object({ number: z.number().int().positive(), nudge: z.enum(INQUIRY_NUDGES) });

/**
 * Reminders for unanswered patient messages, on the business-time clock (it pauses when the clinic
 * is closed): at the reply goal the message's thread is nudged, naming the owner and how to reply;
 * at twice the goal the managers get a direct message.
 */
export function inquiryNudges(deps: {
  inquiries: InquiryService;
  settings: SettingsService;
  calendar: () => BusinessCalendar;
  post: PostOnce;
  clock: Clock;
  logger: Logger;
  views: Pick<JobViews, 'inquiryThreadNudge' | 'inquiryEscalation'>;
}): TimedWork<Inquiry> {
  const { calendar } = deps;
  /** A nervous patient's goal is the urgent one, on the real-time clock: it runs when the clinic is shut. */
  const dueAt = (inquiry: Inquiry, times: number): Date => {
    const settings = deps.settings.current();
    const received = new Date(inquiry.receivedAt);
    return inquiry.nervous
      ? new Date(received.getTime() + times * settings.urgentReplySlaMs)
      : addBusinessTime(calendar(), received, times * settings.replySlaMs);
  };
  const waited = (inquiry: Inquiry): number =>
    inquiry.nervous
      ? deps.clock.now().getTime() - Date.parse(inquiry.receivedAt)
      : businessTimeBetween(calendar(), new Date(inquiry.receivedAt), deps.clock.now());
  return {
    kind: 'inquiry-nudge',
    plan(inquiry) {
      return INQUIRY_NUDGES.map((nudge, index) => ({
        key: `inquiry:${inquiry.id}:${nudge}`,
        at: inquiry.status === 'answered' || inquiry.nudged[nudge] ? undefined : dueAt(inquiry, index + 1),
        data: { number: inquiry.number, nudge },
      }));
    },
    async run(job) {
      const { number, nudge } = readJobData(job, NudgeJob);
      const current = await deps.inquiries.get(number);
      if (!current || current.status === 'answered' || current.nudged[nudge]) return;
      const waitedMs = waited(current);
      const goal = current.nervous ? deps.settings.current().urgentReplySlaMs : undefined;
      if (nudge === 'thread') {
        const reminder = deps.views.inquiryThreadNudge(current, waitedMs, goal);
        if (current.chatChannelId) {
          await deps.post(job.key, reminder, { channelId: current.chatChannelId, threadId: current.chatMessageId });
        } else {
          // Not in any chat thread (no inbox channel, or its notice failed): the owner, or else
          // the managers, hear it directly, so the reminder is never lost.
          const people = current.owner ? [current.owner] : deps.settings.current().managers;
          await sendToEach(
            deps.post,
            people.map((to) => ({ ...reminder, visibility: 'dm' as const, to })),
            deps.logger,
            job.key,
          );
        }
      } else {
        const escalations = deps.settings
          .current()
          .managers.map((manager) => deps.views.inquiryEscalation(current, manager, waitedMs, goal));
        await sendToEach(deps.post, escalations, deps.logger, job.key);
      }
      await deps.inquiries.markNudged(number, nudge);
    },
  };
}
