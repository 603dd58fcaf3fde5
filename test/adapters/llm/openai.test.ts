import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAiChooser } from '../../../src/adapters/llm/openai.js';
import { PromptLibrary } from '../../../src/prompts.js';
import type { ChoiceRequest, SentenceChooser } from '../../../src/reviews/drafting.js';
import { behave, startFakeOpenAi, type FakeOpenAi, type RecordedRequest } from '../../doubles/fake-openai.js';
import { REPO_ROOT } from '../../doubles/services.js';

/**
 * The drafting model adapter against a fake OpenAI-compatible server on loopback: what it sends
 * (the system prompt, the rating, topic and candidate sentences, a JSON schema for ids), and how
 * each kind of answer or failure maps to a result the drafting flow understands.
 */
let model: FakeOpenAi;
let prompts: PromptLibrary;
let chooser: SentenceChooser;

function request(extra: Partial<ChoiceRequest> = {}): ChoiceRequest {
  return {
    rating: 2,
    topic: 'wait',
    style: 'default',
    slots: [
      { slot: 'opening', required: true },
      { slot: 'policy', required: true },
      { slot: 'invitation', required: true },
    ],
    candidates: [
      { id: 'opening.thanks-feedback', slot: 'opening', tone: 'plain', text: 'Thank you for your feedback.' },
      {
        id: 'policy.everyone',
        slot: 'policy',
        tone: 'plain',
        text: 'Our policy, for everyone, is never to confirm or deny whether any person is or was a patient.',
      },
      {
        id: 'invitation.talk',
        slot: 'invitation',
        tone: 'plain',
        text: 'If you would like to talk with us, please [the practice contact line]',
      },
    ],
    previous: [],
    ...extra,
  };
}

function messagesOf(recorded: RecordedRequest | undefined): { system: string; user: string } {
  const messages = recorded?.body.messages ?? [];
  expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
  return { system: messages[0]?.content ?? '', user: messages[1]?.content ?? '' };
}

beforeAll(async () => {
  model = await startFakeOpenAi();
  prompts = await PromptLibrary.load(join(REPO_ROOT, 'prompts'));
  chooser = openAiChooser({ apiKey: 'test-key', baseUrl: model.baseUrl, model: 'local-model', prompts });
});
afterEach(() => {
  model.reset();
});
afterAll(async () => {
  await model.close();
});

describe('the request', () => {
  it('carries the system prompt, the rating, topic, style, slots and candidates, and a JSON schema of ids', async () => {
    model.script(behave.choice(['opening.thanks-feedback', 'policy.everyone', 'invitation.talk'], 'plain'));
    const result = await chooser.choose(request({ previous: ['opening.thanks-share'] }), 5_000);
    expect(result).toEqual({
      ok: true,
      ids: ['opening.thanks-feedback', 'policy.everyone', 'invitation.talk'],
      tone: 'plain',
    });
    const [sent] = model.requests();
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.authorization).toBe('Bearer test-key');
    expect(sent?.body.model).toBe('local-model');

    const { system, user } = messagesOf(sent);
    expect(system).toBe(prompts.render('review-reply', {}));
    expect(system).toContain('You never write the reply yourself');
    expect(user).toContain('Rating: 2 of 5 stars');
    expect(user).toContain('Topic: wait');
    expect(user).toContain('Style: default');
    expect(user).toContain('Slots, in order: opening (required), policy (required), invitation (required)');
    expect(user).toContain('Previous draft: opening.thanks-share');
    expect(user).toContain('policy.everyone [policy, plain]: Our policy, for everyone,');
    expect(user).toContain(
      'invitation.talk [invitation, plain]: If you would like to talk with us, please [the practice contact line]',
    );

    const format = sent?.body.response_format;
    expect(format?.type).toBe('json_schema');
    expect(format?.json_schema?.name).toBe('review_reply_sentences');
    expect(format?.json_schema?.schema).toMatchObject({
      type: 'object',
      properties: { sentences: { type: 'array', items: { type: 'string' } } },
      additionalProperties: false,
    });
  });

  it('says "unknown" for a review with no rating', async () => {
    model.script(behave.choice(['opening.thanks-feedback']));
    await chooser.choose(request({ rating: undefined }), 5_000);
    expect(messagesOf(model.requests()[0]).user).toContain('Rating: unknown');
  });
});

describe('answers and failures', () => {
  const MALFORMED = [
    ['prose instead of JSON', 'Sure! Thank you for your feedback, we value it.'],
    ['a free-text reply', JSON.stringify({ reply: 'Thank you for writing.' })],
    [
      'ids with free text beside them',
      JSON.stringify({ sentences: ['opening.thanks-feedback'], reply: 'We saw you on Tuesday.' }),
    ],
    ['no ids', JSON.stringify({ sentences: [] })],
    ['ids that are not strings', JSON.stringify({ sentences: [1, 2] })],
    ['a tone that does not exist', JSON.stringify({ sentences: ['opening.thanks-feedback'], tone: 'flirty' })],
    ['an id longer than any id', JSON.stringify({ sentences: ['x'.repeat(81)] })],
    ['JSON cut off', '{"sentences": ["opening.'],
  ] as const;
  it.each(MALFORMED)('%s is malformed', async (_what, content) => {
    model.script(behave.malformed(content));
    expect(await chooser.choose(request(), 5_000)).toMatchObject({ ok: false, failure: 'malformed' });
  });

  it('a refusal is refused, with the words', async () => {
    model.script(behave.refusal("I can't help with that request."));
    expect(await chooser.choose(request(), 5_000)).toEqual({
      ok: false,
      failure: 'refused',
      detail: "I can't help with that request.",
    });
  });

  it('HTTP 500 is an error, tried once', async () => {
    model.script(behave.serverError());
    expect(await chooser.choose(request(), 5_000)).toMatchObject({ ok: false, failure: 'error' });
    expect(model.requests()).toHaveLength(1);
  });

  it('HTTP 429 is rate-limited, tried once', async () => {
    model.script(behave.rateLimited());
    expect(await chooser.choose(request(), 5_000)).toMatchObject({ ok: false, failure: 'rate-limited' });
    expect(model.requests()).toHaveLength(1);
  });

  it('a server that is not there is an error', async () => {
    const gone = await startFakeOpenAi();
    const baseUrl = gone.baseUrl;
    await gone.close();
    const offline = openAiChooser({ apiKey: 'test-key', baseUrl, model: 'local-model', prompts });
    expect(await offline.choose(request(), 5_000)).toMatchObject({ ok: false, failure: 'error' });
  });

  it('a server that hangs is a timeout, and the request is given up', async () => {
    model.script(behave.hang());
    const result = await chooser.choose(request(), 1_000);
    expect(result).toEqual({ ok: false, failure: 'timeout' });
    expect(model.requests()).toHaveLength(1);
    await expect.poll(() => model.hanging(), { timeout: 3_000 }).toBe(0);
  });
});
