import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { OnCallService } from '../settings/on-call.js';
import type { SettingsService } from '../settings/service.js';
import { levelOf, nextRound, type PagePolicy } from '../urgent/escalation.js';
import type { Page } from '../urgent/model.js';
import type { PageService } from '../urgent/service.js';
import { sendToEach } from './deliver.js';
import type { PostOnce } from './post-once.js';
import { readJobData, type TimedWork } from './timed-work.js';
import type { JobViews } from './views.js';

const RoundJob = z.object({ id: z.string(), round: z.number().int().nonnegative() });

/**
 * Urgent pages on the real-time clock, at any hour: round 0 as soon as the page is raised, then one
 * every `page-repeat` until someone acknowledges, each level of the chain paged for `page-escalate`
 * before the next. Who is on call is read when each round goes out, so a shift change is followed.
 */
export function urgentPages(deps: {
  pages: PageService;
  onCall: OnCallService;
  settings: SettingsService;
  post: PostOnce;
  clock: Clock;
  logger: Logger;
  views: Pick<JobViews, 'urgentPage' | 'pageUnanswered'>;
}): TimedWork<Page> {
  const policy = (): PagePolicy => {
    const { pageRepeatMs, pageEscalateMs } = deps.settings.current();
    return { repeatMs: pageRepeatMs, escalateMs: pageEscalateMs };
  };
  return {
    kind: 'urgent-page',
    plan(page) {
      const next = nextRound(page, policy());
      return [{ key: `page:${page.id}`, at: next?.at, data: { id: page.id, round: next?.round ?? 0 } }];
    },
    async run(job) {
      const { id, round } = readJobData(job, RoundJob);
      const page = await deps.pages.get(id);
      // Acknowledged since, or this round already went out (a retry after the record was written).
      const next = page && nextRound(page, policy());
      if (!page || !next || next.round !== round) return;
      const postKey = `${job.key}:${round}`;
      if (next.giveUp) {
        const managers = deps.settings.current().managers;
        await sendToEach(
          deps.post,
          managers.map((to) => deps.views.pageUnanswered(page, to)),
          deps.logger,
          postKey,
        );
        await deps.pages.giveUp(id);
        return;
      }
      const levels = deps.onCall.escalation(deps.clock.now());
      const level = levels[levelOf(round, levels.length, policy())];
      if (!level) {
        deps.logger.error('an urgent page found nobody to page: set the on-call rota or the managers', { page: id });
        await deps.pages.recordRound(id, round, { people: [] });
        return;
      }
      const earlier = page.rounds.at(-1);
      const replies = level.people.map((to) =>
        deps.views.urgentPage(page, { number: round + 1, level: level.level, earlier }, to),
      );
      await sendToEach(deps.post, replies, deps.logger, postKey);
      await deps.pages.recordRound(id, round, { level: level.level, people: [...level.people] });
    },
  };
}
