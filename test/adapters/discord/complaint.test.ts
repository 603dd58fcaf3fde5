import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buttonPress, chatInput, modalSubmit, MANAGER_ROLE } from '../../doubles/discord-payloads.js';
import { MONDAY_10AM, movableClock, removeTempDirs } from '../slack/harness.js';
import {
  MANAGER,
  ROLE_MANAGER,
  STAFF,
  answerText,
  answersTo,
  bodyOf,
  contentOf,
  customIdsOf,
  startDiscordTact,
  type DiscordTact,
  storedId,
} from './harness.js';

/**
 * `/complaint` on Discord, end to end: slash-command options rebuilt into the same input the other
 * platforms parse, the form as a modal, managers given as a user id or a role id, escalation DMs,
 * and the rules every message follows (no pings, user text escaped).
 */
let tact: DiscordTact | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

const EPHEMERAL = 64;
const DEFERRED_CHANNEL_MESSAGE = 5;
const CHANNEL_MESSAGE = 4;
const MODAL = 9;

async function logComplaint(t: DiscordTact, person = STAFF, options: Record<string, string> = {}) {
  const raw = chatInput(person, 'complaint', 'log', options);
  await t.interact(raw);
  return raw;
}

describe('/complaint log with options', () => {
  it('logs C-1 and answers staff privately: a deferred ephemeral reply edited with the tier and dated steps, no reasons', async () => {
    tact = await startDiscordTact({ clock: movableClock(MONDAY_10AM) });
    const raw = await logComplaint(tact, STAFF, {
      'patient-ref': 'P-2001',
      category: 'billing',
      'what-happened': 'charged twice for filler',
    });

    const answers = answersTo(tact.fake, raw);
    const [callback, edit] = answers;
    expect(answers).toHaveLength(2);
    expect(callback?.path).toBe(`/v10/interactions/${raw.id}/${raw.token}/callback`);
    expect(callback?.authorization).toBeUndefined();
    expect(bodyOf(callback)).toEqual({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: EPHEMERAL } });
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toBe(`/v10/webhooks/${raw.application_id}/${raw.token}/messages/@original`);
    expect(bodyOf(edit)['allowed_mentions']).toEqual({ parse: [] });
    const text = contentOf(edit);
    expect(text).toContain('**Logged C-1 · legitimate**');
    expect(text).toContain('**Patient:** P-2001');
    expect(text).toContain('**Category:** billing');
    expect(text).not.toContain('Why legitimate');
    expect(text).toContain(
      '**Next steps**\n- 1. Verify the charge against the fee schedule and the signed estimate; correct it — front desk, by Tue 3 Mar 18:00',
    );
    // Nothing public and no DM for a routine complaint.
    expect(tact.fake.posted()).toEqual([]);

    const stored = await tact.running.services.complaints.get(1);
    expect(stored).toMatchObject({
      id: 'C-1',
      patientRef: 'P-2001',
      category: 'billing',
      tier: 'legitimate',
      reporter: storedId(STAFF.id),
      text: 'charged twice for filler',
    });
    expect(tact.errors()).toEqual([]);
  });

  it('options map to the same quick-entry text: no category means a guessed one', async () => {
    tact = await startDiscordTact();
    const raw = await logComplaint(tact, STAFF, {
      'patient-ref': 'P-2002',
      'what-happened': 'the invoice showed a fee we never quoted',
    });
    expect(answerText(tact.fake, raw)).toContain('**Category:** billing (guessed from the text)');
    expect(await tact.running.services.complaints.get(1)).toMatchObject({
      patientRef: 'P-2002',
      category: 'billing',
      categoryGuessed: true,
    });
  });

  it('a bad option value gets the usage problem privately and saves nothing', async () => {
    tact = await startDiscordTact();
    const raw = await logComplaint(tact, STAFF, {
      'patient-ref': 'P-2003',
      category: 'parking',
      'what-happened': 'no spaces left',
    });
    const text = answerText(tact.fake, raw);
    expect(text).toContain('That didn\'t work: unknown category "parking"');
    expect(text).toContain('Usage: /complaint <patient-ref>');
    expect(await tact.running.services.complaints.get(1)).toBeUndefined();
  });
});

