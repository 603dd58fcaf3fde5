import { afterEach, describe, expect, it } from 'vitest';
import { command, lines, repliesOf, runner, textOf } from '../helpers.js';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { attachRecorder, moveAndRun, plannedJobs, type Recorder } from '../../jobs/helpers.js';
import type { CommandContext } from '../../../src/chat/command.js';

/** "Wants the doctor" through /inquiry and the buttons: routing, the answered rule, the digest and stats. */
let t: TestServices | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const STAFF = {
  TACT_MANAGERS: 'UMGR',
  TACT_PROVIDERS: 'UDR1',
  TACT_NURSES: 'UNURSE',
  TACT_FRONT_DESK: 'UFD',
  TACT_ONCALL: 'Sat-Sun UONCALL',
  TACT_INBOX_CHANNELS: 'CINBOX',
};
/** Monday 2026-06-01 12:00 in New York: open. */
const OPEN = '2026-06-01T16:00:00Z';
/** Saturday 2026-06-06 16:00 in New York: shut (Sat 09:00-14:00), UONCALL on call. */
const SHUT = '2026-06-06T20:00:00Z';

async function setUp(env: Record<string, string> = STAFF, now = OPEN) {
  t = await buildServices({ env, now });
  const chat = attachRecorder(t);
  return { t, chat, inquiry: runner(t, 'inquiry') };
}

function dmsTo(chat: Recorder, user: string): string[] {
  return chat.sent
    .filter((s) => s.reply.visibility === 'dm' && s.reply.to === user)
    .map((s) => lines(s.reply).join('\n'));
}

function press(services: TestServices, actionId: string, value: string, user: string) {
  const action = command('inquiry').actions?.find((a) => a.id === actionId);
  if (!action) throw new Error(`no action ${actionId}`);
  const ctx: CommandContext = {
    actor: { id: `console:${user}` },
    place: { platform: 'console', channelId: 'console:CINBOX' },
    services: services.services,
  };
  return action.run(value, ctx);
}

describe('/inquiry --doctor', () => {
  it('sends it to the provider by direct message, says so, and writes it in the history', async () => {
    const { t, chat, inquiry } = await setUp();
    const text = textOf(await inquiry('call P-12 --doctor swelling questions after filler', 'UFD'));
    expect(text).toContain('Logged I-1 (phone call) [Wants the doctor. Sent to the provider: UDR1.]');
    const dm = dmsTo(chat, 'UDR1').join('\n');
    expect(dm).toContain('I-1: patient P-12 wants the doctor (phone call; patient called: call back)');
    const stored = await t.services.inquiries.get(1);
    expect(stored?.summary).toBe('swelling questions after filler');
    expect(stored?.wantsDoctor).toMatchObject({ how: 'flag', by: 'console:UFD' });
    expect(stored?.history.map((h) => h.what)).toContain('sent to the provider: console:UDR1');
    // the notice in the inbox says it too, with the two ways to close it
    const notice = chat.sent.find((s) => s.reply.visibility === 'channel')?.reply;
    expect(notice && lines(notice).join('\n')).toContain('Wants the doctor: waiting for the provider to call back');
    expect(notice?.actions?.map((a) => a.label)).toEqual([
      'Claim',
      'Mark replied',
      'Provider called back',
      'Patient accepted triage',
      'Nervous patient',
    ]);
  });

  it('takes --doctor anywhere in the text, a phone’s dash too', async () => {
    const { t, inquiry } = await setUp();
    await inquiry('--doctor call P-12 wants a call back', 'UFD');
    await inquiry('text P-13 —doctor about her results', 'UFD');
    expect((await t.services.inquiries.get(1))?.wantsDoctor?.how).toBe('flag');
    expect((await t.services.inquiries.get(1))?.summary).toBe('wants a call back');
    expect((await t.services.inquiries.get(2))?.wantsDoctor?.how).toBe('flag');
    expect(textOf(await inquiry('call P-14 --doctor', 'UFD'))).toContain('Logged I-3');
    expect(textOf(await inquiry('call P-15', 'UFD'))).toContain('add a short note of what they need');
  });

  it('is recognised from the note’s words too, in other languages', async () => {
    const { t, chat, inquiry } = await setUp();
    await inquiry('voicemail P-20 quiere hablar con la doctora sobre su tratamiento', 'UFD');
    expect((await t.services.inquiries.get(1))?.wantsDoctor?.how).toBe('words');
    expect(dmsTo(chat, 'UDR1')).toHaveLength(1);
    await inquiry('call P-21 asks about pricing; my doctor said to call', 'UFD');
    expect((await t.services.inquiries.get(2))?.wantsDoctor).toBeUndefined();
  });

  it('goes to the person on call when the clinic is shut', async () => {
    const { chat, inquiry } = await setUp(STAFF, SHUT);
    const text = textOf(await inquiry('call P-12 --doctor bruising', 'UFD'));
    expect(text).toContain('Sent to UONCALL, on call now.');
    expect(dmsTo(chat, 'UONCALL')).toHaveLength(1);
    expect(dmsTo(chat, 'UDR1')).toHaveLength(0);
  });

  it('goes to the managers, saying nobody is set as provider and how to set it, when nobody is', async () => {
    const { chat, inquiry } = await setUp({ TACT_MANAGERS: 'UMGR', TACT_INBOX_CHANNELS: 'CINBOX' });
    const text = textOf(await inquiry('call P-12 --doctor', 'UFD'));
    expect(text).toContain('Nobody is set as provider or on call, so this came to the managers');
    expect(text).toContain('/tact settings set providers');
    expect(dmsTo(chat, 'UMGR').join('\n')).toContain('Nobody is set as provider or on call');
  });
});

