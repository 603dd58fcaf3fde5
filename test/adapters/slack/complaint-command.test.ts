import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  MANAGERS,
  MONDAY_10AM,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  textsOf,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';

/** `/complaint` typed in Slack: quick entry, grading and alerts, bad input, escaping. */
let tact: TactUnderTest | undefined;

afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

const errorsLogged = (t: TactUnderTest) => t.logs.filter((l) => l.level === 'error');
const dms = (t: TactUnderTest, user: string) =>
  t.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === user);

describe('quick entry', () => {
  it('acks with an empty 200, answers staff privately with id, tier and dated next steps (no reasons), and stores the record', async () => {
    tact = await startTact({ clock: movableClock(MONDAY_10AM) });
    const logged = await tact.command(STAFF, 'P-2001 billing: charged twice for filler');

    expect(logged.http.status).toBe(200);
    expect(logged.http.text).toBe('');
    expect(logged.replies).toHaveLength(1);
    const [confirmation] = logged.replies;
    expect(confirmation).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Logged C-1 (legitimate)',
    });
    const text = unescapeSlack(logged.text);
    expect(text).toContain('Logged C-1 · legitimate');
    expect(text).toContain('*Patient*\nP-2001');
    expect(text).toContain('*Category*\nbilling');
    // The reasons can carry the patient's history: they are for managers.
    expect(text).not.toContain('Why legitimate');
    expect(text).not.toContain('a real grievance');
    // Billing steps are due by the close of the next business day: Tuesday 18:00 in New York.
    expect(text).toContain('*Next steps*');
    expect(text).toContain(
      '1. Verify the charge against the fee schedule and the signed estimate; correct it — front desk, by Tue 3 Mar 18:00',
    );
    expect(text).toContain(
      '2. If the error was ours, refund it and confirm in writing — practice manager, by Tue 3 Mar 18:00',
    );
    // Nothing public: no channel message, no DM for a routine complaint.
    expect(tact.fake.calls('chat.postMessage')).toEqual([]);
    expect(tact.fake.calls('chat.postEphemeral')).toEqual([]);

    const shown = await tact.command(MANAGERS[0], 'show C-1');
    const card = unescapeSlack(shown.text);
    expect(card).toContain('C-1 · legitimate');
    expect(card).toContain('charged twice for filler');
    expect(card).toContain('*Reported by*\n<@USTAFF1>');
    expect(card).toContain('Mon 2 Mar 10:00 · USTAFF1 · logged as legitimate');
    expect(errorsLogged(tact)).toEqual([]);
  });

  it('guesses the category when none is given and says so', async () => {
    tact = await startTact();
    const logged = await tact.command(STAFF, 'P-2002 the invoice showed a fee we never quoted');
    expect(logged.text).toContain('Logged C-1');
    expect(logged.text).toContain('*Category*\nbilling (guessed from the text)');
  });
});

describe('escalation', () => {
  it('a second complaint from the same patient within 90 days escalates and sends each manager a DM', async () => {
    const clock = movableClock(MONDAY_10AM);
    tact = await startTact({ clock });
    const first = await tact.command(STAFF, 'P-2001 billing: charged twice for filler');
    expect(first.replies[0]).toMatchObject({ text: 'Logged C-1 (legitimate)' });
    expect(tact.fake.calls('chat.postMessage')).toEqual([]);

    clock.advanceDays(30);
    const second = await tact.command(STAFF, 'P-2001 wait: kept waiting 40 minutes past her appointment time');
    expect(second.replies[0]).toMatchObject({ response_type: 'ephemeral', text: 'Logged C-2 (escalating)' });
    // Staff learn the tier and what to do, never the patient's history.
    expect(second.text).not.toContain('2nd complaint');
    expect(second.text).not.toContain('Why escalating');
    expect(second.text).toContain('Manager reviews the complaint history before anyone replies');
    expect(second.text).toContain('The practice managers have been sent this complaint.');

    for (const manager of MANAGERS) {
      const sent = dms(tact, manager);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body['text']).toBe('Complaint C-2 needs a manager: escalating');
      const body = textsOf(sent[0]?.body['blocks']).join('\n');
      expect(body).toContain('C-2 needs a manager · escalating');
      expect(body).toContain('2nd complaint from P-2001 in 90 days');
      expect(body).toContain('*Logged by*\n<@USTAFF1>');
      expect(body).toContain('/complaint show C-2');
    }
    expect(tact.fake.calls('chat.postMessage')).toHaveLength(MANAGERS.length);
    expect(errorsLogged(tact)).toEqual([]);
  });

  it('a complaint mentioning a lawyer is aggressive; a manager logging it alerts only the other managers', async () => {
    tact = await startTact();
    const logged = await tact.command(
      MANAGERS[0],
      'P-3001 results: she says her lawyer will hear about the uneven lips',
    );
    expect(logged.replies[0]).toMatchObject({ text: 'Logged C-1 (aggressive)' });
    expect(logged.text).toContain('mentions legal action or a complaint to the board');
    expect(logged.text).toContain('staff do not argue, admit fault or promise anything');
    expect(dms(tact, MANAGERS[0])).toEqual([]);
    expect(dms(tact, MANAGERS[1])).toHaveLength(1);
    expect(dms(tact, MANAGERS[1])[0]?.body['text']).toBe('Complaint C-1 needs a manager: aggressive');
  });

  it('a routine complaint from a new patient sends no DM', async () => {
    tact = await startTact();
    const logged = await tact.command(STAFF, 'P-5001 wait: waited 20 minutes');
    expect(logged.replies[0]).toMatchObject({ text: 'Logged C-1 (occasional)' });
    expect(logged.text).not.toContain('minor, first-time friction');
    expect(logged.text).not.toContain('practice managers have been sent');
    expect(tact.fake.calls('chat.postMessage')).toEqual([]);
  });

  it('a failed manager DM is reported to the person who logged it, and the complaint stays logged', async () => {
    tact = await startTact();
    tact.fake.answer('chat.postMessage', { ok: false, error: 'channel_not_found' });
    const logged = await tact.command(STAFF, 'P-3002 conduct: he threatened the receptionist and said he would sue');
    expect(logged.http.status).toBe(200);
    expect(logged.text).toContain('Logged C-1');
    expect(logged.text).toContain('could not send every message (TACT_DELIVERY_FAILED)');
    expect(errorsLogged(tact).map((l) => l['code'])).toContain('TACT_DELIVERY_FAILED');
    tact.fake.reset();
    expect((await tact.command(MANAGERS[0], 'show C-1')).text).toContain('C-1 · aggressive');
  });
});

