import { z } from 'zod';
import { defineSubcommand } from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import type { GateProblem } from '../../src/reviews/gate.js';
import { TONES, TOPICS, type Sentence } from '../../src/reviews/library.js';
import { CLINIC_SLOTS, type ClinicSentence, type LibraryChange } from '../../src/reviews/replies.js';
import { shownId } from '../../src/chat/ids.js';

/**
 * `/tact replies`: the clinic's own sentences for review replies. A sentence a manager adds must
 * pass the reply gate, and is only used once a manager approves it (a second, deliberate step).
 */
const ACTIONS = ['add', 'list', 'approve', 'remove'] as const;
const RATINGS = /^([1-5])(?:-([1-5]))?$/;
const USAGE =
  'write /tact replies add <slot> [stars=1-3] [topic=wait] [tone=warm] <sentence>, e.g. /tact replies add standard topic=wait We keep everyone informed.';

function ratingsFrom(text: string): number[] | undefined {
  const match = RATINGS.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  if (to < from) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** `add <slot> [key=value ...] <sentence>` | `list [all]` | `approve <id>` | `remove <id>` */
function parseReplies(text: string): Record<string, unknown> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const action = tokens.shift()?.toLowerCase();
  if (action !== 'add') return { action, ...(tokens[0] ? { id: tokens[0] } : {}) };
  const slot = tokens.shift()?.toLowerCase();
  const options: Record<string, string> = {};
  while (tokens[0] && /^(?:stars|topic|tone)=/i.test(tokens[0])) {
    const [key = '', value = ''] = (tokens.shift() ?? '').split('=');
    options[key.toLowerCase()] = value.toLowerCase();
  }
  return { action, slot, ...options, ...(tokens.length ? { text: tokens.join(' ') } : {}) };
}

const Input = z
  .object({
    action: z.enum(ACTIONS, { error: 'use add, list, approve or remove' }),
    id: z.string({ error: 'name the sentence by its id, e.g. clinic.3' }).optional(),
    slot: z
      .enum(CLINIC_SLOTS, {
        error: `the slot is one of: ${CLINIC_SLOTS.join(', ')} (the invitation, which holds the contact line, stays built-in)`,
      })
      .optional(),
    stars: z
      .string({ error: 'write stars as one rating or a range, such as stars=4-5' })
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const ratings = ratingsFrom(value);
        if (!ratings)
          ctx.addIssue({ code: 'custom', message: `stars=${value}: write one rating or a range, such as stars=4-5` });
        return ratings;
      }),
    topic: z.enum(TOPICS, { error: `topic is one of: ${TOPICS.join(', ')}` }).optional(),
    tone: z.enum(TONES, { error: `tone is one of: ${TONES.join(', ')}` }).default('plain'),
    text: z.string({ error: USAGE }).optional(),
  })
  .refine((i) => i.action !== 'add' || (i.slot && i.text), { message: USAGE, path: ['text'] })
  .refine((i) => i.topic === undefined || i.slot === 'standard', {
    message: 'only a standard sentence has a topic',
    path: ['topic'],
  })
  .refine((i) => !['approve', 'remove'].includes(i.action) || i.id, {
    message: 'name the sentence, e.g. clinic.3 (see /tact replies list)',
    path: ['id'],
  });

function stars(ratings: readonly number[]): string {
  const first = ratings[0] ?? 1;
  const last = ratings.at(-1) ?? first;
  return first === last ? `${first}★` : `${first}-${last}★`;
}

function describe(sentence: Sentence): string {
  const topics = sentence.topics ? ` · ${sentence.topics.join('/')}` : '';
  return `${sentence.id} · ${sentence.slot} · ${stars(sentence.ratings)} · ${sentence.tone}${topics}: ${sentence.text}`;
}

function describeClinic(sentence: ClinicSentence): string {
  const status =
    sentence.status === 'approved'
      ? `approved by ${shownId(sentence.approvedBy ?? '')}`
      : `proposed by ${shownId(sentence.addedBy)}, not used until approved`;
  return `${describe(sentence)} (${status})`;
}

