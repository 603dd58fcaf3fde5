import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findCommand } from '../../../commands/index.js';
import type { CommandContext } from '../../../src/chat/command.js';
import { dispatch } from '../../../src/chat/dispatch.js';
import { TactError } from '../../../src/errors.js';
import { start, type Running } from '../../../src/main.js';
import type { Services } from '../../../src/services.js';

/**
 * Encryption at rest on a real SQLite store in a temporary folder: with TACT_ENCRYPTION_KEY no record
 * is readable in the store's files (the database, its -wal and -shm); the same key reads them back;
 * a wrong or missing key, or a key on a store written without one, stops start-up with a clear error.
 * Without a key, start-up says records are unencrypted, and registered names are still never stored.
 */
const MANAGER = 'UMGR1';
const dirs: string[] = [];
let running: Running | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tact-enc-'));
  dirs.push(dir);
  return dir;
}

const newKey = () => randomBytes(32).toString('base64');

interface Started {
  running: Running;
  banner: string[];
  logs: string[];
}

async function startAt(dir: string, key: string | undefined): Promise<Started> {
  const banner: string[] = [];
  const logs: string[] = [];
  const env: NodeJS.ProcessEnv = {
    TACT_STORE: `sqlite://${join(dir, 'tact.sqlite')}`,
    TACT_MANAGERS: MANAGER,
    TACT_SPOKESPERSON: 'USPOKES1',
    ...(key ? { TACT_ENCRYPTION_KEY: key } : {}),
  };
  const r = await start(env, {
    print: (line) => banner.push(line),
    writeLog: (line) => logs.push(line),
    consoleOutput: new PassThrough(),
  });
  running = r;
  return { running: r, banner, logs };
}

async function stopRunning(): Promise<void> {
  await running?.stop();
  running = undefined;
}

async function startFails(dir: string, key: string | undefined): Promise<TactError> {
  const error = await startAt(dir, key).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TactError);
  return error as TactError;
}

/** Every byte of every file in the folder, as latin1 text (so any ASCII in it is searchable). */
async function bytesOf(dir: string): Promise<{ files: string[]; text: string }> {
  const files = (await readdir(dir)).sort();
  const contents = await Promise.all(files.map((f) => readFile(join(dir, f))));
  return { files, text: contents.map((c) => c.toString('latin1')).join('\n') };
}

async function run(services: Services, command: string, text: string, user = MANAGER): Promise<string> {
  const found = findCommand(command);
  if (!found) throw new Error(`no /${command}`);
  const ctx: CommandContext = { actor: { id: user }, place: { platform: 'slack', channelId: 'C1' }, services };
  return JSON.stringify(await dispatch(found, text, ctx));
}

const SECRETS = {
  complaint: 'Quokkafiller uneven in the left cheek',
  patientRef: 'P-771204',
  outlet: 'Wombat Gazette',
  reporter: 'Ximena Vandersloot',
  contact: 'ximena@wombat-gazette.example',
  question: 'Zebrafinch clinic rumour',
  note: 'Okapinote said no comment',
  review: 'Narwhalpeel left me blotchy, one star',
};

/** Logs one of everything, naming the registered VIP "Jane Doe" in free text. */
async function logRecords(services: Services): Promise<void> {
  expect(await run(services, 'tact', 'alias add "Jane Doe" as Tulip')).toContain('Added the alias Tulip');
  expect(
    await run(
      services,
      'complaint',
      `${SECRETS.patientRef} results: ${SECRETS.complaint}; Jane Doe was upset`,
      'USTAFF',
    ),
  ).toContain('Logged C-1');
  const inquiry = await services.media.log(
    {
      outlet: SECRETS.outlet,
      question: `${SECRETS.question}: is Jane Doe a patient?`,
      reporterName: SECRETS.reporter,
      reporterContact: SECRETS.contact,
      deadline: 'tomorrow 10am',
    },
    'USTAFF',
  );
  await services.media.finish(inquiry.number, 'answered', 'USPOKES1', SECRETS.note);
  const review = await services.reviews.receive({
    text: `${SECRETS.review}. Dr. Jane Doe's office.`,
    postedBy: 'USTAFF',
  });
  expect(review.id).toBe('R-1');
}

