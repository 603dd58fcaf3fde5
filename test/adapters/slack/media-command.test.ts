import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HOLDING_LINE } from '../../../commands/media/media-view.js';
import type { ApiCall } from '../../doubles/fake-slack.js';
import { blockActionsPayload, newTriggerId, postInteraction, type OpenedView } from '../../doubles/slack-request.js';
import {
  CHANNEL,
  MANAGERS,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  stopStarted,
  textsOf,
  unescapeSlack,
  type CommandResult,
  type TactUnderTest,
} from './harness.js';

/**
 * `/media` through the real Bolt HTTP stack: quick entry and form, the spokesperson's direct message
 * with Claim and Done, the staff member's holding line, press-only subcommands, and what happens
 * when no spokesperson is set up. The clock is Monday 2 March 2026, 10:00 in New York.
 */
const SPOKESPERSON = 'USPOKES1';
/** the direct-message channel where the spokesperson sees Tact's card and presses its buttons */
const DM_CHANNEL = 'D0SPOKES1';
const MANAGER = MANAGERS[0];

afterEach(stopStarted);
afterAll(removeTempDirs);

async function withSpokesperson(): Promise<TactUnderTest> {
  return startTact({ clock: movableClock(), env: { TACT_SPOKESPERSON: SPOKESPERSON } });
}

function media(
  t: TactUnderTest,
  user: string,
  text: string,
  options: { trigger_id?: string } = {},
): Promise<CommandResult> {
  return t.command(user, text, { ...options, command: '/media' });
}

function dmsTo(t: TactUnderTest, user: string): ApiCall[] {
  return t.fake.calls('chat.postMessage').filter((c) => c.body['channel'] === user);
}

function textOf(call: ApiCall | undefined): string {
  return unescapeSlack(textsOf(call?.body).join('\n'));
}

interface Button {
  action_id?: string;
  value?: string;
  text?: { text?: string };
}

