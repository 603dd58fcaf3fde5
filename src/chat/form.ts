/**
 * A form a command can ask for when it is called without text: a Slack modal, a Discord modal or
 * guided prompts in the console. Submitted values come back as a record of field id to string.
 */
export interface FormChoice {
  value: string;
  label: string;
}

export interface FormField {
  id: string;
  label: string;
  kind: 'text' | 'longtext' | 'choice';
  optional?: boolean;
  placeholder?: string;
  maxLength?: number;
  choices?: readonly FormChoice[];
}

export interface FormSpec {
  /** routes the submission back to its command */
  id: string;
  title: string;
  submitLabel: string;
  fields: readonly FormField[];
  /** what the form is about (e.g. `M-3`), carried through the platform and back on submit */
  context?: string;
}

export type FormValues = Readonly<Record<string, string | undefined>>;

/** A typed answer to a choice field: its number (1-based), its value or its label. */
export function matchChoice(field: FormField, answer: string): string {
  const choices = field.choices ?? [];
  const byNumber = choices[Number(answer) - 1];
  if (/^\d+$/.test(answer) && byNumber) return byNumber.value;
  const lower = answer.trim().toLowerCase();
  return choices.find((c) => c.value === lower || c.label.toLowerCase() === lower)?.value ?? answer;
}

/** What a person types to leave a form (nothing is saved) or to pass over an optional field. */
const CANCEL_WORDS = new Set(['cancel', '/cancel', 'stop', 'quit', 'exit', 'abort']);
const SKIP_WORDS = new Set(['skip', '/skip', '-', 'none', 'n/a']);

export function isCancel(answer: string): boolean {
  return CANCEL_WORDS.has(answer.trim().toLowerCase());
}

export function isSkip(answer: string): boolean {
  return SKIP_WORDS.has(answer.trim().toLowerCase());
}

export const CANCELLED = 'Cancelled: nothing was saved.';

/**
 * How the person saw a choice field: as a numbered list (console prompts) or as the words in a
 * text box's placeholder (Discord modals). Problems are said in the same terms.
 */
export type ChoiceShown = 'numbers' | 'words';

export type Answer = { ok: true; value: string | undefined } | { ok: false; problem: string };

/**
 * One answer checked against its field where it is given: a choice must be one of the choices, a
 * required field must be there, nothing may be longer than the field allows. The words here are the
 * only ones every platform uses for a field's own problem.
 */
export function checkAnswer(field: FormField, raw: string | undefined, shown: ChoiceShown): Answer {
  const answer = (raw ?? '').trim();
  if (answer === '' || isSkip(answer)) {
    return field.optional ? { ok: true, value: undefined } : { ok: false, problem: 'This one is needed.' };
  }
  if (field.kind === 'choice') {
    const value = matchChoice(field, answer);
    if ((field.choices ?? []).some((c) => c.value === value)) return { ok: true, value };
    const count = field.choices?.length ?? 0;
    const skip = field.optional ? ', or skip' : '';
    return {
      ok: false,
      problem:
        shown === 'numbers'
          ? `Please answer with a number from 1 to ${count}${skip}.`
          : `Please answer with one of: ${(field.choices ?? []).map((c) => c.value).join(', ')}${field.optional ? ' (or leave it empty)' : ''}.`,
    };
  }
  if (field.maxLength !== undefined && answer.length > field.maxLength) {
    return {
      ok: false,
      problem: `Please keep it to ${field.maxLength} characters (this is ${answer.length}).`,
    };
  }
  return { ok: true, value: answer };
}

/** Field problems as lines a person reads: the label they saw, never the field's id. */
export function problemLines(form: FormSpec | undefined, errors: Readonly<Record<string, string>>): string[] {
  return Object.entries(errors).map(([id, problem]) => {
    const label = form?.fields.find((f) => f.id === id)?.label ?? 'The form';
    return `${label}: ${problem}`;
  });
}
