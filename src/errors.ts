/**
 * Every error Tact throws carries a stable code (for logs, alerts and tests) and, where there is
 * one, the underlying cause. User mistakes are not errors: domain code returns `Problem`s for those.
 */
export const ErrorCode = {
  ConfigInvalid: 'TACT_CONFIG_INVALID',
  StoreUnavailable: 'TACT_STORE_UNAVAILABLE',
  StoreReadFailed: 'TACT_STORE_READ_FAILED',
  StoreWriteFailed: 'TACT_STORE_WRITE_FAILED',
  StoreRecordInvalid: 'TACT_STORE_RECORD_INVALID',
  PromptInvalid: 'TACT_PROMPT_INVALID',
  SlackStartFailed: 'TACT_SLACK_START_FAILED',
  DiscordStartFailed: 'TACT_DISCORD_START_FAILED',
  /** a request's work was done but some of its messages could not be delivered (any platform) */
  DeliveryFailed: 'TACT_DELIVERY_FAILED',
  HandlerFailed: 'TACT_HANDLER_FAILED',
  DraftUnsafe: 'TACT_DRAFT_UNSAFE',
  ReminderUndelivered: 'TACT_REMINDER_UNDELIVERED',
  NoChatAdapter: 'TACT_NO_CHAT_ADAPTER',
  ChatIdInvalid: 'TACT_CHAT_ID_INVALID',
  ChatIdUnrouted: 'TACT_CHAT_ID_UNROUTED',
  AuditWriteFailed: 'TACT_AUDIT_WRITE_FAILED',
  JobDataInvalid: 'TACT_JOB_DATA_INVALID',
  JobQueueUnavailable: 'TACT_JOB_QUEUE_UNAVAILABLE',
  /** a line of an urgent-sign list (built-in, TACT_URGENT_SIGNS_FILE) that is not `label: pattern` */
  SignListInvalid: 'TACT_SIGN_LIST_INVALID',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class TactError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TactError';
    this.code = code;
  }
}

export function errorCodeOf(error: unknown): string {
  return error instanceof TactError ? error.code : ErrorCode.HandlerFailed;
}

/** A one-line description for logs: code, message and the chain of causes. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    if (current instanceof Error) {
      const code = current instanceof TactError ? `${current.code}: ` : '';
      parts.push(`${code}${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join(' <- caused by: ');
}
