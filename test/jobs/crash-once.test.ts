import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type ApiCall, type FakeSlack } from '../doubles/fake-slack.js';
import { postgresAvailable, startPostgres, type PostgresServer } from '../doubles/postgres-server.js';
import { spawnTact, until, type TactProcess } from '../doubles/tact-process.js';

/**
 * Whole Tact processes against the fake Slack, killed with SIGKILL right after Slack took a post
 * and before Tact heard so (the fake kills the process before it answers). Whoever runs the job
 * next (the restarted process on SQLite, the other live instance on PostgreSQL) takes it over
 * within a minute, finds what was already posted by its metadata, and each destination (the
 * digest channel, each manager's direct messages) gets each message exactly once.
 */
const TOKEN = 'intake-token-0123456789';
const MANAGERS = ['UMGR1', 'UMGR2'];
const DIGEST = 'CDIGEST';
/** Restart to takeover: the killed run's one-minute lease (SQLite), or pg-boss's expiry and maintenance, plus start-up. */
const TAKEOVER_MS = 75_000;

let fake: FakeSlack;
let dir: string;
const running: TactProcess[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  dir = await mkdtemp(join(tmpdir(), 'tact-crash-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.kill()));
  fake.reset();
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every setting the scenario needs: reminders due 2 s after a message arrives (any time, any day), and the digest due now. */
function environment(store: string, extra: Record<string, string> = {}): Record<string, string> {
  const now = new Date();
  const digestAt = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
  return {
    SLACK_SIGNING_SECRET: 'crash-test-secret',
    SLACK_BOT_TOKEN: 'xoxb-crash-test',
    SLACK_API_URL: fake.apiUrl,
    TACT_STORE: store,
    TACT_TIMEZONE: 'UTC',
    TACT_BUSINESS_HOURS: 'Mon-Sun 00:00-24:00',
    TACT_REPLY_SLA: '2s',
    TACT_MANAGERS: MANAGERS.join(','),
    TACT_INTAKE_TOKEN: TOKEN,
    TACT_DIGEST_CHANNEL: DIGEST,
    TACT_DIGEST_AT: digestAt,
    TACT_LOG_LEVEL: 'info',
    ...extra,
  };
}

async function start(env: Record<string, string>): Promise<TactProcess> {
  const tact = await spawnTact(env);
  running.push(tact);
  return tact;
}

function keyOf(call: ApiCall): string | undefined {
  const metadata = call.body['metadata'] as { event_payload?: { key?: unknown } } | undefined;
  const key = metadata?.event_payload?.key;
  return typeof key === 'string' ? key : undefined;
}

/** Posts Slack took, as `<key> -> <channel>` (a DM is addressed to the user id). */
function posts(): string[] {
  return fake
    .calls('chat.postMessage')
    .filter((c) => keyOf(c) !== undefined)
    .map((c) => `${keyOf(c)} -> ${String(c.body['channel'])}`)
    .sort();
}

/** The fake kills `victim()` when it takes the first post matching `when`, before it answers. */
function killOnPost(when: (call: ApiCall) => boolean, victim: (call: ApiCall) => TactProcess | undefined): void {
  let armed = true;
  fake.onPost(async (call) => {
    if (!armed || !when(call)) return;
    armed = false;
    await victim(call)?.kill();
  });
}

async function patientMessage(tact: TactProcess): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${tact.port}/intake/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'text', from: '+1 555 010 0142', text: 'Can I move my appointment?' }),
  });
  expect(res.status).toBe(201);
}

const jobDone = (tact: TactProcess, key: string) =>
  tact
    .output()
    .split('\n')
    .some((line) => line.includes('job done') && line.includes(key));

const isDigest = (call: ApiCall) => keyOf(call)?.startsWith(`digest:slack:${DIGEST}:`) === true;
const isFirstManagersNudge = (call: ApiCall) =>
  keyOf(call) === 'inquiry:I-1:thread' && call.body['channel'] === MANAGERS[0];

/** Each manager once for each of the inquiry's two reminders, the digest once. */
function oncePerDestination(digestKey: string): string[] {
  return [
    `${digestKey} -> ${DIGEST}`,
    ...MANAGERS.flatMap((m) => [`inquiry:I-1:managers -> ${m}`, `inquiry:I-1:thread -> ${m}`]),
  ].sort();
}

describe('side effects once across kill -9, on SQLite', () => {
  it('the digest and a reminder to two managers, each killed after Slack took it: the restarted process takes both over and doubles nothing', async () => {
    const env = environment(`sqlite://${join(dir, 'tact.sqlite')}`);
    let victim: TactProcess | undefined;
    killOnPost(
      (call) => isDigest(call) || isFirstManagersNudge(call),
      () => victim,
    );

    // 1. The digest is due at start; the process dies as Slack takes it.
    victim = await start(env);
    await victim.exited();
    const [digestPost] = posts();
    const digestKey = digestPost?.split(' -> ')[0] ?? '';
    expect(digestKey).toMatch(/^digest:slack:CDIGEST:\d{4}-\d{2}-\d{2}$/);

    // 2. Restarted, it takes a patient message; two seconds later the first manager's reminder kills it.
    killOnPost(isFirstManagersNudge, () => victim);
    victim = await start(env);
    await victim.ready();
    await patientMessage(victim);
    await victim.exited();

    // 3. Restarted again, with both runs' leases still held by dead processes.
    const last = await start(env);
    await until(
      () => jobDone(last, digestKey) && jobDone(last, 'inquiry:I-1:thread') && jobDone(last, 'inquiry:I-1:managers'),
      'the takeover of both jobs',
      TAKEOVER_MS,
    );
    // a few more seconds: nothing is posted a second time
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(posts()).toEqual(oncePerDestination(digestKey));
    // the retries looked: in the digest channel, and in the first manager's direct messages
    expect(fake.calls('conversations.history').map((c) => c.body['channel'])).toEqual(
      expect.arrayContaining([DIGEST, `D${MANAGERS[0]}`]),
    );
  }, 180_000);
});

describe.skipIf(!postgresAvailable())('side effects once across kill -9, two instances on PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it('an instance killed after Slack took its reminder to one manager: the other live instance takes the job over and each manager gets it once', async () => {
    const url = await server.database('crash');
    const key = randomBytes(32).toString('base64');
    // Each instance speaks with its own token, so the fake knows whose post it took.
    const [a, b] = [
      await start(environment(url, { TACT_ENCRYPTION_KEY: key, SLACK_BOT_TOKEN: 'xoxb-instance-a' })),
      await start(environment(url, { TACT_ENCRYPTION_KEY: key, SLACK_BOT_TOKEN: 'xoxb-instance-b' })),
    ];
    const byToken = (call: ApiCall) => (call.authorization?.endsWith('xoxb-instance-a') ? a : b);
    let killed: TactProcess | undefined;
    killOnPost(isFirstManagersNudge, (call) => (killed = byToken(call)));
    await Promise.all([a.ready(), b.ready()]);
    await patientMessage(a);
    await until(() => killed !== undefined, 'a reminder post', 30_000);
    const survivor = killed === a ? b : a;
    await until(
      () => jobDone(survivor, 'inquiry:I-1:thread') && jobDone(survivor, 'inquiry:I-1:managers'),
      'the survivor to take the job over',
      TAKEOVER_MS,
    );
    await until(() => posts().some((p) => p.startsWith('digest:')), 'the digest', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const digestKey =
      posts()
        .find((p) => p.startsWith('digest:'))
        ?.split(' -> ')[0] ?? '';
    expect(posts()).toEqual(oncePerDestination(digestKey));
  }, 240_000);
});
