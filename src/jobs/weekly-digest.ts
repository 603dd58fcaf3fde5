import { TZDate } from '@date-fns/tz';
import { addDays, format, getDay, set } from 'date-fns';
import { z } from 'zod';
import type { Services } from '../services.js';
import type { DailyDigest } from './digest.js';
import type { PostOnce } from './post-once.js';
import type { JobSpec } from './queue.js';
import { readJobData } from './timed-work.js';
import type { JobViews } from './views.js';

const WeeklyJob = z.object({ channel: z.string(), date: z.string() });

/** How late a weekly digest missed while Tact was down still goes out. */
const LATE_MS = 12 * 3_600_000;

/**
 * The weekly digest (TACT_WEEKLY_DIGEST, e.g. `Mon 08:00`, clinic time) in the digest channel,
 * carrying the charts. One job per week (`weekly-digest:<channel>:<date>`) and a record per week
 * sent, so restarts and a second instance never repeat it. Off when either setting is unset.
 */
export function weeklyDigest(deps: {
  services: Services;
  post: PostOnce;
  views: Pick<JobViews, 'weeklyDigest'>;
}): DailyDigest {
  const sent = deps.services.storage.collection('weekly-digests');

  async function next(): Promise<JobSpec | undefined> {
    const settings = deps.services.settings.current();
    const channel = settings.digestChannel;
    const when = settings.weeklyDigest;
    if (!channel || !when) return undefined;
    const now = deps.services.clock.now();
    const today = new TZDate(now.getTime(), settings.timezone);
    const [hours = 8, minutes = 0] = when.at.split(':').map(Number);
    for (let offset = 0; offset < 15; offset += 1) {
      const day = addDays(today, offset - 7);
      if (getDay(day) !== when.day) continue;
      const at = set(day, { hours, minutes, seconds: 0, milliseconds: 0 });
      if (at.getTime() + LATE_MS <= now.getTime()) continue;
      const date = format(day, 'yyyy-MM-dd');
      if ((await sent.get(`${channel}:${date}`)) !== undefined) continue;
      return {
        key: `weekly-digest:${channel}:${date}`,
        kind: 'weekly-digest',
        at: new Date(at.getTime()),
        data: { channel, date },
      };
    }
    return undefined;
  }

  return {
    kind: 'weekly-digest',
    next,
    async run(job) {
      const { channel, date } = readJobData(job, WeeklyJob);
      // Settings may have moved it (another channel, day or time) since this was planned.
      if ((await next())?.key !== job.key) return;
      await deps.post(job.key, await deps.views.weeklyDigest(deps.services), { channelId: channel });
      await sent.set(`${channel}:${date}`, deps.services.clock.now().toISOString());
    },
  };
}
