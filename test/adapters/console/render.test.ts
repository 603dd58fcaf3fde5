import { describe, expect, it } from 'vitest';
import { fieldPrompt, renderReply } from '../../../src/adapters/console/render.js';
import { matchChoice as readChoice } from '../../../src/chat/form.js';
import type { FormField } from '../../../src/chat/form.js';

const choice: FormField = {
  id: 'source',
  label: 'How it reached us',
  kind: 'choice',
  choices: [
    { value: 'phone', label: 'phone' },
    { value: 'in-person', label: 'in person' },
  ],
};

describe('console render', () => {
  it('renders every section kind as plain text, mentions as @id', () => {
    const text = renderReply({
      visibility: 'dm',
      to: 'U1',
      summary: 's',
      sections: [
        { kind: 'heading', text: 'Head' },
        { kind: 'text', text: 'Body' },
        {
          kind: 'fields',
          fields: [
            { label: 'A', value: '1' },
            { label: 'By', value: 'U2', user: true },
          ],
        },
        { kind: 'list', title: 'Items', items: ['x', 'y'] },
        { kind: 'list', items: [] },
        { kind: 'preformatted', text: 'l1\nl2' },
      ],
      actions: [{ id: 'a', label: 'Claim', value: 'M-1' }],
    });
    expect(text).toBe(
      [
        '[direct message to @U1]',
        '== Head ==',
        'Body',
        'A: 1 | By: @U2',
        'Items:',
        '  - x',
        '  - y',
        '  - (none)',
        '',
        '  l1',
        '  l2',
        '',
        'Actions: Claim',
      ].join('\n'),
    );
  });

  it('reads a choice by number, value or label, and passes anything else through', () => {
    expect(readChoice(choice, '2')).toBe('in-person');
    expect(readChoice(choice, 'PHONE')).toBe('phone');
    expect(readChoice(choice, 'In Person')).toBe('in-person');
    expect(readChoice(choice, '3')).toBe('3');
    expect(readChoice(choice, 'fax')).toBe('fax');
  });

  it('prompts with numbered choices and marks optional fields', () => {
    expect(fieldPrompt(choice)).toBe('How it reached us\n  1) phone  2) in person\n> ');
    expect(fieldPrompt({ id: 'p', label: 'Provider', kind: 'text', optional: true })).toBe(
      'Provider (optional: skip or Enter)\n> ',
    );
  });
});
