import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chatHandlers } from '../commands/handlers.js';
import {
  buildAdapters,
  chatPlatforms,
  configuredPlatforms,
  type AdapterFactory,
  type AdapterOptions,
} from './adapters/index.js';
import { healthRoute, startHttpServer, type Route } from './adapters/http/routes.js';
import type { ChatAdapter } from './chat/adapter.js';
import { Pipeline } from './chat/pipeline.js';
import { locateStore, openStorage, type OpenedStorage, type StoreEngine } from './adapters/store/index.js';
import { BACKUP_SUFFIX } from './adapters/store/migrate-v0.js';
import {
  checkKeyFingerprint,
  deriveKey,
  keyFingerprint,
  loadMasterKey,
  type MasterKey,
} from './adapters/store/secrets.js';
import { qualifyStoredIds } from './chat/migrate-ids.js';
import { Outbox } from './chat/outbox.js';
import { systemClock, type Clock } from './clock.js';
import { SharedLock } from './lock.js';
import { ComplaintService } from './complaints/service.js';
import { FollowUpService } from './followups/service.js';
import { TouchDrafting } from './touches/draft.js';
import { TouchService } from './touches/service.js';
import { loadConfig, type Config } from './config.js';
import { ErrorCode, TactError, describeError } from './errors.js';
import { openJobQueue, type OpenedQueue } from './adapters/jobs/open.js';
import { wireTimedWork, type TimedWorkPlan } from './jobs/timed-work.js';
import { jobViews } from '../commands/job-views.js';
import { isProviderNow } from './inquiries/doctor.js';
import { NervousPatients } from './inquiries/nervous.js';
import { InquiryService } from './inquiries/service.js';
import { intakeRoute } from './adapters/http/intake.js';
import { createLogger, parseLogFormat, parseLogLevel, type LogFormat, type Logger } from './log.js';
import { MediaService } from './media/service.js';
import { AliasRegistry } from './privacy/aliases.js';
import { StoredAuditTrail } from './privacy/audit.js';
import { patientKeyer } from './privacy/patient-key.js';
import { createRedactor, publicContactsIn } from './privacy/redactor.js';
import { PromptLibrary } from './prompts.js';
import { openAiChooser, openAiNoteWriter } from './adapters/llm/openai.js';
import { ReviewDrafting } from './reviews/drafting.js';
import { ReplyLibrary } from './reviews/replies.js';
import { ReviewService } from './reviews/service.js';
import { loadReplySetup } from './reviews/setup.js';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Services } from './services.js';
import { VersionRow } from './storage.js';
import { contactSentenceEnd } from './settings/practice-contact.js';
import { ClosureService } from './settings/closures.js';
import { OnCallService } from './settings/on-call.js';
import { PageService } from './urgent/service.js';
import { SettingsService } from './settings/service.js';
import { clinicCalendar } from './time/clinic-calendar.js';
import { BUILT_IN_SIGNS, UrgentSigns, loadSignFile } from './urgent/sign-list.js';

/**
 * The composition root: reads the configuration, builds every dependency once, passes them
 * explicitly to the adapters that the environment asks for, and stops them all on shutdown.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The model call stops in time for a draft of Tact's own choice to reach the thread within 15 seconds. */
const DRAFTING_BUDGET_MS = 13_000;
const SETTINGS_POLL_MS = 1_000;

export interface StartOptions extends AdapterOptions {
  clock?: Clock;
  /** the chat platforms to build when configured (tests add their own); default every known one */
  chatPlatforms?: readonly AdapterFactory[];
  /** where the banner goes */
  print?: (line: string) => void;
  /** where log lines go (default: stderr); they pass the redactor either way */
  writeLog?: (line: string) => void;
  /** tests that run due jobs by hand (see CoreOptions) */
  jobsInProcess?: boolean;
}

