import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALIAS_REMINDER, aliasReminder } from '../../commands/messages.js';
import { receiptOf } from '../../commands/complaint-view.js';
import type { CommandContext } from '../../src/chat/command.js';
import { buildServices, type TestServices } from '../doubles/services.js';
import { repliesOf, runner, textOf } from './helpers.js';

/**
 * Minimum necessary: a staff member who logs a complaint learns its id, tier and next steps, never
 * the patient's history; a manager logging the same complaint sees why it got its tier. The alias
 * reminder names neither the patient nor the alias.
 */
const NOW = '2026-06-01T16:00:00.000Z';
let t: TestServices;
let run: ReturnType<typeof runner>;

beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR,UMGR2' }, now: NOW });
  run = runner(t, 'complaint');
});
afterEach(async () => {
  await t.close();
});

/** Texts that would tell the reader about this patient's earlier complaints. */
const HISTORY = /\b(2nd|3rd|\d+th) complaint\b|\bC-1\b|\bfollow-up on\b|\bin 90 days\b|\boverdue\b|Why /i;

/** The text of the first reply only: the answer to the person who typed the command (the rest are managers' DMs). */
async function answerTo(text: string, user: string): Promise<string> {
  const [first] = repliesOf(await run(text, user));
  return textOf({ kind: 'replies', replies: first ? [first] : [] });
}

async function secondComplaintBy(user: string): Promise<string> {
  await run('P-77 billing: charged twice for filler', 'USTAFF0');
  t.clock.advance(2 * 86_400_000);
  return answerTo('P-77 wait: kept waiting an hour again', user);
}

describe('logging a complaint', () => {
  it('a staff member sees the id, tier and next steps of a repeat complaint, and nothing of the earlier one', async () => {
    await run('P-77 billing: charged twice for filler', 'USTAFF0');
    t.clock.advance(2 * 86_400_000);
    const [confirmation] = repliesOf(await run('P-77 wait: kept waiting an hour again', 'USTAFF'));
    const text = textOf({ kind: 'replies', replies: [confirmation!] });
    expect(confirmation?.summary).toBe('Logged C-2 (escalating)');
    expect(text).toContain('Patient: P-77');
    expect(text).toContain('Next steps');
    expect(text).toContain('Apologise and offer a convenient time');
    expect(text).not.toMatch(HISTORY);
    // The record itself still holds the reasons, for the managers.
    expect((await t.services.complaints.get(2))?.reasons).toContainEqual({ code: 'repeat', ordinal: 2, days: 90 });
  });

  it('an overdue follow-up on an earlier complaint is not named to staff either', async () => {
    await run('P-78 complication: swelling after filler', 'USTAFF0');
    t.clock.advance(3 * 86_400_000);
    const text = await answerTo('P-78 wait: still nobody called back', 'USTAFF');
    expect(text).toContain('escalating');
    expect(text).not.toMatch(HISTORY);
  });

  it('a manager logging the same repeat complaint sees the reasons', async () => {
    const text = await secondComplaintBy('UMGR');
    expect(text).toContain('Why escalating');
    expect(text).toContain('2nd complaint from P-77 in 90 days');
  });

  it('the managers alerted by direct message see the history, the staff member does not', async () => {
    await run('P-79 billing: charged twice', 'USTAFF0');
    const replies = repliesOf(await run('P-79 billing: charged three times now', 'USTAFF'));
    const [mine, ...dms] = replies;
    expect(textOf({ kind: 'replies', replies: [mine!] })).not.toMatch(HISTORY);
    expect(dms.map((d) => d.to)).toEqual(['UMGR', 'UMGR2']);
    for (const dm of dms) expect(textOf({ kind: 'replies', replies: [dm] })).toContain('2nd complaint from P-79 in 90 days');
  });

  it('the receipt a staff view is built from carries no reasons or history at run time', async () => {
    await run('P-80 billing: charged twice', 'USTAFF');
    const complaint = await t.services.complaints.get(1);
    const receipt = receiptOf(complaint!);
    expect(Object.keys(receipt).sort()).toEqual(['category', 'categoryGuessed', 'id', 'patientRef', 'status', 'steps', 'tier']);
  });
});

describe('the alias reminder', () => {
  const ctx = (): CommandContext => ({ actor: { id: 'USTAFF' }, place: { platform: 'slack', channelId: 'C1' }, services: t.services });

  beforeEach(async () => {
    await t.services.aliases.add('Jessica Moreno', 'Tulip', 'UMGR');
  });

  it.each([
    'saw Jessica Moreno in the lobby',
    'MORENO, JESSICA is in room 2',
    'jessica\u200B moreno called again', // a zero-width space inside the name
    'Jessica Moreno’s card was declined', // a curly possessive
  ])('"%s" gets the fixed reminder, naming neither the patient nor the alias', (text) => {
    const replies = aliasReminder({ text }, ctx());
    expect(replies).toHaveLength(1);
    const words = textOf({ kind: 'replies', replies });
    expect(words).toContain("This name is on the practice's privacy list");
    expect(words).toContain("use the patient's alias");
    expect(words).not.toMatch(/tulip|jessica|moreno/i);
    expect(replies[0]?.visibility).toBe('private');
    expect(replies[0]?.summary).toBe(ALIAS_REMINDER);
  });

  it('a message naming nobody registered gets no reminder', () => {
    expect(aliasReminder({ text: 'Janet from billing says the card was declined again' }, ctx())).toEqual([]);
  });
});
