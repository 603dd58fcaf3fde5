import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real PostgreSQL server for tests, in a temporary folder, on loopback only: Debian's `postgresql`
 * package (`.ci/run` installs it). The server can be stopped, killed and started again on the same
 * port and data, which is what the store-fault tests need. PostgreSQL refuses to run as root, so as
 * root (CI, this machine) every server command runs as the `postgres` user.
 */
export const POSTGRES_BIN = process.env.TACT_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function postgresAvailable(): boolean {
  return existsSync(join(POSTGRES_BIN, 'initdb'));
}

export interface PostgresServer {
  /** `postgres://tact:tact@127.0.0.1:<port>/tact` */
  readonly url: string;
  readonly port: number;
  /** a URL for another database on the same server (created if missing) */
  database(name: string): Promise<string>;
  /** clean shutdown (`pg_ctl stop -m fast`): connections are closed by the server */
  stop(): Promise<void>;
  /** SIGKILL of the postmaster: connections die without a goodbye */
  kill(): Promise<void>;
  /** starts it again on the same port and data */
  start(): Promise<void>;
  /** stops it and deletes its folder */
  destroy(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

function asPostgres(command: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function exec(command: string, args: string[]): Promise<string> {
  const [file, argv] = asPostgres(command, args);
  const { stdout } = await run(file, argv, { timeout: 60_000 });
  return stdout;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = await mkdtemp(join(tmpdir(), 'tact-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await exec(join(POSTGRES_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  let postmaster: ChildProcess | undefined;

  const start = async () => {
    const [file, argv] = asPostgres(join(POSTGRES_BIN, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      dir,
      // fsync off is fast and still survives kill(): a commit is written to the OS before it returns.
      // synchronous_commit stays on, or a SIGKILL would lose commits the client was told had landed.
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ]);
    // its own process group, so that kill() can take the postmaster and every backend at once
    postmaster = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    postmaster.stderr?.on('data', (d: Buffer) => {
      if (process.env.TACT_TEST_PG_LOG) process.stderr.write(d);
    });
    for (let i = 0; i < 300; i++) {
      try {
        await run(join(POSTGRES_BIN, 'pg_isready'), [
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'postgres',
          '-t',
          '1',
        ]);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`PostgreSQL on port ${port} did not start`);
  };

  const psql = (sql: string, db = 'postgres') =>
    exec(join(POSTGRES_BIN, 'psql'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      db,
      '-v',
      'ON_ERROR_STOP=1',
      '-qAtc',
      sql,
    ]);

  await start();
  await psql(`CREATE ROLE tact LOGIN PASSWORD 'tact' SUPERUSER`);
  await psql('CREATE DATABASE tact OWNER tact');

  const stopped = async (signal: 'fast' | 'kill') => {
    if (!postmaster || postmaster.exitCode !== null) return;
    const exited = new Promise((r) => postmaster?.once('exit', r));
    if (signal === 'kill' && postmaster.pid) {
      process.kill(-postmaster.pid, 'SIGKILL');
    } else {
      await exec(join(POSTGRES_BIN, 'pg_ctl'), ['-D', data, 'stop', '-m', 'fast', '-w']).catch(() => undefined);
    }
    await exited;
    if (signal === 'kill') {
      // a killed postmaster leaves its lock files; a real crash leaves them too, and an operator removes them
      for (const file of [
        join(data, 'postmaster.pid'),
        join(dir, `.s.PGSQL.${port}.lock`),
        join(dir, `.s.PGSQL.${port}`),
      ])
        await rm(file, { force: true });
    }
  };

  return {
    url: `postgres://tact:tact@127.0.0.1:${port}/tact`,
    port,
    async database(name) {
      const exists = await psql(`SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`);
      if (!exists.trim()) await psql(`CREATE DATABASE "${name.replace(/"/g, '""')}" OWNER tact`);
      return `postgres://tact:tact@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop: () => stopped('fast'),
    kill: () => stopped('kill'),
    start,
    async destroy() {
      await stopped('fast');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A store that accepts TCP connections and never answers a byte: what a hung database or a
 * half-open network path looks like to a client.
 */
export async function startStalledServer(): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `postgres://tact:secret-password@127.0.0.1:${port}/tact`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
