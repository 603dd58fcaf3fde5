import type { Action, Reply, Section } from '../../src/chat/reply.js';
import type { Draft, Review } from '../../src/reviews/model.js';

/** Words for review replies: the draft card, the legal-threat notice, the approval. */
const SOURCE_WORDS: Record<Draft['source'], string> = {
  model: 'Built from the reply library: sentences chosen by the drafting model',
  library: 'Built from the reply library: sentences chosen by Tact',
  template: 'A draft from before the reply library',
};

export function draftActions(review: Review): Action[] {
  return [
    { id: 'review.approve', label: 'Approve', value: review.id, style: 'primary' },
    { id: 'review.regenerate', label: 'Regenerate', value: review.id },
    { id: 'review.shorter', label: 'Shorter', value: review.id },
    { id: 'review.warmer', label: 'Warmer', value: review.id },
  ];
}

export function draftCard(review: Review, draft: Draft, visibility: Reply['visibility']): Reply {
  const source = `${SOURCE_WORDS[draft.source]}${draft.fallbackReason ? ` (${draft.fallbackReason})` : ''}`;
  const sentences = draft.sentences.length ? ` Sentences: ${draft.sentences.join(', ')}.` : '';
  const contact = draft.contactRefused
    ? ' The practice contact line has words the reply gate does not know, so the plain line stands in: a manager can change it with /tact settings set practice-contact.'
    : '';
  const about = [review.platform, review.rating ? `${review.rating}★` : undefined].filter(Boolean).join(', ');
  return {
    visibility,
    summary: `Draft reply for ${review.id}`,
    sections: [
      { kind: 'heading', text: `Draft reply ${review.id}${about ? ` · ${about}` : ''}` },
      { kind: 'preformatted', text: draft.text },
      { kind: 'text', text: `${source}.${sentences}${contact}` },
      {
        kind: 'text',
        text: 'Approve it, or ask for another: Regenerate, Shorter, Warmer. Staff paste the approved reply on the review site themselves.',
      },
    ],
    actions: draftActions(review),
  };
}

export function draftingNotice(visibility: Reply['visibility']): Reply {
  return {
    visibility,
    summary: 'Drafting a reply…',
    sections: [
      { kind: 'text', text: 'Drafting a reply… (never post anything that confirms the reviewer is a patient)' },
    ],
  };
}

/** The "Log as complaint" button, typed (the console has no buttons). */
function typedLog(review: Review): Section {
  return { kind: 'text', text: `Typed instead of the button: /review complaint ${review.id} (managers).` };
}

export function legalNotice(review: Review, visibility: Reply['visibility']): Reply {
  const text = `${review.id} mentions legal action or a complaint to a board. Tact makes no draft: a practice manager must handle it. Do not reply publicly.`;
  return {
    visibility,
    summary: text,
    sections: [{ kind: 'text', text }, typedLog(review)],
    actions: [{ id: 'review.complaint', label: 'Log as complaint', value: review.id, style: 'danger' }],
  };
}

export function legalAlert(review: Review, to: string): Reply {
  return {
    visibility: 'dm',
    to,
    summary: `Review ${review.id} threatens legal action: a manager must handle it`,
    sections: [
      { kind: 'heading', text: `Review ${review.id} threatens legal action` },
      {
        kind: 'text',
        text: 'No draft was made. Decide on the response yourself, and log it as a complaint to follow the pathway.',
      },
      { kind: 'preformatted', text: review.text },
      typedLog(review),
    ],
    actions: [{ id: 'review.complaint', label: 'Log as complaint', value: review.id, style: 'danger' }],
  };
}

export function approvedNotice(review: Review, visibility: Reply['visibility']): Reply {
  const approved = review.approved;
  return {
    visibility,
    summary: `${review.id} reply approved`,
    sections: [
      { kind: 'fields', fields: [{ label: 'Approved by', value: approved?.by ?? '', user: true }] },
      { kind: 'text', text: 'Paste this on the review site yourself; Tact never posts outside this workspace:' },
      { kind: 'preformatted', text: approved?.text ?? '' },
    ],
  };
}
