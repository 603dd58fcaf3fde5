import { describe, expect, it } from 'vitest';
import { Outbox, type Notifier, type SentPlace } from '../../src/chat/outbox.js';
import type { Reply } from '../../src/chat/reply.js';
import { ErrorCode } from '../../src/errors.js';

/** A notifier that records what it is asked to send and to find. */
function fake(): Notifier & {
  sent: Array<{ to: string | undefined; channelId: string | undefined }>;
  looked: SentPlace[];
} {
  const sent: Array<{ to: string | undefined; channelId: string | undefined }> = [];
  const looked: SentPlace[] = [];
  return {
    sent,
    looked,
    send: async (reply, destination) => {
      sent.push({ to: reply.to, channelId: destination?.channelId });
      return undefined;
    },
    findSent: async (_key, place) => {
      looked.push(place);
      return { kind: 'absent' };
    },
  };
}

const dm = (to: string): Reply => ({
  visibility: 'dm',
  to,
  summary: 'hello',
  sections: [{ kind: 'text', text: 'hello' }],
});
const post = (): Reply => ({ visibility: 'channel', summary: 'hello', sections: [{ kind: 'text', text: 'hello' }] });
const redactor = { redact: (text: string) => text };

function twoPlatforms() {
  const outbox = new Outbox(redactor);
  const slack = fake();
  const discord = fake();
  outbox.attach(slack, 'slack');
  outbox.attach(discord, 'discord');
  return { outbox, slack, discord };
}

describe("Outbox routing by the id's platform", () => {
  it("sends a direct message through the adapter its user id names, whatever the raw id looks like, as that platform's own id", async () => {
    const { outbox, slack, discord } = twoPlatforms();
    await outbox.send(dm('slack:U1'));
    await outbox.send(dm('discord:123456789012345678'));
    // shapes that today's guess would send the other way
    await outbox.send(dm('slack:123'));
    await outbox.send(dm('discord:U9'));
    expect(slack.sent.map((s) => s.to)).toEqual(['U1', '123']);
    expect(discord.sent.map((s) => s.to)).toEqual(['123456789012345678', 'U9']);
  });

  it('posts to a channel through the adapter its channel id names, and looks for sent messages there', async () => {
    const { outbox, slack, discord } = twoPlatforms();
    await outbox.send(post(), { channelId: 'discord:42' });
    await outbox.findSent('digest:x', { kind: 'channel', channelId: 'slack:C1' }, new Date(0));
    await outbox.findSent('digest:x', { kind: 'dm', userId: 'discord:7' }, new Date(0));
    expect(discord.sent).toEqual([{ to: undefined, channelId: '42' }]);
    expect(slack.looked).toEqual([{ kind: 'channel', channelId: 'C1' }]);
    expect(discord.looked).toEqual([{ kind: 'dm', userId: '7' }]);
    expect(slack.sent).toEqual([]);
  });

  it('refuses an id of a platform that is not running, and a bare id, with a stable code and nothing sent', async () => {
    const outbox = new Outbox(redactor);
    const slack = fake();
    outbox.attach(slack, 'slack');
    await expect(outbox.send(dm('discord:1'))).rejects.toMatchObject({
      code: ErrorCode.ChatIdUnrouted,
      message: expect.stringContaining('discord is not running here'),
    });
    await expect(outbox.send(dm('U1'))).rejects.toMatchObject({ code: ErrorCode.ChatIdUnrouted });
    await expect(outbox.findSent('k', { kind: 'dm', userId: 'console:ana' }, new Date(0))).rejects.toMatchObject({
      code: ErrorCode.ChatIdUnrouted,
    });
    expect(slack.sent).toEqual([]);
  });

  it("a direct message from a request on one platform to a person on another leaves the request's channel behind", async () => {
    const { outbox, discord } = twoPlatforms();
    await outbox.send(dm('discord:7'), { channelId: 'slack:C1', threadId: '1.1', intentKey: 'k' });
    expect(discord.sent).toEqual([{ to: '7', channelId: undefined }]);
  });

  it('says where a message landed with the platform named, as the core stores it', async () => {
    const outbox = new Outbox(redactor);
    outbox.attach({ send: async () => ({ channelId: 'C9', messageId: '1.2' }) }, 'slack');
    expect(await outbox.send(post(), { channelId: 'slack:C9' })).toEqual({ channelId: 'slack:C9', messageId: '1.2' });
  });

  it('a reply without a destination goes to the first adapter, which reports it missing; no adapter at all is its own error', async () => {
    const { outbox, slack } = twoPlatforms();
    await outbox.send(post());
    expect(slack.sent).toEqual([{ to: undefined, channelId: undefined }]);
    await expect(new Outbox(redactor).send(dm('slack:U1'))).rejects.toMatchObject({ code: ErrorCode.NoChatAdapter });
  });
});
