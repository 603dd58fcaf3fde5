import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../doubles/fake-slack.js';
import { runDue } from '../../doubles/services.js';
import { blockActionsPayload, postInteraction, type OpenedView } from '../../doubles/slack-request.js';
import {
  MONDAY_10AM,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  stopStarted,
  textsOf,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';

/**
 * /followup through the real Bolt HTTP stack and the fake Slack Web API, with a clock the test
 * moves: planned by a slash command, posted in the inbox channel at its time with its buttons,
 * snoozed by a button and by the Snooze… form, then done by a button, after which nothing more comes.
 * Clinic: America/New_York (default), Mon-Fri 09:00-18:00, reply goal 15 minutes.
 */
const INBOX = 'CINBOX';
const ENV = { TACT_INBOX_CHANNELS: INBOX, TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00', TACT_REPLY_SLA: '15m' };
const MIN = 60_000;

afterEach(stopStarted);
afterAll(removeTempDirs);

const dueNotices = (t: TactUnderTest): ApiCall[] =>
  t.fake
    .calls('chat.postMessage')
    .filter((c) => c.body['channel'] === INBOX && String(c.body['text']).startsWith('Follow-up F-1 is due'));

function buttonsOf(call: ApiCall | undefined): Array<{ action_id?: string; value?: string }> {
  const blocks = (call?.body['blocks'] ?? []) as Array<{ type?: string; elements?: Array<{ action_id?: string }> }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

async function press(t: TactUnderTest, actionId: string) {
  const responseUrl = t.fake.responseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const http = await postInteraction(
    t.target,
    blockActionsPayload({ userId: STAFF, actionId, value: 'F-1', responseUrl, channelId: INBOX }),
  );
  const replies = t.fake
    .responses()
    .filter((r) => r.id === id)
    .map((r) => r.body);
  return { http, text: unescapeSlack(textsOf(replies).join('\n')) };
}

async function settle(t: TactUnderTest) {
  await runDue(t.running);
  await runDue(t.running);
}

describe('/followup in Slack', () => {
  it('plans, posts at its time with buttons, snoozes by button and form, and stops when done', async () => {
    const clock = movableClock(MONDAY_10AM);
    const t = await startTact({ clock, env: ENV });
    const planned = await t.command(STAFF, 'P-12 in 2 hours text check swelling after filler', {
      command: '/followup',
    });
    expect(planned.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(unescapeSlack(planned.text)).toContain('Planned F-1: patient P-12, Mon 2 Mar 12:00, by text message.');

    clock.set(new Date(MONDAY_10AM.getTime() + 119 * MIN));
    await settle(t);
    expect(dueNotices(t)).toEqual([]);
    clock.set(new Date(MONDAY_10AM.getTime() + 120 * MIN));
    await settle(t);
    expect(dueNotices(t)).toHaveLength(1);
    const notice = dueNotices(t)[0];
    expect(unescapeSlack(textsOf(notice?.body).join('\n'))).toContain('patient P-12, by text message.');
    expect(buttonsOf(notice).map((b) => b.action_id)).toEqual([
      'followup.done',
      'followup.snooze-hour',
      'followup.snooze-tomorrow',
      'followup.snooze',
      'followup.skip',
    ]);

    const snoozed = await press(t, 'followup.snooze-hour');
    expect(snoozed.http.status).toBe(200);
    expect(snoozed.text).toContain('F-1 (patient P-12) snoozed to Mon 2 Mar 13:00.');
    // the old reminder at 12:15 does not come; at 13:00 it is posted again
    clock.set(new Date(MONDAY_10AM.getTime() + 140 * MIN));
    await settle(t);
    expect(t.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === STAFF)).toEqual([]);
    clock.set(new Date(MONDAY_10AM.getTime() + 180 * MIN));
    await settle(t);
    expect(dueNotices(t)).toHaveLength(2);

    // Snooze… opens a form with a when field
    const opened = t.fake.calls('views.open').length;
    await press(t, 'followup.snooze');
    const view = t.fake.calls('views.open').at(-1)?.body['view'] as OpenedView;
    expect(t.fake.calls('views.open')).toHaveLength(opened + 1);
    expect(view.callback_id).toBe('followup-snooze');
    const submitted = await t.submitView(STAFF, { ...view, id: 'VSNOOZE1' }, { when: 'in 30m' });
    expect(submitted.status).toBe(200);
    expect(unescapeSlack(textsOf(t.fake.calls('chat.postEphemeral').at(-1)?.body).join('\n'))).toContain(
      'snoozed to Mon 2 Mar 13:30',
    );
    clock.set(new Date(MONDAY_10AM.getTime() + 210 * MIN));
    await settle(t);
    expect(dueNotices(t)).toHaveLength(3);

    expect((await press(t, 'followup.done')).text).toContain('F-1 (patient P-12) is done.');
    const posted = t.fake.calls('chat.postMessage').length;
    clock.set(new Date(MONDAY_10AM.getTime() + 24 * 60 * MIN));
    await settle(t);
    expect(t.fake.calls('chat.postMessage')).toHaveLength(posted);
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
