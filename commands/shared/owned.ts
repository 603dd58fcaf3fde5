import { isManager, type CommandContext } from '../../src/chat/command.js';
import { reply, type Reply } from '../../src/chat/reply.js';

/**
 * Records that belong to the person who made them (follow-ups, personal touches): the owner and the
 * managers see and change them; anyone else hears it is not theirs, and nothing about it.
 */
export interface Owned {
  id: string;
  owner: string;
  dueAt: string;
}

const LIST_LIMIT = 50;

/** The record if the actor may see it, else the reply that says why not. */
export function ownedBy<T extends Owned>(
  record: T | undefined,
  ctx: CommandContext,
  missing: string,
): { ok: true; record: T } | { ok: false; reply: Reply } {
  if (!record) return { ok: false, reply: reply.private(missing) };
  if (record.owner !== ctx.actor.id && !isManager(ctx))
    return {
      ok: false,
      reply: reply.private(`${record.id} is not yours: only its owner and the practice managers can see or change it.`),
    };
  return { ok: true, record };
}

/** The actor's open records (a manager's: everyone's), soonest first, under "Your …" or "…". */
export function ownedList<T extends Owned>(
  all: readonly T[],
  ctx: CommandContext,
  titles: { mine: string; everyone: string },
  line: (record: T) => string,
): Reply[] {
  const manager = isManager(ctx);
  const shown = all
    .filter((r) => manager || r.owner === ctx.actor.id)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const items = shown.slice(0, LIST_LIMIT).map(line);
  if (shown.length > LIST_LIMIT) items.push(`…and ${shown.length - LIST_LIMIT} more`);
  const whose = manager ? titles.everyone : titles.mine;
  return [
    reply.private(`${whose}: ${shown.length}`, [
      { kind: 'heading', text: `${whose}: ${shown.length}` },
      ...(items.length ? [{ kind: 'list' as const, items }] : []),
    ]),
  ];
}
