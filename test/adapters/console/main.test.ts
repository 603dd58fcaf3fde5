import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../doubles/services.js';

/** `npx tsx src/main.ts`, without npx's own start-up chatter: the tsx CLI run by this node. */
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const BOUND_MS = 25_000;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SLACK_|DISCORD_|TACT_|OPENAI_)/.test(key) || key === 'PORT') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs Tact with the given stdin; kills it if it has not exited within a generous bound. */
function runTact(env: Record<string, string>, input: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, 'src/main.ts'], { cwd: REPO_ROOT, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const bound = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Tact did not exit within ${BOUND_MS} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, BOUND_MS);
    child.on('error', (error) => {
      clearTimeout(bound);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(bound);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tact-console-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm start without chat credentials', () => {
  it('opens the console on SQLite, logs a complaint from piped input, lists it and exits 0', async () => {
    const result = await runTact({ TACT_STORE: `sqlite://${join(dir, 't.sqlite')}` }, '/complaint P-1 billing: charged twice\n/complaint list\n');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Tact: staff-chat help for complaints');
    expect(result.stdout).toMatch(/chat: +local console \(no Slack or Discord credentials\)/);
    expect(result.stdout).toContain(`SQLite ${join(dir, 't.sqlite')}`);
    expect(result.stdout).toContain('== Logged C-1 · legitimate ==');
    expect(result.stdout).toContain('== Open complaints: 1 ==');
    expect(result.stdout).toMatch(/ {2}- C-1 · P-1 · billing · legitimate · open · /);
    // the list comes after the log
    expect(result.stdout.indexOf('Open complaints: 1')).toBeGreaterThan(result.stdout.indexOf('Logged C-1'));
  });

  it('keeps what it logged for the next start', async () => {
    const store = `sqlite://${join(dir, 'again.sqlite')}`;
    const first = await runTact({ TACT_STORE: store }, '/complaint P-2 waited an hour\n');
    expect(first.code, first.stderr).toBe(0);
    const second = await runTact({ TACT_STORE: store }, '/complaint list all\n');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('== All complaints: 1 ==');
    expect(second.stdout).toMatch(/- C-1 · P-2 · wait or scheduling/);
  });

  it('a bad environment value stops it with one line naming the variable', async () => {
    const result = await runTact({ TACT_STORE: `sqlite://${join(dir, 'bad.sqlite')}`, TACT_REPLY_SLA: 'soon' }, '');
    expect(result.code).not.toBe(0);
    const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TACT_REPLY_SLA');
    expect(lines[0]).toContain('soon');
    expect(result.stdout).not.toContain('Tact: staff-chat help');
  });
});