export interface Running {
  services: Services;
  jobs: OpenedQueue;
  config: Config;
  logger: Logger;
  /** the chat adapters running, in the order they were configured */
  chat: readonly ChatAdapter[];
  http: Server | undefined;
  stop(): Promise<void>;
}

function keyFileFor(store: string): string | undefined {
  const location = locateStore(store);
  if (location.backend === 'memory') return undefined;
  return location.file ? join(dirname(location.file), 'tact.key') : join(process.cwd(), 'data', 'tact.key');
}

export interface Core {
  services: Services;
  storage: OpenedStorage;
  /** the database under the store, for adapters that share its connection (never the domain) */
  engine: StoreEngine;
  master: MasterKey;
  logger: Logger;
  outbox: Outbox;
  jobs: OpenedQueue;
  /** plans every open item's jobs once (startJobs) */
  timedWork: TimedWorkPlan;
}

/** Everything but the chat adapters: the store, the keys, the services and the job queue. */
export interface CoreOptions {
  clock: Clock;
  logLevel?: string | undefined;
  /** text sentences or JSON lines (default JSON) */
  logFormat?: LogFormat | undefined;
  /** a file that also gets the JSON lines */
  logFile?: string | undefined;
  writeLog?: ((line: string) => void) | undefined;
  /** an already open store (tests that look at one store from two cores) */
  storage?: OpenedStorage | undefined;
  /** tests that run due jobs by hand: an in-process queue even on PostgreSQL (pg-boss runs jobs by itself) */
  jobsInProcess?: boolean | undefined;
  /** the chat platforms that will run (their names): whose a bare id is; default: those configured */
  platforms?: readonly string[] | undefined;
}

