import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, TactError } from './errors.js';

/**
 * Prompts and letter templates live as Markdown files in prompts/, each with a small header:
 *
 *   ---
 *   name: termination-letter
 *   variables: patient_ref, notice_days
 *   ---
 *   Body with {{patient_ref}} ...
 *
 * They are loaded and checked at start-up: the declared variables must match the placeholders.
 */
export interface Prompt {
  name: string;
  variables: readonly string[];
  body: string;
}

const HEADER = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/;
const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g;

export function parsePrompt(file: string, text: string): Prompt {
  const match = HEADER.exec(text.replace(/\r\n/g, '\n'));
  if (!match) throw new TactError(ErrorCode.PromptInvalid, `${file}: missing the --- header ---`);
  const header = new Map<string, string>();
  for (const line of (match[1] ?? '').split('\n')) {
    const [key, ...rest] = line.split(':');
    if (key?.trim()) header.set(key.trim(), rest.join(':').trim());
  }
  const name = header.get('name');
  if (!name) throw new TactError(ErrorCode.PromptInvalid, `${file}: the header has no name`);
  const variables = (header.get('variables') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const body = match[2] ?? '';
  const used = new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''));
  const undeclared = [...used].filter((v) => !variables.includes(v));
  const unused = variables.filter((v) => !used.has(v));
  if (undeclared.length || unused.length) {
    throw new TactError(
      ErrorCode.PromptInvalid,
      `${file}: placeholders and declared variables differ (undeclared: ${undeclared.join(', ') || 'none'}; unused: ${unused.join(', ') || 'none'})`,
    );
  }
  return { name, variables, body };
}

export class PromptLibrary {
  constructor(private readonly prompts: ReadonlyMap<string, Prompt>) {}

  static async load(directory: string): Promise<PromptLibrary> {
    const files = (await readdir(directory)).filter((f) => f.endsWith('.md')).sort();
    const prompts = new Map<string, Prompt>();
    for (const file of files) {
      const prompt = parsePrompt(file, await readFile(join(directory, file), 'utf8'));
      prompts.set(prompt.name, prompt);
    }
    return new PromptLibrary(prompts);
  }

  names(): string[] {
    return [...this.prompts.keys()];
  }

  render(name: string, values: Readonly<Record<string, string>>): string {
    const prompt = this.prompts.get(name);
    if (!prompt) throw new TactError(ErrorCode.PromptInvalid, `No prompt named "${name}" in prompts/`);
    const missing = prompt.variables.filter((v) => values[v] === undefined);
    if (missing.length) throw new TactError(ErrorCode.PromptInvalid, `Prompt "${name}" needs: ${missing.join(', ')}`);
    return prompt.body.replace(PLACEHOLDER, (_, key: string) => values[key] ?? '').trim();
  }
}
