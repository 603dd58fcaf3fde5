import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { readChatId, type ChatId, type ChatPlatform } from '../chat/ids.js';
import { parseBusinessHours, type WeekHours } from '../time/business-hours.js';
import { readHolidayRegion } from '../time/holidays.js';
import { parseOnCallWeek, type OnCallWeek } from '../time/oncall.js';
import { formatDuration, parseDuration } from '../time/duration.js';
import { likelyTimeZone } from './zone-names.js';

/**
 * Clinic settings: read from the environment at start-up, changeable by managers in chat
 * (`/tact settings set <name> <value>`); a stored value overrides the environment.
 * One table describes each: its environment variable, what a valid value looks like, its default.
 */
/** Ids of people, roles and channels are platform-qualified (src/chat/ids.ts), whatever was typed. */
export interface Settings {
  managers: readonly ChatId[];
  /** who fills each pathway role: step reminders go to them (managers when a role is empty) */
  frontDesk: readonly ChatId[];
  coordinators: readonly ChatId[];
  nurses: readonly ChatId[];
  providers: readonly ChatId[];
  /** the weekly on-call rota (urgent matters page the person on call) and its text as set */
  onCall: OnCallWeek;
  onCallText: string;
  /** who is paged next when the person on call does not acknowledge */
  onCallBackup: readonly ChatId[];
  spokesperson: ChatId | undefined;
  practiceName: string | undefined;
  practiceContact: string | undefined;
  timezone: string;
  /** ISO 3166 code: the region of phone numbers written without a country code */
  country: CountryCode;
  businessHours: WeekHours;
  businessHoursText: string;
  /** public holidays the clinic closes on: a region such as `US-NY`; undefined: none */
  holidays: string | undefined;
  replySlaMs: number;
  /** the reply goal for nervous patients after treatment, real time */
  urgentReplySlaMs: number;
  /** how long a patient stays marked nervous */
  nervousDays: number;
  mediaSlaMs: number;
  /** what staff read to a patient with urgent symptoms while the provider is paged */
  emergencyLine: string | undefined;
  /** real time between pages of one urgent matter, and at each level before the next is paged */
  pageRepeatMs: number;
  pageEscalateMs: number;
  digestAt: string;
  digestChannel: ChatId | undefined;
  /** the weekly digest with its charts, in the digest channel: a weekday (0 = Sunday) and HH:MM; undefined: off */
  weeklyDigest: WeeklyDigestTime | undefined;
  inboxChannels: readonly ChatId[];
  reviewsChannel: ChatId | undefined;
}

export type SettingName =
  | 'managers'
  | 'front-desk'
  | 'coordinators'
  | 'nurses'
  | 'providers'
  | 'oncall'
  | 'oncall-backup'
  | 'spokesperson'
  | 'practice-name'
  | 'practice-contact'
  | 'timezone'
  | 'country'
  | 'business-hours'
  | 'holidays'
  | 'reply-sla'
  | 'urgent-reply-sla'
  | 'nervous-days'
  | 'media-sla'
  | 'emergency-line'
  | 'page-repeat'
  | 'page-escalate'
  | 'digest-at'
  | 'digest-channel'
  | 'weekly-digest'
  | 'inbox-channels'
  | 'reviews-channel';

export interface SettingDefinition {
  name: SettingName;
  env: string;
  /** what a valid value looks like, for error messages and help */
  expected: string;
  default: string;
  /** true for settings that hold chat ids: bare ones are qualified by the configured platforms */
  ids?: true;
  /** how a valid value is stored when it holds ids inside other text (the on-call rota) */
  canonical?: (text: string, platforms: readonly ChatPlatform[]) => string;
  /**
   * Returns the fields it sets, or undefined when the text is not valid. `platforms`: the chat
   * platforms configured, which say whose a bare id is (see `bareIdPlatform`).
   */
  read(text: string, platforms: readonly ChatPlatform[]): Partial<Settings> | undefined;
  /** what a refused value was probably meant to be, said as a question ("did you mean Europe/London?") */
  suggest?(text: string): string | undefined;
}