function buttonsOf(call: ApiCall | undefined): Button[] {
  const blocks = (call?.body['blocks'] ?? []) as Array<{ type?: string; elements?: Button[] }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

async function press(t: TactUnderTest, user: string, actionId: string, value: string) {
  const responseUrl = t.fake.responseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const http = await postInteraction(
    t.target,
    blockActionsPayload({ userId: user, actionId, value, responseUrl, channelId: DM_CHANNEL }),
  );
  const replies = t.fake
    .responses()
    .filter((r) => r.id === id)
    .map((r) => r.body);
  return { http, replies, text: unescapeSlack(textsOf(replies).join('\n')) };
}

describe('/media quick entry', () => {
  it('logs M-1, DMs the spokesperson the card with Claim and Done, and gives the staff member the holding line', async () => {
    const t = await withSpokesperson();
    await t.command(MANAGER, 'alias add "Jane Doe" as Tulip', { command: '/tact' });
    const logged = await media(t, STAFF, 'Daily News: is Jane Doe a patient? Call 555-201-7788 by 5pm');

    // The staff member: privately, the holding line word for word and a reminder to say nothing more.
    expect(logged.http.status).toBe(200);
    expect(logged.replies).toHaveLength(1);
    expect(logged.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    const staff = unescapeSlack(logged.text);
    expect(staff).toContain('Logged press inquiry M-1');
    expect(staff).toContain(HOLDING_LINE);
    expect(staff).toContain('do not confirm or deny that anyone is a patient');
    expect(staff).toContain('The spokesperson has been sent this inquiry.');
    // The deadline Tact read is said back in words at once.
    expect(staff).toContain('Deadline: today 17:00, in 7 hours.');

    // The spokesperson: one direct message with the card, the alias and the masked phone.
    const dms = dmsTo(t, SPOKESPERSON);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.body['text']).toBe('Press inquiry M-1 from Daily News: you are the spokesperson');
    const card = textOf(dms[0]);
    expect(card).toContain('Press inquiry M-1 · Daily News');
    expect(card).toContain('*Outlet*\nDaily News');
    expect(card).toContain('*Deadline*\ntoday 17:00, in 7 hours');
    expect(card).toContain('*Status*\nnew');
    expect(card).toContain(`*Logged by*\n<@${STAFF}>`);
    expect(card).toContain('They asked: is Tulip a patient? Call ***-***-7788');
    expect(card).not.toMatch(/jane|doe\b|201-7788/i);
    expect(buttonsOf(dms[0]).map((b) => [b.action_id, b.value, b.text?.text])).toEqual([
      ['media.claim', 'M-1', 'Claim'],
      ['media.done', 'M-1', 'Done'],
    ]);
    // Nobody else was written to.
    expect(t.fake.calls('chat.postMessage')).toHaveLength(1);
  });

  it('keeps an unparseable deadline as text and flags it to both people', async () => {
    const t = await withSpokesperson();
    const logged = await media(t, STAFF, 'Channel 7: comment on the new laser by end of the week');
    const staff = unescapeSlack(logged.text);
    expect(staff).toContain('Logged press inquiry M-1');
    expect(staff).toContain(
      'Deadline "end of the week" could not be read as a time, so none is set. Check it with the reporter, then /media deadline M-1 <when>',
    );
    const card = textOf(dmsTo(t, SPOKESPERSON)[0]);
    expect(card).toContain('*Deadline*\n"end of the week", not read as a time: check it with the reporter');
    expect(card).toContain('They asked: comment on the new laser');

    const shown = unescapeSlack((await media(t, MANAGER, 'show M-1')).text);
    expect(shown).toContain('*Deadline*\n"end of the week", not read as a time');
  });

  it('without a deadline says none given; a later deadline word is read in the clinic time zone', async () => {
    const t = await withSpokesperson();
    await media(t, STAFF, 'Channel 7: who does your lip filler');
    await media(t, STAFF, 'Glossy Mag: profile request by tomorrow 10am');
    const [first, second] = dmsTo(t, SPOKESPERSON).map(textOf);
    expect(first).toContain('*Deadline*\nnone given');
    expect(second).toContain('*Deadline*\ntomorrow 10:00, in 1 day');
    expect(second).toContain('Press inquiry M-2 · Glossy Mag');
  });

  it('explains what is missing instead of logging a half inquiry', async () => {
    const t = await withSpokesperson();
    const wrong = await media(t, STAFF, 'Daily News:');
    expect(unescapeSlack(wrong.text)).toContain("That didn't work: say what they asked after the colon.");
    expect(dmsTo(t, SPOKESPERSON)).toEqual([]);
    expect((await media(t, MANAGER, 'list')).text).toContain('Open press inquiries: 0');
  });
});

describe('the /media form', () => {
  async function openForm(t: TactUnderTest): Promise<OpenedView & { id: string }> {
    const trigger_id = newTriggerId();
    const opened = await media(t, STAFF, '', { trigger_id });
    expect(opened.replies).toEqual([]);
    const call = t.fake.calls('views.open').at(-1);
    expect(call?.body['trigger_id']).toBe(trigger_id);
    return { ...(call?.body['view'] as OpenedView), id: `V${trigger_id.replace(/\W/g, '')}` };
  }

  it('opens a modal "media" with the five fields and its submission logs M-1 with a masked contact', async () => {
    const t = await withSpokesperson();
    await t.command(MANAGER, 'alias add "Jane Doe" as Tulip', { command: '/tact' });
    const view = await openForm(t);
    expect(view.callback_id).toBe('media');
    expect(view.blocks?.map((b) => b.block_id)).toEqual([
      'outlet',
      'reporterName',
      'reporterContact',
      'question',
      'deadline',
    ]);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ channelId: CHANNEL });

    const submitted = await t.submitView(STAFF, view, {
      outlet: 'Daily News',
      reporterName: 'Sam Reporter',
      reporterContact: '(555) 201-7788',
      question: "Is JANE DOE's surgeon on staff?",
      deadline: 'Friday noon',
    });
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe('');

    // The staff member hears privately in the channel the form was opened from.
    const ephemeral = t.fake.calls('chat.postEphemeral');
    expect(ephemeral).toHaveLength(1);
    expect(ephemeral[0]?.body).toMatchObject({ channel: CHANNEL, user: STAFF });
    expect(textOf(ephemeral[0])).toContain(HOLDING_LINE);
    expect(textOf(ephemeral[0])).toContain('Logged press inquiry M-1');

    // The staff member's reply never repeats the line.
    expect(textOf(ephemeral[0])).not.toContain('201-7788');

    // The spokesperson (press audience, by DM) gets the reporter's business line whole, to call back.
    const card = textOf(dmsTo(t, SPOKESPERSON)[0]);
    expect(card).toContain('*Reporter*\nSam Reporter');
    expect(card).toContain('*Contact*\n(555) 201-7788');
    expect(card).not.toContain('The full contact is with the staff member');
    expect(card).toContain('*Deadline*\nFri 6 Mar 12:00, in 4 days');
    expect(card).toContain('They asked: Is Tulip’s surgeon on staff?');
    expect(card).not.toMatch(/jane|doe\b/i);

    // A manager opening it privately sees it whole too; a staff member cannot open it at all.
    const shown = unescapeSlack((await media(t, MANAGER, 'show M-1')).text);
    expect(shown).toContain('*Contact*\n(555) 201-7788');
    expect(unescapeSlack((await media(t, STAFF, 'show M-1')).text)).not.toContain('201-7788');

    // Claiming it (press only, answered privately) gives the line to call back and the deadline.
    const claimed = unescapeSlack((await media(t, SPOKESPERSON, 'claim M-1')).text);
    expect(claimed).toContain(
      'You own M-1 now. Call the reporter back on (555) 201-7788 before the deadline (Fri 6 Mar 12:00, in 4 days)',
    );

    // Stored masked for everyone, whole only in its own field (the record is encrypted at rest).
    expect(await t.running.services.media.get(1)).toMatchObject({
      reporterContact: '***-***-7788',
      reporterContactWhole: '(555) 201-7788',
    });
  });

  it('a submission without what they asked goes back to the form and logs nothing', async () => {
    const t = await withSpokesperson();
    const view = await openForm(t);
    const submitted = await t.submitView(STAFF, view, { outlet: 'Daily News' });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ response_action: 'errors', errors: { question: expect.any(String) } });
    expect(dmsTo(t, SPOKESPERSON)).toEqual([]);
  });
});

