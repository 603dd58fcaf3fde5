import { join } from 'node:path';
import { createGate, wordSet, type Gate } from './gate.js';
import { CONTACT_PLACEHOLDER, loadLibrary, loadWords, type Sentence } from './library.js';

/**
 * The built-in library and the gate, read from prompts/ the one way start-up and tests both use:
 * the gate's allow-list is the curated vocabulary, the clinic's extra words and the built-in
 * sentences' own words (except sentences vetted in their own wording only).
 */
export interface ReplySetupOptions {
  promptsDir: string;
  /** TACT_REVIEW_VOCABULARY: a file of extra allowed words */
  extraWordsFile?: string | undefined;
  practiceName: () => string | undefined;
}

export async function loadReplySetup(options: ReplySetupOptions): Promise<{ sentences: Sentence[]; gate: Gate }> {
  const sentences = await loadLibrary(join(options.promptsDir, 'review-sentences.json'));
  const curated = await loadWords(join(options.promptsDir, 'review-words.txt'), 'the review vocabulary');
  const extra = options.extraWordsFile ? await loadWords(options.extraWordsFile, 'TACT_REVIEW_VOCABULARY') : [];
  const lent = sentences.filter((s) => s.lendsWords).map((s) => s.text.replace(CONTACT_PLACEHOLDER, ''));
  return { sentences, gate: createGate({ words: wordSet(curated, extra, lent), practiceName: options.practiceName }) };
}
