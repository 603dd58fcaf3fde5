import { ErrorCode } from '../errors.js';
import type { Reply } from './reply.js';

/**
 * What a person is told when their request failed: the same words on every platform. A failure to
 * deliver some messages after the work was done must not read as "not saved" (that invites a
 * duplicate); anything else may have stopped before the write, so the person is asked to retry.
 */
export function failureReply(code: string, what: string): Reply {
  const words =
    code === ErrorCode.DeliveryFailed
      ? `Tact finished ${what}, but could not send every message (${code}). It is saved; check with your admin why a message could not be delivered.`
      : `Tact could not finish ${what} (${code}). Anything not confirmed was not saved; please try again, and tell your admin if it keeps happening.`;
  return { visibility: 'private', summary: words, sections: [{ kind: 'text', text: words }] };
}
