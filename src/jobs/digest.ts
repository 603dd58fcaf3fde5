import { TZDate } from '@date-fns/tz';
import { addDays, format, set } from 'date-fns';
import { digestReply } from '../../commands/digest.js';
import type { Notifier } from '../chat/outbox.js';
import type { Services } from '../services.js';
import type { DueSource } from './scheduler.js';

/**
 * The daily digest at TACT_DIGEST_AT, clinic time, on days the clinic opens. One occurrence per
 * clinic day (the scheduler's durable claim on `digest:<channel>:<date>`), so restarts and a second
 * instance never repeat it; wall-clock arithmetic in the clinic's zone keeps 08:00 at 08:00 across
 * daylight-saving changes. A digest missed while Tact was down goes out late, until that day closes.
 */
export function dailyDigest(deps: { services: Services; notifier: Notifier }): DueSource {
  return {
    name: 'daily digest',
    async pending() {
      const settings = deps.services.settings.current();
      const channelId = settings.digestChannel;
      if (!channelId) return [];
      const now = deps.services.clock.now();
      const sent = deps.services.storage.collection('digests');
      const today = new TZDate(now.getTime(), settings.timezone);
      const [hours = 8, minutes = 0] = settings.digestAt.split(':').map(Number);
      for (let offset = 0; offset < 8; offset += 1) {
        const day = addDays(today, offset);
        const hoursOpen = settings.businessHours[day.getDay()];
        if (!hoursOpen) continue;
        const at = set(day, { hours, minutes, seconds: 0, milliseconds: 0 });
        const closes = set(day, { hours: Math.floor(hoursOpen.close / 60), minutes: hoursOpen.close % 60, seconds: 0, milliseconds: 0 });
        // A digest missed while Tact was down still goes out late, until the clinic closes (or an
        // hour after its time, for a digest set at or after closing).
        const lateUntil = Math.max(closes.getTime(), at.getTime() + 3_600_000);
        if (offset === 0 && at.getTime() < now.getTime() && now.getTime() >= lateUntil) continue;
        const key = `${channelId}:${format(day, 'yyyy-MM-dd')}`;
        // Once a day's digest is out, the next one is the item to wait for.
        if ((await sent.get(key)) !== undefined) continue;
        return [
          {
            key: `digest:${key}`,
            at: new Date(at.getTime()),
            run: async () => {
              await deps.notifier.send(await digestReply(deps.services, 'channel'), { channelId });
              await sent.set(key, now.toISOString());
            },
          },
        ];
      }
      return [];
    },
  };
}
