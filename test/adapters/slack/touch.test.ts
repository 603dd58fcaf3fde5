import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { behave, startFakeOpenAi, type FakeOpenAi } from '../../doubles/fake-openai.js';
import { runDue } from '../../doubles/services.js';
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
 * /touch through the real Bolt HTTP stack, the fake Slack Web API and a fake OpenAI-compatible
 * model, with a clock the test moves: an event recorded by a slash command, a birthday with a year
 * refused privately, the wish the day before by direct message to its owner with the model's draft
 * (and the template when the model fails). Clinic: America/New_York (default), Mon-Fri 09:00-18:00.
 */
const ENV = { TACT_BUSINESS_HOURS: 'Mon-Fri 09:00-18:00' };
/** Tue 3 Mar 2026 09:00 EST: the day before Wed 4 Mar */
const TUESDAY_9AM = new Date('2026-03-03T14:00:00.000Z');

let model: FakeOpenAi | undefined;
afterEach(async () => {
  await stopStarted();
  await model?.close();
  model = undefined;
});
afterAll(removeTempDirs);

const dms = (t: TactUnderTest) =>
  t.fake
    .calls('chat.postMessage')
    .filter((c) => c.body['channel'] === STAFF && String(c.body['text']).startsWith('Personal touch'));

async function settle(t: TactUnderTest) {
  await runDue(t.running);
  await runDue(t.running);
}

describe('/touch in Slack', () => {
  it('records an event, refuses a birth year privately, and DMs the owner the model’s draft the day before', async () => {
    model = await startFakeOpenAi();
    model.script(behave.malformed('Hi [first name], all of us wish you a wonderful wedding day!'));
    const clock = movableClock(MONDAY_10AM);
    const t = await startTact({
      clock,
      env: { ...ENV, OPENAI_API_KEY: 'test', OPENAI_BASE_URL: model.baseUrl, TACT_LLM_MODEL: 'fake' },
    });
    const recorded = await t.command(STAFF, 'P-12 event Mar 4 wedding', { command: '/touch' });
    expect(recorded.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(unescapeSlack(recorded.text)).toContain('Recorded T-1: patient P-12, wedding on Mar 4.');
    expect(unescapeSlack(recorded.text)).toContain('Tue 3 Mar 09:00');

    const refused = await t.command(STAFF, 'P-13 birthday 1990-03-14', { command: '/touch' });
    expect(refused.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(unescapeSlack(refused.text)).toContain('month and day only, never a year');

    clock.set(new Date(TUESDAY_9AM.getTime() - 1_000));
    await settle(t);
    expect(dms(t)).toEqual([]);
    clock.set(TUESDAY_9AM);
    await settle(t);
    expect(dms(t)).toHaveLength(1);
    const text = unescapeSlack(textsOf(dms(t)[0]?.body).join('\n'));
    expect(text).toContain('all of us wish you a wonderful wedding day!');
    expect(text).toContain('Tact does not send this to the patient');
    // the model saw the occasion and the template, never the patient reference
    const sent = JSON.stringify(model.requests()[0]?.body.messages);
    expect(sent).toContain('wedding');
    expect(sent).not.toContain('P-12');

    // the owner sees it listed no more: an event is done once wished
    const listed = await t.command(STAFF, 'list', { command: '/touch' });
    expect(unescapeSlack(listed.text)).toContain('Your personal touches: 0');
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('the model failing means the template', async () => {
    model = await startFakeOpenAi();
    model.otherwise(behave.serverError());
    const clock = movableClock(MONDAY_10AM);
    const t = await startTact({
      clock,
      env: { ...ENV, OPENAI_API_KEY: 'test', OPENAI_BASE_URL: model.baseUrl, TACT_LLM_MODEL: 'fake' },
    });
    await t.command(STAFF, 'P-12 event Mar 4 gala', { command: '/touch' });
    clock.set(TUESDAY_9AM);
    await settle(t);
    expect(unescapeSlack(textsOf(dms(t)[0]?.body).join('\n'))).toContain(
      'we heard your gala is coming up and wanted to wish you the very best',
    );
  });
});
