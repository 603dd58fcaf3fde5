import { describe, expect, it } from 'vitest';
import { Outbox, type Notifier } from '../../src/chat/outbox.js';
import { redactReply, type Reply } from '../../src/chat/reply.js';
import { createRedactor, publicContactsIn } from '../../src/privacy/redactor.js';

/**
 * A reporter's business line may be shown whole to the press audience: only in a reply addressed
 * privately or by direct message that names it in wholeContacts. Anywhere else (a channel post, a
 * thread, a reply that does not name it) it is masked like any contact.
 */
const LINE = '(555) 201-7788';
const CARD = `Contact: ${LINE}, or sam@dailynews.example.com; patient called from 555-301-4455`;
const redactor = createRedactor(undefined, { publicContacts: () => publicContactsIn(['555-201-0142']) });

function card(visibility: Reply['visibility'], wholeContacts?: string[]): Reply {
  return {
    visibility,
    ...(visibility === 'dm' ? { to: 'slack:USPOKES' } : {}),
    summary: CARD,
    sections: [{ kind: 'text', text: CARD }],
    ...(wholeContacts ? { wholeContacts } : {}),
  };
}

function recorder(): Notifier & { texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    send: async (reply) => {
      texts.push(reply.summary, ...reply.sections.flatMap((s) => (s.kind === 'text' ? [s.text] : [])));
      return undefined;
    },
  };
}

describe('wholeContacts', () => {
  it('a DM or private reply naming the line shows it whole; every other contact stays masked', () => {
    for (const visibility of ['dm', 'private'] as const) {
      const out = redactReply(card(visibility, [LINE]), redactor).summary;
      expect(out).toContain(LINE);
      expect(out).not.toContain('301-4455');
      expect(out).toContain('***-***-4455');
      expect(out).not.toContain('sam@dailynews');
    }
  });

  it('the same line typed another way is still the same number, and shown whole', () => {
    const out = redactReply(card('dm', ['+1 555 201 7788']), redactor).summary;
    expect(out).toContain(LINE);
  });

  it('a channel or thread post never shows it, even when the reply names it', async () => {
    for (const visibility of ['channel', 'thread'] as const) {
      expect(redactReply(card(visibility, [LINE]), redactor).summary).not.toContain('201-7788');
    }
    const outbox = new Outbox(redactor);
    const slack = recorder();
    outbox.attach(slack, 'slack');
    await outbox.send(card('channel', [LINE]), { channelId: 'slack:C1' });
    await outbox.send({ ...card('thread', [LINE]) }, { channelId: 'slack:C1', threadId: '1.2' });
    expect(slack.texts.join('\n')).not.toContain('201-7788');
    expect(slack.texts.join('\n')).toContain('***-***-7788');
  });

  it('a reply that does not name it masks it, DM or not', async () => {
    const outbox = new Outbox(redactor);
    const slack = recorder();
    outbox.attach(slack, 'slack');
    await outbox.send(card('dm'));
    expect(slack.texts.join('\n')).not.toContain('201-7788');
  });

  it("the practice's own line stays whole as before", () => {
    expect(redactor.redact('call us on 555-201-0142')).toBe('call us on 555-201-0142');
  });
});