describe('with TACT_ENCRYPTION_KEY', () => {
  it('the store files hold no plain text of any record or registered name, and the same key reads everything back', async () => {
    const dir = await freshDir();
    const key = newKey();
    const first = await startAt(dir, key);
    expect(first.banner.join('\n')).toMatch(/records: +encrypted at rest \(AES-256-GCM\)/);
    await logRecords(first.running.services);
    // While running, the newest pages sit in the write-ahead log (-wal, -shm); after stopping, in the database.
    const live = await bytesOf(dir);
    // the job table lives in the same file: it holds job keys and record numbers only
    expect(live.files).toEqual(['tact.sqlite', 'tact.sqlite-shm', 'tact.sqlite-wal']);
    await stopRunning();
    const stopped = await bytesOf(dir);
    expect(stopped.files).toContain('tact.sqlite');
    expect(stopped.files).not.toContain('tact.key'); // the key came from the environment

    for (const { text } of [live, stopped]) {
      expect(text).toContain('tact-enc:v1:'); // the values are there, encrypted
      for (const [what, secret] of Object.entries(SECRETS)) {
        expect(text.includes(secret), `${what} in the store files`).toBe(false);
        // its most distinctive word too, in any case
        const word = secret.split(/\W+/).sort((a, b) => b.length - a.length)[0] ?? secret;
        expect(text.toLowerCase().includes(word.toLowerCase()), `${what} ("${word}") in the store files`).toBe(false);
      }
      expect(text).not.toMatch(/jane/i);
      expect(text).not.toMatch(/\bdoe\b/i);
      expect(text).not.toContain('uneven'); // the complaint text, word by word
      expect(text).not.toContain('upset');
    }

    // Same key: everything reads back, including the alias registry.
    const second = await startAt(dir, key);
    const { services } = second.running;
    const complaint = await services.complaints.get(1);
    expect(complaint?.text).toBe(`${SECRETS.complaint}; Tulip was upset`);
    expect(complaint?.patientRef).toBe(SECRETS.patientRef);
    const inquiry = await services.media.get(1);
    expect(inquiry).toMatchObject({
      outlet: SECRETS.outlet,
      reporterName: SECRETS.reporter,
      reporterContact: 'x***@***.example',
      reporterContactWhole: SECRETS.contact, // whole, yet not in the files: encrypted at rest
      question: `${SECRETS.question}: is Tulip a patient?`,
      status: 'answered',
    });
    expect(inquiry?.history.at(-1)?.what).toBe(`answered: ${SECRETS.note}`);
    expect(services.aliases.list().map((a) => a.alias)).toEqual(['Tulip']);
    expect(services.redactor.redact('Jane Doe called')).toBe('Tulip called');
    expect((await services.reviews.get(1))?.text).toBe(`${SECRETS.review}. Dr. Tulip’s office.`);
  });

  it('another valid key stops start-up with a clear error instead of reading garbage', async () => {
    const dir = await freshDir();
    await startAt(dir, newKey());
    await logRecords(running!.services);
    await stopRunning();
    const error = await startFails(dir, newKey());
    expect(error.code).toBe('TACT_STORE_UNAVAILABLE');
    expect(error.message).toContain('is not the key this store was encrypted with');
  });

  it('no key stops start-up saying which key the store needs', async () => {
    const dir = await freshDir();
    await startAt(dir, newKey());
    await stopRunning();
    const error = await startFails(dir, undefined);
    expect(error.code).toBe('TACT_STORE_UNAVAILABLE');
    expect(error.message).toContain('set TACT_ENCRYPTION_KEY to the key it was created with');
  });

  it('a store made with its key file refuses another key in TACT_ENCRYPTION_KEY, and opens again with its key file', async () => {
    const dir = await freshDir();
    await startAt(dir, undefined);
    await logRecords(running!.services);
    await stopRunning();
    const error = await startFails(dir, newKey());
    expect(error.code).toBe('TACT_STORE_UNAVAILABLE');
    expect(error.message).toContain('is not the key this store was encrypted with');
    const again = await startAt(dir, undefined);
    expect((await again.running.services.complaints.get(1))?.text).toContain(SECRETS.complaint);
  });

  it('a key that is not 32 bytes of base64 is a configuration error naming the variable', async () => {
    const dir = await freshDir();
    for (const bad of ['too-short', randomBytes(16).toString('base64'), randomBytes(32).toString('hex')]) {
      const error = await startFails(dir, bad);
      expect(error.code).toBe('TACT_CONFIG_INVALID');
      expect(error.message).toContain('TACT_ENCRYPTION_KEY: expected 32 bytes, base64-encoded');
    }
  });
});

describe('without TACT_ENCRYPTION_KEY', () => {
  it('start-up says records are encrypted, where the key file is, and that it must be backed up with the data', async () => {
    const dir = await freshDir();
    const { banner } = await startAt(dir, undefined);
    const records = banner.find((l) => l.includes('records:'));
    expect(records).toContain('encrypted at rest (AES-256-GCM)');
    expect(records).toContain(`key in ${join(dir, 'tact.key')}: back it up with the data`);
  });

  it('records, and a registered name typed in a complaint and a press inquiry, never reach the files in plain; the key file is owner-only', async () => {
    const dir = await freshDir();
    const { logs } = await startAt(dir, undefined);
    await logRecords(running!.services);
    const live = await bytesOf(dir);
    await stopRunning();
    const stopped = await bytesOf(dir);

    expect(live.files).toEqual(['tact.key', 'tact.sqlite', 'tact.sqlite-shm', 'tact.sqlite-wal']);
    expect(stopped.files).toEqual(expect.arrayContaining(['tact.key', 'tact.sqlite']));
    for (const { text } of [live, stopped]) {
      // Encrypted by default, with the key file's key.
      expect(text).toContain('tact-enc:v1:');
      expect(text).not.toContain(SECRETS.complaint);
      expect(text).not.toContain('Tulip was upset');
      expect(text).not.toContain(SECRETS.question);
      expect(text).not.toMatch(/jane/i);
      expect(text).not.toMatch(/\bdoe\b/i);
      expect(text).not.toContain(SECRETS.contact); // the reporter's contact is stored masked only
    }
    for (const line of logs) expect(line).not.toMatch(/jane|\bdoe\b/i);

    const mode = (await stat(join(dir, 'tact.key'))).mode & 0o777;
    expect(mode.toString(8)).toBe('600');

    // The key file is reused on restart: the registered name is still recognised.
    const again = await startAt(dir, undefined);
    expect(again.running.services.redactor.redact("Jane Doe's visit")).toBe('Tulip’s visit');
  });
});
