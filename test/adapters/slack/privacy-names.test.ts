import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { messageEventPayload, postEvent, type SlackResponse } from '../../doubles/slack-request.js';
import {
  CHANNEL,
  MANAGERS,
  STAFF,
  removeTempDirs,
  startTact,
  tempDir,
  textsOf,
  type TactUnderTest,
} from './harness.js';

/**
 * A registered VIP name never leaves Tact once it has an alias: not in any Web API call, not in any
 * response_url body, not in any HTTP acknowledgement, not in any log line, and not in the store.
 * Driven through the real Bolt HTTP stack against the fake Slack Web API.
 */
const MANAGER = MANAGERS[0];
const SPOKESPERSON = 'USPOKES1';
const NAME = /\bjane\b|\bdoe\b/i;

let tact: TactUnderTest | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

/** Every byte of every file in the folder (the database, its -wal and -shm, the key file), as latin1 text. */
async function folderBytes(dir: string): Promise<{ files: string[]; text: string }> {
  const files = await readdir(dir);
  const contents = await Promise.all(files.map((f) => readFile(join(dir, f))));
  return { files, text: contents.map((c) => c.toString('latin1')).join('\n') };
}

describe('a registered VIP name', () => {
  it('is never sent, acknowledged, logged or stored; the author of a message naming them is reminded privately', async () => {
    const dir = await tempDir();
    tact = await startTact({
      store: `sqlite://${join(dir, 'tact.sqlite')}`,
      env: { TACT_SPOKESPERSON: SPOKESPERSON },
    });
    const { fake } = tact;

    const added = await tact.command(MANAGER, 'alias add "Jane Doe" as Tulip', { command: '/tact' });
    expect(added.text).toContain('Added the alias Tulip');
    expect(added.replies[0]).toMatchObject({ response_type: 'ephemeral' });

    // Everything from here on is after the registration.
    const callsBefore = fake.calls().length;
    const responsesBefore = fake.responses().length;
    const logsBefore = tact.logs.length;
    const acks: SlackResponse[] = [];

    const complaint = await tact.command(STAFF, 'P-9 results: Jane Doe is unhappy');
    acks.push(complaint.http);
    expect(complaint.text).toContain('Logged C-1');
    const shown = await tact.command(MANAGER, 'show C-1');
    acks.push(shown.http);
    expect(shown.text).toContain('Tulip is unhappy');

    const media = await tact.command(STAFF, 'Daily News: is Jane Doe a patient? by 5pm', { command: '/media' });
    acks.push(media.http);
    expect(media.text).toContain('Logged press inquiry M-1');
    await fake.waitFor(() => fake.calls('chat.postMessage').some((c) => c.body['channel'] === SPOKESPERSON), 8_000);
    const dm = fake.calls('chat.postMessage').find((c) => c.body['channel'] === SPOKESPERSON);
    expect(textsOf(dm?.body).join('\n')).toContain('is Tulip a patient?');

    const message = await postEvent(
      tact.target,
      messageEventPayload({
        eventId: 'Ev0PRIVACY1',
        userId: STAFF,
        channelId: CHANNEL,
        text: "saw jane doe's chart near the zanzibarite tray",
      }),
    );
    acks.push(message);
    expect(message.status).toBe(200);
    await fake.waitFor(() => fake.calls('chat.postEphemeral').length > 0, 8_000);

    // The author, and only the author, gets a private reminder; it names neither the patient nor the alias.
    const ephemerals = fake.calls('chat.postEphemeral');
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]?.body).toMatchObject({ channel: CHANNEL, user: STAFF });
    const reminder = textsOf(ephemerals[0]?.body).join('\n');
    expect(reminder).toContain("This name is on the practice's privacy list");
    expect(reminder).toContain("use the patient's alias");
    expect(reminder).not.toMatch(/tulip/i);
    expect(fake.calls('chat.postMessage').filter((c) => c.body['channel'] === STAFF)).toEqual([]);

    // The Events API answers with an empty 200; the slash commands too (the work is done after ack).
    for (const ack of acks) {
      expect(ack.status).toBe(200);
      expect(ack.text).not.toMatch(NAME);
    }
    const calls = fake.calls().slice(callsBefore);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(JSON.stringify(call.body)).not.toMatch(NAME);
    const responses = fake.responses().slice(responsesBefore);
    expect(responses.length).toBeGreaterThanOrEqual(2);
    for (const response of responses) expect(JSON.stringify(response.body)).not.toMatch(NAME);
    // Whatever code logs free text (an error's message, a field) goes through the same redactor.
    tact.running.logger.warn('probe: Jane Doe called about JANE DOE’s bill', { note: 'jane doe' });
    const logs = tact.logs.slice(logsBefore);
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(JSON.stringify(line)).not.toMatch(NAME);

    // The store's files, while running (database, -wal, -shm, key file) and after stopping.
    const live = await folderBytes(dir);
    await tact.stop();
    tact = undefined;
    const stopped = await folderBytes(dir);
    expect(live.files).toEqual(expect.arrayContaining(['tact.sqlite', 'tact.sqlite-wal', 'tact.key']));
    expect(stopped.files).toContain('tact.sqlite');
    for (const { text } of [live, stopped]) {
      expect(text).toContain('tact-enc:v1:'); // the records are there, encrypted by default...
      expect(text).not.toContain('Tulip is unhappy');
      expect(text).not.toMatch(/jane/i); // ...and never the name
      expect(text).not.toMatch(/\bdoe\b/i);
      expect(text).not.toContain('zanzibarite'); // and nothing of the staff message
    }
  });

  it('a message without a registered name gets no reminder and nothing is sent', async () => {
    tact = await startTact({ env: { TACT_SPOKESPERSON: SPOKESPERSON } });
    await tact.command(MANAGER, 'alias add "Jane Doe" as Tulip', { command: '/tact' });
    const callsBefore = tact.fake.calls().length;
    const response = await postEvent(
      tact.target,
      messageEventPayload({
        eventId: 'Ev0PRIVACY2',
        userId: STAFF,
        text: 'Janet and Mr Doering are on the 3pm list; jane-ish handwriting',
      }),
    );
    expect(response.status).toBe(200);
    // processBeforeResponse: the listener has finished when the response arrives.
    expect(tact.fake.calls().slice(callsBefore)).toEqual([]);
  });

  it('a repeated delivery of the same event reminds once', async () => {
    tact = await startTact();
    await tact.command(MANAGER, 'alias add "Jane Doe" as Tulip', { command: '/tact' });
    const payload = messageEventPayload({ eventId: 'Ev0PRIVACY3', userId: STAFF, text: 'DOE, JANE is in room 2' });
    await postEvent(tact.target, payload);
    await postEvent(tact.target, payload);
    await tact.fake.waitFor(() => tact!.fake.calls('chat.postEphemeral').length > 0, 8_000);
    expect(tact.fake.calls('chat.postEphemeral')).toHaveLength(1);
  });

  it('messages from bots (Tact included) and edits are ignored', async () => {
    tact = await startTact();
    await tact.command(MANAGER, 'alias add "Jane Doe" as Tulip', { command: '/tact' });
    const callsBefore = tact.fake.calls().length;
    const bot = messageEventPayload({ eventId: 'Ev0PRIVACY4', userId: STAFF, text: 'Jane Doe' });
    (bot['event'] as Record<string, unknown>)['bot_id'] = 'BOTHER';
    await postEvent(tact.target, bot);
    const edit = messageEventPayload({ eventId: 'Ev0PRIVACY5', userId: STAFF, text: 'Jane Doe' });
    (edit['event'] as Record<string, unknown>)['subtype'] = 'message_changed';
    await postEvent(tact.target, edit);
    expect(tact.fake.calls().slice(callsBefore)).toEqual([]);
  });
});
