import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runDue } from '../../doubles/services.js';
import type { ApiCall, FakeSlack } from '../../doubles/fake-slack.js';
import { blockActionsPayload, eventCallbackPayload, postEvent, postInteraction } from '../../doubles/slack-request.js';
import {
  MANAGERS,
  movableClock,
  removeTempDirs,
  startTact,
  stopStarted,
  textsOf,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';

/**
 * A complication logged in Slack on a Saturday evening, with the clinic shut: the person on call gets
 * a direct message with Acknowledge from the running job queue (nothing run by hand), again five
 * minutes later, then the backup, then the managers; pressing Acknowledge (a signed interaction)
 * stops it.
 */
/** Saturday 7 March 2026, 19:00 in New York */
const SATURDAY_7PM = new Date('2026-03-08T00:00:00.000Z');
const MIN = 60_000;
const ENV = { TACT_ONCALL: 'Sat-Sun UDRA', TACT_ONCALL_BACKUP: 'UDRB' };

afterEach(stopStarted);
afterAll(removeTempDirs);

const pagesTo = (f: FakeSlack, user: string): ApiCall[] =>
  f.calls('chat.postMessage').filter((c) => c.body['channel'] === user && String(c.body['text']).startsWith('URGENT'));
const words = (call: ApiCall | undefined) => unescapeSlack(textsOf(call?.body).join('\n'));

function buttonsOf(call: ApiCall | undefined): Array<{ action_id: string; value: string }> {
  const blocks = (call?.body['blocks'] ?? []) as Array<{
    type: string;
    elements?: Array<{ action_id: string; value: string }>;
  }>;
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
}

async function at(t: TactUnderTest, clock: ReturnType<typeof movableClock>, minutes: number) {
  clock.set(new Date(SATURDAY_7PM.getTime() + minutes * MIN));
  await runDue(t.running);
  await runDue(t.running);
}

async function acknowledge(t: TactUnderTest, user: string, value: string) {
  const responseUrl = t.fake.responseUrl();
  const response = await postInteraction(
    t.target,
    blockActionsPayload({ userId: user, actionId: 'page.ack', value, responseUrl, channelId: `D${user}` }),
  );
  expect(response.status).toBe(200);
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  return textsOf(
    t.fake
      .responses()
      .filter((r) => r.id === id)
      .map((r) => r.body),
  ).join('\n');
}

describe('urgent pages in Slack', () => {
  it('page the provider on call at once, repeat, climb to the backup and the managers, and stop at Acknowledge', async () => {
    const clock = movableClock(SATURDAY_7PM);
    const t = await startTact({ clock, env: ENV });
    const logged = await t.command('UFRONT', 'P-12 complication: swelling and pain after filler yesterday');
    expect(logged.http.status).toBe(200);
    expect(unescapeSlack(logged.text)).toContain('Paging UDRA (on call) now');
    expect(unescapeSlack(logged.text)).toContain('*Paged now (on call)*\n<@UDRA>');
    expect(logged.text).toContain('Tell the patient: ');

    // The queue runs by itself: the first page needs no clock move and no job run by hand.
    await vi.waitFor(() => expect(pagesTo(t.fake, 'UDRA')).toHaveLength(1), { timeout: 5_000, interval: 20 });
    const first = pagesTo(t.fake, 'UDRA')[0];
    expect(buttonsOf(first)).toEqual([expect.objectContaining({ action_id: 'page.ack', value: 'C-1' })]);
    expect(words(first)).toContain('Urgent: C-1, patient P-12');
    expect(words(first)).not.toContain('swelling and pain');

    await at(t, clock, 4);
    expect(pagesTo(t.fake, 'UDRA')).toHaveLength(1);
    await at(t, clock, 5);
    expect(pagesTo(t.fake, 'UDRA')).toHaveLength(2);
    expect(pagesTo(t.fake, 'UDRB')).toHaveLength(0);
    await at(t, clock, 10);
    expect(pagesTo(t.fake, 'UDRB')).toHaveLength(1);
    expect(words(pagesTo(t.fake, 'UDRB')[0])).toContain('Not acknowledged by UDRA (on call).');
    await at(t, clock, 20);
    for (const manager of MANAGERS) expect(pagesTo(t.fake, manager)).toHaveLength(1);

    expect(await acknowledge(t, 'UFRONT', 'C-1')).toContain('Only the people paged about C-1');
    expect(await acknowledge(t, 'UDRB', 'C-1')).toContain('You have C-1: paging has stopped.');
    const told = t.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === 'UFRONT');
    expect(told.map((c) => unescapeSlack(String(c.body['text'])))).toEqual([
      'UDRB acknowledged the urgent page for C-1.',
    ]);

    const before = t.fake.calls('chat.postMessage').filter((c) => String(c.body['text']).startsWith('URGENT')).length;
    await at(t, clock, 30);
    await at(t, clock, 90);
    expect(t.fake.calls('chat.postMessage').filter((c) => String(c.body['text']).startsWith('URGENT'))).toHaveLength(
      before,
    );
    const complaint = await t.running.services.complaints.get(1);
    expect(complaint?.history.map((h) => h.what)).toEqual([
      'logged as legitimate',
      'urgent: complication or side effect; paging',
      'urgent page 1 to on-call: slack:UDRA',
      'urgent page 2 to on-call: slack:UDRA',
      'urgent page 3 to backup: slack:UDRB',
      'urgent page 4 to backup: slack:UDRB',
      'urgent page 5 to managers: slack:UMGR1, slack:UMGR2',
      'urgent page acknowledged',
    ]);
  });
});

