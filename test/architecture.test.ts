import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Imports point one way: adapters -> commands -> core. The compiler accepts an import the wrong way,
 * so this reads every import of the source and names each one that breaks a rule.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Import {
  /** the importing file, from the repository root, with forward slashes */
  file: string;
  /** what it names: a repository path for a relative import, else the package specifier */
  target: string;
  typeOnly: boolean;
}

/** Block and line comments go first, so an import in a comment is not counted (`://` in a string is kept). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
}

const STATIC = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?([^'";]*?)\bfrom\s*['"]([^'"\n]+)['"]/g;
const BARE = /(?:^|[\n;])\s*import\s*['"]([^'"\n]+)['"]/g;
const DYNAMIC = /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** The specifiers a source text imports: static (with whether the whole statement is `type`), bare and dynamic. */
function specifiersOf(source: string): Array<{ specifier: string; typeOnly: boolean }> {
  const text = withoutComments(source);
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(STATIC)) found.push({ specifier: m[4] ?? '', typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(BARE)) found.push({ specifier: m[1] ?? '', typeOnly: false });
  for (const m of text.matchAll(DYNAMIC)) found.push({ specifier: m[1] ?? '', typeOnly: false });
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => posix.join(folder, name.split(sep).join('/')));
}

function importsOf(file: string): Import[] {
  return specifiersOf(readFileSync(join(ROOT, file), 'utf8')).map(({ specifier, typeOnly }) => ({
    file,
    typeOnly,
    target: specifier.startsWith('.')
      ? relative(ROOT, join(ROOT, dirname(file), specifier))
          .split(sep)
          .join('/')
      : specifier,
  }));
}

const ALL = [...sourceFiles('src'), ...sourceFiles('commands')].flatMap(importsOf);

const DOMAIN = [
  'src/complaints',
  'src/media',
  'src/reviews',
  'src/inquiries',
  'src/privacy',
  'src/settings',
  'src/time',
  'src/urgent',
];
const PLATFORM_PACKAGES = [
  /^@slack\//,
  /^discord\.js(\/|$)/,
  /^openai(\/|$)/,
  /^pg(\/|$)/,
  /^pg-boss(\/|$)/,
  /^better-sqlite3(\/|$)/,
  /^keyv(\/|$)/,
  /^@keyv\//,
];

const under = (folder: string) => (path: string) => path === folder || path.startsWith(`${folder}/`);
const inCommands = under('commands');
const inAdapters = under('src/adapters');
const inJobs = under('src/jobs');

/** The imports that break the rule, as `file -> target`, so a failure says where to look. */
function offending(from: (file: string) => boolean, forbidden: (i: Import) => boolean): string[] {
  return ALL.filter((i) => from(i.file) && forbidden(i)).map((i) => `${i.file} -> ${i.target}`);
}

describe('import direction', () => {
  it('reads the imports it checks (multi-line, type-only, bare and dynamic; none in comments)', () => {
    const source = [
      "import {\n  a,\n  type B,\n} from './a.js';",
      "import type { C } from '../c.js';",
      'export { d } from "d";',
      "import 'side-effect';",
      "const e = await import('./e.js');",
      "// import { f } from './f.js';",
      "/* import { g } from './g.js'; */",
      "const url = 'https://example.com'; import { h } from './h.js';",
    ].join('\n');
    expect(specifiersOf(source)).toEqual([
      { specifier: './a.js', typeOnly: false },
      { specifier: '../c.js', typeOnly: true },
      { specifier: 'd', typeOnly: false },
      { specifier: './h.js', typeOnly: false },
      { specifier: 'side-effect', typeOnly: false },
      { specifier: './e.js', typeOnly: false },
    ]);
    // The real tree is read: a rule over nothing would pass for nothing.
    expect(ALL).toContainEqual({ file: 'src/main.ts', target: 'src/jobs/timed-work.js', typeOnly: false });
    for (const folder of [...DOMAIN, 'src/jobs', 'commands'])
      expect(
        ALL.some((i) => under(folder)(i.file)),
        folder,
      ).toBe(true);
  });

  it('jobs never import the command or view layer (their words come in as JobViews)', () => {
    expect(offending(inJobs, (i) => inCommands(i.target))).toEqual([]);
  });

  it('domain folders import no adapter, command or platform code', () => {
    const inDomain = (file: string) => DOMAIN.some((folder) => under(folder)(file));
    const platform = (i: Import) => PLATFORM_PACKAGES.some((pattern) => pattern.test(i.target));
    expect(offending(inDomain, (i) => inAdapters(i.target) || inCommands(i.target) || platform(i))).toEqual([]);
  });

  it('commands import no adapter', () => {
    expect(offending(inCommands, (i) => inAdapters(i.target))).toEqual([]);
  });

  it('commands and the HTTP routes never reach the job queue: services announce changes, timed-work plans', () => {
    // commands/ may only supply the jobs' words; the HTTP routes may only name the queue's type (for /healthz).
    expect(offending(inCommands, (i) => inJobs(i.target) && i.target !== 'src/jobs/views.js')).toEqual([]);
    expect(offending(under('src/adapters/http'), (i) => inJobs(i.target) && !i.typeOnly)).toEqual([]);
  });
});
