import { afterEach, describe, expect, it } from 'vitest';
import { todayView } from '../../../commands/clinic/today.js';
import { LIMITS, renderHome } from '../../../src/adapters/slack/render.js';
import type { CommandContext } from '../../../src/chat/command.js';
import { buildServices, type TestServices } from '../../doubles/services.js';

/**
 * A busy clinic: 500 open patient messages, 500 follow-ups due, 500 press inquiries and 500 open
 * complaints. The Home view stays within Block Kit's limits (100 blocks, 3,000 characters a
 * section, 150 a header, 25 buttons a row) by showing the first few of each group with counts.
 */
const MONDAY_10AM = '2026-03-02T15:00:00.000Z';
const ENV = { TACT_MANAGERS: 'UMGR', TACT_FRONT_DESK: 'UFRONT' };
const OPEN = 500;

let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function busyClinic(): Promise<void> {
  t = await buildServices({ env: ENV, now: MONDAY_10AM });
  const { inquiries, followups, media, complaints } = t.services;
  const early = new Date('2026-03-02T14:30:00.000Z');
  for (let i = 1; i <= OPEN; i += 1) {
    await inquiries.create({
      channel: 'phone',
      origin: 'command',
      loggedBy: 'console:UMGR',
      patientRef: `P-${1000 + i}`,
      receivedAt: early,
    });
    await followups.create({
      patientRef: `P-${1000 + i}`,
      what: 'check in',
      dueAt: early,
      owner: i % 2 ? 'console:UFRONT' : 'console:UMGR',
      channel: 'text',
    });
    await media.log({ outlet: `Outlet ${i}`, question: 'a question' }, 'console:UMGR');
    await complaints.log(
      { patientRef: `P-${5000 + i}`, category: 'billing', categoryGuessed: false, text: 'charged twice' },
      'console:UFRONT',
    );
  }
}

function ctxFor(user: string): CommandContext {
  return { actor: { id: `console:${user}` }, place: { platform: 'console' }, services: t.services };
}

interface Block {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: unknown[];
}

function checkLimits(blocks: readonly Block[]): void {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerHomeView);
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text?.text.length).toBeLessThanOrEqual(LIMITS.header);
    if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
    if (block.type === 'actions') expect(block.elements?.length).toBeLessThanOrEqual(25);
  }
}

const textOf = (blocks: readonly Block[]) => blocks.map((b) => b.text?.text ?? '').join('\n');

describe('the Home view at 500 open items', () => {
  it('fits Block Kit for a manager and a staff member, with the first of each group and how many more', async () => {
    await busyClinic();
    const manager = renderHome(await todayView(ctxFor('UMGR'))).blocks as Block[];
    checkLimits(manager);
    const managerText = textOf(manager);
    expect(managerText).toContain('Patient messages: 500, 500 overdue');
    expect(managerText).toContain('and 490 more: /inquiry list');
    expect(managerText).toContain('Follow-ups due today: 500, 500 overdue');
    expect(managerText).toContain('and 490 more: /followup list');
    expect(managerText).toContain('Press inquiries: 500');
    expect(managerText).toContain('and 490 more: /media list');
    expect(managerText).toContain('and 490 more: /complaint list');
    expect(managerText).toContain('legitimate: 500');
    expect(managerText).not.toContain('P-1011');

    const staff = renderHome(await todayView(ctxFor('UFRONT'))).blocks as Block[];
    checkLimits(staff);
    const staffText = textOf(staff);
    expect(staffText).toContain('Follow-ups due today: 250, 250 overdue');
    expect(staffText).toContain('and 240 more: /followup list');
    expect(staffText).toContain('Complaint steps for your role: 500');
    expect(staffText).not.toContain('Press inquiries');
    expect(staffText).not.toContain('P-5001');
  }, 120_000);

  it('cuts a view that would need more than 100 blocks and says where the rest is', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      visibility: 'private' as const,
      summary: `group ${i}`,
      sections: [{ kind: 'text' as const, text: `group ${i}` }],
      actions: [{ id: 'inquiry.claim', label: `Claim I-${i}`, value: `I-${i}` }],
    }));
    const blocks = renderHome(many).blocks as Block[];
    expect(blocks).toHaveLength(LIMITS.blocksPerHomeView);
    expect(blocks.at(-1)?.text?.text).toContain('/tact today');
  });
});
