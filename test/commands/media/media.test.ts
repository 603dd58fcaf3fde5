import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { runner, textOf } from '../helpers.js';

/**
 * `/media <outlet>: <what they asked> [by <deadline>]`: a closing "by ..." is the deadline only when
 * it reads as a time or holds a time-like word; otherwise it is part of the question.
 */
// Monday 1 June 2026, 12:00 in New York (EDT)
const NOW = '2026-06-01T16:00:00.000Z';
let t: TestServices;
let run: ReturnType<typeof runner>;

beforeEach(async () => {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR', TACT_SPOKESPERSON: 'USPOKES' }, now: NOW });
  run = runner(t, 'media');
});
afterEach(async () => {
  await t.close();
});

async function logged(text: string) {
  await run(text, 'console:USTAFF');
  const inquiry = await t.services.media.get(1);
  if (!inquiry) throw new Error(`"${text}" was not logged`);
  return inquiry;
}

describe('/media quick entry: the "by ..." at the end', () => {
  it('keeps "by the doctor" in the question: it is not a deadline', async () => {
    const inquiry = await logged('Daily News: was the injury caused by the doctor');
    expect(inquiry.question).toBe('was the injury caused by the doctor');
    expect(inquiry.deadline).toBeUndefined();
    expect(inquiry.deadlineText).toBeUndefined();
  });

  it.each([
    ['Daily News: was the patient seen by Dr Patel', 'was the patient seen by Dr Patel'],
    ['Daily News: is the clinic owned by a private equity firm', 'is the clinic owned by a private equity firm'],
    ['Daily News: comment on the story reported by the Sun', 'comment on the story reported by the Sun'],
  ])('keeps other non-time endings in the question: %s', async (text, question) => {
    const inquiry = await logged(text);
    expect(inquiry.question).toBe(question);
    expect(inquiry.deadlineText).toBeUndefined();
  });

  it('reads a time as the deadline, in the clinic time zone', async () => {
    const inquiry = await logged('Daily News: comment on the new laser by tomorrow 10am');
    expect(inquiry.question).toBe('comment on the new laser');
    // Tuesday 2 June, 10:00 in New York
    expect(inquiry.deadline).toBe('2026-06-02T14:00:00.000Z');
  });

  it('reads a short day name as the deadline when it stands as a day', async () => {
    const inquiry = await logged('Daily News: comment on the new laser by sun');
    expect(inquiry.question).toBe('comment on the new laser');
    // Sunday 7 June, 17:00 in New York
    expect(inquiry.deadline).toBe('2026-06-07T21:00:00.000Z');
  });

  it.each(['end of the week', 'Friday morning show', 'lunch', 'asap'])(
    'keeps a time-like but unreadable "by %s" as the deadline text, flagged',
    async (phrase) => {
      const inquiry = await logged(`Daily News: comment on the new laser by ${phrase}`);
      expect(inquiry.question).toBe('comment on the new laser');
      expect(inquiry.deadline).toBeUndefined();
      expect(inquiry.deadlineText).toBe(phrase);
    },
  );

  it('tells the staff member the unreadable deadline is to be checked', async () => {
    const reply = textOf(await run('Daily News: comment on the new laser by end of the week', 'console:USTAFF'));
    expect(reply).toContain(
      'Deadline "end of the week" could not be read as a time, so none is set. Check it with the reporter, then /media deadline M-1 <when>',
    );
  });
});

describe('a closing "by ..." that is part of the question', () => {
  it('stays in the question unless it begins like a time', async () => {
    await run('Post: was she treated by Dr. Lee on Monday', 'console:USTAFF');
    await run('Post: was the patient hurt by 3 injections', 'console:USTAFF');
    await run('Post: story about fillers by noon tomorrow', 'console:USTAFF');
    expect((await t.services.media.get(1))?.question).toBe('was she treated by Dr. Lee on Monday');
    expect((await t.services.media.get(2))?.question).toBe('was the patient hurt by 3 injections');
    expect(await t.services.media.get(3)).toMatchObject({ question: 'story about fillers' });
    expect((await t.services.media.get(3))?.deadline).toBeDefined();
  });
});
