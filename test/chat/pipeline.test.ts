import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatHandlers } from '../../commands/handlers.js';
import { Pipeline } from '../../src/chat/pipeline.js';
import { ErrorCode, TactError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { MemoryChat } from '../doubles/memory-chat.js';
import { buildServices, type TestServices } from '../doubles/services.js';

/**
 * What the core does for every adapter, whatever its name: one dedupe of platform events, Tact's
 * own posts skipped, one set of failure words, one log line per failure.
 */
type LogFn = (message: string, fields?: Record<string, unknown>) => void;
const INBOX = 'inbox';

let t: TestServices;
let logger: Logger & { error: ReturnType<typeof vi.fn<LogFn>> };
beforeEach(() => {
  logger = { debug: vi.fn<LogFn>(), info: vi.fn<LogFn>(), warn: vi.fn<LogFn>(), error: vi.fn<LogFn>() };
});
afterEach(async () => {
  await t.close();
});

describe.each(['teams', 'gchat'])('the pipeline, for an adapter named %s', (name) => {
  async function adapter(): Promise<MemoryChat> {
    // ids in settings name their platform: this core runs no configured platform to read bare ones by
    t = await buildServices({
      env: { TACT_INBOX_CHANNELS: `${name}:${name}-${INBOX}`, TACT_MANAGERS: `${name}:${name}-mgr` },
    });
    const chat = new MemoryChat(name);
    await chat.start(
      new Pipeline({ services: t.services, logger, outbound: t.services.outbox, handlers: chatHandlers }),
    );
    return chat;
  }

  it('runs a repeated event once, keyed by the platform and the event id', async () => {
    const chat = await adapter();
    const channel = `${name}-${INBOX}`;
    await chat.message('Hi, can I move my appointment to Friday?', { user: `${name}-staff`, channel, eventId: 'E1' });
    // The redelivery comes as a new message object: only the event id says it is the same event.
    await chat.message('Hi, can I move my appointment to Friday?', { user: `${name}-staff`, channel, eventId: 'E1' });
    expect(await t.services.inquiries.open()).toHaveLength(1);
    expect(chat.said.filter((s) => s.how === 'sent').map((s) => s.reply.summary)).toHaveLength(1);
    expect(await t.services.storage.claim(`event:${name}:E1`, 1_000)).toBe(false);
  });

  it("skips Tact's own posts", async () => {
    const chat = await adapter();
    await chat.message('Tracking this as I-1.', {
      user: `${name}-bot`,
      channel: `${name}-${INBOX}`,
      eventId: 'E2',
      fromSelf: true,
    });
    expect(await t.services.inquiries.open()).toHaveLength(0);
    expect(chat.said).toEqual([]);
  });

  it('words a failing handler the one way, privately, and logs it once', async () => {
    const chat = await adapter();
    vi.spyOn(t.services.complaints, 'openComplaints').mockRejectedValue(
      new TactError(ErrorCode.StoreReadFailed, 'disk gone'),
    );
    await chat.command('complaint', 'list', { user: `${name}-mgr`, channel: `${name}-general` });
    expect(chat.said).toHaveLength(1);
    expect(chat.said[0]).toMatchObject({ how: 'private', to: `${name}-mgr` });
    expect(chat.texts()[0]).toBe(
      'Tact could not finish /complaint (TACT_STORE_READ_FAILED). Anything not confirmed was not saved; please try again, and tell your admin if it keeps happening.',
    );
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]).toEqual([
      '/complaint failed',
      expect.objectContaining({ platform: name, code: 'TACT_STORE_READ_FAILED' }),
    ]);
  });
});
