import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './services.js';
import { cleanEnv } from './console-process.js';
import { freePort } from './postgres-server.js';

/**
 * Tact as an operator runs it, `src/main.ts` in a process of its own, for crash tests: node itself
 * runs it (through tsx's loader), so SIGKILL reaches Tact and not a wrapper. Chat credentials and
 * Tact's settings from the test's own environment are left out; `env` gives them.
 */
export interface TactProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** everything it wrote to stdout and stderr so far */
  output(): string;
  /** resolves once its `/healthz` answers 200; throws with its output if it exits first or after `boundMs` */
  ready(boundMs?: number): Promise<void>;
  /** SIGKILL, and waits for the exit */
  kill(): Promise<void>;
  /** resolves when it has exited (at once if it already has) */
  exited(): Promise<void>;
}

/** Starts Tact on a free port; the process is known at once (a test may kill it before it is ready). */
export async function spawnTact(env: Record<string, string>): Promise<TactProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: cleanEnv({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    port,
    output: () => out,
    exited: () => exit,
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exit;
    },
    async ready(boundMs = 60_000) {
      const end = Date.now() + boundMs;
      for (;;) {
        if (!alive()) throw new Error(`Tact exited before it was ready:\n${out}`);
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (res) => res.status === 200,
          () => false,
        );
        if (ok) return;
        if (Date.now() > end) throw new Error(`Tact was not ready within ${boundMs} ms:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}

/** Polls every 100 ms until `condition` holds; throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
