import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../doubles/services.js';

/**
 * The review corpora: one text a line, `#` lines are comments, `\uXXXX` writes a character that is
 * invisible or looks like another (so the files stay readable).
 */
function corpus(name: string): string[] {
  return readFileSync(join(REPO_ROOT, 'test', 'reviews', 'corpus', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.replace(/\\u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

export const LEAKING_DRAFTS = corpus('leaking.txt');
export const GOOD_SENTENCES = corpus('good.txt');
