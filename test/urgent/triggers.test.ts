import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/complaints/model.js';
import type { Inquiry } from '../../src/inquiries/model.js';
import { PAGE_WINDOW_MS, complaintPage, inquiryPage } from '../../src/urgent/triggers.js';

const LOGGED = '2026-03-07T23:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(LOGGED) + ms);

const complaint = (over: Partial<Complaint>): Complaint => ({
  id: 'C-4',
  number: 4,
  reporter: 'slack:UFRONT',
  createdAt: LOGGED,
  patientRef: 'P-12',
  category: 'billing',
  categoryGuessed: false,
  text: 'x',
  tier: 'legitimate',
  reasons: [],
  steps: [],
  status: 'open',
  history: [],
  ...over,
});

const inquiry = (over: Partial<Inquiry>): Inquiry => ({
  id: 'I-9',
  number: 9,
  channel: 'text',
  receivedAt: LOGGED,
  origin: 'inbox',
  loggedBy: 'slack:BRING',
  status: 'open',
  nudged: {},
  history: [],
  ...over,
});

describe('which records page the person on call', () => {
  it('a complication, with any signs its words showed after the category', () => {
    expect(complaintPage(complaint({ category: 'complication', signs: ['vision changes'] }), later(0))).toMatchObject({
      id: 'C-4',
      source: { kind: 'complaint', number: 4 },
      reasons: ['complication or side effect', 'vision changes'],
      raisedBy: 'slack:UFRONT',
      patientRef: 'P-12',
    });
  });

  it('any complaint whose words showed signs; none without', () => {
    expect(complaintPage(complaint({ signs: ['fever or chills'] }), later(0))?.reasons).toEqual(['fever or chills']);
    expect(complaintPage(complaint({}), later(0))).toBeUndefined();
    expect(complaintPage(complaint({ signs: [] }), later(0))).toBeUndefined();
  });

  it('not a closed complaint, nor one older than a day (a note on it, or the first start after an upgrade)', () => {
    expect(complaintPage(complaint({ category: 'complication', status: 'resolved' }), later(0))).toBeUndefined();
    expect(complaintPage(complaint({ category: 'complication' }), later(PAGE_WINDOW_MS))).toBeDefined();
    expect(complaintPage(complaint({ category: 'complication' }), later(PAGE_WINDOW_MS + 1))).toBeUndefined();
  });

  it('a patient message with signs, named by how it came and where it sits in chat', () => {
    const request = inquiryPage(inquiry({ signs: ['trouble breathing'], link: 'https://x/1' }), later(0));
    expect(request).toMatchObject({
      id: 'I-9',
      patientChannel: 'text',
      link: 'https://x/1',
      reasons: ['trouble breathing'],
    });
    expect(inquiryPage(inquiry({}), later(0))).toBeUndefined();
    expect(inquiryPage(inquiry({ signs: ['fever or chills'], status: 'answered' }), later(0))).toBeUndefined();
    expect(inquiryPage(inquiry({ signs: ['fever or chills'] }), later(PAGE_WINDOW_MS + 1))).toBeUndefined();
  });
});
