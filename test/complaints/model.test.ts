import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CATEGORY_WORDS,
  STATUS_WORDS,
  STATUSES,
  complaintId,
  isOpen,
  parseComplaintId,
} from '../../src/complaints/model.js';

describe('complaint ids', () => {
  it('formats and parses C-n', () => {
    expect(complaintId(12)).toBe('C-12');
    expect(parseComplaintId('C-12')).toBe(12);
    expect(parseComplaintId('c-7')).toBe(7);
    expect(parseComplaintId('C7')).toBe(7);
    expect(parseComplaintId(' 42 ')).toBe(42);
  });

  it.each(['', 'C-', 'P-12', 'C-1.5', 'C--1', 'twelve', 'C-1234567890'])('refuses %j', (text) => {
    expect(parseComplaintId(text)).toBeUndefined();
  });
});

describe('words', () => {
  it('every category word and status word maps to a known value', () => {
    for (const category of Object.values(CATEGORY_WORDS)) expect(CATEGORIES).toContain(category);
    for (const status of Object.values(STATUS_WORDS)) expect(STATUSES).toContain(status);
    for (const category of CATEGORIES) expect(CATEGORY_WORDS[category]).toBe(category);
  });

  it('open and following-up are open; resolved and ended are not', () => {
    expect(STATUSES.filter(isOpen)).toEqual(['open', 'following-up']);
  });
});