describe('a wants-the-doctor inquiry is answered only by the provider or an accepted triage', () => {
  it('a nurse claims it to triage; her "done" is refused with how; a provider’s done closes it', async () => {
    const { t, inquiry } = await setUp();
    await inquiry('call P-12 --doctor', 'UFD');
    expect(textOf(await inquiry('claim I-1', 'UNURSE'))).toContain('You own I-1');
    expect((await t.services.inquiries.get(1))?.wantsDoctor?.triagedBy).toBe('console:UNURSE');

    const refused = textOf(await inquiry('done I-1', 'UNURSE'));
    expect(refused).toContain('I-1 wants the doctor');
    expect(refused).toContain('/inquiry done I-1 provider-called or /inquiry done I-1 triage-accepted');
    expect(repliesOf(await inquiry('done I-1', 'UNURSE'))[0]?.visibility).toBe('private');
    expect((await t.services.inquiries.get(1))?.status).toBe('claimed');
    // the Mark replied button is the same rule
    expect(textOf(await press(t, 'inquiry.answer', 'I-1', 'UFD'))).toContain('I-1 wants the doctor');

    expect(textOf(await inquiry('done I-1', 'UDR1'))).toContain('I-1 is marked answered (the provider called back).');
    const stored = await t.services.inquiries.get(1);
    expect(stored?.status).toBe('answered');
    expect(stored?.wantsDoctor?.outcome).toBe('provider-called');
  });

  it('the front desk may close it by saying the patient accepted the triage', async () => {
    const { t, inquiry } = await setUp();
    await inquiry('call P-12 --doctor', 'UFD');
    const text = textOf(await inquiry('done I-1 triage-accepted happy with the nurse', 'UFD'));
    expect(text).toContain('I-1 is marked answered (the patient accepted the triage).');
    const stored = await t.services.inquiries.get(1);
    expect(stored?.wantsDoctor?.outcome).toBe('triage-accepted');
    expect(stored?.history.at(-1)?.what).toBe('answered: the patient accepted the triage: happy with the nurse');
  });

  it('the person on call counts as the provider; the Provider called back button works for anyone', async () => {
    const { t, inquiry } = await setUp(STAFF, SHUT);
    await inquiry('call P-12 --doctor', 'UFD');
    await inquiry('call P-13 --doctor', 'UFD');
    expect(textOf(await inquiry('done I-1', 'UONCALL'))).toContain('marked answered (the provider called back)');
    expect(textOf(await press(t, 'inquiry.provider-called', 'I-2', 'UFD'))).toContain(
      'I-2 is marked answered (the provider called back).',
    );
  });

  it('the Wants the doctor button flags an ordinary inquiry and routes it', async () => {
    const { t, chat, inquiry } = await setUp();
    await inquiry('text P-30 question about aftercare', 'UFD');
    expect(textOf(await press(t, 'inquiry.doctor', 'I-1', 'UFD'))).toContain(
      'I-1 wants the doctor. Sent to the provider: UDR1.',
    );
    expect(dmsTo(chat, 'UDR1')).toHaveLength(1);
    expect(textOf(await press(t, 'inquiry.doctor', 'I-1', 'UFD'))).toContain('already marked');
    expect(dmsTo(chat, 'UDR1')).toHaveLength(1);
    expect(textOf(await inquiry('done I-1', 'UFD'))).toContain('I-1 wants the doctor');
  });
});

