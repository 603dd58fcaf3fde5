import { z } from 'zod';
import { ErrorCode, TactError } from './errors.js';
import { decodeKey } from './adapters/store/secrets.js';
import { safeUrl } from './adapters/store/url.js';
import { LOG_FORMATS, LOG_LEVELS, isLogFormat, isLogLevel } from './log.js';
import { SETTING_DEFINITIONS, readSettings } from './settings/definitions.js';
import { parseDuration } from './time/duration.js';

/**
 * The environment contract (see README): validated once at start-up. Each bad value gives one line
 * naming the variable and what is expected; any bad value stops the process before it serves anyone.
 */
export interface Config {
  port: number;
  /** whether PORT was given explicitly (the console only serves HTTP then) */
  portGiven: boolean;
  store: string;
  /** base64 text of TACT_ENCRYPTION_KEY, checked to be 32 bytes */
  encryptionKey: string | undefined;
  slack:
    | { signingSecret: string; botToken: string; appToken: string | undefined; apiUrl: string | undefined }
    | undefined;
  discord:
    | { token: string; applicationId: string; guildId: string | undefined; apiUrl: string | undefined }
    | undefined;
  llm: { apiKey: string; baseUrl: string | undefined; model: string } | undefined;
  /** how long one drafting-model call may take */
  llmTimeoutMs: number;
  reviewVocabulary: string | undefined;
  /** TACT_URGENT_SIGNS_FILE: the operator's urgent signs, besides the built-in list */
  urgentSignsFile: string | undefined;
  /** bearer token for POST /intake/messages; intake is off without it */
  intakeToken: string | undefined;
  reviewMaxLength: number;
  /** raw setting texts by setting name, for the settings service */
  settingsEnvironment: Record<string, string | undefined>;
}

const url = z.url({ protocol: /^https?$/ });

