import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, startTact, type TactUnderTest } from '../slack/harness.js';

/**
 * The intake API's text fields get the inbound clean-up chat text gets (NFKC, invisible characters,
 * look-alikes), before their limits are checked and anything is stored; numbers written without a
 * country code are read as the clinic's country (TACT_COUNTRY).
 */
const TOKEN = 'intake-token-0123456789abcdef';

let tact: TactUnderTest | undefined;
afterEach(async () => {
  await tact?.stop();
  tact = undefined;
});
afterAll(removeTempDirs);

async function intake(t: TactUnderTest, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${t.target.baseUrl}/intake/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('POST /intake/messages clean-up', () => {
  it('full-width digits, zero-width characters and a local GB number: cleaned, then masked', async () => {
    tact = await startTact({ env: { TACT_INTAKE_TOKEN: TOKEN, TACT_COUNTRY: 'GB' } });
    const answer = await intake(tact, {
      channel: 'te\u200Bxt',
      from: '０７７００\u200B ９００１２３',
      text: 'Can I m\u043Eve my appointment?\u{E0041}',
      patientRef: 'P-20\u00AD01',
      id: 'clean-1',
    });
    expect(answer).toEqual({ status: 201, json: { ok: true, inquiry: 'I-1' } });
    expect(await tact.running.services.inquiries.get(1)).toMatchObject({
      channel: 'text',
      contact: '***-***-0123',
      patientRef: 'P-2001',
    });
  });

  it('a field made only of invisible characters is empty: 400 naming it, nothing stored', async () => {
    tact = await startTact({ env: { TACT_INTAKE_TOKEN: TOKEN } });
    const answer = await intake(tact, { channel: 'text', from: '\u200B\u200D\uFEFF', text: 'hello' });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json['fields'] as object)).toEqual(['from']);
    expect(await tact.running.services.inquiries.get(1)).toBeUndefined();
  });
});
