import { describe, expect, it } from 'vitest';
import { managersToAlert, needsManager } from '../../src/complaints/alerts.js';
import { TIERS } from '../../src/complaints/model.js';

/** Who is alerted at once when a complaint is logged: the rule, apart from its words. */
describe('managersToAlert', () => {
  it('alerts every manager but the one who logged an escalating or aggressive complaint', () => {
    expect(managersToAlert({ tier: 'escalating' }, ['UM1', 'UM2'], 'UFRONT')).toEqual(['UM1', 'UM2']);
    expect(managersToAlert({ tier: 'aggressive' }, ['UM1', 'UM2'], 'UM2')).toEqual(['UM1']);
  });

  it('alerts nobody for an occasional or legitimate complaint', () => {
    expect(managersToAlert({ tier: 'occasional' }, ['UM1'], 'UFRONT')).toEqual([]);
    expect(managersToAlert({ tier: 'legitimate' }, ['UM1'], 'UFRONT')).toEqual([]);
  });

  it('needsManager holds for exactly the two upper tiers', () => {
    expect(TIERS.filter(needsManager)).toEqual(['escalating', 'aggressive']);
  });
});