function nonEmpty(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];

  const portText = nonEmpty(env, 'PORT');
  const port = portText === undefined ? 3000 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT="${portText ?? ''}": expected a TCP port number from 0 to 65535`);
  }

  const signingSecret = nonEmpty(env, 'SLACK_SIGNING_SECRET');
  const botToken = nonEmpty(env, 'SLACK_BOT_TOKEN');
  const appToken = nonEmpty(env, 'SLACK_APP_TOKEN');
  const apiUrl = nonEmpty(env, 'SLACK_API_URL');
  if ((signingSecret === undefined) !== (botToken === undefined)) {
    problems.push(
      signingSecret
        ? 'SLACK_BOT_TOKEN is missing: the Slack adapter needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN'
        : 'SLACK_SIGNING_SECRET is missing: the Slack adapter needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN',
    );
  }
  if (botToken && !botToken.startsWith('xoxb-'))
    problems.push('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
  if (appToken && !appToken.startsWith('xapp-'))
    problems.push('SLACK_APP_TOKEN: expected an app-level token starting with xapp-');
  if (appToken && !botToken)
    problems.push(
      'SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not: Socket Mode needs all three',
    );
  if (apiUrl && !url.safeParse(apiUrl).success)
    problems.push(`SLACK_API_URL="${apiUrl}": expected an http(s) URL such as https://slack.com/api/`);

  const settingsEnvironment: Record<string, string | undefined> = {};
  for (const definition of SETTING_DEFINITIONS) {
    settingsEnvironment[definition.name] = nonEmpty(env, definition.env);
  }
  for (const { definition, value } of readSettings(settingsEnvironment).problems) {
    const suggestion = definition.suggest?.(value);
    problems.push(
      `${definition.env}="${value}": ${suggestion ? `${suggestion} Otherwise: ` : ''}expected ${definition.expected}`,
    );
  }

  const store = nonEmpty(env, 'TACT_STORE') ?? 'sqlite://data/tact.sqlite';
  if (!/^(sqlite:\/\/.+|memory:\/\/|postgres(ql)?:\/\/.+)$/.test(store)) {
    problems.push(
      `TACT_STORE="${safeUrl(store)}": expected sqlite://path, memory:// or postgres://user:password@host/database`,
    );
  }

  const encryptionKey = nonEmpty(env, 'TACT_ENCRYPTION_KEY');
  // A shared store is used by several instances: each would otherwise make its own key file.
  if (/^postgres(ql)?:\/\//.test(store) && !encryptionKey) {
    problems.push(
      'TACT_ENCRYPTION_KEY is required with a PostgreSQL store, so every instance encrypts records and hashes names with the same key (openssl rand -base64 32)',
    );
  }
  if (encryptionKey && !decodeKey(encryptionKey)) {
    problems.push('TACT_ENCRYPTION_KEY: expected 32 bytes, base64-encoded (make one with: openssl rand -base64 32)');
  }

  const discordToken = nonEmpty(env, 'DISCORD_TOKEN');
  const applicationId = nonEmpty(env, 'DISCORD_APPLICATION_ID');
  const guildId = nonEmpty(env, 'DISCORD_GUILD_ID');
  const discordApi = nonEmpty(env, 'DISCORD_API_URL');
  if ((discordToken === undefined) !== (applicationId === undefined)) {
    problems.push(
      `${discordToken ? 'DISCORD_APPLICATION_ID' : 'DISCORD_TOKEN'} is missing: the Discord adapter needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID`,
    );
  }
  for (const [name, value] of [
    ['DISCORD_APPLICATION_ID', applicationId],
    ['DISCORD_GUILD_ID', guildId],
  ] as const) {
    if (value && !/^\d{15,25}$/.test(value)) problems.push(`${name}="${value}": expected a Discord id (digits only)`);
  }
  if (discordApi && !url.safeParse(discordApi).success)
    problems.push(`DISCORD_API_URL="${discordApi}": expected an http(s) URL such as https://discord.com/api`);

  const apiKey = nonEmpty(env, 'OPENAI_API_KEY');
  const baseUrl = nonEmpty(env, 'OPENAI_BASE_URL');
  if (baseUrl && !url.safeParse(baseUrl).success)
    problems.push(`OPENAI_BASE_URL="${baseUrl}": expected an http(s) URL such as http://127.0.0.1:11434/v1`);
  if (baseUrl && !apiKey)
    problems.push(
      'OPENAI_BASE_URL is set but OPENAI_API_KEY is not: set a key (any non-empty value for a local server)',
    );
  const timeoutText = nonEmpty(env, 'TACT_LLM_TIMEOUT');
  const llmTimeoutMs = timeoutText === undefined ? 10_000 : (parseDuration(timeoutText) ?? NaN);
  if (!(llmTimeoutMs >= 1_000 && llmTimeoutMs <= 60_000))
    problems.push(`TACT_LLM_TIMEOUT="${timeoutText ?? ''}": expected a duration from 1s to 60s, e.g. 10s`);
  const maxText = nonEmpty(env, 'TACT_REVIEW_MAX_LENGTH');
  const reviewMaxLength = maxText === undefined ? 700 : Number(maxText);
  if (!Number.isInteger(reviewMaxLength) || reviewMaxLength < 100 || reviewMaxLength > 4000) {
    problems.push(`TACT_REVIEW_MAX_LENGTH="${maxText ?? ''}": expected a whole number of characters from 100 to 4000`);
  }

  const logLevel = nonEmpty(env, 'TACT_LOG_LEVEL');
  if (logLevel && !isLogLevel(logLevel))
    problems.push(`TACT_LOG_LEVEL="${logLevel}": expected one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = nonEmpty(env, 'TACT_LOG_FORMAT');
  if (logFormat && !isLogFormat(logFormat))
    problems.push(`TACT_LOG_FORMAT="${logFormat}": expected one of ${LOG_FORMATS.join(', ')}`);

  const intakeToken = nonEmpty(env, 'TACT_INTAKE_TOKEN');
  if (intakeToken && intakeToken.length < 16)
    problems.push('TACT_INTAKE_TOKEN: expected at least 16 characters (make one with: openssl rand -hex 24)');

  if (problems.length) {
    throw new TactError(ErrorCode.ConfigInvalid, problems.join('\n'));
  }
  return {
    port,
    portGiven: portText !== undefined,
    store,
    encryptionKey,
    discord:
      discordToken && applicationId ? { token: discordToken, applicationId, guildId, apiUrl: discordApi } : undefined,
    llm: apiKey ? { apiKey, baseUrl, model: nonEmpty(env, 'TACT_LLM_MODEL') ?? 'gpt-4o-mini' } : undefined,
    llmTimeoutMs,
    reviewVocabulary: nonEmpty(env, 'TACT_REVIEW_VOCABULARY'),
    urgentSignsFile: nonEmpty(env, 'TACT_URGENT_SIGNS_FILE'),
    intakeToken,
    reviewMaxLength,
    slack: signingSecret && botToken ? { signingSecret, botToken, appToken, apiUrl } : undefined,
    settingsEnvironment,
  };
}
