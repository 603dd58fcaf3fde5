import { sendPerDestination } from '../chat/outbox.js';
import type { Reply } from '../chat/reply.js';
import { ErrorCode, TactError, describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PostOnce } from './post-once.js';

/**
 * Sends one reminder to several people, to each at once and once each (a retry skips those already
 * reached, and a crash mid-way doubles nobody's: see post-once.ts). One unreachable person (a wrong id, closed direct messages)
 * must not make the others receive it again and again: their failures are logged, and only when
 * nobody at all was reached does the job fail (and so get retried).
 */
export async function sendToEach(
  post: PostOnce,
  replies: readonly Reply[],
  logger: Logger,
  job: string,
): Promise<void> {
  // One destination at a time, all destinations at once: a rate-limited manager never holds back another.
  const failures = await sendPerDestination(replies, async (reply) => {
    try {
      await post(job, reply);
    } catch (error) {
      logger.warn('a reminder could not be delivered to one recipient', {
        job,
        to: reply.to,
        error: describeError(error),
      });
      throw error;
    }
  });
  if (replies.length > 0 && failures.length === replies.length)
    throw new TactError(ErrorCode.ReminderUndelivered, `${job}: no recipient could be reached`);
}
