import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tactRunner, tempDirForFile } from '../../doubles/console-process.js';
import { behave, startFakeOpenAi, type FakeOpenAi } from '../../doubles/fake-openai.js';

/**
 * Console parity for review replies: `npx tsx src/main.ts` with no chat credentials, a review pasted
 * with /review, refined and approved by id, on SQLite; with and without a drafting model.
 */
const CONTACT = 'call our practice manager at 555-0142';
const REVIEW =
  'Two stars. Waited 40 minutes and nobody explained the bill. Call me at 212-555-0199 or jo.price@example.com. - Jordan P.';

const runTact = tactRunner({ user: 'frontdesk', boundMs: 40_000 });

/** The text of each "== Draft reply ... ==" block: the indented reply line under its heading. */
function drafts(stdout: string): string[] {
  const found: string[] = [];
  const lines = stdout.split('\n');
  lines.forEach((line, i) => {
    if (!line.startsWith('== Draft reply R-')) return;
    const text = lines.slice(i + 1).find((l) => l.startsWith('  '));
    if (text) found.push(text.trim());
  });
  return found;
}

let dir: string;
tempDirForFile('tact-console-review-', (made) => (dir = made));
let model: FakeOpenAi;
beforeAll(async () => {
  model = await startFakeOpenAi();
});
afterAll(async () => {
  await model.close();
});

describe('/review in the console', () => {
  it('pastes a review, gets a draft of library sentences, a shorter one, approves it, and exits 0; the store keeps it', async () => {
    const store = `sqlite://${join(dir, 't.sqlite')}`;
    const env = { TACT_STORE: store, TACT_PRACTICE_CONTACT: CONTACT };
    const result = await runTact(env, `/review ${REVIEW}\n/review shorter R-1\n/review approve R-1\n`);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/drafting: +Tact chooses library sentences/);
    expect(out).toContain('Drafting a reply…');
    expect(out).toContain('== Draft reply R-1 · 2★ ==');
    expect(out).toContain('Built from the reply library: sentences chosen by Tact. Sentences: opening.');
    expect(out).toContain('Actions: Approve, Regenerate, Shorter, Warmer');

    const [first, shorter] = drafts(out);
    expect(first).toContain(CONTACT);
    expect(shorter).toContain(CONTACT);
    expect(shorter!.length).toBeLessThan(first!.length);
    // nothing of the review comes back in a draft
    for (const text of [first, shorter]) expect(text).not.toMatch(/Jordan|40 minutes|bill|0199|jo\.price/);

    const approvedAt = out.indexOf('Approved by: @frontdesk');
    expect(approvedAt).toBeGreaterThan(out.lastIndexOf('== Draft reply R-1'));
    expect(out.slice(approvedAt)).toContain(shorter!);
    expect(out).toContain('Tact never posts outside this workspace');

    // the next start reads the same record
    const again = await runTact(env, '/review approve R-1\n/review warmer R-1\n/review shorter R-9\n');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.match(/R-1 already has an approved reply\./g)).toHaveLength(2);
    expect(again.stdout).toContain('There is no review R-9.');
  });

  it('drafts with the model when OPENAI_API_KEY is set, and the model never sees the review', async () => {
    const safe = `Thank you for taking the time to write to us. We never discuss whether anyone is or was a patient of the practice, in public or in private. We would welcome a direct conversation: please ${CONTACT}.`;
    const shorter = `Thank you for your feedback. If you would like to talk with us, please ${CONTACT}.`;
    model.script(
      behave.choice(['opening.thanks-write', 'policy.never-discuss', 'invitation.direct']),
      behave.choice(['opening.thanks-feedback', 'invitation.talk']),
    );
    const env = {
      TACT_STORE: `sqlite://${join(dir, 'model.sqlite')}`,
      TACT_PRACTICE_CONTACT: CONTACT,
      OPENAI_API_KEY: 'test',
      OPENAI_BASE_URL: model.baseUrl,
      TACT_LLM_TIMEOUT: '5s',
    };
    const result = await runTact(env, `/review ${REVIEW}\n/review shorter R-1\n/review approve R-1\n`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/drafting: +model gpt-4o-mini at http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(drafts(result.stdout)).toEqual([safe, shorter]);
    expect(result.stdout).toContain('sentences chosen by the drafting model.');
    expect(result.stdout.slice(result.stdout.indexOf('Approved by: @frontdesk'))).toContain(shorter);

    expect(model.requests()).toHaveLength(2);
    const seen = JSON.stringify(model.requests().map((r) => r.body.messages));
    for (const secret of [
      '212-555-0199',
      '0199',
      'jo.price',
      'example.com',
      'Jordan',
      '40 minutes',
      'explained the bill',
      '555-0142',
    ])
      expect(seen).not.toContain(secret);
    expect(seen).toContain('Rating: 2 of 5 stars');
    expect(seen).toContain('Topic: wait');
  });

  it('shows a legal threat as a notice, with no draft', async () => {
    const result = await runTact(
      { TACT_STORE: `sqlite://${join(dir, 'legal.sqlite')}` },
      '/review One star. My lawyer will be in touch about this malpractice.\n',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('R-1 mentions legal action or a complaint to a board. Tact makes no draft');
    expect(result.stdout).not.toContain('== Draft reply');
    expect(result.stdout).not.toContain('Drafting a reply');
  });
});