describe('urgent signs in an inbox message, in Slack', () => {
  const INBOX = 'CINBOX';
  let counter = 0;
  async function integrationPost(t: TactUnderTest, text: string): Promise<string> {
    counter += 1;
    const ts = `1772928000.${String(counter).padStart(6, '0')}`;
    const response = await postEvent(
      t.target,
      eventCallbackPayload(`Ev0URGENT${ts}`, {
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'BRING',
        username: 'RingCentral SMS',
        text,
        channel: INBOX,
        ts,
        event_ts: ts,
      }),
    );
    expect(response.status).toBe(200);
    return ts;
  }
  const threadOf = (f: FakeSlack, ts: string) =>
    f.calls('chat.postMessage').filter((c) => c.body['channel'] === INBOX && c.body['thread_ts'] === ts);

  it('a patient text with emergency signs pages the provider on call and tells the inbox what to say; an ordinary one does not', async () => {
    const clock = movableClock(SATURDAY_7PM);
    const t = await startTact({ clock, env: { ...ENV, TACT_INBOX_CHANNELS: INBOX } });
    const urgent = await integrationPost(
      t,
      'New SMS from ***-***-0142: hi its me from this mornings filler, my upper lip has gone white and blotchy and it really hurts',
    );
    await vi.waitFor(() => expect(pagesTo(t.fake, 'UDRA')).toHaveLength(1), { timeout: 5_000, interval: 20 });
    const page = words(pagesTo(t.fake, 'UDRA')[0]);
    expect(page).toContain('Urgent: I-1');
    expect(page).toContain('Contact the patient now: patient texted: reply by text.');
    // the patient's words stay in the inbox: the page names the sign from Tact's list
    expect(page).not.toContain('blotchy');
    const thread = threadOf(t.fake, urgent).map(words).join('\n');
    expect(thread).toContain('Tracking I-1');
    expect(thread).toContain('Paging UDRA (on call) now');
    expect(thread).toContain('Tell the patient: "If it is severe or getting worse');

    const ordinary = await integrationPost(
      t,
      'New SMS from ***-***-0199: can I move my botox appointment to Friday at 3?',
    );
    await vi.waitFor(() => expect(threadOf(t.fake, ordinary).length).toBeGreaterThan(0), { timeout: 5_000 });
    await at(t, clock, 1);
    expect(threadOf(t.fake, ordinary).map(words).join('\n')).not.toContain('Paging');
    expect(await t.running.services.pages.get('I-2')).toBeUndefined();
    expect(pagesTo(t.fake, 'UDRA')).toHaveLength(1);
  });
});
