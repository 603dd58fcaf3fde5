import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MANAGERS,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';

/** The complaint log is for practice managers only (TACT_MANAGERS). */
let tact: TactUnderTest;
const MANAGER = MANAGERS[0];

beforeEach(async () => {
  tact = await startTact({ clock: movableClock() });
  const first = await tact.command(STAFF, 'P-2001 billing: charged twice for filler');
  const second = await tact.command(STAFF, 'P-2002 wait: waited an hour in the lobby');
  expect(first.text).toContain('Logged C-1');
  expect(second.text).toContain('Logged C-2');
});
afterEach(async () => {
  await tact.stop();
});
afterAll(removeTempDirs);

describe('a member of staff who is not a manager', () => {
  const requests = [
    'list',
    'list all',
    'show C-1',
    'update C-1 resolved',
    'update C-1 tier aggressive',
    'trends',
    'trends 30d',
    'letter C-1',
  ];

  it.each(requests)('gets a polite private refusal for "%s" that reveals nothing', async (request) => {
    const refused = await tact.command(STAFF, request);
    expect(refused.http.status).toBe(200);
    expect(refused.replies).toHaveLength(1);
    expect(refused.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(refused.text).toContain('Only practice managers can use /complaint');
    expect(refused.text).toContain('ask your practice manager');
    expect(refused.text).not.toMatch(/C-\d/);
    expect(refused.text).not.toMatch(/P-200\d/);
    expect(refused.text).not.toContain('charged twice');
    expect(refused.text).not.toContain('lobby');
    expect(tact.fake.calls().filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('changes nothing by trying', async () => {
    await tact.command(STAFF, 'update C-1 resolved');
    await tact.command(STAFF, 'update C-1 tier aggressive');
    await tact.command(STAFF, 'letter C-1');
    const card = (await tact.command(MANAGER, 'show C-1')).text;
    expect(card).toContain('C-1 · legitimate');
    expect(card).toContain('*Status*\nopen');
    expect(card).not.toContain('override');
    expect(card).not.toContain('letter drafted');
  });
});

describe('a manager', () => {
  it('lists open complaints, newest first, with ids', async () => {
    const listed = await tact.command(MANAGER, 'list');
    expect(listed.text).toContain('Open complaints: 2');
    const lines = listed.text.split('\n').filter((l) => l.startsWith('• C-'));
    expect(lines.map((l) => l.slice(2, 5))).toEqual(['C-2', 'C-1']);
    expect(lines[1]).toContain('C-1 · P-2001 · billing · legitimate · open');
  });

  it('resolving a complaint moves it out of "list open" but keeps it in "list all"', async () => {
    const updated = await tact.command(MANAGER, 'update C-1 resolved refunded the second charge');
    expect(updated.text).toContain('Updated C-1: status open → resolved: refunded the second charge');
    const open = (await tact.command(MANAGER, 'list open')).text;
    expect(open).toContain('Open complaints: 1');
    expect(open).not.toContain('C-1');
    expect(open).toContain('C-2');
    const all = (await tact.command(MANAGER, 'list all')).text;
    expect(all).toContain('All complaints: 2');
    expect(all).toContain('C-1 · P-2001 · billing · legitimate · resolved');
  });

  it('overriding the tier shows in the reasons and the history', async () => {
    const updated = await tact.command(MANAGER, 'update C-1 tier aggressive shouted at the front desk');
    expect(updated.text).toContain('Updated C-1: tier legitimate → aggressive (override): shouted at the front desk');
    const card = unescapeSlack((await tact.command(MANAGER, 'show C-1')).text);
    expect(card).toContain('C-1 · aggressive');
    expect(card).toContain('tier set by a manager (UMGR1): shouted at the front desk');
    expect(card).toContain('*History*');
    expect(card).toMatch(
      /Mon 2 Mar 10:00 · UMGR1 · tier legitimate → aggressive \(override\): shouted at the front desk/,
    );
  });

  it('sees trends with counts by category and tier', async () => {
    const trends = (await tact.command(MANAGER, 'trends')).text;
    expect(trends).toContain('Complaint trends, last 90 days');
    expect(trends).toContain('Total: 2 (previous 0, +2) against the 90 days before.');
    expect(trends).toContain('billing: 1 (previous 0, +1)');
    expect(trends).toContain('wait or scheduling: 1 (previous 0, +1)');
    expect(trends).toContain('legitimate: 1 (previous 0, +1)');
    expect(trends).toContain('occasional: 1 (previous 0, +1)');
    expect((await tact.command(MANAGER, 'trends 30d')).text).toContain('Complaint trends, last 30 days');
  });

  it('drafts a termination letter with notice, urgent care and records, and notes it in the history', async () => {
    const letter = await tact.command(MANAGER, 'letter C-1');
    const text = unescapeSlack(letter.text);
    expect(letter.replies[0]).toMatchObject({ response_type: 'ephemeral', text: 'Draft termination letter for C-1' });
    expect(text).toContain('Draft letter for C-1');
    expect(text).toContain('30 days from the date of this');
    expect(text).toContain('April 1, 2026');
    expect(text).toMatch(/urgent care/i);
    expect(text).toContain('urgent needs related to treatment you received here');
    expect(text).toContain('copy of your medical records');
    expect(text).toContain('reference P-2001');
    expect(text).toContain('C-1 is graded legitimate');
    expect((await tact.command(MANAGER, 'show C-1')).text).toContain('note: termination letter drafted for review');
  });

  it('gets usage help for a malformed update', async () => {
    const wrong = await tact.command(MANAGER, 'update C-1 sideways');
    expect(wrong.text).toContain('"sideways" is not something to update');
    expect(unescapeSlack(wrong.text)).toContain('Usage: /complaint update <id> <change> [details]');
  });
});
