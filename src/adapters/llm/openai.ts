import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { PromptLibrary } from '../../prompts.js';
import type { ChoiceRequest, ChoiceResult, SentenceChooser } from '../../reviews/drafting.js';
import { TONES } from '../../reviews/library.js';
import type { NoteRequest, NoteResult, NoteWriter } from '../../touches/draft.js';

/**
 * The drafting model on any OpenAI-compatible server (chat.completions, which every such server
 * has): it picks library sentences by id. Structured output is requested with a zod schema and
 * always re-validated (local servers may ignore schemas); whether the ids make a valid reply is the
 * domain's check. No retries here: the caller's time budget decides what happens next.
 */
/** What the server is asked for (structured outputs want every field present: tone may be null). */
export const ChoiceSchema = z.object({
  sentences: z.array(z.string().max(80)).min(1).max(8),
  tone: z.enum(TONES).nullable(),
});
/** What is accepted: exactly those fields (a local server may leave the tone out), nothing beside them. */
const AcceptedChoice = ChoiceSchema.extend({ tone: z.enum(TONES).nullish() }).strict();

export interface OpenAiOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  model: string;
  prompts: PromptLibrary;
}

/** The user message: the rating, the topic, the style and the candidates; nothing from the review. */
export function renderChoiceRequest(prompts: PromptLibrary, request: ChoiceRequest): string {
  return prompts.render('review-reply-request', {
    rating: request.rating === undefined ? 'unknown' : `${request.rating} of 5 stars`,
    topic: request.topic,
    style: request.style,
    slots: request.slots.map((s) => `${s.slot}${s.required ? ' (required)' : ''}`).join(', '),
    candidates: request.candidates.map((c) => `${c.id} [${c.slot}, ${c.tone}]: ${c.text}`).join('\n'),
    previous: request.previous.length ? request.previous.join(', ') : 'none',
  });
}

function clientFor(options: OpenAiOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    maxRetries: 0,
    timeout: 10_000,
  });
}

function failureOf(error: unknown): { ok: false; failure: 'timeout' | 'rate-limited' | 'error'; detail?: string } {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { ok: false, failure: 'timeout' };
  if (error instanceof OpenAI.RateLimitError) return { ok: false, failure: 'rate-limited' };
  return { ok: false, failure: 'error', detail: error instanceof Error ? error.message : String(error) };
}

export function openAiChooser(options: OpenAiOptions): SentenceChooser {
  const client = clientFor(options);
  return {
    description: `${options.model} at ${options.baseUrl ?? 'api.openai.com'}`,
    async choose(request: ChoiceRequest, timeoutMs: number): Promise<ChoiceResult> {
      try {
        const completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: [
              { role: 'system', content: options.prompts.render('review-reply', {}) },
              { role: 'user', content: renderChoiceRequest(options.prompts, request) },
            ],
            response_format: zodResponseFormat(ChoiceSchema, 'review_reply_sentences'),
            temperature: 0.7,
          },
          { timeout: timeoutMs, maxRetries: 0 },
        );
        const message = completion.choices[0]?.message;
        if (message?.refusal) return { ok: false, failure: 'refused', detail: message.refusal };
        const parsed = AcceptedChoice.safeParse(safeJson(message?.content ?? ''));
        return parsed.success
          ? { ok: true, ids: parsed.data.sentences, tone: parsed.data.tone ?? undefined }
          : { ok: false, failure: 'malformed' };
      } catch (error) {
        return failureOf(error);
      }
    },
  };
}

/**
 * The drafting model writing a touch note (a thank-you, a wish): plain text, from the kind, the
 * clinic's template and an event's occasion only. The domain checks what comes back and falls back
 * to the template.
 */
export function openAiNoteWriter(options: OpenAiOptions): NoteWriter {
  const client = clientFor(options);
  return {
    description: `${options.model} at ${options.baseUrl ?? 'api.openai.com'}`,
    async write(request: NoteRequest, timeoutMs: number): Promise<NoteResult> {
      try {
        const completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: [
              { role: 'system', content: options.prompts.render('touch-note', {}) },
              {
                role: 'user',
                content: options.prompts.render('touch-note-request', {
                  kind: request.kind,
                  occasion: request.occasion,
                  template: request.template,
                }),
              },
            ],
            temperature: 0.7,
            max_tokens: 200,
          },
          { timeout: timeoutMs, maxRetries: 0 },
        );
        const message = completion.choices[0]?.message;
        if (message?.refusal) return { ok: false, failure: 'refused', detail: message.refusal };
        const text = message?.content?.trim();
        return text ? { ok: true, text } : { ok: false, failure: 'malformed' };
      } catch (error) {
        return failureOf(error);
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
