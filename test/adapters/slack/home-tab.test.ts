import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiCall } from '../../doubles/fake-slack.js';
import { blockActionsPayload, eventCallbackPayload, postEvent, postInteraction } from '../../doubles/slack-request.js';
import {
  MANAGERS,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  stopStarted,
  stored,
  textsOf,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';

/**
 * The Home tab against the fake Slack Web API: a signed `app_home_opened` event publishes the
 * person's day with views.publish; a change to the records republishes it for people who opened it,
 * once per short interval however many changes came; a button on the Home tab works like the one
 * in the thread.
 */
afterEach(stopStarted);
afterAll(removeTempDirs);

const MANAGER = MANAGERS[0];
let events = 0;

async function openHome(t: TactUnderTest, user: string, tab = 'home') {
  events += 1;
  const event = { type: 'app_home_opened', user, channel: `D${user}`, tab, event_ts: `1700000000.00${events}` };
  const response = await postEvent(t.target, eventCallbackPayload(`EvHome${events}`, event));
  expect(response.status).toBe(200);
}

const publishedTo = (t: TactUnderTest, user: string): ApiCall[] =>
  t.fake.calls('views.publish').filter((c) => c.body['user_id'] === user);

interface Block {
  type: string;
  elements?: Array<{ action_id: string; value: string; text: { text: string } }>;
}
const viewOf = (call: ApiCall | undefined) => (call?.body['view'] ?? {}) as { type?: string; blocks?: Block[] };
const words = (call: ApiCall | undefined) => unescapeSlack(textsOf(viewOf(call).blocks).join('\n'));
const buttons = (call: ApiCall | undefined) =>
  (viewOf(call).blocks ?? [])
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .map((e) => `${e.action_id} ${e.value}`);

async function clinicMorning(homeRefreshMs?: number) {
  const t = await startTact({
    clock: movableClock(),
    env: { TACT_FRONT_DESK: STAFF },
    ...(homeRefreshMs === undefined ? {} : { homeRefreshMs }),
  });
  expect((await t.command(STAFF, 'call P-2001 wants to rebook botox', { command: '/inquiry' })).http.status).toBe(200);
  expect((await t.command(STAFF, 'P-4001 billing: charged twice for filler')).http.status).toBe(200);
  return t;
}

describe('the Slack Home tab', () => {
  it("publishes a staff member's day: their messages and their role's complaint steps, nothing of the patient behind a step", async () => {
    const t = await clinicMorning();
    await openHome(t, STAFF);
    const [call] = publishedTo(t, STAFF);
    expect(viewOf(call).type).toBe('home');
    const text = words(call);
    expect(text).toContain('Patient messages: 1');
    expect(text).toContain('I-1 · phone call · P-2001 · waiting under a minute · yours');
    expect(text).toContain('Complaint steps for your role: 1');
    expect(text).toContain('C-1 step 1 · Verify the charge against the fee schedule');
    for (const hidden of ['P-4001', 'charged twice', 'rebook', 'legitimate', "Today's patient messages"])
      expect(text).not.toContain(hidden);
    // logged by the staff member, so theirs: Mark replied, no Claim
    expect(buttons(call)).toEqual(['inquiry.answer I-1']);
  });

  it("publishes a manager's day with today's figures and the open complaints by tier", async () => {
    const t = await clinicMorning();
    await openHome(t, MANAGER);
    const [call] = publishedTo(t, MANAGER);
    const text = words(call);
    expect(text).toContain("Today's patient messages");
    expect(text).toContain('received 1, answered 0');
    expect(text).toContain('Open complaints by tier');
    expect(text).toContain('legitimate: 1');
    expect(text).toMatch(/C-1 step 2 · If the error was ours, refund it .* · P-4001/);
    expect(text).not.toContain('charged twice');
    expect(publishedTo(t, STAFF)).toHaveLength(0);
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    const t = await clinicMorning();
    await openHome(t, STAFF, 'messages');
    expect(t.fake.calls('views.publish')).toHaveLength(0);
  });

  it('republishes once for a burst of changes, only for people who opened it, and a Home button claims', async () => {
    const t = await clinicMorning(150);
    await openHome(t, STAFF);
    expect(publishedTo(t, STAFF)).toHaveLength(1);
    const { inquiries } = t.running.services;
    const base = { channel: 'text' as const, origin: 'command' as const, loggedBy: stored(MANAGER) };
    await inquiries.create({ ...base, patientRef: 'P-2002' });
    await inquiries.create({ ...base, patientRef: 'P-2003' });
    await inquiries.create({ ...base, patientRef: 'P-2004' });
    await vi.waitFor(() => expect(publishedTo(t, STAFF)).toHaveLength(2), { timeout: 3000, interval: 20 });
    expect(words(publishedTo(t, STAFF)[1])).toContain('Patient messages: 4');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(publishedTo(t, STAFF)).toHaveLength(2);
    expect(publishedTo(t, MANAGER)).toHaveLength(0);

    // Claim on the Home tab: no channel and no response_url; the answer comes by direct message.
    expect(buttons(publishedTo(t, STAFF)[1])).toContain('inquiry.claim I-2');
    const payload = blockActionsPayload({ userId: STAFF, actionId: 'inquiry.claim', value: 'I-2' });
    for (const key of ['channel', 'message', 'response_url']) delete payload[key];
    payload['container'] = { type: 'view', view_id: 'VHOME1' };
    payload['view'] = { id: 'VHOME1', type: 'home', blocks: [] };
    expect((await postInteraction(t.target, payload)).status).toBe(200);
    expect((await t.running.services.inquiries.get(2))?.owner).toBe(stored(STAFF));
    const told = t.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === STAFF);
    expect(unescapeSlack(textsOf(told.map((c) => c.body)).join('\n'))).toContain('I-2');
    await vi.waitFor(() => expect(publishedTo(t, STAFF)).toHaveLength(3), { timeout: 3000, interval: 20 });
    expect(buttons(publishedTo(t, STAFF)[2])).toContain('inquiry.answer I-2');
    expect(buttons(publishedTo(t, STAFF)[2])).not.toContain('inquiry.claim I-2');
  });
});
