import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runConsole } from './adapters/console/index.js';
import { healthRoute, startHttpServer, type Route } from './adapters/http/routes.js';
import { startSlack, type RunningSlack } from './adapters/slack/index.js';
import { openStorage } from './adapters/store/keyv.js';
import { systemClock, type Clock } from './clock.js';
import { ComplaintService } from './complaints/service.js';
import { loadConfig, type Config } from './config.js';
import { describeError, TactError } from './errors.js';
import { createLogger, parseLogLevel, type Logger } from './log.js';
import { patientKeyer } from './privacy/patient-key.js';
import { contactRedactor } from './privacy/redactor.js';
import { PromptLibrary } from './prompts.js';
import type { Services } from './services.js';
import { SettingsService } from './settings/service.js';

/**
 * The composition root: reads the configuration, builds every dependency once, passes them
 * explicitly to the adapters that the environment asks for, and stops them all on shutdown.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface StartOptions {
  clock?: Clock;
  /** tests: make Bolt's HTTP response wait for the listener */
  processBeforeResponse?: boolean;
  /** where the banner goes */
  print?: (line: string) => void;
  logger?: Logger;
}

export interface Running {
  services: Services;
  config: Config;
  slack: RunningSlack | undefined;
  http: Server | undefined;
  stop(): Promise<void>;
}

export async function start(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<Running> {
  const config = loadConfig(env);
  const logger = options.logger ?? createLogger({ level: parseLogLevel(env['TACT_LOG_LEVEL']), redact: contactRedactor.redact });
  const clock = options.clock ?? systemClock;
  const storage = await openStorage(config.store);
  const settings = new SettingsService(config.settingsEnvironment, storage.collection('settings'), clock);
  await settings.load();
  const prompts = await PromptLibrary.load(join(ROOT, 'prompts'));
  const calendar = () => {
    const current = settings.current();
    return { zone: current.timezone, week: current.businessHours };
  };
  const services: Services = {
    clock,
    settings,
    storage,
    prompts,
    redactor: contactRedactor,
    complaints: new ComplaintService({
      storage,
      clock,
      redactor: contactRedactor,
      calendar,
      patientKey: patientKeyer('tact-patient-index'),
    }),
  };

  const routes: Route[] = [healthRoute(storage)];
  let slack: RunningSlack | undefined;
  let http: Server | undefined;
  try {
    if (config.slack) {
      slack = await startSlack(
        { ...config.slack, port: config.port, routes, processBeforeResponse: options.processBeforeResponse ?? false },
        services,
        logger,
      );
    } else if (config.portGiven) {
      http = await startHttpServer(routes, config.port);
    }
  } catch (error) {
    await storage.close();
    throw error;
  }

  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'));
  for (const line of banner(config, services, storage.description, slack)) print(line);

  return {
    services,
    config,
    slack,
    http,
    async stop() {
      await slack?.stop();
      await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
      await storage.close();
    },
  };
}

function banner(config: Config, services: Services, store: string, slack: RunningSlack | undefined): string[] {
  const chat = slack
    ? slack.mode === 'socket'
      ? `Slack (Socket Mode); HTTP on port ${slack.port} for /healthz`
      : `Slack over HTTP on port ${slack.port} (/slack/events, /healthz)`
    : `local console (no Slack credentials)${config.portGiven ? `; /healthz on port ${config.port}` : ''}`;
  const managers = services.settings.current().managers;
  return [
    'Tact: staff-chat help for complaints, press calls, reviews and patient messages',
    `  chat:     ${chat}`,
    `  store:    ${store}`,
    '  drafting: built-in templates',
    `  managers: ${managers.length ? managers.join(', ') : 'none set (TACT_MANAGERS): nobody in chat can read the complaint log'}`,
  ];
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  let running: Running;
  try {
    running = await start(process.env);
  } catch (error) {
    const detail = error instanceof TactError && error.code === 'TACT_CONFIG_INVALID' ? error.message : describeError(error);
    for (const line of detail.split('\n')) process.stderr.write(`Tact cannot start: ${line}\n`);
    process.exit(1);
  }
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  if (!running.slack) {
    process.stdout.write('Type /complaint help or /tact help; "exit" quits.\n');
    await runConsole(running.services, createLogger({ level: 'warn', redact: contactRedactor.redact }), {
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    await running.stop();
  }
}

if (isEntryPoint()) void main();
