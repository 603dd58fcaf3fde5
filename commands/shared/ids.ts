import { z } from 'zod';
import type { ArgSpec, CommandContext, Outcome } from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';
import type { RecordIds } from '../../src/ids.js';

/** The `<id>` argument of a subcommand, and buttons that carry an id, for any kind of record. */
export function idArgument(ids: RecordIds, what: string): { arg: ArgSpec; schema: z.ZodType<number, string> } {
  const example = ids.format(12);
  return {
    arg: { name: 'id', description: `${what} id such as ${example}`, kind: 'word' },
    schema: z.string({ error: `give ${what} id such as ${example}` }).transform((value, ctx) => {
      const number = ids.parse(value);
      if (number === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not ${what} id; ids look like ${example}` });
        return z.NEVER;
      }
      return number;
    }),
  };
}

/** A button's value names a record; one that no longer parses gets words, not an exception. */
export async function withRecordId(
  ids: RecordIds,
  value: string,
  run: (number: number) => Promise<Outcome>,
): Promise<Outcome> {
  const number = ids.parse(value);
  if (number === undefined)
    return {
      kind: 'replies',
      replies: [reply.private(`That button refers to "${value}", which Tact no longer knows.`)],
    };
  return run(number);
}

/** A button whose value is a record id and whose press answers with replies (claim, done, skip...). */
export function recordButton(ids: RecordIds, run: (number: number, ctx: CommandContext) => Promise<Reply[]>) {
  return (value: string, ctx: CommandContext): Promise<Outcome> =>
    withRecordId(ids, value, async (number) => ({ kind: 'replies', replies: await run(number, ctx) }));
}