describe('/complaint log with no options: the modal', () => {
  it('opens a modal as the first answer, and its submission logs the complaint', async () => {
    tact = await startDiscordTact({ clock: movableClock(MONDAY_10AM) });
    const open = await logComplaint(tact);
    const callbacks = tact.fake.callbacks(open.id);
    expect(callbacks).toHaveLength(1);
    expect(tact.fake.webhookCalls(open.token)).toEqual([]);
    const modal = bodyOf(callbacks[0]);
    expect(modal['type']).toBe(MODAL);
    const data = modal['data'] as {
      custom_id: string;
      title: string;
      components: Array<{ type: number; components: Array<Record<string, unknown>> }>;
    };
    expect(data.custom_id).toBe('form|complaint|');
    expect(data.title).toBe('Log a complaint');
    // Discord allows five inputs a modal: the required fields come first.
    expect(data.components).toHaveLength(5);
    const inputs = data.components.map((row) => row.components[0]);
    expect(inputs.map((i) => i?.['custom_id'])).toEqual(['patientRef', 'source', 'category', 'text', 'wants']);
    expect(inputs.every((i) => i?.['type'] === 4)).toBe(true);
    expect(inputs.find((i) => i?.['custom_id'] === 'source')?.['placeholder']).toContain('phone, text, email');
    expect(inputs.find((i) => i?.['custom_id'] === 'text')?.['style']).toBe(2);

    const submit = modalSubmit(STAFF, data.custom_id, {
      patientRef: 'P-3001',
      source: 'Phone',
      category: '1',
      text: 'was charged for a consult that was meant to be free',
      wants: 'refund',
    });
    await tact.interact(submit);
    const text = answerText(tact.fake, submit);
    expect(text).toContain('**Logged C-1');
    expect(text).toContain('**Patient:** P-3001');
    expect(bodyOf(tact.fake.callbacks(submit.id)[0])).toEqual({
      type: DEFERRED_CHANNEL_MESSAGE,
      data: { flags: EPHEMERAL },
    });
    expect(await tact.running.services.complaints.get(1)).toMatchObject({
      patientRef: 'P-3001',
      source: 'phone',
      category: 'billing',
      wants: 'refund',
    });
    expect(tact.errors()).toEqual([]);
  });

  it('a choice typed wrong gets a private "Not saved" in the form\'s labels and a button that reopens it filled in', async () => {
    tact = await startDiscordTact();
    const typed = { patientRef: 'P-3002', source: 'carrier pigeon', category: 'billing', text: 'charged twice' };
    const submit = modalSubmit(STAFF, 'form|complaint|', typed);
    await tact.interact(submit);
    const answers = answersTo(tact.fake, submit);
    expect(answers).toHaveLength(1);
    const body = bodyOf(answers[0]);
    expect(body['type']).toBe(CHANNEL_MESSAGE);
    const data = body['data'] as Record<string, unknown>;
    expect(data['flags']).toBe(EPHEMERAL);
    expect(data['allowed_mentions']).toEqual({ parse: [] });
    const content = String(data['content']);
    expect(content).toMatch(/^Not saved: please correct the form and send it again\./);
    expect(content).toMatch(/How it reached us: Please answer with one of: phone, text, email/);
    expect(content).not.toContain('source:');
    expect(content).toContain('What you typed');
    expect(content).toContain('How it reached us: carrier pigeon');
    expect(content).toContain('What happened: charged twice');
    expect(content).toContain('Patient reference: P-3002');
    expect(await tact.running.services.complaints.get(1)).toBeUndefined();

    // "Open the form again" opens the modal filled with what was typed; corrected, it is logged.
    expect(customIdsOf(answers[0])).toEqual([`form-again|${submit.id}`]);
    const again = buttonPress(STAFF, `form-again|${submit.id}`);
    await tact.interact(again);
    const [reopened] = answersTo(tact.fake, again);
    expect(bodyOf(reopened)['type']).toBe(MODAL);
    const inputs = (
      bodyOf(reopened)['data'] as { components: Array<{ components: Array<{ custom_id: string; value?: string }> }> }
    ).components.flatMap((row) => row.components);
    expect(Object.fromEntries(inputs.map((i) => [i.custom_id, i.value]))).toMatchObject(typed);

    // someone else pressing it gets nothing of what was typed
    const stranger = buttonPress(MANAGER, `form-again|${submit.id}`);
    await tact.interact(stranger);
    expect(answerText(tact.fake, stranger)).toContain('no longer kept here');
    expect(answerText(tact.fake, stranger)).not.toContain('P-3002');

    const corrected = modalSubmit(STAFF, 'form|complaint|', { ...typed, source: '1' });
    await tact.interact(corrected);
    expect(await tact.running.services.complaints.get(1)).toMatchObject({ patientRef: 'P-3002', source: 'phone' });
  });
});

