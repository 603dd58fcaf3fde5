/**
 * Structured log lines on stderr. Every message and field passes through the redactor first, so a
 * log line can never hold a registered patient name, a phone number or an email address.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(options: {
  level: LogLevel;
  redact: (text: string) => string;
  write?: (line: string) => void;
}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[options.level]) return;
    const entry = { time: new Date().toISOString(), level, message, ...fields };
    write(options.redact(JSON.stringify(entry)));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

function normalised(text: string): string {
  return text.trim().toLowerCase();
}

/** Whether TACT_LOG_LEVEL names a level; loadConfig refuses any other value at start-up. */
export function isLogLevel(text: string): boolean {
  return LOG_LEVELS.some((level) => level === normalised(text));
}

/** The level TACT_LOG_LEVEL names; unset (or blank) is info. Other values never get here: loadConfig refuses them. */
export function parseLogLevel(text: string | undefined): LogLevel {
  const given = normalised(text ?? '');
  return LOG_LEVELS.find((level) => level === given) ?? 'info';
}
