import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { runner, textOf } from '../helpers.js';

/**
 * A typed command for every button (the console has no buttons), and `/inquiry show`.
 * Friday 4 December 2026, 10:20 in New York (EST).
 */
const FRIDAY_10_20 = '2026-12-04T15:20:00.000Z';
let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup() {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_PROVIDERS: 'UDOC' }, now: FRIDAY_10_20 });
  return { inquiry: runner(t, 'inquiry'), review: runner(t, 'review') };
}

describe('/inquiry show I-n', () => {
  it('shows the summary typed at logging, the channel, owner, arrival and history, with the patient reference only', async () => {
    const { inquiry } = await setup();
    await inquiry('call P-12 at 9:40 wants to rebook, call 555-201-7788', 'UANNA');
    const text = textOf(await inquiry('show I-1', 'UBOB'));
    expect(text).toContain('Inquiry I-1 · phone call');
    expect(text).toContain('Patient: P-12');
    expect(text).toContain('Owner: UANNA'); // no inbox channel: the person who logged it owns it
    expect(text).toContain('Arrived: today 09:40, 40 minutes ago');
    expect(text).toContain('Summary: wants to rebook, call ***-***-7788');
    expect(text).toContain('received by command');
    expect(text).toContain('/inquiry done I-1');
    expect(text).not.toContain('201-7788');
  });

  it('an unknown id says how to find one', async () => {
    const { inquiry } = await setup();
    expect(textOf(await inquiry('show I-9', 'UBOB'))).toContain('There is no inquiry I-9. See /inquiry list.');
  });

  it('an inquiry without an arrival time says so', async () => {
    const { inquiry } = await setup();
    await inquiry('walk-in P-14 asks about peel aftercare', 'UANNA');
    expect(textOf(await inquiry('show I-1', 'UANNA'))).toContain('Arrived: not given (logged today 10:20');
  });
});

describe('typed equivalents of the inquiry buttons', () => {
  it('/inquiry doctor I-n is the "Wants the doctor" button', async () => {
    const { inquiry } = await setup();
    await inquiry('call P-12 at 9:40 swelling question', 'UANNA');
    const text = textOf(await inquiry('doctor I-1', 'UANNA'));
    expect(text).toContain('I-1 wants the doctor.');
    expect((await t.services.inquiries.get(1))?.wantsDoctor?.how).toBe('button');
  });

  it('/inquiry channel I-n <channel> is the channel buttons', async () => {
    const { inquiry } = await setup();
    await inquiry('call P-12 at 9:40 wants to rebook', 'UANNA');
    const text = textOf(await inquiry('channel I-1 voicemail', 'UANNA'));
    expect(text).toContain('I-1 came by voicemail or missed call: reply the same way.');
    expect((await t.services.inquiries.get(1))?.channel).toBe('voicemail');
    expect(textOf(await inquiry('channel I-1 pigeon', 'UANNA'))).toContain('unknown channel "pigeon"');
  });
});

describe('/review complaint R-n is the "Log as complaint" button', () => {
  it('logs the review as a complaint for a manager, and refuses staff', async () => {
    const { review } = await setup();
    await t.services.reviews.receive({ text: 'Terrible results, I will sue', postedBy: 'console:USTAFF' });
    expect(textOf(await review('complaint R-1', 'USTAFF'))).toContain(
      'Only practice managers can use /review complaint',
    );
    const text = textOf(await review('complaint R-1', 'UMGR'));
    expect(text).toContain('Logged R-1 as complaint C-1');
    expect((await t.services.reviews.get(1))?.complaintId).toBe('C-1');
    expect(textOf(await review('complaint R-1', 'UMGR'))).toContain('R-1 is already logged as C-1.');
  });
});
