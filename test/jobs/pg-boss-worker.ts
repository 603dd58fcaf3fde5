import { PgBossJobQueue } from '../../src/adapters/jobs/pg-boss.js';
import { createLogger } from '../../src/log.js';

/**
 * A queue instance in a process of its own, for the crash test: it takes `test` jobs, says so on
 * stdout, and never finishes them, so that it dies holding one when the test kills it.
 */
const url = process.argv[2];
if (!url) throw new Error('usage: pg-boss-worker.ts <postgres url>');
const queue = new PgBossJobQueue(
  url,
  createLogger({ level: 'error', redact: (t) => t, write: (line) => process.stderr.write(line + '\n') }),
);
queue.handle('test', async (job) => {
  process.stdout.write(`took ${job.key}\n`);
  await new Promise(() => undefined);
});
await queue.start();
process.stdout.write('ready\n');
