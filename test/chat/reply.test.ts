import { describe, expect, it } from 'vitest';
import { mapReplyText, reply, type Reply } from '../../src/chat/reply.js';

describe('mapReplyText', () => {
  it('transforms every text of every section, the summary and action labels, but not user ids', () => {
    const original: Reply = {
      visibility: 'dm',
      to: 'u-abc',
      summary: 'abc',
      sections: [
        { kind: 'heading', text: 'abc' },
        { kind: 'text', text: 'abc' },
        { kind: 'preformatted', text: 'abc' },
        {
          kind: 'fields',
          fields: [
            { label: 'abc', value: 'abc' },
            { label: 'abc', value: 'u-abc', user: true },
          ],
        },
        { kind: 'list', title: 'abc', items: ['abc', 'abc'] },
        { kind: 'list', items: ['abc'] },
      ],
      actions: [{ id: 'x.abc', label: 'abc', value: 'abc' }],
    };
    const mapped = mapReplyText(original, (t) => t.toUpperCase());
    expect(mapped).toEqual({
      visibility: 'dm',
      to: 'u-abc',
      summary: 'ABC',
      sections: [
        { kind: 'heading', text: 'ABC' },
        { kind: 'text', text: 'ABC' },
        { kind: 'preformatted', text: 'ABC' },
        {
          kind: 'fields',
          fields: [
            { label: 'ABC', value: 'ABC' },
            { label: 'ABC', value: 'u-abc', user: true },
          ],
        },
        { kind: 'list', title: 'ABC', items: ['ABC', 'ABC'] },
        { kind: 'list', items: ['ABC'] },
      ],
      actions: [{ id: 'x.abc', label: 'ABC', value: 'abc' }],
    });
    // the original is untouched
    expect(original.summary).toBe('abc');
    expect('title' in (mapped.sections[5] ?? {})).toBe(false);
  });

  it('reply.private makes a private reply with one text section by default', () => {
    expect(reply.private('hi')).toEqual({
      visibility: 'private',
      summary: 'hi',
      sections: [{ kind: 'text', text: 'hi' }],
    });
  });
});