const ID_LIST = /^[A-Za-z0-9_.:-]+$/;
const DIGEST_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface WeeklyDigestTime {
  /** 0 = Sunday, as Date#getDay */
  day: number;
  /** HH:MM, clinic time */
  at: string;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** `Mon 08:00` (a day's first three letters, any case; a full name too); empty or `none`: off; null: not understood. */
export function readWeeklyDigest(text: string): WeeklyDigestTime | undefined | null {
  const value = text.trim();
  if (value === '' || /^(none|off)$/i.test(value)) return undefined;
  const match = /^([A-Za-z]+)\s+(\d{1,2}:\d{2})$/.exec(value);
  if (!match) return null;
  const [, name = '', time = ''] = match;
  const day = WEEKDAY_NAMES.findIndex((d) => name.toLowerCase().startsWith(d.toLowerCase()));
  const full = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][day] ?? '';
  const at = time.padStart(5, '0');
  if (day === -1 || !full.startsWith(name.toLowerCase()) || !DIGEST_TIME.test(at)) return null;
  return { day, at };
}

export function showWeeklyDigest(value: WeeklyDigestTime): string {
  return `${WEEKDAY_NAMES[value.day]} ${value.at}`;
}

/** "none" is how a manager empties a list in chat, as it clears a single id. */
function idList(text: string, platforms: readonly ChatPlatform[]): ChatId[] | undefined {
  if (isNone(text)) return [];
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return ids.every((id) => ID_LIST.test(id)) ? ids.map((id) => readChatId(id, platforms)) : undefined;
}

function isNone(text: string): boolean {
  return text.trim().toLowerCase() === 'none';
}

function optionalId(text: string, platforms: readonly ChatPlatform[]): ChatId | undefined | null {
  const value = text.trim();
  if (value === '' || isNone(value)) return undefined;
  return ID_LIST.test(value) ? readChatId(value, platforms) : null;
}

/** A duration from `min` to `max` milliseconds, or null. */
function within(text: string, min: number, max: number): number | null {
  const ms = parseDuration(text);
  return ms !== undefined && ms >= min && ms <= max ? ms : null;
}

/** A reply goal of at most a day: a longer one has no due time within the business calendar's reach. */
function goal(text: string): number | null {
  return within(text, 1_000, 24 * 3_600_000);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

function single<K extends keyof Settings>(key: K, value: Settings[K] | null | undefined, allowUnset = false) {
  if (value === null) return undefined;
  if (value === undefined && !allowUnset) return undefined;
  return { [key]: value } as Partial<Settings>;
}

/** The people in a pathway role: one list setting per role, read and shown like the managers. */
const ROLE_FIELDS = [
  { name: 'front-desk', env: 'TACT_FRONT_DESK', field: 'frontDesk', who: 'front-desk staff' },
  { name: 'coordinators', env: 'TACT_COORDINATORS', field: 'coordinators', who: 'patient coordinators' },
  { name: 'nurses', env: 'TACT_NURSES', field: 'nurses', who: 'nurses or injectors (physician extenders)' },
  { name: 'providers', env: 'TACT_PROVIDERS', field: 'providers', who: 'providers (MD, NP, PA)' },
] as const;

/** The Settings field each role setting fills. */
const ROLE_FIELD = Object.fromEntries(ROLE_FIELDS.map((role) => [role.name, role.field])) as Record<
  (typeof ROLE_FIELDS)[number]['name'],
  (typeof ROLE_FIELDS)[number]['field']
>;

function roleDefinitions(): SettingDefinition[] {
  return ROLE_FIELDS.map((role) => ({
    name: role.name,
    env: role.env,
    expected: `chat user ids of the ${role.who}, separated by commas (or "none")`,
    default: '',
    ids: true as const,
    read: (text: string, platforms: readonly ChatPlatform[]) => single(role.field, idList(text, platforms) ?? null),
  }));
}

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  {
    name: 'managers',
    env: 'TACT_MANAGERS',
    expected:
      'chat user ids separated by commas, e.g. U012ABC,U034DEF or slack:U012ABC,discord:123456789012345678 (or "none")',
    default: '',
    ids: true,
    read: (text, platforms) => single('managers', idList(text, platforms) ?? null),
  },
  ...roleDefinitions(),
  {
    name: 'oncall',
    env: 'TACT_ONCALL',
    expected:
      'the weekly on-call rota as "<days> [HH:MM-HH:MM] <user id>" segments, e.g. "Mon-Fri 18:00-08:00 U012ABC; Sat-Sun U034DEF" (or "none")',
    default: '',
    read: (text, platforms) => {
      if (text.trim() === '' || isNone(text)) return { onCall: [], onCallText: '' };
      const week = parseOnCallWeek(text);
      return week
        ? {
            onCall: week.map((shift) => ({ ...shift, person: readChatId(shift.person, platforms) })),
            onCallText: text.trim(),
          }
        : undefined;
    },
    // stored with each person's platform named, as id lists are
    canonical: (text, platforms) =>
      text
        .split(';')
        .map((segment) => segment.trim().replace(/(\S+)$/, (person) => readChatId(person, platforms)))
        .filter(Boolean)
        .join('; '),
  },
  {
    name: 'oncall-backup',
    env: 'TACT_ONCALL_BACKUP',
    expected: 'chat user ids paged after the person on call, in order, separated by commas (or "none")',
    default: '',
    ids: true,
    read: (text, platforms) => single('onCallBackup', idList(text, platforms) ?? null),
  },
  {
    name: 'spokesperson',
    env: 'TACT_SPOKESPERSON',
    expected: 'one chat user id, e.g. U012ABC or discord:123456789012345678 (or "none")',
    default: '',
    ids: true,
    read: (text, platforms) => single('spokesperson', optionalId(text, platforms), true),
  },
  {
    name: 'practice-name',
    env: 'TACT_PRACTICE_NAME',
    expected: 'the practice name as it appears on letters (up to 120 characters)',
    default: '',
    read: (text) => (text.length <= 120 ? { practiceName: text.trim() || undefined } : undefined),
  },
  {
    name: 'practice-contact',
    env: 'TACT_PRACTICE_CONTACT',
    expected: 'a short line such as "call our practice manager at 555-0100" (up to 200 characters)',
    default: '',
    read: (text) => (text.length <= 200 ? { practiceContact: text.trim() || undefined } : undefined),
  },
  {
    name: 'timezone',
    env: 'TACT_TIMEZONE',
    expected: 'an IANA time zone such as America/New_York',
    default: 'America/New_York',
    read: (text) => single('timezone', isTimeZone(text.trim()) ? text.trim() : null),
    suggest: (text) => {
      const zone = likelyTimeZone(text);
      return zone ? `did you mean ${zone}?` : undefined;
    },
  },
  {
    name: 'country',
    env: 'TACT_COUNTRY',
    expected: "the clinic's country as a two-letter ISO code, such as US, GB, AU or FR",
    default: 'US',
    read: (text) => {
      const code = text.trim().toUpperCase();
      return single('country', isSupportedCountry(code) ? code : null);
    },
  },
  {
    name: 'business-hours',
    env: 'TACT_BUSINESS_HOURS',
    expected:
      'days and hours such as "Mon-Fri 9am-6pm; Sat 9am-2pm" or "Mon-Fri 09:00-18:00", with a lunch break as "Mon-Fri 9am-12:30pm, 1:30pm-6pm" (a later day segment replaces an earlier)',
    default: 'Mon-Fri 09:00-18:00; Sat 09:00-14:00',
    read: (text) => {
      const week = parseBusinessHours(text);
      return week ? { businessHours: week, businessHoursText: text.trim() } : undefined;
    },
  },
  {
    name: 'holidays',
    env: 'TACT_HOLIDAYS',
    expected:
      'the public holidays to close on: a country or country-region code such as US, US-NY, GB-ENG or DE-BY (or "none")',
    default: '',
    read: (text) => {
      if (text.trim() === '' || isNone(text)) return { holidays: undefined };
      return single('holidays', readHolidayRegion(text) ?? null);
    },
  },
  {
    name: 'reply-sla',
    env: 'TACT_REPLY_SLA',
    expected: 'a duration from 1s to 24h, such as 15m, 1h, 2 hours or 90 minutes',
    default: '15m',
    read: (text) => single('replySlaMs', goal(text)),
  },
  {
    name: 'urgent-reply-sla',
    env: 'TACT_URGENT_REPLY_SLA',
    expected: 'a duration from 1s to 24h, such as 10m; nervous patients after treatment, real time',
    default: '10m',
    read: (text) => single('urgentReplySlaMs', goal(text)),
  },
  {
    name: 'nervous-days',
    env: 'TACT_NERVOUS_DAYS',
    expected: 'a whole number of days from 1 to 90, such as 14: how long a patient stays marked nervous',
    default: '14',
    read: (text) => {
      const days = /^\s*(\d{1,2})\s*d?\s*$/i.exec(text)?.[1];
      const value = days === undefined ? null : Number(days);
      return single('nervousDays', value !== null && value >= 1 && value <= 90 ? value : null);
    },
  },
  {
    name: 'media-sla',
    env: 'TACT_MEDIA_SLA',
    expected: 'a duration from 1s to 24h, such as 15m, 1h, 2 hours or 90 minutes',
    default: '15m',
    read: (text) => single('mediaSlaMs', goal(text)),
  },
  {
    name: 'emergency-line',
    env: 'TACT_EMERGENCY_LINE',
    expected:
      'what staff read to a patient with urgent symptoms, e.g. "If it gets worse, call 911. Dr Lee will call you within 15 minutes." (up to 300 characters; "none" for the built-in advice)',
    default: '',
    read: (text) =>
      text.length <= 300 ? { emergencyLine: isNone(text) ? undefined : text.trim() || undefined } : undefined,
  },
  {
    name: 'page-repeat',
    env: 'TACT_PAGE_REPEAT',
    expected: 'how often an unacknowledged urgent page is sent again, real time, from 30s to 1h, e.g. 5m',
    default: '5m',
    read: (text) => single('pageRepeatMs', within(text, 30_000, 3_600_000)),
  },
  {
    name: 'page-escalate',
    env: 'TACT_PAGE_ESCALATE',
    expected:
      'how long each level of the on-call chain is paged before the next one is (on call, backup, managers), real time, from 30s to 2h, e.g. 10m',
    default: '10m',
    read: (text) => single('pageEscalateMs', within(text, 30_000, 2 * 3_600_000)),
  },
  {
    name: 'digest-at',
    env: 'TACT_DIGEST_AT',
    expected: 'a local time as HH:MM, e.g. 08:00',
    default: '08:00',
    read: (text) => single('digestAt', DIGEST_TIME.test(text.trim()) ? text.trim() : null),
  },
  {
    name: 'digest-channel',
    env: 'TACT_DIGEST_CHANNEL',
    expected: 'one channel id, e.g. C012ABC (or "none")',
    default: '',
    ids: true,
    read: (text, platforms) => single('digestChannel', optionalId(text, platforms), true),
  },
  {
    name: 'weekly-digest',
    env: 'TACT_WEEKLY_DIGEST',
    expected: 'a weekday and a local time, e.g. Mon 08:00 (or "none")',
    default: '',
    read: (text) => single('weeklyDigest', readWeeklyDigest(text), true),
  },
  {
    name: 'inbox-channels',
    env: 'TACT_INBOX_CHANNELS',
    expected: 'channel ids separated by commas, e.g. C012ABC,C034DEF (or "none")',
    default: '',
    ids: true,
    read: (text, platforms) => single('inboxChannels', idList(text, platforms) ?? null),
  },
  {
    name: 'reviews-channel',
    env: 'TACT_REVIEWS_CHANNEL',
    expected: 'one channel id, e.g. C012ABC (or "none")',
    default: '',
    ids: true,
    read: (text, platforms) => single('reviewsChannel', optionalId(text, platforms), true),
  },
];

export function settingDefinition(name: string): SettingDefinition | undefined {
  return SETTING_DEFINITIONS.find((d) => d.name === name);
}

/** Builds settings from raw texts (environment or stored), collecting one problem per bad value. */
export function readSettings(
  raw: Readonly<Record<string, string | undefined>>,
  platforms: readonly ChatPlatform[] = [],
): {
  settings: Settings;
  problems: Array<{ definition: SettingDefinition; value: string }>;
} {
  const settings = {} as Settings;
  const problems: Array<{ definition: SettingDefinition; value: string }> = [];
  for (const definition of SETTING_DEFINITIONS) {
    const given = raw[definition.name];
    const fields = given === undefined ? undefined : definition.read(given, platforms);
    if (given !== undefined && !fields) problems.push({ definition, value: given });
    Object.assign(settings, fields ?? definition.read(definition.default, platforms));
  }
  return { settings, problems };
}

/**
 * The text to store for a valid value: an id setting keeps its ids qualified, so a platform added
 * later cannot change whose a stored bare id is; other settings keep what the manager typed.
 */
export function storedText(definition: SettingDefinition, text: string, platforms: readonly ChatPlatform[]): string {
  if (isNone(text) || text.trim() === '') return text;
  if (definition.canonical) return definition.canonical(text, platforms);
  if (!definition.ids) return text;
  return text
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .map((id) => readChatId(id, platforms))
    .join(',');
}

/**
 * A duration as people read it ("15 min", "1 h 30 min"). formatDuration rounds to minutes (and to
 * days past 48 hours); a manager checking what they set needs the value itself, so one it would
 * round is spelt out in hours, minutes and seconds.
 */
function showDuration(ms: number): string {
  const rounds = ms % 60_000 !== 0 || (ms >= 48 * 3_600_000 && ms % 86_400_000 !== 0);
  if (!rounds) return formatDuration(ms);
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return [hours ? `${hours} h` : '', minutes ? `${minutes} min` : '', seconds ? `${seconds} s` : '']
    .filter(Boolean)
    .join(' ');
}

/** How a setting is shown back to a manager. */
export function showSetting(settings: Settings, name: SettingName): string {
  switch (name) {
    case 'managers':
      return settings.managers.join(', ') || '(none)';
    case 'front-desk':
    case 'coordinators':
    case 'nurses':
    case 'providers':
      return settings[ROLE_FIELD[name]].join(', ') || '(none)';
    case 'oncall':
      return settings.onCallText || '(none)';
    case 'oncall-backup':
      return settings.onCallBackup.join(', ') || '(none)';
    case 'spokesperson':
      return settings.spokesperson ?? '(none)';
    case 'practice-name':
      return settings.practiceName ?? '(none)';
    case 'practice-contact':
      return settings.practiceContact ?? '(none)';
    case 'timezone':
      return settings.timezone;
    case 'country':
      return settings.country;
    case 'business-hours':
      return settings.businessHoursText;
    case 'holidays':
      return settings.holidays ?? '(none)';
    case 'reply-sla':
      return showDuration(settings.replySlaMs);
    case 'urgent-reply-sla':
      return showDuration(settings.urgentReplySlaMs);
    case 'nervous-days':
      return `${settings.nervousDays} days`;
    case 'media-sla':
      return showDuration(settings.mediaSlaMs);
    case 'emergency-line':
      return settings.emergencyLine ?? '(the built-in advice)';
    case 'page-repeat':
      return showDuration(settings.pageRepeatMs);
    case 'page-escalate':
      return showDuration(settings.pageEscalateMs);
    case 'digest-at':
      return settings.digestAt;
    case 'digest-channel':
      return settings.digestChannel ?? '(none)';
    case 'weekly-digest':
      return settings.weeklyDigest ? showWeeklyDigest(settings.weeklyDigest) : '(off)';
    case 'inbox-channels':
      return settings.inboxChannels.join(', ') || '(none)';
    case 'reviews-channel':
      return settings.reviewsChannel ?? '(none)';
  }
}
