import { SETTING_DEFINITIONS, storedText } from '../settings/definitions.js';
import { put, type Change, type Collection, type Storage } from '../storage.js';
import { platformOf, readChatId, strip, type ChatId, type ChatPlatform } from './ids.js';

/**
 * Stores written before ids carried their platform hold bare ids (`U123`, `C456`, a Discord
 * snowflake). This rewrites them once, at start-up, on the Storage port (so SQLite, PostgreSQL and
 * memory alike): people and channels in every numbered record, the lookups keyed by a channel id,
 * the settings overrides, and the digest days sent. A bare id is read by the settings' rule
 * (`bareIdPlatform`): the one platform configured; Slack and Discord together, digits for Discord.
 *
 * Each batch of records is one write (a record and the lookups that point at it move together); the
 * marker is written last. A run stopped half-way runs again from the start and changes nothing twice:
 * an id already qualified is kept, a lookup already moved is not found under its old key.
 */
export const IDS_MARKER = 'chat-ids-qualified';

/** Actors that are Tact itself, not people: kept as they are. */
const SYSTEM_ACTORS: ReadonlySet<string> = new Set(['tact', 'intake']);
const BATCH = 200;
/** Digest days around today whose "sent" row may be keyed by a bare channel (a job in flight). */
const DIGEST_DAYS_BACK = 2;
const DIGEST_DAYS_AHEAD = 8;

type Json = Record<string, unknown>;
type Qualify = (id: unknown) => unknown;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rewrites the listed fields of an object, and of each object in the listed arrays. */
function rewrite(
  record: Json,
  q: Qualify,
  fields: readonly string[],
  arrays: Readonly<Record<string, readonly string[]>> = {},
): Json {
  const out: Json = { ...record };
  for (const field of fields) if (field in out) out[field] = q(out[field]);
  for (const [name, inner] of Object.entries(arrays)) {
    const list = out[name];
    if (Array.isArray(list)) out[name] = list.map((item: unknown) => (isObject(item) ? rewrite(item, q, inner) : item));
  }
  return out;
}

interface RecordKind {
  collection: string;
  sequence: string;
  rewrite(record: Json, q: Qualify): Json;
  /** lookups keyed by the record's channel: [collection, old key, new key] */
  moves?(before: Json, after: Json): Array<[string, string, string]>;
}

const channelKey = (prefix: string, channel: unknown, message: unknown): string | undefined =>
  typeof channel === 'string' && typeof message === 'string' ? `${prefix}${channel}:${message}` : undefined;

function lookupMove(collection: string, prefix: string, channelField: string, messageField: string) {
  return (before: Json, after: Json): Array<[string, string, string]> => {
    const from = channelKey(prefix, before[channelField], before[messageField]);
    const to = channelKey(prefix, after[channelField], after[messageField]);
    return from && to && from !== to ? [[collection, from, to]] : [];
  };
}

const KINDS: readonly RecordKind[] = [
  {
    collection: 'complaints',
    sequence: 'complaint',
    rewrite: (r, q) => rewrite(r, q, ['reporter'], { history: ['by'], steps: ['doneBy'], reasons: ['by'] }),
  },
  {
    collection: 'media',
    sequence: 'media',
    rewrite: (r, q) => rewrite(r, q, ['owner', 'loggedBy'], { history: ['by'] }),
  },
  {
    collection: 'inquiries',
    sequence: 'inquiry',
    rewrite: (r, q) => rewrite(r, q, ['chatChannelId', 'loggedBy', 'owner', 'answeredBy'], { history: ['by'] }),
    moves: lookupMove('inquiry-lookups', 'msg:', 'chatChannelId', 'chatMessageId'),
  },
  {
    collection: 'reviews',
    sequence: 'review',
    rewrite: (r, q) => {
      const out = rewrite(r, q, ['channelId', 'postedBy'], { drafts: ['by'] });
      return isObject(out['approved']) ? { ...out, approved: rewrite(out['approved'], q, ['by']) } : out;
    },
    moves: lookupMove('review-threads', '', 'channelId', 'threadId'),
  },
  {
    collection: 'reply-sentences',
    sequence: 'reply-sentence',
    rewrite: (r, q) => rewrite(r, q, ['addedBy', 'approvedBy']),
  },
];

