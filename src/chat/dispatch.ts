import type { z } from 'zod';
import { cleanText } from '../privacy/text.js';
import type { Command, CommandContext, Outcome, Subcommand } from './command.js';
import { isManager, usageLine } from './command.js';
import type { FormValues } from './form.js';
import { helpReply } from './help.js';
import { mapReplyText, reply, type Reply } from './reply.js';

/**
 * Runs a command for any adapter: picks the subcommand, checks who may use it, validates the input
 * against its schema, ignores repeated deliveries, and passes every reply through the redactor.
 */
const DELIVERY_TTL_MS = 24 * 3_600_000;

export async function dispatch(command: Command, rawText: string, ctx: CommandContext): Promise<Outcome> {
  const text = cleanText(rawText);
  if (text === '' && command.form) return { kind: 'form', form: command.form.spec };
  const [first = ''] = text.split(/\s+/);
  const named = command.subcommands.find((s) => s.name !== '' && s.name === first.toLowerCase());
  if (text === '' || first.toLowerCase() === 'help') return replies(ctx, [helpReply(command)]);
  const subcommand = named ?? command.subcommands.find((s) => s.name === '');
  if (!subcommand) {
    return replies(ctx, [reply.private(`/${command.name} has no "${first}".`), helpReply(command)]);
  }
  if (subcommand.managersOnly && !isManager(ctx)) return replies(ctx, [refusal(command, subcommand)]);
  const raw = subcommand.parseText(named ? text.slice(first.length).trim() : text);
  if (raw['_extra'] !== undefined) {
    return replies(ctx, [usageProblem(command, subcommand, `there is extra text: "${String(raw['_extra'])}"`)]);
  }
  const read = subcommand.read(raw);
  if (!read.ok) return replies(ctx, [usageProblem(command, subcommand, describeIssues(read.issues))]);
  if (!(await firstDelivery(ctx))) return { kind: 'duplicate' };
  return replies(ctx, await subcommand.run(read.input, ctx));
}

export type PreparedForm =
  | { kind: 'invalid-form'; errors: Record<string, string> }
  | { kind: 'ready'; run: () => Promise<Outcome> };

/**
 * A submitted form: invalid fields go back to the form, named; valid ones run like typed text.
 * Validation is separate from running so an adapter can answer the platform before the work.
 */
export function prepareForm(command: Command, values: FormValues, ctx: CommandContext): PreparedForm {
  const form = command.form;
  const subcommand = command.subcommands.find((s) => s.name === form?.subcommand);
  if (!form || !subcommand) throw new Error(`/${command.name} has no form`);
  const cleaned = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined ? undefined : cleanText(v)]));
  const read = subcommand.read(form.toInput(cleaned));
  if (!read.ok) {
    const errors: Record<string, string> = {};
    for (const issue of read.issues) {
      const field = String(issue.path[0] ?? form.spec.fields[0]?.id ?? '');
      errors[field] ??= issue.message;
    }
    return { kind: 'invalid-form', errors };
  }
  return {
    kind: 'ready',
    run: async () => {
      if (!(await firstDelivery(ctx))) return { kind: 'duplicate' };
      return replies(ctx, await subcommand.run(read.input, ctx));
    },
  };
}

async function firstDelivery(ctx: CommandContext): Promise<boolean> {
  if (!ctx.deliveryId) return true;
  return ctx.services.storage.claim(`delivery:${ctx.place.platform}:${ctx.deliveryId}`, DELIVERY_TTL_MS);
}

function replies(ctx: CommandContext, list: Reply[]): Outcome {
  const redact = (text: string) => ctx.services.redactor.redact(text);
  return { kind: 'replies', replies: list.map((r) => mapReplyText(r, redact)) };
}

function refusal(command: Command, subcommand: Subcommand): Reply {
  return reply.private(
    `Only practice managers can use /${command.name} ${subcommand.name}. If you need something from it, ask your practice manager.`,
  );
}

function usageProblem(command: Command, subcommand: Subcommand, problem: string): Reply {
  return reply.private(`That didn't work: ${problem}.`, [
    { kind: 'text', text: `That didn't work: ${problem}.` },
    { kind: 'text', text: `Usage: ${usageLine(command, subcommand)}\nMore: /${command.name} help` },
  ]);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return [...new Set(issues.map((i) => i.message))].join('; ');
}
