import type { Notifier } from '../chat/outbox.js';
import type { Reply } from '../chat/reply.js';
import { ErrorCode, TactError, describeError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * Sends one reminder to several people. One unreachable person (a wrong id, closed direct messages)
 * must not make the others receive it again and again: their failures are logged, and only when
 * nobody at all was reached does the job fail (and so get retried).
 */
export async function sendToEach(notifier: Notifier, replies: readonly Reply[], logger: Logger, job: string): Promise<void> {
  let reached = 0;
  for (const reply of replies) {
    try {
      await notifier.send(reply);
      reached += 1;
    } catch (error) {
      logger.warn('a reminder could not be delivered to one recipient', { job, to: reply.to, error: describeError(error) });
    }
  }
  if (replies.length > 0 && reached === 0) throw new TactError(ErrorCode.ReminderUndelivered, `${job}: no recipient could be reached`);
}