export async function buildCore(config: Config, options: CoreOptions): Promise<Core> {
  const { clock } = options;
  const master = await loadMasterKey({ environmentKey: config.encryptionKey, keyFile: keyFileFor(config.store) });
  // Records are always encrypted: with TACT_ENCRYPTION_KEY, or else with the key file beside the store.
  const storage =
    options.storage ??
    (await openStorage(config.store, {
      encryptionKey: deriveKey(master.key, 'records'),
      keyFingerprint: keyFingerprint(master),
    }));
  const { engine } = storage;
  try {
    await checkKeyFingerprint(storage, master);
  } catch (error) {
    if (!options.storage) await storage.close();
    throw error;
  }
  const aliases = new AliasRegistry(
    storage.collection('aliases'),
    deriveKey(master.key, 'aliases'),
    clock,
    new VersionRow(storage, 'aliases'),
    new SharedLock(storage),
  );
  await aliases.load();
  let publicContacts = publicContactsIn([]);
  let country: CountryCode = 'US';
  const redactor = createRedactor(aliases, {
    publicContacts: () => publicContacts,
    country: () => country,
    year: () => clock.now().getUTCFullYear(),
  });
  const logger = createLogger({
    level: parseLogLevel(options.logLevel),
    redact: redactor.redact,
    format: options.logFormat ?? 'json',
    file: options.logFile,
    ...(options.writeLog ? { write: options.writeLog } : {}),
  });
  const platforms = options.platforms ?? configuredPlatforms(config);
  const settings = new SettingsService(config.settingsEnvironment, storage.collection('settings'), clock, platforms);
  await settings.load();
  // once per store: ids stored before they named their platform are qualified before anything reads them
  if (await qualifyStoredIds(storage, { platforms, digestChannel: settings.current().digestChannel, now: clock.now() }))
    await settings.refresh();
  // The practice's own contact line and emergency line are published on purpose: their numbers are not masked.
  const refreshContacts = () => {
    const { practiceContact, emergencyLine } = settings.current();
    country = settings.current().country;
    publicContacts = publicContactsIn([practiceContact ?? '', emergencyLine ?? ''], country);
  };
  refreshContacts();
  settings.onChange(refreshContacts);
  const prompts = await PromptLibrary.load(join(ROOT, 'prompts'));
  const zone = () => settings.current().timezone;
  const closures = new ClosureService({ storage, clock });
  await closures.load();
  const clinic = clinicCalendar(() => settings.current(), closures);
  const onCall = new OnCallService({ storage, clock, settings: () => settings.current() });
  await onCall.load();
  const calendar = () => clinic.current();
  const signs = new UrgentSigns({
    storage,
    clock,
    builtIn: await loadSignFile(join(ROOT, BUILT_IN_SIGNS), 'the built-in urgent signs'),
    fromFile: config.urgentSignsFile ? await loadSignFile(config.urgentSignsFile, 'TACT_URGENT_SIGNS_FILE') : undefined,
  });
  await signs.load();
  const outbox = new Outbox(redactor, () => aliases.refresh());
  const media = new MediaService({ storage, clock, redactor, zone });
  const practiceContact = () => contactSentenceEnd(settings.current().practiceContact);
  const { sentences, gate } = await loadReplySetup({
    promptsDir: join(ROOT, 'prompts'),
    extraWordsFile: config.reviewVocabulary,
    practiceName: () => settings.current().practiceName,
  });
  const replies = new ReplyLibrary({ builtIn: sentences, gate, storage, clock });
  await replies.load();
  const drafting = new ReviewDrafting({
    chooser: config.llm ? openAiChooser({ ...config.llm, prompts }) : undefined,
    library: () => replies.usable(),
    gate,
    clock,
    callTimeoutMs: config.llmTimeoutMs,
    budgetMs: DRAFTING_BUDGET_MS,
  });
  const reviews = new ReviewService({
    storage,
    clock,
    redactor,
    drafting,
    practiceContact,
    maxLength: config.reviewMaxLength,
  });
  const urgentSigns = (text: string): readonly string[] => signs.detect(text);
  const patientKey = patientKeyer(deriveKey(master.key, 'patient-index'));
  const nervous = new NervousPatients({ storage, clock, patientKey, days: () => settings.current().nervousDays });
  const inquiries = new InquiryService({
    storage,
    clock,
    redactor,
    calendar,
    slaMs: () => settings.current().replySlaMs,
    urgentSigns,
    urgentSlaMs: () => settings.current().urgentReplySlaMs,
    isProvider: (actor) =>
      isProviderNow(actor, { providers: settings.current().providers, onCall: onCall.now()?.person }),
    nervous,
  });
  // once per store: earlier stores lack the per-channel open indexes the digest reads
  await inquiries.fillChannelIndexes();
  const complaints = new ComplaintService({
    storage,
    clock,
    redactor,
    calendar,
    patientKey,
    urgentSigns,
  });
  const pages = new PageService({
    storage,
    clock,
    chain: () => onCall.escalation().flatMap((level) => level.people),
    history: (source, what, by) =>
      source.kind === 'complaint'
        ? complaints.record(source.number, what, by)
        : inquiries.record(source.number, what, by),
  });
  const followups = new FollowUpService({ storage, clock, redactor, patientKey });
  // reply in kind: a follow-up goes by the channel the patient last used
  inquiries.changes.on((inquiry) =>
    inquiry.patientRef
      ? followups
          .rememberChannel(inquiry.patientRef, inquiry.channel, new Date(inquiry.receivedAt))
          .catch((error: unknown) =>
            logger.warn('could not note the channel a patient used', { error: describeError(error) }),
          )
      : Promise.resolve(),
  );
  const touches = new TouchService({
    storage,
    clock,
    redactor,
    calendar: () => clinic.current(),
    drafting: new TouchDrafting({
      writer: config.llm ? openAiNoteWriter({ ...config.llm, prompts }) : undefined,
      prompts,
      redactor,
      gate,
      timeoutMs: config.llmTimeoutMs,
    }),
  });
  const services: Services = {
    clock,
    audit: new StoredAuditTrail({ storage, clock, zone }),
    settings,
    closures,
    calendar: clinic,
    onCall,
    storage,
    prompts,
    redactor,
    logger,
    aliases,
    media,
    reviews,
    replies,
    inquiries,
    nervous,
    outbox,
    complaints,
    pages,
    signs,
    followups,
    touches,
  };
  const jobs = openJobQueue(engine, { clock, logger }, { inProcess: options.jobsInProcess === true });
  const timedWork = wireTimedWork({ queue: jobs.queue, services, notifier: outbox, logger, views: jobViews });
  return { services, storage, engine, master, logger, outbox, jobs, timedWork };
}

