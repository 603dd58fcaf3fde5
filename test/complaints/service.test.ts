import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastSequence } from '../../src/storage.js';
import { buildServices, type TestServices } from '../doubles/services.js';

const DAY = 86_400_000;
let t: TestServices;

beforeEach(async () => {
  t = await buildServices({ now: '2026-06-01T16:00:00.000Z' });
});
afterEach(async () => {
  await t.close();
});

const entry = (patientRef: string, text = 'Charged twice for one visit', category = 'billing' as const) => ({
  patientRef,
  category,
  categoryGuessed: false,
  text,
});

describe('ComplaintService', () => {
  it('logs C-1, C-2... with grade, pathway and history, and reads them back', async () => {
    const first = await t.services.complaints.log(entry('P-1'), 'U1');
    const second = await t.services.complaints.log(entry('P-2'), 'U2');
    expect(first.complaint.id).toBe('C-1');
    expect(second.complaint.id).toBe('C-2');
    expect(first.earlier).toBe(0);
    const stored = await t.services.complaints.get(1);
    expect(stored).toEqual(first.complaint);
    expect(stored).toMatchObject({
      reporter: 'U1',
      createdAt: '2026-06-01T16:00:00.000Z',
      tier: 'legitimate',
      status: 'open',
      history: [{ at: '2026-06-01T16:00:00.000Z', by: 'U1', what: 'logged as legitimate' }],
    });
    expect(stored?.steps.length).toBeGreaterThan(0);
    expect(await t.services.complaints.get(3)).toBeUndefined();
  });

  it('grades a second complaint about the same patient (any case) as a repeat', async () => {
    await t.services.complaints.log(entry('P-7'), 'U1');
    t.clock.advance(20 * DAY);
    const { complaint, earlier } = await t.services.complaints.log(
      entry('p-7 ', 'Waited an hour', 'wait' as never),
      'U1',
    );
    expect(earlier).toBe(1);
    expect(complaint.tier).toBe('escalating');
    expect(complaint.reasons).toContainEqual({ code: 'repeat', ordinal: 2, days: 90 });
    const other = await t.services.complaints.log(entry('P-8'), 'U1');
    expect(other.earlier).toBe(0);
  });

  it('stores complaint text and provider with phone numbers and emails masked', async () => {
    const { complaint } = await t.services.complaints.log(
      {
        ...entry('P-1', 'Call her back at (555) 867-5309 or jane.doe@example.com'),
        provider: 'Dr K, cell 555.123.4567',
      },
      'U1',
    );
    const stored = await t.services.complaints.get(complaint.number);
    expect(stored?.text).toBe('Call her back at ***-***-5309 or j***@***.com');
    expect(stored?.provider).toBe('Dr K, cell ***-***-4567');
  });

  it('keeps patient references out of store keys', async () => {
    await t.services.complaints.log(entry('VIP-Alias-Rose'), 'U1');
    const index = t.storage.collection('complaint-index');
    expect(await index.get('patient:VIP-Alias-Rose')).toBeUndefined();
    expect(await index.get('patient:vip-alias-rose')).toBeUndefined();
  });

  it('lists open complaints newest first and drops closed ones from the open index', async () => {
    for (const ref of ['P-1', 'P-2', 'P-3']) {
      await t.services.complaints.log(entry(ref), 'U1');
      t.clock.advance(DAY);
    }
    expect((await t.services.complaints.openComplaints()).map((c) => c.id)).toEqual(['C-3', 'C-2', 'C-1']);
    await t.services.complaints.update(2, { kind: 'status', status: 'resolved' }, 'U9');
    expect((await t.services.complaints.openComplaints()).map((c) => c.id)).toEqual(['C-3', 'C-1']);
    await t.services.complaints.update(2, { kind: 'status', status: 'following-up' }, 'U9');
    // reopened: still listed by age, not by when it was reopened
    expect((await t.services.complaints.openComplaints()).map((c) => c.id)).toEqual(['C-3', 'C-2', 'C-1']);
  });

  it('since() walks back to the window start only', async () => {
    for (const ref of ['P-1', 'P-2', 'P-3']) {
      await t.services.complaints.log(entry(ref), 'U1');
      t.clock.advance(10 * DAY);
    }
    const from = new Date(Date.parse('2026-06-01T16:00:00.000Z') + 5 * DAY);
    expect((await t.services.complaints.since(from)).map((c) => c.id)).toEqual(['C-3', 'C-2']);
    expect((await t.services.complaints.since(new Date(0))).map((c) => c.id)).toEqual(['C-3', 'C-2', 'C-1']);
  });

  it('logs concurrently without losing or repeating a number', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.services.complaints.log(entry(`P-${i % 4}`), 'U1')),
    );
    expect(results.map((r) => r.complaint.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(await lastSequence(t.storage, 'complaint')).toBe(12);
    expect(await t.services.complaints.openComplaints()).toHaveLength(12);
    expect(await t.services.complaints.since(new Date(0))).toHaveLength(12);
    // same patient, same instant: each later one sees the earlier ones
    const perPatient = results
      .filter((r) => r.complaint.patientRef === 'P-0')
      .map((r) => r.earlier)
      .sort();
    expect(perPatient).toEqual([0, 1, 2]);
  });

  it('updates status, notes, tier, category and steps, with history', async () => {
    await t.services.complaints.log(entry('P-1'), 'U1');
    t.clock.advance(DAY);
    const complaints = t.services.complaints;

    const status = await complaints.update(
      1,
      { kind: 'status', status: 'following-up', note: 'called at 555-201-3344' },
      'UM',
    );
    expect(status.ok && status.complaint.history.at(-1)).toEqual({
      at: '2026-06-02T16:00:00.000Z',
      by: 'UM',
      what: 'status open → following up: called at ***-***-3344',
    });

    const tier = await complaints.update(1, { kind: 'tier', tier: 'aggressive', note: 'threats on the phone' }, 'UM');
    expect(tier.ok && tier.complaint.tier).toBe('aggressive');
    expect(tier.ok && tier.complaint.reasons[0]).toEqual({
      code: 'manager-override',
      by: 'UM',
      note: 'threats on the phone',
    });
    const again = await complaints.update(1, { kind: 'tier', tier: 'escalating' }, 'UM2');
    expect(again.ok && again.complaint.reasons.filter((r) => r.code === 'manager-override')).toEqual([
      { code: 'manager-override', by: 'UM2' },
    ]);

    const step = await complaints.update(1, { kind: 'step', step: 1 }, 'UM');
    expect(step.ok && step.complaint.steps[0]).toMatchObject({ doneAt: '2026-06-02T16:00:00.000Z', doneBy: 'UM' });
    expect(step.ok && step.complaint.steps[1]?.doneAt).toBeUndefined();
    expect(await complaints.update(1, { kind: 'step', step: 1 }, 'UM')).toEqual({
      ok: false,
      problem: 'step-already-done',
    });
    expect(await complaints.update(1, { kind: 'step', step: 99 }, 'UM')).toEqual({
      ok: false,
      problem: 'no-such-step',
    });

    expect(await complaints.update(1, { kind: 'category', category: 'billing' }, 'UM')).toEqual({
      ok: false,
      problem: 'unchanged',
    });
    expect(await complaints.update(1, { kind: 'status', status: 'following-up' }, 'UM')).toEqual({
      ok: false,
      problem: 'unchanged',
    });
    expect(await complaints.update(1, { kind: 'tier', tier: 'escalating' }, 'UM')).toEqual({
      ok: false,
      problem: 'unchanged',
    });
    expect(await complaints.update(42, { kind: 'note', note: 'x' }, 'UM')).toEqual({ ok: false, problem: 'not-found' });

    const stored = await complaints.get(1);
    expect(stored?.history.map((h) => h.what)).toEqual([
      'logged as legitimate',
      'status open → following up: called at ***-***-3344',
      'tier legitimate → aggressive (override): threats on the phone',
      'tier aggressive → escalating (override)',
      'step 1 done',
    ]);
  });
});
