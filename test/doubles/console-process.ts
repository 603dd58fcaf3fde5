import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { REPO_ROOT } from './services.js';

/**
 * Runs Tact as the console does, `npx tsx src/main.ts` in the repository with no chat credentials,
 * as a child process with commands piped to its stdin. The tsx CLI is run by this node directly, as
 * `npx tsx` would, without npx's own start-up chatter.
 */
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunTactOptions {
  /** how long the run may take before it is killed and the run fails (default 25 s) */
  boundMs?: number;
  /** USER in the child's environment (the console's staff name); default this process's own */
  user?: string;
}

/** This process's environment without chat credentials, Tact's settings or PORT, plus `extra`. */
export function cleanEnv(extra: Record<string, string>, user?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SLACK_|DISCORD_|TACT_|OPENAI_)/.test(key) || key === 'PORT') continue;
    env[key] = value;
  }
  return { ...env, ...(user === undefined ? {} : { USER: user }), ...extra };
}

/**
 * A runner of Tact with the given environment and stdin (text as is, or lines, each ended by a
 * newline); it kills Tact if it has not exited within a generous bound.
 */
export function tactRunner(
  options: RunTactOptions = {},
): (env: Record<string, string>, input: string | readonly string[]) => Promise<Finished> {
  const boundMs = options.boundMs ?? 25_000;
  return (env, input) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [TSX, 'src/main.ts'], {
        cwd: REPO_ROOT,
        env: cleanEnv(env, options.user),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const bound = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`Tact did not exit within ${boundMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }, boundMs);
      child.on('error', (error) => {
        clearTimeout(bound);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(bound);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(typeof input === 'string' ? input : input.map((line) => `${line}\n`).join(''));
    });
}

/** Before the file's tests, a fresh folder under the OS temp dir named from `prefix`, handed to `use`; after them, removed. */
export function tempDirForFile(prefix: string, use: (dir: string) => void): void {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    use(dir);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
}