describe('the nudges of a wants-the-doctor inquiry', () => {
  it('say it wants the doctor and who triaged it, waiting for the provider', async () => {
    const { t, chat, inquiry } = await setUp();
    await inquiry('call P-12 --doctor', 'UFD');
    await inquiry('claim I-1', 'UNURSE');
    const run = moveAndRun(t, 2);
    await run('2026-06-01T16:15:00Z');
    await run('2026-06-01T16:30:00Z');
    const words = (summary: string) =>
      chat.sent.filter((s) => s.reply.summary === summary).map((s) => lines(s.reply).join('\n'));
    const expected = 'Wants the doctor: triaged by UNURSE, waiting for the provider to call back.';
    // no chat thread (the recorder gives none): the thread nudge comes to the owner directly
    expect(words('I-1 is waiting')).toEqual([expect.stringContaining(expected)]);
    expect(words('I-1 is overdue')).toEqual([expect.stringContaining(expected)]);
  });
});

describe('the Nervous patient button', () => {
  it('gives the message the urgent goal, re-plans its nudges in real time, and remembers the patient', async () => {
    const { t, inquiry } = await setUp({ ...STAFF, TACT_URGENT_REPLY_SLA: '5m' }, SHUT);
    await inquiry('text P-70 is this bruising normal?', 'UFD');
    expect(textOf(await press(t, 'inquiry.nervous', 'I-1', 'UFD'))).toContain(
      'I-1: nervous patient after treatment, reply goal 5 min in real time. Their messages get the same goal for 14 days.',
    );
    const thread = plannedJobs(t, 'inquiry-nudge').find((j) => j.key === 'inquiry:I-1:thread');
    expect(thread?.at?.toISOString()).toBe('2026-06-06T20:05:00.000Z');
    expect(await t.services.nervous.isNervous('P-70')).toBe(true);
    expect((await t.services.inquiries.figures('2026-06-06')).nervous).toBe(1);
  });
});

describe('the digest and stats', () => {
  it('mark wants-the-doctor inquiries (and who triaged), never the note, and count them', async () => {
    const { t, inquiry } = await setUp();
    await inquiry('call P-12 --doctor ZEBRAFISH swelling', 'UFD');
    await inquiry('claim I-1', 'UNURSE');
    await inquiry('text P-13 ordinary question', 'UFD');
    const digest = textOf(await runner(t, 'tact')('digest now', 'UMGR'));
    expect(digest).toMatch(/I-1 · P-12 · wants the doctor \(triaged by UNURSE\) · waiting/);
    expect(digest).toMatch(/I-2 · P-13 · waiting/);
    expect(digest).not.toContain('ZEBRAFISH');
    const stats = textOf(await runner(t, 'tact')('stats 7d', 'UMGR'));
    expect(stats).toContain('wanted the doctor: 1');
  });
});
