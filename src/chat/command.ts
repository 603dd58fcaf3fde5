import type { z } from 'zod';
import type { Services } from '../services.js';
import type { FormSpec, FormValues } from './form.js';
import type { Reply } from './reply.js';

/**
 * The platform-neutral command layer. A command file in commands/ declares its subcommands as data
 * (name, summary, arguments, a zod schema) plus `run`; adapters only turn platform events into
 * (command, text or form values, context) and the resulting replies into platform calls.
 */
export interface Actor {
  id: string;
  /** the platform roles the person holds (Discord role ids), for managers given as roles */
  roles?: readonly string[] | undefined;
  /** the person at the local console: they own the machine and its data, so they act as a manager */
  localOperator?: boolean;
}

/** Who may use a subcommand or action: everyone, managers, or the press team (spokesperson + managers). */
export type Audience = 'anyone' | 'managers' | 'press';

export function isManager(ctx: CommandContext): boolean {
  return ctx.actor.localOperator === true || ctx.services.settings.isManager(ctx.actor.id, ctx.actor.roles);
}

export function isAllowed(ctx: CommandContext, audience: Audience): boolean {
  switch (audience) {
    case 'anyone':
      return true;
    case 'managers':
      return isManager(ctx);
    case 'press':
      return isManager(ctx) || ctx.services.settings.isSpokesperson(ctx.actor.id, ctx.actor.roles);
  }
}

export interface Place {
  /** the chat adapter's name ('slack', 'discord', 'console', …) */
  platform: string;
  channelId?: string | undefined;
  threadId?: string | undefined;
}

export interface CommandContext {
  actor: Actor;
  place: Place;
  services: Services;
  /** the platform's id for this delivery (Slack trigger or view id): a repeat is ignored */
  deliveryId?: string | undefined;
}

export interface ArgSpec {
  name: string;
  description: string;
  /** `word`: one token (quotes allowed); `rest`: the remaining text */
  kind: 'word' | 'rest';
  choices?: readonly string[];
  optional?: boolean;
}

export type Outcome =
  | { kind: 'replies'; replies: Reply[] }
  | { kind: 'form'; form: FormSpec }
  /** a repeated delivery: the first one is (being) handled, so nothing is said twice */
  | { kind: 'duplicate' };

export interface SubcommandSpec<I> {
  /** empty for the command's default form, e.g. `/complaint P-1 billing: ...` */
  name: string;
  summary: string;
  args: readonly ArgSpec[];
  schema: z.ZodType<I>;
  /** custom grammar; by default `args` are read positionally */
  parse?: (text: string) => Record<string, unknown>;
  audience?: Audience;
  /**
   * The text is read before the redactor sees it. Only for managers' configuration: the alias
   * registry must receive a name to register it, and the practice's published contact line must
   * keep its phone number. Everything else is parsed from redacted text, so a registered name split
   * over two arguments ("Jane" as the reference, "Doe" in the text) is still caught.
   */
  readsRawText?: boolean;
  run(input: I, ctx: CommandContext): Promise<Reply[]>;
}

/** A subcommand with its input type erased, so commands can list subcommands of different inputs. */
export interface Subcommand {
  name: string;
  summary: string;
  args: readonly ArgSpec[];
  audience: Audience;
  readsRawText: boolean;
  read(raw: Record<string, unknown>): { ok: true; input: unknown } | { ok: false; issues: z.core.$ZodIssue[] };
  parseText(text: string): Record<string, unknown>;
  run(input: unknown, ctx: CommandContext): Promise<Reply[]>;
}

export function defineSubcommand<I>(spec: SubcommandSpec<I>): Subcommand {
  return {
    name: spec.name,
    summary: spec.summary,
    args: spec.args,
    audience: spec.audience ?? 'anyone',
    readsRawText: spec.readsRawText ?? false,
    read(raw) {
      const parsed = spec.schema.safeParse(raw);
      return parsed.success ? { ok: true, input: parsed.data } : { ok: false, issues: parsed.error.issues };
    },
    parseText: (text) => (spec.parse ? spec.parse(text) : readPositional(text, spec.args)),
    // The input was produced by `read` with this subcommand's own schema.
    run: (input, ctx) => spec.run(input as I, ctx),
  };
}

export interface CommandForm {
  spec: FormSpec;
  /** the subcommand whose schema, audience and run the form's values go through */
  subcommand: string;
  /** turns form values (and the context the form was opened with) into that subcommand's raw input */
  toInput(values: FormValues, context: string | undefined): Record<string, unknown>;
  /**
   * Fields read before the redactor sees them: a contact that is not patient data (a reporter's
   * business line) which the service stores whole, encrypted at rest, beside a masked copy.
   */
  wholeFields?: readonly string[];
}

/** A button: its value is what it acts on (e.g. `M-3`); it answers with replies or opens a form. */
export interface ActionSpec {
  id: string;
  audience: Audience;
  run(value: string, ctx: CommandContext): Promise<Outcome>;
}

export interface Command {
  name: string;
  summary: string;
  subcommands: readonly Subcommand[];
  /** the form the bare command opens */
  form?: CommandForm;
  /** forms opened by actions (e.g. a note when closing) */
  otherForms?: readonly CommandForm[];
  actions?: readonly ActionSpec[];
}

export function commandForms(command: Command): CommandForm[] {
  return [...(command.form ? [command.form] : []), ...(command.otherForms ?? [])];
}

/** Splits text into tokens; "double quoted" or “curly quoted” phrases stay one token. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (const match of text.matchAll(pattern)) tokens.push(match[1] ?? match[2] ?? match[3] ?? '');
  return tokens;
}

/** The default grammar: `args` in order, the last `rest` one taking what is left. */
export function readPositional(text: string, args: readonly ArgSpec[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  let rest = text.trim();
  for (const arg of args) {
    if (rest === '') break;
    if (arg.kind === 'rest') {
      result[arg.name] = rest;
      rest = '';
      break;
    }
    const match = /^("([^"]*)"|“([^”]*)”|(\S+))\s*/.exec(rest);
    result[arg.name] = match?.[2] ?? match?.[3] ?? match?.[4];
    rest = rest.slice(match?.[0].length ?? rest.length);
  }
  if (rest !== '') result['_extra'] = rest;
  return result;
}

export function usageLine(command: Command, subcommand: Subcommand): string {
  const args = subcommand.args.map((a) => {
    const label = a.choices ? a.choices.join('|') : a.name;
    return a.optional ? `[${label}]` : `<${label}>`;
  });
  return ['/' + command.name, subcommand.name, ...args].filter(Boolean).join(' ');
}
