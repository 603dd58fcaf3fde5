import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chatInput } from '../../doubles/discord-payloads.js';
import { behave } from '../../doubles/fake-openai.js';
import { MONDAY_10AM, movableClock, removeTempDirs, stopStarted } from '../slack/harness.js';
import {
  MANAGER,
  STAFF,
  answersTo,
  bodyOf,
  contentOf,
  modelEnv,
  startDiscordTact,
  startDraftingModel,
} from './harness.js';

/**
 * Discord's own rules: slow work is deferred before anything else is said; a message holds at most
 * 2,000 characters, so long lists become several messages; an interaction token dies after 15
 * minutes, after which a private answer goes by direct message instead.
 */
afterEach(stopStarted);
afterAll(removeTempDirs);

const REVIEW = 'One star on Google. Rude on the phone and nobody called back about my appointment.';

describe('slow work is deferred first', () => {
  it('/review with a drafting model that hangs: a deferred ephemeral reply (type 5) comes before the edit and the follow-up', async () => {
    const model = await startDraftingModel();
    model.otherwise(behave.hang());
    const t = await startDiscordTact({ env: modelEnv(model) });
    const raw = chatInput(STAFF, 'review', 'log', { 'review-text': REVIEW });
    await t.interact(raw);
    expect(model.requests().length).toBeGreaterThanOrEqual(1);

    const answers = answersTo(t.fake, raw);
    expect(answers.map((a) => `${a.method} ${a.path.replace(raw.token, '<token>')}`)).toEqual([
      `POST /v10/interactions/${raw.id}/<token>/callback`,
      `PATCH /v10/webhooks/${raw.application_id}/<token>/messages/@original`,
      `POST /v10/webhooks/${raw.application_id}/<token>`,
    ]);
    expect(bodyOf(answers[0])).toEqual({ type: 5, data: { flags: 64 } });
    expect(contentOf(answers[1])).toContain('Drafting a reply…');
    expect(contentOf(answers[2])).toContain('**Draft reply R-1');
    expect(contentOf(answers[2])).toContain('sentences chosen by Tact (the drafting model did not answer in time)');
    // A follow-up is private too.
    expect(bodyOf(answers[2])['flags']).toBe(64);
    expect(t.errors()).toEqual([]);
  });
});

describe('2,000 characters a message', () => {
  it('`/complaint list all` over 60 complaints is split into several messages, each within 2,000 characters, none lost', async () => {
    const t = await startDiscordTact({ clock: movableClock(MONDAY_10AM) });
    for (let i = 1; i <= 60; i += 1) {
      await t.running.services.complaints.log(
        {
          patientRef: `CHART-${String(i).padStart(6, '0')}-LONGREF`,
          category: 'billing',
          categoryGuessed: false,
          text: `charged twice for visit ${i}`,
        },
        STAFF.id,
      );
    }
    const raw = chatInput(MANAGER, 'complaint', 'list', { scope: 'all' });
    await t.interact(raw);

    const messages = t.fake.webhookCalls(raw.token);
    expect(messages.length).toBeGreaterThan(1);
    const [edit, ...followUps] = messages;
    expect(edit?.method).toBe('PATCH');
    for (const followUp of followUps) {
      expect(followUp.method).toBe('POST');
      expect(bodyOf(followUp)['flags']).toBe(64);
    }
    for (const message of messages) {
      expect(contentOf(message).length).toBeLessThanOrEqual(2000);
      expect(bodyOf(message)['allowed_mentions']).toEqual({ parse: [] });
    }
    const all = messages.map(contentOf).join('\n');
    expect(all).toContain('**All complaints: 60**');
    for (let i = 1; i <= 60; i += 1) expect(all).toContain(`C-${i} · CHART-${String(i).padStart(6, '0')}-LONGREF`);
    expect(t.errors()).toEqual([]);
  });
});

describe('the 15-minute interaction token', () => {
  it('an answer due after the token expired goes by direct message, not through the webhook', async () => {
    const t = await startDiscordTact({ clock: movableClock(MONDAY_10AM) });
    await t.running.services.complaints.log(
      { patientRef: 'P-9001', category: 'wait', categoryGuessed: false, text: 'waited an hour' },
      STAFF.id,
    );
    // The interaction was created 16 minutes ago (its snowflake's timestamp): its token is dead.
    const raw = chatInput(MANAGER, 'complaint', 'list', {}, { at: Date.now() - 16 * 60_000 });
    await t.interact(raw);

    const edits = t.fake.webhookCalls(raw.token);
    expect(edits).toEqual([]);
    const opened = t.fake.calls({ method: 'POST', path: '/v10/users/@me/channels' });
    expect(opened.map((c) => bodyOf(c)['recipient_id'])).toEqual([MANAGER.id]);
    const dms = t.fake.posted(`DM-${MANAGER.id}`);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.body.content).toContain('**Open complaints: 1**\n- C-1 · P-9001 · wait or scheduling');
    expect(dms[0]?.body.allowed_mentions).toEqual({ parse: [] });
    expect(t.errors()).toEqual([]);
  });

  it('a fresh interaction is answered through the webhook, not by DM', async () => {
    const t = await startDiscordTact();
    const raw = chatInput(MANAGER, 'complaint', 'list', {});
    await t.interact(raw);
    expect(t.fake.webhookCalls(raw.token).map((c) => c.status)).toEqual([200]);
    expect(t.fake.posted()).toEqual([]);
  });
});

describe('delivery failures', () => {
  it('a manager whose DMs are closed: the complaint is logged and confirmed, and the failure is reported privately', async () => {
    const clock = movableClock(MONDAY_10AM);
    const t = await startDiscordTact({ clock });
    t.fake.undeliverable(MANAGER.id);
    const raw = chatInput(STAFF, 'complaint', 'log', {
      'patient-ref': 'P-3002',
      category: 'conduct',
      'what-happened': 'he threatened the receptionist and said he would sue',
    });
    await t.interact(raw);
    const texts = answersTo(t.fake, raw).map(contentOf).filter(Boolean);
    expect(texts[0]).toContain('**Logged C-1 · aggressive**');
    expect(texts[1]).toContain(
      'Tact finished /complaint, but could not send every message (TACT\\_DELIVERY\\_FAILED). It is saved',
    );
    expect(await t.running.services.complaints.get(1)).toMatchObject({ tier: 'aggressive' });
    expect(t.errors().map((e) => e['code'])).toEqual(['TACT_DELIVERY_FAILED']);
  });
});
