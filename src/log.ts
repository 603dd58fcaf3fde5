import { appendFileSync } from 'node:fs';

/**
 * Log lines on stderr: JSON lines for a server (`TACT_LOG_FORMAT=json`), or short sentences for a
 * person at the console (`text`: warnings and errors only, unless the level is debug). A log file
 * (`TACT_LOG_FILE`) always gets the JSON lines. Every message and field passes through the redactor
 * first, so a log line can never hold a registered patient name, a phone number or an email address.
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

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export function createLogger(options: {
  level: LogLevel;
  redact: (text: string) => string;
  write?: (line: string) => void;
  /** default json */
  format?: LogFormat;
  /** a file that gets every JSON line too, appended */
  file?: string | undefined;
}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const { file } = options;
  let fileFailed = false;
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[options.level]) return;
    const json = options.redact(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
    if (file && !fileFailed) {
      try {
        appendFileSync(file, json + '\n');
      } catch (error) {
        // a log file that cannot be written is said once; the log goes on on stderr
        fileFailed = true;
        write(
          `Problem: cannot write the log file ${file} (${error instanceof Error ? error.message : String(error)}).`,
        );
      }
    }
    if (options.format !== 'text') return write(json);
    if (level === 'warn' || level === 'error' || options.level === 'debug')
      write(options.redact(sentence(level, message, fields)));
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

/** Whether TACT_LOG_FORMAT names a format; loadConfig refuses any other value at start-up. */
export function isLogFormat(text: string): boolean {
  return LOG_FORMATS.some((format) => format === normalised(text));
}

export function parseLogFormat(text: string | undefined, fallback: LogFormat): LogFormat {
  const given = normalised(text ?? '');
  return LOG_FORMATS.find((format) => format === given) ?? fallback;
}

/** A log entry as a person reads it: "Note: no media spokesperson is set; ..." */
function sentence(level: LogLevel, message: string, fields: Record<string, unknown> | undefined): string {
  const lead = { debug: '', info: '', warn: 'Note: ', error: 'Problem: ' }[level];
  const error = fields?.['error'];
  const why = typeof error === 'string' && error ? ` (${error})` : '';
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return `${lead}${text}${why}${/[.!?]$/.test(text + why) ? '' : '.'}`;
}
