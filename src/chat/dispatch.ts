import type { z } from 'zod';
import { ErrorCode, TactError } from '../errors.js';
import { cleanText } from '../privacy/text.js';
import type { Command, CommandContext, Outcome, Subcommand } from './command.js';
import { commandForms, isAllowed, usageLine, type Audience } from './command.js';
import { checkAnswer, type FormSpec, type FormValues, isSkip } from './form.js';
import { helpReply } from './help.js';
import { runOncePer } from './once.js';
import { likelyMeant } from './typos.js';
import { redactReply, reply, type Reply } from './reply.js';

/**
 * Runs a command for any adapter: picks the subcommand, checks who may use it, validates the input
 * against its schema, ignores repeated deliveries, and passes every reply through the redactor.
 */

export async function dispatch(command: Command, rawText: string, ctx: CommandContext): Promise<Outcome> {
  // the input is redacted below: with the names registered on any instance sharing the store
  await ctx.services.aliases.refresh();
  const text = cleanText(rawText);
  if (text === '' && command.form) return { kind: 'form', form: command.form.spec };
  const [first = ''] = text.split(/\s+/);
  const fallback = command.subcommands.find((s) => s.name === '');
  // Only a command whose default form is free text from the first word (a pasted review) gives a
  // subcommand word back to that text; elsewhere ("/complaint show banana") the subcommand explains.
  const freeText = fallback?.args[0]?.kind === 'rest';
  const next = text.slice(first.length).trim().split(/\s+/)[0] ?? '';
  // A subcommand word counts only when what follows reads as its arguments (nothing, an id, a
  // number, a period, one of its choices). Otherwise, for a command that takes free text, the word
  // is part of that text: a pasted review may well start "Shorter wait times…" or "Help me…".
  const looksLikeArguments =
    next === '' || /^([a-z]-?)?\d+d?$/i.test(next) || argumentChoices(command).has(next.toLowerCase());
  if (text === '' || (first.toLowerCase() === 'help' && (next === '' || !freeText)))
    return replies(ctx, [helpReply(command)]);
  const exact = command.subcommands.find((s) => s.name !== '' && s.name === first.toLowerCase());
  const named = exact && (looksLikeArguments || !freeText) ? exact : undefined;
  const meant =
    exact || !looksLikeArguments
      ? undefined
      : likelyMeant(first, command.subcommands.map((s) => s.name).filter(Boolean));
  if (meant) {
    // "/complaint shwo C-1" must not log a complaint about a patient called "shwo".
    return replies(ctx, [
      reply.private(
        `Did you mean /${command.name} ${meant}? Nothing was saved. (If "${first}" was meant as text, put it in quotes.)`,
      ),
    ]);
  }
  const subcommand = named ?? fallback;
  if (!subcommand) {
    return replies(ctx, [reply.private(`/${command.name} has no "${first}".`), helpReply(command)]);
  }
  if (!isAllowed(ctx, subcommand.audience))
    return replies(ctx, [refusal(`/${command.name} ${subcommand.name}`, subcommand.audience)]);
  const rest = named ? text.slice(first.length).trim() : text;
  const raw = subcommand.parseText(subcommand.readsRawText ? rest : ctx.services.redactor.redact(rest));
  if (raw['_extra'] !== undefined) {
    return replies(ctx, [usageProblem(command, subcommand, `there is extra text: "${String(raw['_extra'])}"`)]);
  }
  const read = subcommand.read(raw);
  if (!read.ok) return replies(ctx, [usageProblem(command, subcommand, describeIssues(read.issues))]);
  return once(ctx, async () => freshReplies(ctx, await subcommand.run(read.input, ctx)));
}

/** Replies after work that took a while: an alias registered meanwhile on another instance counts. */
async function freshReplies(ctx: CommandContext, list: Reply[]): Promise<Outcome> {
  await ctx.services.aliases.refresh();
  return replies(ctx, list);
}

/** Every word a subcommand's arguments offer as a choice (open, all, set, now…). */
function argumentChoices(command: Command): Set<string> {
  return new Set(
    command.subcommands.flatMap((s) => s.args.flatMap((a) => a.choices ?? [])).map((c) => c.toLowerCase()),
  );
}

export type PreparedForm =
  | { kind: 'invalid-form'; errors: Record<string, string>; form: FormSpec }
  | { kind: 'ready'; run: () => Promise<Outcome> };

/**
 * A submitted form: invalid fields go back to the form, named; valid ones run like typed text.
 * Validation is separate from running so an adapter can answer the platform before the work.
 */
