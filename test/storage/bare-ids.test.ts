import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IDS_MARKER, qualifyStoredIds } from '../../src/chat/migrate-ids.js';
import type { Outbox } from '../../src/chat/outbox.js';
import { REPO_ROOT, buildServices, type TestServices } from '../doubles/services.js';
import { recorder } from '../jobs/helpers.js';

/**
 * test/fixtures/stores/bare-ids was written by main's own services before ids named their platform
 * (Slack configured, bare `U1`, `CINBOX`...). Opened by today's code it comes back qualified, and the
 * app works on it: the managers are managers, the open inquiry is still nudged in its thread.
 */
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'stores', 'bare-ids');
const SLACK = {
  SLACK_SIGNING_SECRET: 'fixture-secret',
  SLACK_BOT_TOKEN: 'xoxb-fixture',
  TACT_MANAGERS: 'UENV',
  TACT_INBOX_CHANNELS: 'CINBOX',
};

let dir: string | undefined;
let running: TestServices | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function open(now: string): Promise<TestServices> {
  dir = await mkdtemp(join(tmpdir(), 'tact-bare-ids-'));
  await cp(FIXTURE, dir, { recursive: true });
  running = await buildServices({ env: { ...SLACK, TACT_STORE: `sqlite://${join(dir, 'tact.sqlite')}` }, now });
  return running;
}

describe('a store written before ids named their platform', () => {
  it("has every stored id qualified as Slack's on start-up, and the lookups keyed by channel moved with them", async () => {
    const t = await open('2026-12-01T15:05:00.000Z');
    const { complaints, media, inquiries, reviews, settings, storage } = t.services;

    const complaint = await complaints.get(1);
    expect(complaint?.reporter).toBe('slack:USTAFF');
    expect(complaint?.steps[0]?.doneBy).toBe('slack:U1');
    expect(complaint?.history.map((h) => h.by)).toEqual(['slack:USTAFF', 'slack:U1']);

    const press = await media.get(1);
    expect([press?.loggedBy, press?.owner]).toEqual(['slack:USTAFF', 'slack:USPOKES']);
    expect(press?.history.map((h) => h.by)).toEqual(['slack:USTAFF', 'slack:USPOKES']);

    const waiting = await inquiries.get(1);
    expect([waiting?.chatChannelId, waiting?.chatMessageId, waiting?.loggedBy]).toEqual([
      'slack:CINBOX',
      '1764601200.000100',
      'slack:BRING',
    ]);
    expect((await inquiries.findByMessage('slack:CINBOX', '1764601200.000100'))?.id).toBe('I-1');
    expect(await storage.collection('inquiry-lookups').get('msg:CINBOX:1764601200.000100')).toBeUndefined();
    const answered = await inquiries.get(2);
    expect([answered?.owner, answered?.answeredBy, answered?.loggedBy]).toEqual([
      'slack:UANNA',
      'slack:UANNA',
      'slack:USTAFF',
    ]);

    const review = await reviews.findByThread('slack:CREVIEWS', '1764601300.000200');
    expect(review?.id).toBe('R-1');
    expect([review?.channelId, review?.postedBy, review?.drafts[0]?.by, review?.approved?.by]).toEqual([
      'slack:CREVIEWS',
      'slack:BREVIEWS',
      'slack:U1',
      'slack:U2',
    ]);

    // Tact's own entries are no person's and stay as they were
    expect(waiting?.history.map((h) => h.by)).toEqual(['slack:BRING']);

    const current = settings.current();
    expect(current.managers).toEqual(['slack:U1', 'slack:U2']);
    expect([current.spokesperson, current.digestChannel, current.reviewsChannel]).toEqual([
      'slack:USPOKES',
      'slack:CDIGEST',
      'slack:CREVIEWS',
    ]);
    expect(current.inboxChannels).toEqual(['slack:CINBOX']);
    expect(settings.isManager('slack:U1')).toBe(true);
    expect(settings.isManager('slack:UENV')).toBe(false);
    expect(await storage.collection('settings').get('overrides')).toMatchObject({
      managers: 'slack:U1,slack:U2',
      spokesperson: 'slack:USPOKES',
    });
    expect(await storage.collection('settings').get('changed:managers')).toMatchObject({ by: 'slack:UENV' });

    expect(await storage.collection('digests').get('slack:CDIGEST:2026-12-01')).toBeDefined();
    expect(await storage.collection('digests').get('CDIGEST:2026-12-01')).toBeUndefined();
    expect(await storage.collection('meta').get(IDS_MARKER)).toMatchObject({ records: 5 });
  });

  it('still nudges the waiting inquiry in its Slack thread, and does not send again the digest already sent', async () => {
    const t = await open('2026-12-01T15:20:00.000Z');
    const slack = recorder();
    (t.services.outbox as Outbox).attach(slack, 'slack');
    await t.runDue();
    const places = slack.sent.map((s) =>
      `${s.reply.visibility} ${s.destination?.channelId ?? s.reply.to ?? ''} ${s.destination?.threadId ?? ''}`.trim(),
    );
    expect(places).toEqual(['thread CINBOX 1764601200.000100']);
  });

  it('runs once: a second start finds the marker and changes nothing', async () => {
    const t = await open('2026-12-01T15:05:00.000Z');
    const before = await t.services.inquiries.get(1);
    expect(await qualifyStoredIds(t.storage, { platforms: ['slack'], digestChannel: undefined, now: new Date() })).toBe(
      false,
    );
    expect(await t.services.inquiries.get(1)).toEqual(before);
  });
});
