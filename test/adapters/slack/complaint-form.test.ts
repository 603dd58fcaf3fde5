import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../doubles/fake-slack.js';
import { newTriggerId, type OpenedView } from '../../doubles/slack-request.js';
import { CHANNEL, MANAGERS, STAFF, removeTempDirs, startTact, textsOf, type TactUnderTest } from './harness.js';

/** `/complaint` with no text: the modal, its submission, validation and repeated submissions. */
let tact: TactUnderTest | undefined;

afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

const FIELDS = ['patientRef', 'source', 'category', 'text', 'wants', 'provider'];

/** Opens the form and returns the modal as Tact sent it, with the id Slack would give it. */
async function openForm(t: TactUnderTest, triggerId = newTriggerId()): Promise<OpenedView & { id: string }> {
  const before = t.fake.calls('views.open').length;
  const opened = await t.command(STAFF, '', { trigger_id: triggerId });
  expect(opened.http.status).toBe(200);
  expect(opened.replies).toEqual([]);
  const calls = t.fake.calls('views.open');
  expect(calls).toHaveLength(before + 1);
  const call = calls.at(-1) as ApiCall;
  expect(call.body['trigger_id']).toBe(triggerId);
  return { ...(call.body['view'] as OpenedView), id: `V${triggerId.replace(/\W/g, '')}` };
}

const complete = {
  patientRef: 'P-8001',
  source: 'phone',
  category: 'results',
  text: 'Unhappy with uneven filler in the left cheek',
  wants: 'redo',
  provider: 'Dr. Lee',
};