export function prepareForm(
  command: Command,
  formId: string,
  values: FormValues,
  context: string | undefined,
  ctx: CommandContext,
): PreparedForm {
  const form = commandForms(command).find((f) => f.spec.id === formId);
  const subcommand = command.subcommands.find((s) => s.name === form?.subcommand);
  if (!form || !subcommand) throw new TactError(ErrorCode.HandlerFailed, `/${command.name} has no form ${formId}`);
  if (!isAllowed(ctx, subcommand.audience)) {
    const words = refusal(`/${command.name} ${subcommand.name}`, subcommand.audience);
    return { kind: 'ready', run: async () => replies(ctx, [words]) };
  }
  // Each field is checked on its own, in the words of the form ("skip" clears an optional one);
  // the command's schema reads the rest. A field's own words win over the schema's, but a missing
  // answer keeps the schema's more helpful words when it has some.
  const answers = form.spec.fields.map((field) => ({ field, answer: checkAnswer(field, values[field.id], 'words') }));
  const settled: Record<string, string | undefined> = { ...values };
  for (const { field, answer } of answers) if (answer.ok) settled[field.id] = answer.value;
  const whole = (field: string) => subcommand.readsRawText === true || form.wholeFields?.includes(field) === true;
  const redact = (field: string, value: string) => (whole(field) ? value : ctx.services.redactor.redact(value));
  const cleaned = Object.fromEntries(
    Object.entries(settled).map(([k, v]) => [k, v === undefined ? undefined : redact(k, cleanText(v))]),
  );
  const read = subcommand.read(form.toInput(cleaned, context));
  const errors: Record<string, string> = {};
  if (!read.ok) {
    for (const issue of read.issues) {
      const field = String(issue.path[0] ?? form.spec.fields[0]?.id ?? '');
      errors[field] ??= issueWords(issue);
    }
  }
  for (const { field, answer } of answers) {
    if (answer.ok) continue;
    const given = (values[field.id] ?? '').trim();
    if (given === '' || isSkip(given)) errors[field.id] ??= answer.problem;
    else errors[field.id] = answer.problem;
  }
  if (!read.ok || Object.keys(errors).length) return { kind: 'invalid-form', errors, form: form.spec };
  return {
    kind: 'ready',
    run: () => once(ctx, async () => freshReplies(ctx, await subcommand.run(read.input, ctx))),
  };
}

/** A button press: checked against its audience and run once per delivery. */
export async function dispatchAction(
  command: Command,
  actionId: string,
  value: string,
  ctx: CommandContext,
): Promise<Outcome> {
  const action = command.actions?.find((a) => a.id === actionId);
  if (!action) throw new TactError(ErrorCode.HandlerFailed, `/${command.name} has no action ${actionId}`);
  if (!isAllowed(ctx, action.audience)) return replies(ctx, [refusal('that button', action.audience)]);
  return once(ctx, async () => {
    const outcome = await action.run(cleanText(value), ctx);
    return outcome.kind === 'replies' ? freshReplies(ctx, outcome.replies) : outcome;
  });
}

/** Runs work once per delivery: a repeated delivery (a platform retry, a double submit) is a duplicate. */
async function once(ctx: CommandContext, work: () => Promise<Outcome>): Promise<Outcome> {
  if (!ctx.deliveryId) return work();
  const result = await runOncePer(ctx.services.storage, 'delivery', ctx.place.platform, ctx.deliveryId, work);
  return result.ran ? result.value : { kind: 'duplicate' };
}

function replies(ctx: CommandContext, list: Reply[]): Outcome {
  return { kind: 'replies', replies: list.map((r) => redactReply(r, ctx.services.redactor)) };
}

const AUDIENCE_WORDS: Record<Exclude<Audience, 'anyone'>, string> = {
  managers: 'practice managers',
  press: 'the media spokesperson and practice managers',
};

function refusal(what: string, audience: Audience): Reply {
  const who = audience === 'anyone' ? 'staff' : AUDIENCE_WORDS[audience];
  return reply.private(`Only ${who} can use ${what}. If you need something from it, ask your practice manager.`);
}

function usageProblem(command: Command, subcommand: Subcommand, problem: string): Reply {
  return reply.private(`That didn't work: ${problem}.`, [
    { kind: 'text', text: `That didn't work: ${problem}.` },
    { kind: 'text', text: `Usage: ${usageLine(command, subcommand)}\nMore: /${command.name} help` },
  ]);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return [...new Set(issues.map(issueWords))].join('; ');
}

/** zod's own messages ("Too big: expected string to have <=1000 characters"), as opposed to a schema's words. */
const ZOD_DEFAULT = /^(?:Invalid|Too (?:big|small)|Unrecognized)\b/;

/**
 * The words a person sees for an input problem. Every command schema gives its own message; should
 * one be missed, zod's default is replaced here rather than shown.
 */
function issueWords(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  const name = issue.path.length
    ? String(issue.path[issue.path.length - 1])
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .replace(/[-_]/g, ' ')
        .toLowerCase()
    : '';
  const what = name ? `the ${name}` : 'that';
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? `${what} is too long: up to ${String(issue.maximum)} characters`
        : `${what} is too large`;
    case 'too_small':
      return issue.origin === 'string' ? `${what} is too short` : `${what} is too small`;
    case 'invalid_type':
      return name ? `${what} is missing or not text` : 'something is missing';
    default:
      return `${what} is not something Tact can read`;
  }
}
