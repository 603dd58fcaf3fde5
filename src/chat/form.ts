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