/**
 * Plans every open item's jobs (repairing a crash between a record and its jobs), then starts
 * running them: what fell due while Tact was down runs before start-up returns.
 */
export async function startJobs(core: Pick<Core, 'jobs' | 'timedWork'>): Promise<void> {
  await core.timedWork.reconcile();
  await core.jobs.queue.start();
}

export async function start(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<Running> {
  const config = loadConfig(env);
  const factories = options.chatPlatforms ?? chatPlatforms;
  const platforms = configuredPlatforms(config, factories);
  // A person at the console reads sentences; a server's log (Slack, Discord) stays JSON lines.
  const consoleOnly = platforms.length === 1 && platforms[0] === 'console';
  const core = await buildCore(config, {
    clock: options.clock ?? systemClock,
    logLevel: env['TACT_LOG_LEVEL'],
    logFormat: parseLogFormat(env['TACT_LOG_FORMAT'], consoleOnly ? 'text' : 'json'),
    logFile: env['TACT_LOG_FILE']?.trim() || undefined,
    writeLog: options.writeLog,
    jobsInProcess: options.jobsInProcess,
    platforms,
  });
  const { services, storage, master, logger, outbox, jobs } = core;
  const { settings } = services;

  const routes: Route[] = [
    healthRoute(storage, jobs.queue),
    ...(config.intakeToken ? [intakeRoute(config.intakeToken, services, logger)] : []),
  ];
  const { adapters, local } = buildAdapters(config, { logger, routes, options }, factories);
  let http: Server | undefined;
  try {
    const pipeline = new Pipeline({ services, logger, outbound: outbox, handlers: chatHandlers });
    for (const adapter of adapters) {
      outbox.attach(adapter, adapter.name);
      await adapter.start(pipeline);
    }
    // Without an adapter serving HTTP anyway, /healthz and intake get a server of their own.
    if (!adapters.some((a) => a.routesPort !== undefined) && (!local || config.portGiven))
      http = await startHttpServer(routes, config.port);
  } catch (error) {
    // One that failed part-way may hold a port or a connection: every adapter is told to stop.
    for (const adapter of adapters) await adapter.stop().catch(() => undefined);
    await storage.close();
    await jobs.close();
    throw error;
  }
  await startJobs(core);
  // Another instance on the same store may change a setting, a closure, an on-call override or an
  // urgent sign: in force here within a second or two.
  const shared = {
    settings,
    closures: services.closures,
    'on-call overrides': services.onCall,
    'urgent signs': services.signs,
  };
  const settingsPoll = setInterval(() => {
    for (const [what, kept] of Object.entries(shared)) {
      kept
        .refresh()
        .catch((error: unknown) => logger.warn(`could not re-read the ${what}`, { error: describeError(error) }));
    }
  }, SETTINGS_POLL_MS);
  settingsPoll.unref();

  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'));
  for (const line of banner(config, services, storage, master, adapters, local)) print(line);
  if (!settings.current().spokesperson) {
    logger.warn('no media spokesperson is set; press inquiries go to the managers');
  }

  return {
    services,
    jobs,
    config,
    logger,
    chat: adapters,
    http,
    async stop() {
      clearInterval(settingsPoll);
      // a re-plan a setting just started still reads the store: it finishes before the store closes
      await core.timedWork.settled();
      await jobs.close();
      for (const adapter of adapters) await adapter.stop();
      await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
      await storage.close();
    },
  };
}

function banner(
  config: Config,
  services: Services,
  storage: OpenedStorage,
  master: MasterKey,
  adapters: readonly ChatAdapter[],
  local: boolean,
): string[] {
  const chat = adapters.map((a) => a.describe()).join(' and ');
  const port =
    adapters.find((a) => a.routesPort !== undefined)?.routesPort ??
    (config.portGiven || !local ? config.port : undefined);
  const http =
    port === undefined
      ? 'off (set PORT to serve /healthz and intake)'
      : `port ${port}: /healthz${config.intakeToken ? ', POST /intake/messages' : ' (intake off: set TACT_INTAKE_TOKEN)'}`;
  const { managers, spokesperson } = services.settings.current();
  const key =
    master.source === 'key file'
      ? `key in ${master.file ?? ''}: back it up with the data, the records cannot be read without it`
      : master.source === 'environment'
        ? 'key from TACT_ENCRYPTION_KEY'
        : 'in memory only';
  const migrated =
    storage.engine.kind === 'sqlite' && storage.migrated
      ? [`  migrated:     from the Tact 0.1 layout; the file as it was is in ${storage.engine.file}${BACKUP_SUFFIX}`]
      : [];
  return [
    'Tact: staff-chat help for complaints, press calls, reviews and patient messages',
    `  chat:         ${chat}`,
    `  http:         ${http}`,
    `  store:        ${storage.description}`,
    ...migrated,
    `  records:      encrypted at rest (AES-256-GCM), ${key}`,
    `  drafting:     ${config.llm ? `model ${config.llm.model} at ${config.llm.baseUrl ?? 'api.openai.com'} choosing library sentences` : 'Tact chooses library sentences (set OPENAI_API_KEY for a drafting model)'}`,
    `  managers:     ${managers.length ? managers.join(', ') : 'none set yet'}`,
    `  spokesperson: ${spokesperson ?? (managers.length ? 'none set: press inquiries go to the managers' : 'none set yet')}`,
    `  on call:      ${onCallLine(services)}`,
    ...nextSteps(managers.length > 0, Boolean(spokesperson), local),
  ];
}

/** What to do next when the people Tact reports to are not set, said as steps rather than warnings. */
function nextSteps(managers: boolean, spokesperson: boolean, local: boolean): string[] {
  const steps = [
    ...(managers
      ? []
      : [
          `set managers with /tact settings set managers <your id> (or TACT_MANAGERS); until then ${local ? 'only you at this console' : 'nobody in chat'} can read the complaint log`,
        ]),
    ...(spokesperson
      ? []
      : [
          'set the media spokesperson with /tact settings set spokesperson <id>; until then press inquiries go to the managers',
        ]),
  ];
  return steps.map((step, i) => `${i === 0 ? '  next:         ' : '                '}${step}`);
}

/** Who urgent pages reach now, or why they reach nobody. */
function onCallLine(services: Services): string {
  const [first] = services.onCall.escalation();
  if (!first)
    return 'nobody set (TACT_ONCALL, TACT_ONCALL_BACKUP, TACT_MANAGERS): urgent pages reach nobody; set the rota';
  if (first.level === 'on-call') return `${first.people.join(', ')} now; urgent pages go there first`;
  return `nobody on call now (TACT_ONCALL): urgent pages go to the ${first.level === 'backup' ? 'backup' : 'managers'}`;
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
    const detail =
      error instanceof TactError && error.code === ErrorCode.ConfigInvalid ? error.message : describeError(error);
    for (const line of detail.split('\n')) process.stderr.write(`Tact cannot start: ${line}\n`);
    process.exit(1);
  }
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const foreground = running.chat.find((a) => a.foreground);
  if (foreground?.foreground) {
    await foreground.foreground();
    await running.stop();
  }
}

if (isEntryPoint()) void main();