export interface IdMigrationOptions {
  /** the chat platforms configured: whose a bare id is */
  platforms: readonly ChatPlatform[];
  /** the digest channel in force (qualified), whose sent days may be keyed by its bare id */
  digestChannel: ChatId | undefined;
  now: Date;
}

/** True when it rewrote the store; false when the marker says it was done before. */
export async function qualifyStoredIds(storage: Storage, options: IdMigrationOptions): Promise<boolean> {
  const meta = storage.collection('meta');
  if ((await meta.get(IDS_MARKER)) !== undefined) return false;
  const q: Qualify = (id) =>
    typeof id === 'string' && id.trim() !== '' && !SYSTEM_ACTORS.has(id) ? readChatId(id, options.platforms) : id;
  let records = 0;
  for (const kind of KINDS) records += await migrateKind(storage, kind, q);
  await storage.write([
    ...(await settingsChanges(storage.collection('settings'), q, options.platforms)),
    ...(await digestMoves(storage, options)),
  ]);
  await storage.write([put(meta, IDS_MARKER, { at: options.now.toISOString(), records })]);
  return true;
}

async function migrateKind(storage: Storage, kind: RecordKind, q: Qualify): Promise<number> {
  const records = storage.collection(kind.collection);
  const last = await storage.last(kind.sequence);
  let changed = 0;
  for (let start = 1; start <= last; start += BATCH) {
    const keys = Array.from({ length: Math.min(BATCH, last - start + 1) }, (_, i) => String(start + i));
    const values = await records.getMany(keys);
    const changes: Change[] = [];
    for (const [i, value] of values.entries()) {
      if (!isObject(value)) continue;
      const after = kind.rewrite(value, q);
      if (JSON.stringify(after) === JSON.stringify(value)) continue;
      changes.push(
        put(records, keys[i] ?? '', after),
        ...(await moveLookups(storage, kind.moves?.(value, after) ?? [])),
      );
      changed += 1;
    }
    if (changes.length) await storage.write(changes);
  }
  return changed;
}

async function moveLookups(storage: Storage, moves: ReadonlyArray<[string, string, string]>): Promise<Change[]> {
  const changes: Change[] = [];
  for (const [name, from, to] of moves) {
    const collection = storage.collection(name);
    const value = await collection.get(from);
    if (value === undefined) continue;
    changes.push(put(collection, to, value), { kind: 'delete', collection: name, key: from });
  }
  return changes;
}

/** Stored overrides keep their ids qualified (as `SettingsService.set` now stores them), and who changed each. */
async function settingsChanges(
  settings: Collection,
  q: Qualify,
  platforms: readonly ChatPlatform[],
): Promise<Change[]> {
  const changes: Change[] = [];
  const overrides = await settings.get('overrides');
  if (isObject(overrides)) {
    const next: Json = { ...overrides };
    for (const definition of SETTING_DEFINITIONS) {
      const text = next[definition.name];
      if (typeof text === 'string' && definition.read(text, platforms))
        next[definition.name] = storedText(definition, text, platforms);
    }
    if (JSON.stringify(next) !== JSON.stringify(overrides)) changes.push(put(settings, 'overrides', next));
  }
  const names = SETTING_DEFINITIONS.map((d) => `changed:${d.name}`);
  for (const [i, value] of (await settings.getMany(names)).entries()) {
    if (!isObject(value)) continue;
    const after = rewrite(value, q, ['by']);
    if (JSON.stringify(after) !== JSON.stringify(value)) changes.push(put(settings, names[i] ?? '', after));
  }
  return changes;
}

/** A digest day already sent under the bare channel must not go out again under the qualified one. */
async function digestMoves(storage: Storage, options: IdMigrationOptions): Promise<Change[]> {
  const channel = options.digestChannel;
  const platform = channel && platformOf(channel);
  if (!channel || !platform) return [];
  const bare = strip(platform, channel);
  const days: string[] = [];
  for (let offset = -DIGEST_DAYS_BACK; offset <= DIGEST_DAYS_AHEAD; offset += 1) {
    days.push(new Date(options.now.getTime() + offset * 86_400_000).toISOString().slice(0, 10));
  }
  return moveLookups(
    storage,
    days.map((day): [string, string, string] => ['digests', `${bare}:${day}`, `${channel}:${day}`]),
  );
}
