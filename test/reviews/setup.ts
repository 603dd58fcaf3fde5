import type { Gate } from '../../src/reviews/gate.js';
import type { Sentence } from '../../src/reviews/library.js';
import { loadReplySetup } from '../../src/reviews/setup.js';
import { REPO_ROOT } from '../doubles/services.js';
import { join } from 'node:path';

/** The built-in library and gate exactly as start-up builds them, with a practice name a test can set. */
export async function replySetup(practiceName?: string): Promise<{ sentences: Sentence[]; gate: Gate }> {
  return loadReplySetup({ promptsDir: join(REPO_ROOT, 'prompts'), practiceName: () => practiceName });
}
