import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Category } from '../../src/complaints/model.js';
import { computeTrends } from '../../src/complaints/trends.js';
import { complaintPage } from '../../src/urgent/triggers.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/** Keeping the log right: voiding a record logged by mistake, correcting its text or patient. */
let t: TestServices;
beforeEach(async () => {
  t = await buildServices({ now: '2026-06-01T16:00:00.000Z' });
});
afterEach(async () => {
  await t.close();
});

const entry = (patientRef: string, text = 'Charged twice for one visit', category: Category = 'billing') => ({
  patientRef,
  category,
  categoryGuessed: false,
  text,
});
const complaints = () => t.services.complaints;

describe('void', () => {
  it('keeps the record with its reason, takes it out of the open index, and refuses later changes', async () => {
    await complaints().log(entry('P-1'), 'console:U1');
    const result = await complaints().update(
      1,
      { kind: 'void', reason: 'logged twice, call 555-201-0142' },
      'console:UMGR',
    );
    expect(result.ok).toBe(true);
    const stored = await complaints().get(1);
    expect(stored?.status).toBe('voided');
    expect(stored?.history.at(-1)).toMatchObject({
      by: 'console:UMGR',
      what: expect.stringContaining('voided (was open): logged twice'),
    });
    expect(stored?.history.at(-1)?.what).toContain('***-***-0142');
    expect(stored?.history.at(-1)?.what).not.toContain('201-0142 ');
    expect(await complaints().openComplaints()).toEqual([]);
    expect(await complaints().update(1, { kind: 'status', status: 'open' }, 'console:UMGR')).toEqual({
      ok: false,
      problem: 'voided',
    });
    expect(await complaints().update(1, { kind: 'void', reason: 'again' }, 'console:UMGR')).toEqual({
      ok: false,
      problem: 'voided',
    });
  });

  it('a voided complaint makes no later one a repeat, and counts in no trend', async () => {
    await complaints().log(entry('P-1'), 'console:U1');
    await complaints().update(1, { kind: 'void', reason: 'wrong patient' }, 'console:UMGR');
    const second = await complaints().log(entry('P-1', 'Kept waiting an hour', 'wait'), 'console:U1');
    expect(second.complaint.reasons.map((r) => r.code)).not.toContain('repeat');
    const third = await complaints().log(entry('P-1'), 'console:U1');
    expect(third.complaint.reasons).toContainEqual({ code: 'repeat', ordinal: 2, days: 90 });
    const trends = computeTrends(await complaints().since(new Date(0)), t.clock.now(), 30);
    expect(trends.total.current).toBe(2);
    expect(trends.byCategory.billing.current).toBe(1);
  });

  it('a voided complication raises no urgent page', async () => {
    const { complaint } = await complaints().log(entry('P-2', 'swelling after filler', 'complication'), 'console:U1');
    expect(complaintPage(complaint, t.clock.now())).toBeDefined();
    const voided = await complaints().update(complaint.number, { kind: 'void', reason: 'test entry' }, 'console:UMGR');
    expect(voided.ok && complaintPage(voided.complaint, t.clock.now())).toBeUndefined();
  });
});

describe('corrections', () => {
  it('text: the new text is stored redacted, the old one kept in the history', async () => {
    await complaints().log(entry('P-1', 'Charged twice, card on file'), 'console:U1');
    const result = await complaints().update(
      1,
      { kind: 'text', text: 'Charged three times; call 555-201-0142' },
      'console:UMGR',
    );
    expect(result.ok).toBe(true);
    const stored = await complaints().get(1);
    expect(stored?.text).toBe('Charged three times; call ***-***-0142');
    expect(stored?.history.at(-1)?.what).toBe('text corrected; it read: Charged twice, card on file');
    expect(
      await complaints().update(1, { kind: 'text', text: 'Charged three times; call 555-201-0142' }, 'console:UMGR'),
    ).toEqual({ ok: false, problem: 'unchanged' });
  });

  it('patient: the complaint moves between the per-patient indexes in one write, and grades with its new patient', async () => {
    await complaints().log(entry('P-1'), 'console:U1');
    await complaints().log(entry('P-9'), 'console:U1');
    const write = vi.spyOn(t.services.storage, 'write');
    const result = await complaints().update(1, { kind: 'patient', patientRef: 'P-9' }, 'console:UMGR');
    expect(result.ok).toBe(true);
    expect(write).toHaveBeenCalledTimes(1);
    expect(write.mock.calls[0]?.[0]).toHaveLength(3); // the record, out of P-1's index, into P-9's
    write.mockRestore();
    expect((await complaints().get(1))?.history.at(-1)?.what).toBe('patient reference corrected: P-1 → P-9');
    expect((await complaints().forPatient('P-1')).map((c) => c.id)).toEqual([]);
    expect((await complaints().forPatient('p-9')).map((c) => c.id)).toEqual(['C-2', 'C-1']);
    const next = await complaints().log(entry('P-9'), 'console:U1');
    expect(next.earlier).toBe(2);
    expect(await complaints().update(1, { kind: 'patient', patientRef: 'p-9' }, 'console:UMGR')).toEqual({
      ok: false,
      problem: 'unchanged',
    });
  });
});
