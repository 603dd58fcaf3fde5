import type { Redactor } from '../privacy/redactor.js';
import type { PromptLibrary } from '../prompts.js';
import type { Gate } from '../reviews/gate.js';
import { settleWithin } from '../time/within.js';
import type { Touch, TouchKind } from './model.js';

/**
 * The draft note in a touch reminder. The owner sends it themselves (a card, a text, a call); Tact
 * never writes to a patient. It starts from the clinic's template in prompts/ (`touch-<kind>.md`);
 * with a drafting model configured, the model may rewrite it, seeing only the kind of note, the
 * template and, for an event, the occasion the clinic typed (never the patient reference or the
 * thank-you's note). Whatever the model answers is checked (length, no digits, contacts or links)
 * and any failure, refusal or time-out means the template. Every draft passes the redactor.
 *
 * Public or private: a touch note goes from one staff member to one patient, privately, so none of
 * the kinds is public today (`PUBLIC_TOUCHES` is empty); a wish posted in public would itself say
 * that the person is a patient. A kind made public would have every sentence of its draft pass the
 * review replies' allow-list gate, or no draft at all.
 */
export const PUBLIC_TOUCHES: ReadonlySet<TouchKind> = new Set<TouchKind>();

export const NOTE_MAX = 400;

export interface NoteRequest {
  kind: TouchKind;
  /** for an event, what the clinic typed (redacted); otherwise `none` */
  occasion: string;
  /** the clinic's template, rendered */
  template: string;
}

export type NoteResult =
  | { ok: true; text: string }
  | { ok: false; failure: 'timeout' | 'error' | 'rate-limited' | 'refused' | 'malformed'; detail?: string | undefined };

/** The drafting model port for touch notes; src/adapters/llm implements it. */
export interface NoteWriter {
  readonly description: string;
  write(request: NoteRequest, timeoutMs: number): Promise<NoteResult>;
}

export type TouchDraft =
  | { text: string; source: 'model' | 'template'; modelFailure?: string | undefined }
  /** a public kind whose template failed the gate: the owner writes their own */
  | { text: undefined; source: 'none'; modelFailure?: string | undefined };

export interface TouchDraftingDeps {
  writer: NoteWriter | undefined;
  prompts: PromptLibrary;
  redactor: Redactor;
  gate: Gate;
  timeoutMs: number;
  /** which kinds are meant to be public (default `PUBLIC_TOUCHES`: none) */
  isPublic?: ((kind: TouchKind) => boolean) | undefined;
}

/** What a model's note may not hold: digits (dates, prices, numbers), contacts, links, markup, placeholders. */
const NOT_IN_A_NOTE = /[\d@#*<>{}\\]|https?:|www\./i;

export function acceptableNote(text: string): boolean {
  const clean = text.trim();
  return clean.length >= 10 && clean.length <= NOTE_MAX && !NOT_IN_A_NOTE.test(clean);
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One writer call that settles within `timeoutMs`, whatever the writer does (hangs, throws). */
function withinTime(writer: NoteWriter, request: NoteRequest, timeoutMs: number): Promise<NoteResult> {
  return settleWithin<NoteResult>(
    () => writer.write(request, timeoutMs),
    timeoutMs,
    () => ({ ok: false, failure: 'timeout' }),
    (error) => ({ ok: false, failure: 'error', detail: String(error) }),
  );
}

export class TouchDrafting {
  constructor(private readonly deps: TouchDraftingDeps) {}

  template(touch: Pick<Touch, 'kind' | 'note'>): string {
    const values: Record<string, string> = touch.kind === 'event' ? { occasion: touch.note || 'big day' } : {};
    return this.deps.redactor.redact(this.deps.prompts.render(`touch-${touch.kind}`, values));
  }

  isPublic(kind: TouchKind): boolean {
    return (this.deps.isPublic ?? ((k: TouchKind) => PUBLIC_TOUCHES.has(k)))(kind);
  }

  async draft(touch: Pick<Touch, 'kind' | 'note'>): Promise<TouchDraft> {
    const template = this.template(touch);
    const publicNote = this.isPublic(touch.kind);
    const passes = (text: string) =>
      !publicNote || sentencesOf(text).every((s) => this.deps.gate.check(s, 'sentence').ok);
    let modelFailure: string | undefined;
    if (this.deps.writer) {
      const request: NoteRequest = {
        kind: touch.kind,
        occasion: touch.kind === 'event' ? touch.note || 'none' : 'none',
        template,
      };
      const result = await withinTime(this.deps.writer, request, this.deps.timeoutMs);
      if (!result.ok) modelFailure = result.failure;
      else {
        const text = this.deps.redactor.redact(result.text.trim().replace(/\s+/g, ' '));
        if (!acceptableNote(text)) modelFailure = 'malformed';
        else if (!passes(text)) modelFailure = 'blocked by the safety gate';
        else return { text, source: 'model' };
      }
    }
    if (passes(template)) return { text: template, source: 'template', modelFailure };
    return { text: undefined, source: 'none', modelFailure };
  }
}
