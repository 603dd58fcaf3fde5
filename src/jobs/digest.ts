import { TZDate } from '@date-fns/tz';
import { addDays, format, set } from 'date-fns';
import { z } from 'zod';
import type { Services } from '../services.js';
import type { PostOnce } from './post-once.js';
import type { JobSpec } from './queue.js';
import { hoursOn } from '../time/business-hours.js';
import { readJobData } from './timed-work.js';
import type { JobViews } from './views.js';

const DigestJob = z.object({ channel: z.string(), date: z.string() });

/** The digest's job: planned at start-up, when settings change, and after each digest goes out. */
export interface DailyDigest {
  kind: string;
  /** the next occurrence not yet sent, or undefined when no digest channel is set */
  next(): Promise<JobSpec | undefined>;
  run(job: JobSpec): Promise<void>;
}

/**
 * The daily digest at TACT_DIGEST_AT, clinic time, on days the clinic opens. One job per clinic
 * day (`digest:<channel>:<date>`), and a record per day sent, so restarts and a second instance never
 * repeat it; wall-clock arithmetic in the clinic's zone keeps 08:00 at 08:00 across daylight-saving
 * changes. A digest missed while Tact was down goes out late, until that day closes.
 */
export function dailyDigest(deps: {
  services: Services;
  post: PostOnce;
  views: Pick<JobViews, 'digest'>;
}): DailyDigest {
  const sent = deps.services.storage.collection('digests');

  async function next(): Promise<JobSpec | undefined> {
    const settings = deps.services.settings.current();
    const channel = settings.digestChannel;
    if (!channel) return undefined;
    const now = deps.services.clock.now();
    const calendar = deps.services.calendar.current();
    const today = new TZDate(now.getTime(), calendar.zone);
    const [hours = 8, minutes = 0] = settings.digestAt.split(':').map(Number);
    for (let offset = 0; offset < 8; offset += 1) {
      const day = addDays(today, offset);
      const date = format(day, 'yyyy-MM-dd');
      // Closed days (the week's, closures, public holidays) get no digest: nobody is there to read it.
      const lastSpan = hoursOn(calendar, date).at(-1);
      if (!lastSpan) continue;
      const at = set(day, { hours, minutes, seconds: 0, milliseconds: 0 });
      const closes = set(day, {
        hours: Math.floor(lastSpan.close / 60),
        minutes: lastSpan.close % 60,
        seconds: 0,
        milliseconds: 0,
      });
      // A digest missed while Tact was down still goes out late, until the clinic closes (or an
      // hour after its time, for a digest set at or after closing).
      const lateUntil = Math.max(closes.getTime(), at.getTime() + 3_600_000);
      if (offset === 0 && at.getTime() < now.getTime() && now.getTime() >= lateUntil) continue;
      // Once a day's digest is out, the next one is the occurrence to wait for.
      if ((await sent.get(`${channel}:${date}`)) !== undefined) continue;
      return { key: `digest:${channel}:${date}`, kind: 'digest', at: new Date(at.getTime()), data: { channel, date } };
    }
    return undefined;
  }

  return {
    kind: 'digest',
    next,
    async run(job) {
      const { channel, date } = readJobData(job, DigestJob);
      // Settings may have moved the digest (another channel, time or day) since this was planned.
      if ((await next())?.key !== job.key) return;
      await deps.post(job.key, await deps.views.digest(deps.services), { channelId: channel });
      await sent.set(`${channel}:${date}`, deps.services.clock.now().toISOString());
    },
  };
}
