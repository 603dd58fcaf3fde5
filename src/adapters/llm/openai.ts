import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { PromptLibrary } from '../../prompts.js';
import type { Drafter, DraftRequest, ModelResult } from '../../reviews/drafting.js';

/**
 * The drafting model on any OpenAI-compatible server (chat.completions, which every such server
 * has). Structured output is requested with a zod schema and always re-validated: local servers
 * may ignore schemas. No retries here: the caller's time budget decides what happens next.
 */
const ReplySchema = z.object({ reply: z.string().min(1).max(2000) });

const STYLE_WORDS = {
  default: 'Write a fresh reply.',
  shorter: 'Make it shorter than the previous draft: two sentences at most.',
  warmer: 'Make it warmer and more personal in tone than the previous draft, without adding any detail.',
} as const;

export interface OpenAiOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  model: string;
  prompts: PromptLibrary;
}

/** A fence the review cannot contain, so it can never close its own data block. */
function fenceFor(text: string): string {
  let fence: string;
  do fence = `-----REVIEW-${randomBytes(6).toString('hex')}-----`;
  while (text.includes(fence));
  return fence;
}

export function openAiDrafter(options: OpenAiOptions): Drafter {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    maxRetries: 0,
    timeout: 10_000,
  });
  return {
    description: `${options.model} at ${options.baseUrl ?? 'api.openai.com'}`,
    async draft(request: DraftRequest, timeoutMs: number): Promise<ModelResult> {
      const fence = fenceFor(request.review);
      const details = [
        request.platform ? `platform ${request.platform}` : undefined,
        request.rating ? `${request.rating} of 5 stars` : undefined,
      ].filter(Boolean);
      const system = options.prompts.render('review-reply', {
        max_length: String(request.maxLength),
        practice_contact: request.practiceContact,
      });
      const user = options.prompts.render('review-reply-request', {
        fence,
        review: request.review,
        details: details.join(', ') || 'none',
        style: request.previous && request.style !== 'default' ? `${STYLE_WORDS[request.style]} Previous draft: "${request.previous}"` : STYLE_WORDS.default,
        feedback: request.feedback?.length
          ? `Your last draft was rejected by the practice's privacy check because it ${request.feedback.join('; ')}. Write a new one without any of that.`
          : '',
      });
      try {
        const completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: user },
            ],
            response_format: zodResponseFormat(ReplySchema, 'review_reply'),
            temperature: 0.7,
          },
          { timeout: timeoutMs, maxRetries: 0 },
        );
        const message = completion.choices[0]?.message;
        if (message?.refusal) return { ok: false, failure: 'refused', detail: message.refusal };
        const parsed = ReplySchema.safeParse(safeJson(message?.content ?? ''));
        return parsed.success ? { ok: true, text: parsed.data.reply } : { ok: false, failure: 'malformed' };
      } catch (error) {
        if (error instanceof OpenAI.APIConnectionTimeoutError) return { ok: false, failure: 'timeout' };
        if (error instanceof OpenAI.RateLimitError) return { ok: false, failure: 'rate-limited' };
        return { ok: false, failure: 'error', detail: error instanceof Error ? error.message : String(error) };
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
