import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TactError } from '../src/errors.js';
import { PromptLibrary, parsePrompt } from '../src/prompts.js';
import { REPO_ROOT } from './doubles/services.js';

const PROMPTS = join(REPO_ROOT, 'prompts');

function thrown(fn: () => unknown): TactError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TactError);
    expect((error as TactError).code).toBe('TACT_PROMPT_INVALID');
    return error as TactError;
  }
  throw new Error('expected a TactError');
}

describe('prompts/', () => {
  it('every file loads, under the name its header gives', async () => {
    const files = (await readdir(PROMPTS)).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    const library = await PromptLibrary.load(PROMPTS);
    expect(library.names()).toHaveLength(files.length);
    expect(library.names()).toContain('termination-letter');
  });

  it('in every file, the declared variables are exactly the placeholders used', async () => {
    for (const file of (await readdir(PROMPTS)).filter((f) => f.endsWith('.md'))) {
      const text = await readFile(join(PROMPTS, file), 'utf8');
      // read independently of src/prompts.ts
      const declared =
        /^---\r?\n[\s\S]*?^variables:(.*)$/m
          .exec(text)?.[1]
          ?.split(',')
          .map((v) => v.trim())
          .filter(Boolean) ?? [];
      const used = [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))];
      expect(new Set(used), file).toEqual(new Set(declared));
      expect(parsePrompt(file, text).variables).toEqual(declared);
    }
  });

  it('renders the termination letter with every value and no leftover placeholder', async () => {
    const library = await PromptLibrary.load(PROMPTS);
    const body = library.render('termination-letter', {
      date: 'June 1, 2026',
      patient_ref: 'P-77',
      practice_name: 'Glow Clinic',
      notice_days: '30',
      effective_date: 'July 1, 2026',
      practice_contact: 'Call us.',
    });
    expect(body).not.toMatch(/\{\{|\}\}/);
    for (const value of ['June 1, 2026', 'P-77', 'Glow Clinic', '30 days', 'July 1, 2026', 'Call us.'])
      expect(body).toContain(value);
    expect(thrown(() => library.render('termination-letter', { date: 'x' })).message).toContain('patient_ref');
    expect(thrown(() => library.render('no-such-prompt', {})).message).toContain('no-such-prompt');
  });
});

describe('parsePrompt', () => {
  it('reads the name, variables and body', () => {
    const prompt = parsePrompt('x.md', '---\nname: greet\nvariables: who, where\n---\nHello {{who}} at {{ where }}.\n');
    expect(prompt).toEqual({ name: 'greet', variables: ['who', 'where'], body: 'Hello {{who}} at {{ where }}.\n' });
  });

  it('accepts CRLF files and a prompt without variables', () => {
    expect(parsePrompt('x.md', '---\r\nname: plain\r\n---\r\nNo placeholders.').variables).toEqual([]);
  });

  it('refuses a placeholder that is not declared', () => {
    const error = thrown(() =>
      parsePrompt('x.md', '---\nname: greet\nvariables: who\n---\nHello {{who}} from {{sender}}.'),
    );
    expect(error.message).toContain('undeclared: sender');
    expect(error.message).toContain('x.md');
  });

  it('refuses a declared variable that is never used', () => {
    const error = thrown(() => parsePrompt('x.md', '---\nname: greet\nvariables: who, sender\n---\nHello {{who}}.'));
    expect(error.message).toContain('unused: sender');
  });

  it('refuses a missing header or name', () => {
    expect(thrown(() => parsePrompt('x.md', 'Hello {{who}}')).message).toContain('header');
    expect(thrown(() => parsePrompt('x.md', '---\nvariables: who\n---\nHello {{who}}')).message).toContain('no name');
  });
});