describe('managers as a user id or a role id', () => {
  it('a manager by role lists and shows; a manager by user id lists; staff are refused', async () => {
    tact = await startDiscordTact({ clock: movableClock(MONDAY_10AM) });
    await logComplaint(tact, STAFF, {
      'patient-ref': 'P-2001',
      category: 'billing',
      'what-happened': 'charged twice for filler',
    });

    const byRole = chatInput(ROLE_MANAGER, 'complaint', 'show', { id: 'C-1' });
    await tact.interact(byRole);
    const card = answerText(tact.fake, byRole);
    expect(card).toContain('C-1 · legitimate');
    expect(card).toContain('charged twice for filler');
    expect(card).toContain(`**Reported by:** <@${STAFF.id}>`);

    const listed = chatInput(MANAGER, 'complaint', 'list', {});
    await tact.interact(listed);
    expect(answerText(tact.fake, listed)).toContain(
      '**Open complaints: 1**\n- C-1 · P-2001 · billing · legitimate · open',
    );

    for (const [sub, options] of [
      ['list', {}],
      ['show', { id: 'C-1' }],
    ] as const) {
      const refused = chatInput(STAFF, 'complaint', sub, options);
      await tact.interact(refused);
      const text = answerText(tact.fake, refused);
      expect(text).toContain(`Only practice managers can use /complaint ${sub}`);
      expect(text).not.toContain('P-2001');
    }
    // Holding someone else's role id does not make a manager: the role must be in TACT_MANAGERS.
    const otherRole = chatInput({ id: '1180000000000001999', roles: ['1180000000000000999'] }, 'complaint', 'list', {});
    await tact.interact(otherRole);
    expect(answerText(tact.fake, otherRole)).toContain('Only practice managers can use /complaint list');
  });

  it('an escalating complaint DMs the managers given as user ids; the role id gets no DM attempt that fails the command', async () => {
    const clock = movableClock(MONDAY_10AM);
    tact = await startDiscordTact({ clock });
    await logComplaint(tact, STAFF, {
      'patient-ref': 'P-2001',
      category: 'billing',
      'what-happened': 'charged twice for filler',
    });
    expect(tact.fake.calls({ path: '/v10/users/@me/channels' })).toEqual([]);

    clock.advanceDays(30);
    const second = await logComplaint(tact, STAFF, {
      'patient-ref': 'P-2001',
      category: 'wait',
      'what-happened': 'kept waiting 40 minutes past her appointment',
    });
    const text = answerText(tact.fake, second);
    expect(text).toContain('**Logged C-2 · escalating**');
    expect(text).not.toContain('2nd complaint');
    expect(text).toContain('The practice managers have been sent this complaint.');
    expect(text).not.toContain('could not finish');

    const opened = tact.fake.calls({ method: 'POST', path: '/v10/users/@me/channels' });
    expect(opened.filter((c) => c.status === 200).map((c) => bodyOf(c)['recipient_id'])).toEqual([MANAGER.id]);
    expect(opened.every((c) => c.authorization?.startsWith('Bot '))).toBe(true);
    const dms = tact.fake.posted(`DM-${MANAGER.id}`);
    expect(dms).toHaveLength(1);
    const dm = dms[0]?.body;
    expect(dm?.content).toContain('**C-2 needs a manager · escalating**');
    // The history goes to the managers, not to the person who logged it.
    expect(dm?.content).toContain('2nd complaint from P-2001 in 90 days');
    expect(dm?.content).toContain(`**Logged by:** <@${STAFF.id}>`);
    expect(dm?.content).toContain('/complaint show C-2');
    expect(dm?.allowed_mentions).toEqual({ parse: [] });
    // A role id cannot be sent a DM: it is skipped with a warning, not reported as a failure.
    expect(tact.fake.posted().filter((p) => p.channelId !== `DM-${MANAGER.id}`)).toEqual([]);
    expect(tact.logs.some((l) => l.level === 'warn' && String(l.message).includes(MANAGER_ROLE))).toBe(true);
    expect(tact.errors()).toEqual([]);
  });
});

describe('no pings, user text escaped', () => {
  it('"@everyone <@123>" in a complaint is shown escaped, and every message Tact sends has allowed_mentions { parse: [] }', async () => {
    tact = await startDiscordTact({ clock: movableClock(MONDAY_10AM) });
    await logComplaint(tact, STAFF, {
      'patient-ref': 'P-4001',
      category: 'conduct',
      'what-happened': '@everyone <@123456789012345678> was rude **at** the desk',
    });
    const shown = chatInput(MANAGER, 'complaint', 'show', { id: 'C-1' });
    await tact.interact(shown);
    const card = answerText(tact.fake, shown);
    expect(card).toContain('@\u200beveryone <\u200b@123456789012345678> was rude \\*\\*at\\*\\* the desk');
    expect(card).not.toContain('@everyone');
    expect(card).not.toContain('<@123456789012345678>');

    const sent = tact.fake.messagesSent();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const { message } of sent) expect(message['allowed_mentions']).toEqual({ parse: [] });
  });
});

describe('a manager whose direct messages are closed', () => {
  it('the reporter hears that the complaint is saved but a message could not be sent (not "not saved")', async () => {
    const clock = movableClock(MONDAY_10AM);
    tact = await startDiscordTact({ clock });
    tact.fake.undeliverable(MANAGER.id);
    await logComplaint(tact, STAFF, {
      'patient-ref': 'P-2001',
      category: 'billing',
      'what-happened': 'charged twice for filler',
    });
    clock.advanceDays(30);
    const second = await logComplaint(tact, STAFF, {
      'patient-ref': 'P-2001',
      category: 'wait',
      'what-happened': 'kept waiting 40 minutes past her appointment',
    });
    const everything = answersTo(tact.fake, second)
      .map((c) => JSON.stringify(bodyOf(c)))
      .join('\n');
    expect(everything).toContain('Logged C-2');
    expect(everything).toContain('Tact finished /complaint, but could not send every message');
    expect(everything).toContain('It is saved');
    expect(everything).not.toContain('was not saved');
    expect(await tact.running.services.complaints.get(2)).toBeDefined();
  });
});