describe('Claim and Done', () => {
  it('Claim makes the spokesperson the owner; Done opens a note form whose submission marks it answered', async () => {
    const t = await withSpokesperson();
    await media(t, STAFF, 'Daily News: are you treating a famous actor? by 5pm');

    const claimed = await press(t, SPOKESPERSON, 'media.claim', 'M-1');
    expect(claimed.http.status).toBe(200);
    expect(claimed.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(claimed.text).toContain('You own M-1 now.');
    expect(unescapeSlack((await media(t, MANAGER, 'show M-1')).text)).toContain(
      `*Status*\nclaimed (owner ${SPOKESPERSON})`,
    );

    const again = await press(t, MANAGER, 'media.claim', 'M-1');
    expect(again.text).toContain(`M-1 is already claimed by ${SPOKESPERSON}.`);

    const opensBefore = t.fake.calls('views.open').length;
    const done = await press(t, SPOKESPERSON, 'media.done', 'M-1');
    expect(done.replies).toEqual([]);
    const opened = t.fake.calls('views.open');
    expect(opened).toHaveLength(opensBefore + 1);
    const view = opened.at(-1)?.body['view'] as OpenedView;
    expect(view.callback_id).toBe('media-done');
    expect(JSON.parse(view.private_metadata ?? '')).toMatchObject({ context: 'M-1' });
    expect(view.blocks?.map((b) => b.block_id)).toEqual(['note']);

    const submitted = await t.submitView(
      SPOKESPERSON,
      { ...view, id: 'VDONE1' },
      { note: 'Told them we do not comment; call 555-201-9999 back' },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe('');
    // The confirmation goes privately to the spokesperson, where the button was pressed.
    const confirmation = t.fake.calls('chat.postEphemeral').at(-1);
    expect(confirmation?.body).toMatchObject({ channel: DM_CHANNEL, user: SPOKESPERSON });
    expect(textOf(confirmation)).toContain('M-1 is marked answered.');

    const shown = unescapeSlack((await media(t, MANAGER, 'show M-1')).text);
    expect(shown).toContain(`*Status*\nanswered (owner ${SPOKESPERSON})`);
    expect(shown).toContain('answered: Told them we do not comment; call ***-***-9999 back');
    expect(shown).not.toContain('201-9999');
    // Answered inquiries leave the open list.
    expect((await media(t, MANAGER, 'list')).text).toContain('Open press inquiries: 0');
  });

  it('a button press from someone outside the press team is refused privately and changes nothing', async () => {
    const t = await withSpokesperson();
    await media(t, STAFF, 'Daily News: are you treating a famous actor?');
    const refused = await press(t, STAFF, 'media.claim', 'M-1');
    expect(refused.text).toContain('Only the media spokesperson and practice managers can use that button.');
    const opensBefore = t.fake.calls('views.open').length;
    const refusedDone = await press(t, STAFF, 'media.done', 'M-1');
    expect(refusedDone.text).toContain('Only the media spokesperson and practice managers can use that button.');
    expect(t.fake.calls('views.open')).toHaveLength(opensBefore);
    expect(unescapeSlack((await media(t, MANAGER, 'show M-1')).text)).toContain('*Status*\nnew');
  });
});

describe('press-only subcommands', () => {
  it.each(['list', 'show M-1', 'claim M-1', 'close M-1 duplicate', 'done M-1'])(
    'refuse "%s" from a member of staff privately, revealing nothing',
    async (request) => {
      const t = await withSpokesperson();
      await media(t, STAFF, 'Daily News: are you treating a famous actor?');
      const refused = await media(t, STAFF, request);
      expect(refused.replies).toHaveLength(1);
      expect(refused.replies[0]).toMatchObject({ response_type: 'ephemeral' });
      expect(refused.text).toContain('Only the media spokesperson and practice managers can use /media');
      expect(refused.text).not.toContain('famous actor');
      expect(refused.text).not.toContain('Daily News');
      expect(unescapeSlack((await media(t, SPOKESPERSON, 'show M-1')).text)).toContain('*Status*\nnew');
    },
  );

  it('work for the spokesperson and managers: list, claim, close with a note', async () => {
    const t = await withSpokesperson();
    await media(t, STAFF, 'Daily News: are you treating a famous actor? by 5pm');
    await media(t, STAFF, 'Channel 7: comment on the new laser');
    const listed = unescapeSlack((await media(t, SPOKESPERSON, 'list')).text);
    expect(listed).toContain('Open press inquiries: 2');
    expect(listed).toMatch(/• M-1 · Daily News · new · deadline today 17:00, in 7 hours · /);
    expect(listed).toMatch(/• M-2 · Channel 7 · new · deadline none given · /);
    expect(listed.indexOf('M-1')).toBeLessThan(listed.indexOf('M-2'));

    expect((await media(t, SPOKESPERSON, 'claim M-2')).text).toContain('You own M-2 now.');
    expect((await media(t, MANAGER, 'close M-2 duplicate of an earlier call')).text).toContain('M-2 is closed.');
    expect((await media(t, MANAGER, 'close M-2')).text).toContain('M-2 is already answered or closed.');
    expect((await media(t, MANAGER, 'claim M-9')).text).toContain('There is no press inquiry M-9.');
    const after = unescapeSlack((await media(t, MANAGER, 'list')).text);
    expect(after).toContain('Open press inquiries: 1');
    expect(after).not.toContain('M-2');
  });
});

describe('without a spokesperson', () => {
  it('tells the staff member plainly, alerts each manager by DM, keeps the record, and warns at start-up', async () => {
    const t = await startTact({ clock: movableClock() });
    expect(t.logs.some((l) => l.level === 'warn' && l.message.includes('no media spokesperson is set'))).toBe(true);

    const logged = await media(t, STAFF, 'Daily News: is the senator a patient? by 5pm');
    const staff = unescapeSlack(logged.text);
    expect(staff).toContain('Logged press inquiry M-1');
    expect(staff).toContain(HOLDING_LINE);
    expect(staff).toContain(
      'No media spokesperson is set up, so nobody owns this yet: the practice managers have been alerted.',
    );

    for (const manager of MANAGERS) {
      const dms = dmsTo(t, manager);
      expect(dms).toHaveLength(1);
      expect(dms[0]?.body['text']).toBe('Press inquiry M-1 and no spokesperson is set up');
      expect(textOf(dms[0])).toContain('They asked: is the senator a patient?');
      expect(buttonsOf(dms[0]).map((b) => b.action_id)).toEqual(['media.claim', 'media.done']);
    }
    expect(t.fake.calls('chat.postMessage')).toHaveLength(MANAGERS.length);

    const listed = unescapeSlack((await media(t, MANAGER, 'list')).text);
    expect(listed).toContain('Open press inquiries: 1');
    expect(listed).toContain('M-1 · Daily News · new');
  });

  it('with no managers either, says that nobody could be alerted and still keeps the record', async () => {
    const t = await startTact({ clock: movableClock(), env: { TACT_MANAGERS: '' } });
    const logged = await media(t, STAFF, 'Daily News: is the senator a patient?');
    expect(unescapeSlack(logged.text)).toContain(
      'No media spokesperson and no practice managers are set up, so Tact could alert nobody',
    );
    expect(t.fake.calls('chat.postMessage')).toEqual([]);
    expect(await t.running.services.media.get(1)).toMatchObject({ id: 'M-1', outlet: 'Daily News', status: 'new' });
  });
});
