import { describe, expect, it } from 'vitest';
import { renderReply as renderConsole } from '../../src/adapters/console/render.js';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../../src/adapters/slack/render.js';
import type { Reply } from '../../src/chat/reply.js';

/** A `user: true` field holds a qualified id: each adapter strips its own platform's for a mention. */
const owner = (id: string): Reply => ({
  visibility: 'channel',
  summary: 'I-1',
  sections: [{ kind: 'fields', fields: [{ label: 'Owner', value: id, user: true }] }],
});

describe('a person named in a reply', () => {
  it('is a mention on their own platform', () => {
    expect(JSON.stringify(renderSlack(owner('slack:U123ABC')))).toContain('<@U123ABC>');
    expect(
      renderDiscord(owner('discord:123456789012345678'))
        .map((m) => m.content)
        .join('\n'),
    ).toContain('<@123456789012345678>');
    expect(renderConsole(owner('console:ana'))).toContain('Owner: @ana');
  });

  it('is plain text, never a mention of someone else, on another platform', () => {
    const slack = JSON.stringify(renderSlack(owner('discord:123456789012345678')));
    expect(slack).not.toContain('<@');
    expect(slack).toContain('123456789012345678');
    const discord = renderDiscord(owner('slack:U123ABC'))
      .map((m) => m.content)
      .join('\n');
    expect(discord).not.toContain('<@');
    expect(discord).toContain('U123ABC');
  });
});
