import type { Redactor } from '../privacy/redactor.js';
/**
 * The platform-neutral answer a command gives. Text here is plain text written by Tact or by staff;
 * every adapter escapes it for its own markup, so user text can never become a mention or a link.
 */
export type Visibility = 'private' | 'channel' | 'thread' | 'dm';

export interface Field {
  label: string;
  value: string;
  /** the value is a user id: adapters show it as a mention of that user */
  user?: boolean;
}

export type Section =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: readonly Field[] }
  | { kind: 'list'; title?: string; items: readonly string[] }
  /** Preformatted text (letters, tables): shown in a code block where the platform has one. */
  | { kind: 'preformatted'; text: string };

export interface Action {
  /** stable identifier the adapter routes back to the command, e.g. `complaint.status` */
  id: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

/**
 * A file beside the text (a chart, an export). The Outbox redacts text only: a file must hold no
 * patient data beyond what its command redacted (charts are drawn from counts; exports hold
 * redacted patient references only).
 */
export interface Attachment {
  /** file name with its extension, e.g. `complaint-trends.png` */
  name: string;
  mime: string;
  /** a short title shown with the file */
  title: string;
  bytes: Uint8Array;
}

export interface Reply {
  visibility: Visibility;
  /** for `dm`: the user id to write to */
  to?: string;
  /** short plain summary, used for notifications and platforms' fallback text */
  summary: string;
  sections: Section[];
  actions?: Action[];
  /** files shown beside the text: Slack uploads them, Discord attaches them, the console writes them */
  files?: Attachment[];
  /**
   * Contacts this reply may show whole (a reporter's business line, for the press audience). Honoured
   * only while the reply is private or a direct message: in a channel or thread they are masked like
   * any other contact. The command that sets it checks who the reply is for.
   */
  wholeContacts?: readonly string[];
}

export const reply = {
  private(summary: string, sections: Section[] = [{ kind: 'text', text: summary }]): Reply {
    return { visibility: 'private', summary, sections };
  },
  dm(to: string, summary: string, sections: Section[]): Reply {
    return { visibility: 'dm', to, summary, sections };
  },
};

/**
 * The one rule for redacting a reply, at every redaction point (dispatch, the pipeline, the Outbox):
 * its wholeContacts are kept only when it is addressed privately or by direct message.
 */
export function redactReply(value: Reply, redactor: Redactor): Reply {
  const addressed = value.visibility === 'private' || value.visibility === 'dm';
  const whole = addressed ? value.wholeContacts : undefined;
  return mapReplyText(value, (text) => redactor.redact(text, whole));
}

/** Applies a text transformation (the redactor) to every piece of text in a reply. */
export function mapReplyText(value: Reply, transform: (text: string) => string): Reply {
  const sections = value.sections.map((section) => mapSectionText(section, transform));
  const actions = value.actions?.map((a) => ({ ...a, label: transform(a.label) }));
  return { ...value, summary: transform(value.summary), sections, ...(actions ? { actions } : {}) };
}

// A named function with a declared return type: TypeScript proves the switch covers every kind.
function mapSectionText(section: Section, transform: (text: string) => string): Section {
  switch (section.kind) {
    case 'heading':
    case 'text':
    case 'preformatted':
      return { ...section, text: transform(section.text) };
    case 'fields':
      return {
        ...section,
        fields: section.fields.map((f) => ({
          ...f,
          label: transform(f.label),
          value: f.user ? f.value : transform(f.value),
        })),
      };
    case 'list':
      return {
        ...section,
        ...(section.title === undefined ? {} : { title: transform(section.title) }),
        items: section.items.map(transform),
      };
  }
}