describe('the complaint form', () => {
  it('opens a modal with the trigger id, callback id "complaint" and the six fields', async () => {
    tact = await startTact();
    const view = await openForm(tact);
    expect(view.callback_id).toBe('complaint');
    expect((view as { type?: string }).type).toBe('modal');
    expect(view.blocks?.map((b) => b.block_id)).toEqual(FIELDS);
    expect(view.blocks?.every((b) => b.type === 'input')).toBe(true);
    const optional = Object.fromEntries(
      (view.blocks ?? []).map((b) => [b.block_id, (b as { optional?: boolean }).optional]),
    );
    expect(optional).toEqual({
      patientRef: false,
      source: false,
      category: false,
      text: false,
      wants: true,
      provider: true,
    });
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ channelId: CHANNEL });
    // Opening the form stores nothing.
    expect((await tact.command(MANAGERS[0], 'list all')).text).toContain('All complaints: 0');
  });

  it('a submission logs the complaint and confirms privately in the original channel', async () => {
    tact = await startTact();
    const view = await openForm(tact);
    const submitted = await tact.submitView(STAFF, view, complete);
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe('');

    const ephemeral = tact.fake.calls('chat.postEphemeral');
    expect(ephemeral).toHaveLength(1);
    expect(ephemeral[0]?.body).toMatchObject({ channel: CHANNEL, user: STAFF, text: 'Logged C-1 (legitimate)' });
    const confirmation = textsOf(ephemeral[0]?.body['blocks']).join('\n');
    expect(confirmation).toContain('*Patient*\nP-8001');
    expect(confirmation).toContain('*Category*\nresults');
    expect(confirmation).toContain('Check the signed treatment expectation form and the before photos');

    const card = (await tact.command(MANAGERS[0], 'show C-1')).text;
    expect(card).toContain('Unhappy with uneven filler in the left cheek');
    expect(card).toContain('*Reached us by*\nphone');
    expect(card).toContain('*Patient wants*\nredo or touch-up');
    expect(card).toContain('*Provider*\nDr. Lee');
    expect(tact.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a submission without a patient reference goes back to the form naming that field, and stores nothing', async () => {
    tact = await startTact();
    const view = await openForm(tact);
    const { patientRef: _omitted, ...rest } = complete;
    const submitted = await tact.submitView(STAFF, view, rest);
    expect(submitted.status).toBe(200);
    expect(submitted.json).toEqual({
      response_action: 'errors',
      errors: { patientRef: 'give a patient reference (alias or chart number) first' },
    });
    expect(tact.fake.calls('chat.postEphemeral')).toEqual([]);
    expect(tact.fake.calls('chat.postMessage')).toEqual([]);
    expect((await tact.command(MANAGERS[0], 'list all')).text).toContain('All complaints: 0');

    // The same view, corrected, still goes through: a rejected submission does not use up the view id.
    const corrected = await tact.submitView(STAFF, view, complete);
    expect(corrected.text).toBe('');
    expect(tact.fake.calls('chat.postEphemeral')[0]?.body['text']).toBe('Logged C-1 (legitimate)');
  });

  it('names every invalid field at once', async () => {
    tact = await startTact();
    const view = await openForm(tact);
    const submitted = await tact.submitView(STAFF, view, {
      ...complete,
      patientRef: 'Jane Doe',
      text: 'no',
      provider: 'x'.repeat(81),
    });
    expect(submitted.json).toMatchObject({ response_action: 'errors' });
    const errors = (submitted.json as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['patientRef', 'provider', 'text']);
    expect(errors['patientRef']).toContain('full name');
    expect(errors['provider']).toMatch(/^Please keep it to \d+ characters \(this is 81\)\.$/);
    for (const message of Object.values(errors)) expect(message).not.toMatch(/\b(patientRef|provider|text):/);
  });

  it('"skip" in an optional field leaves it out, as on the console', async () => {
    tact = await startTact();
    const view = await openForm(tact);
    const submitted = await tact.submitView(STAFF, view, { ...complete, provider: 'Skip' });
    expect(submitted.text).toBe('');
    expect(tact.fake.calls('chat.postEphemeral')[0]?.body['text']).toBe('Logged C-1 (legitimate)');
    expect(await tact.running.services.complaints.get(1)).toMatchObject({ patientRef: 'P-8001', wants: 'redo' });
    expect((await tact.running.services.complaints.get(1))?.provider).toBeUndefined();
  });

  it('the same view submitted twice creates one record and one confirmation', async () => {
    tact = await startTact();
    const view = await openForm(tact);
    const first = await tact.submitView(STAFF, view, complete);
    const again = await tact.submitView(STAFF, view, complete);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe('');
    expect(tact.fake.calls('chat.postEphemeral')).toHaveLength(1);
    const all = (await tact.command(MANAGERS[0], 'list all')).text;
    expect(all).toContain('All complaints: 1');
    expect(all).toContain('C-1');
    expect(all).not.toContain('C-2');
  });

  it('a different view from the same person is a new complaint', async () => {
    tact = await startTact();
    await tact.submitView(STAFF, await openForm(tact), complete);
    await tact.submitView(STAFF, await openForm(tact), { ...complete, patientRef: 'P-8002' });
    expect(tact.fake.calls('chat.postEphemeral').map((c) => c.body['text'])).toEqual([
      'Logged C-1 (legitimate)',
      'Logged C-2 (legitimate)',
    ]);
  });

  it('when it cannot post in the channel, the confirmation goes to the person by DM', async () => {
    tact = await startTact();
    tact.fake.answer('chat.postEphemeral', { ok: false, error: 'not_in_channel' });
    await tact.submitView(STAFF, await openForm(tact), complete);
    expect(tact.fake.calls('chat.postEphemeral')).toHaveLength(1);
    const dm = tact.fake.calls('chat.postMessage');
    expect(dm).toHaveLength(1);
    expect(dm[0]?.body).toMatchObject({ channel: STAFF, text: 'Logged C-1 (legitimate)' });
  });

  it('markup typed into the form is escaped wherever it is shown', async () => {
    tact = await startTact();
    await tact.submitView(STAFF, await openForm(tact), {
      ...complete,
      provider: '<!here> Dr <@U123>',
      text: 'said she would sue <!channel> <!subteam^S1> @everyone',
    });
    expect(tact.fake.calls('chat.postEphemeral')[0]?.body['text']).toBe('Logged C-1 (aggressive)');
    const card = (await tact.command(MANAGERS[0], 'show C-1')).text;
    expect(card).toContain('*Provider*\n&lt;!here&gt; Dr &lt;@U123&gt;');
    expect(card).toContain('&lt;!channel&gt; &lt;!subteam^S1&gt; @\u2060everyone');
    for (const sent of tact.fake.everythingSent()) {
      expect(sent).not.toContain('<!');
      expect(sent).not.toContain('<@U123>');
      expect(sent).not.toMatch(/@(here|channel|everyone)/);
      for (const mention of sent.matchAll(/<@([^>]*)>/g)) expect(mention[1]).toBe(STAFF);
    }
  });
});
