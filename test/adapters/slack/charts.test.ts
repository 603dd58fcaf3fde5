import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decodePng } from '../../charts/png-check.js';
import { runDue } from '../../doubles/services.js';
import { MANAGERS, STAFF, movableClock, removeTempDirs, startTact, type TactUnderTest } from './harness.js';

/**
 * Charts on Slack go the files.uploadV2 way (an upload URL, the bytes POSTed to it, one completion
 * that shares them). Slack has no private files, so a private answer's chart goes to the person's DM.
 */
let tact: TactUnderTest | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

describe('charts on Slack', () => {
  it('/complaint trends answers privately and uploads the chart to the manager’s DM, with no patient reference', async () => {
    tact = await startTact({ clock: movableClock(new Date('2026-03-02T15:00:00.000Z')) });
    await tact.command(STAFF, 'P-2001 billing: charged twice for filler');
    await tact.command(STAFF, 'P-2001 billing: charged again');
    const manager = MANAGERS[0];
    const trends = await tact.command(manager, 'trends 30d');
    expect(trends.text).toContain('Complaint trends, last 30 days');
    expect(trends.text).toContain('P-2001: 2 complaints');

    await tact.fake.waitFor(() => tact?.fake.uploads().length === 1);
    const [upload] = tact.fake.uploads();
    expect(upload).toMatchObject({
      filename: 'complaint-trends.png',
      title: 'Complaints, last 30 days',
      channelId: `D${manager}`,
      threadTs: undefined,
    });
    const png = decodePng(upload?.bytes ?? Buffer.alloc(0));
    expect(png.width).toBe(900);
    expect(png.colours).toBeGreaterThan(10);
    // the three steps, in order, with the length Slack checks
    const methods = tact.fake.calls().map((c) => c.method);
    const asked = methods.indexOf('files.getUploadURLExternal');
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf('files.completeUploadExternal')).toBeGreaterThan(asked);
    expect(tact.fake.calls('files.getUploadURLExternal')[0]?.body).toMatchObject({
      filename: 'complaint-trends.png',
      length: String(upload?.bytes.length),
    });
    // Nothing about the patient went with the file: no comment, and the reference is in no file call.
    expect(upload?.initialComment).toBeUndefined();
    for (const call of tact.fake.calls().filter((c) => c.method.startsWith('files.')))
      expect(JSON.stringify(call.body)).not.toContain('P-2001');
  });

  it('/tact stats uploads the first-response chart; staff get neither figures nor a chart', async () => {
    tact = await startTact();
    const refused = await tact.command(STAFF, 'stats', { command: '/tact' });
    expect(refused.text).not.toContain('Patient messages, last');
    const stats = await tact.command(MANAGERS[1], 'stats 14d', { command: '/tact' });
    expect(stats.text).toContain('Patient messages, last 14 days');
    await tact.fake.waitFor(() => tact?.fake.uploads().length === 1);
    expect(tact.fake.uploads()[0]).toMatchObject({
      filename: 'first-responses.png',
      title: 'First responses, last 2 weeks',
      channelId: `D${MANAGERS[1]}`,
    });
  });

  it('the weekly digest posts in the digest channel, then shares both charts there', async () => {
    // Monday 2 March 2026, 07:59 EST; the weekly digest at Mon 08:00
    const clock = movableClock(new Date('2026-03-02T12:59:00.000Z'));
    tact = await startTact({
      clock,
      env: { TACT_DIGEST_CHANNEL: 'CDIGEST', TACT_WEEKLY_DIGEST: 'Mon 08:00', TACT_DIGEST_AT: '10:00' },
    });
    await runDue(tact.running);
    expect(tact.fake.uploads()).toEqual([]);
    clock.set(new Date('2026-03-02T13:00:00.000Z'));
    await runDue(tact.running);
    await tact.fake.waitFor(() => tact?.fake.uploads().length === 2);
    const posted = tact.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === 'CDIGEST');
    expect(posted).toHaveLength(1);
    expect(String(posted[0]?.body['text'])).toContain('Weekly digest');
    expect(tact.fake.uploads().map((u) => [u.filename, u.channelId, u.threadTs])).toEqual([
      ['complaint-trends.png', 'CDIGEST', undefined],
      ['first-responses.png', 'CDIGEST', undefined],
    ]);
    for (const upload of tact.fake.uploads()) expect(decodePng(upload.bytes).width).toBe(900);
  });

  it('a refused upload (no files:write) is logged; the text still reached the manager, once', async () => {
    tact = await startTact();
    tact.fake.answer('files.getUploadURLExternal', { ok: false, error: 'missing_scope', needed: 'files:write' });
    const stats = await tact.command(MANAGERS[0], 'stats', { command: '/tact' });
    expect(stats.text).toContain('Patient messages, last 7 days');
    expect(stats.replies).toHaveLength(1);
    expect(tact.fake.uploads()).toEqual([]);
    expect(tact.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(tact.logs.map((l) => l.message)).toContain(
      'slack: a chart could not be uploaded (does the app have the files:write scope?)',
    );
  });
});