describe('bad input', () => {
  it('an unknown category is refused with the list of categories and nothing is stored', async () => {
    tact = await startTact();
    const refused = await tact.command(STAFF, 'P-1 nonsense: x y z');
    expect(refused.http.status).toBe(200);
    expect(refused.replies).toHaveLength(1);
    expect(refused.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(refused.text).toContain(
      'unknown category "nonsense"; use one of: billing, results, complication, wait, conduct, sales, privacy, other',
    );
    expect(refused.text).toContain('Usage: /complaint');
    expect(refused.text).not.toMatch(/Logged C-/);
    const all = await tact.command(MANAGERS[0], 'list all');
    expect(all.text).toContain('All complaints: 0');
    expect(all.text).not.toContain('C-1');
  });

  it('a description over 2000 characters is refused and nothing is stored', async () => {
    tact = await startTact();
    const refused = await tact.command(STAFF, `P-1 billing: ${'x'.repeat(2001)}`);
    expect(refused.text).toContain('the description is longer than 2000 characters; shorten it');
    expect((await tact.command(MANAGERS[0], 'list all')).text).toContain('All complaints: 0');
  });

  it('a full name instead of a reference is refused', async () => {
    tact = await startTact();
    const refused = await tact.command(STAFF, '"Jane Doe" billing: charged twice');
    expect(refused.text).toContain('that looks like a full name; use an alias (one word) or a chart number');
    expect((await tact.command(MANAGERS[0], 'list all')).text).toContain('All complaints: 0');
  });

  it('an unknown id gets a clear message', async () => {
    tact = await startTact();
    const missing = await tact.command(MANAGERS[0], 'show C-999');
    expect(missing.replies).toHaveLength(1);
    expect(missing.text).toContain('There is no complaint C-999. See /complaint list for the open ones.');
    expect((await tact.command(MANAGERS[0], 'update C-999 resolved')).text).toContain('There is no complaint C-999');
    expect((await tact.command(MANAGERS[0], 'letter C-999')).text).toContain('There is no complaint C-999');
  });

  it('zero-width and direction-override characters are removed before parsing and storing', async () => {
    tact = await startTact();
    const logged = await tact.command(STAFF, 'P-4\u200B001 bill\u200Bing: charged\u202E twice\u2066 for\uFEFF filler');
    expect(logged.text).toContain('Logged C-1');
    expect(logged.text).toContain('*Patient*\nP-4001');
    expect(logged.text).toContain('*Category*\nbilling');
    const shown = await tact.command(MANAGERS[0], 'show C-1');
    expect(shown.text).toContain('charged twice for filler');
    for (const sent of tact.fake.everythingSent()) {
      expect(sent).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
    }
  });
});

describe('escaping', () => {
  it('mentions and broadcasts in complaint text never reach Slack unescaped', async () => {
    tact = await startTact();
    const hostile = 'she will call her lawyer <!channel> @here <@U123> <!subteam^S1> <https://evil.example|click>';
    const logged = await tact.command(STAFF, `P-6001 conduct: ${hostile}`);
    expect(logged.text).toContain('Logged C-1');
    const shown = await tact.command(MANAGERS[0], 'show C-1');
    // The text is shown, escaped, to the manager...
    expect(shown.text).toContain(
      '&lt;!channel&gt; @\u2060here &lt;@U123&gt; &lt;!subteam^S1&gt; &lt;https://evil.example|click&gt;',
    );
    expect(unescapeSlack(shown.text).replace(/\u2060/g, '')).toContain(hostile);
    // ...and managers were alerted (aggressive), so DMs are covered by the check below too.
    expect(tact.fake.calls('chat.postMessage').length).toBeGreaterThan(0);

    const everything = tact.fake.everythingSent();
    expect(everything.length).toBeGreaterThan(3);
    for (const sent of everything) {
      expect(sent).not.toContain('<!');
      expect(sent).not.toContain('<@U123>');
      expect(sent).not.toContain('<https://evil');
      expect(sent).not.toMatch(/@(here|channel|everyone)/);
      // The only mentions are the ones Tact renders itself: who reported the complaint.
      for (const mention of sent.matchAll(/<@([^>]*)>/g)) expect(mention[1]).toBe(STAFF);
    }
  });

  it('markup in the patient reference is refused rather than echoed', async () => {
    tact = await startTact();
    const refused = await tact.command(STAFF, '<!here> billing: charged twice');
    expect(refused.text).toContain('the patient reference may hold letters, digits, spaces and # . _ / - only');
    for (const sent of tact.fake.everythingSent()) expect(sent).not.toContain('<!here>');
  });
});