function problemWords(problem: GateProblem): string {
  switch (problem.kind) {
    case 'unknown-word':
      return `"${problem.word}" is not a vetted word`;
    case 'character':
      return `"${problem.character}" is not allowed (words and plain punctuation only: no digits, links, mentions or markup)`;
    case 'relationship':
      return `"${problem.phrase}" tells of a contact with the reader`;
    case 'empty':
      return 'there is no sentence';
    case 'too-long':
      return `a sentence is at most ${problem.limit} characters`;
  }
}

function changeFailed(change: Exclude<LibraryChange, { ok: true }>, id: string | undefined): Reply {
  if (change.problem !== 'gate') {
    return reply.private(
      change.problem === 'not-found'
        ? `There is no clinic sentence "${id ?? ''}"; /tact replies list shows them.`
        : `${id ?? ''} is already approved.`,
    );
  }
  return reply.private('The reply gate refused that sentence; nothing was saved.', [
    { kind: 'text', text: 'The reply gate refused that sentence; nothing was saved.' },
    { kind: 'list', items: change.problems.map(problemWords) },
    {
      kind: 'text',
      text: 'A reply sentence may use only vetted words (prompts/review-words.txt, the built-in sentences, the practice name, TACT_REVIEW_VOCABULARY) and must read the same for anyone: a policy for everyone, never a past contact, a visit, care, a person or a date.',
    },
  ]);
}

export const replies = defineSubcommand({
  name: 'replies',
  summary:
    'the sentences review replies are built from: `add <slot> [stars=1-3] [topic=wait] [tone=warm] <sentence>`, `list [all]`, `approve <id>`, `remove <id>`',
  args: [
    { name: 'action', description: 'add, list, approve or remove', kind: 'word', choices: ACTIONS },
    {
      name: 'details',
      description: '<slot> [stars=..] [topic=..] [tone=..] <sentence> (add), all (list) or a sentence id',
      kind: 'rest',
      optional: true,
    },
  ],
  audience: 'managers',
  parse: parseReplies,
  schema: Input,
  async run(input, ctx) {
    const library = ctx.services.replies;
    if (input.action === 'list') {
      const clinic = library.clinicSentences().map(describeClinic);
      const builtIn = input.id?.toLowerCase() === 'all' ? library.builtIn().map(describe) : [];
      const title = `Reply library: ${library.builtIn().length} built-in sentences, ${clinic.length} of the clinic's`;
      return [
        reply.private(title, [
          { kind: 'heading', text: title },
          ...(clinic.length ? [{ kind: 'list' as const, title: "The clinic's sentences", items: clinic }] : []),
          ...(builtIn.length
            ? [{ kind: 'list' as const, title: 'Built-in (prompts/review-sentences.json)', items: builtIn }]
            : []),
          {
            kind: 'text',
            text: 'Add one with /tact replies add <slot> <sentence>; /tact replies list all shows the built-in sentences too.',
          },
        ]),
      ];
    }
    if (input.action === 'approve') {
      const change = await library.approve(input.id ?? '', ctx.actor.id);
      return [
        change.ok
          ? reply.private(`Approved ${change.sentence.id}: review replies may use it now.`)
          : changeFailed(change, input.id),
      ];
    }
    if (input.action === 'remove') {
      const change = await library.remove(input.id ?? '');
      return [change.ok ? reply.private(`Removed ${change.sentence.id}.`) : changeFailed(change, input.id)];
    }
    const slot = input.slot ?? 'opening';
    const change = await library.add(
      {
        slot,
        tone: input.tone,
        // A standard sentence answers a concern; other slots fit every rating unless told otherwise.
        ratings: input.stars ?? (slot === 'standard' ? [1, 2, 3] : [1, 2, 3, 4, 5]),
        topics: input.topic ? [input.topic] : undefined,
        text: input.text ?? '',
      },
      ctx.actor.id,
    );
    if (!change.ok) return [changeFailed(change, undefined)];
    return [
      reply.private(
        `Proposed ${change.sentence.id}: ${describe(change.sentence)}. A manager approves it with /tact replies approve ${change.sentence.id}; until then it is not used.`,
      ),
    ];
  },
});
