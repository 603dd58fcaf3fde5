import type { Action, Reply, Section } from '../../src/chat/reply.js';

/**
 * Words for "today" (the Slack Home tab and `/tact today`): one reply for the person's figures and
 * one per group of things waiting, each with the first few items, how many more, and the same
 * buttons the threads carry. Patient references and ids only, never a message body or a note.
 */

/** Items shown per group; the rest are counted and pointed to their list command. */
export const SHOWN_PER_GROUP = 10;
/** Items of a group that get buttons (each item has one or two). */
export const BUTTONED_PER_GROUP = 5;
/** One line per item, whatever a step's text or an outlet's name holds. */
const LINE_LIMIT = 280;

export interface TodayItem {
  line: string;
  overdue: boolean;
  actions: readonly Action[];
}

export interface TodayGroup {
  title: string;
  /** where the whole list is: `/inquiry list` */
  listCommand: string;
  /** in the order shown: overdue first, then the oldest */
  items: readonly TodayItem[];
}

export interface TodayHeader {
  title: string;
  /** the manager's part: today's figures and open complaints by tier */
  figures?: readonly string[];
  tiers?: readonly string[];
}

function clip(line: string): string {
  return line.length <= LINE_LIMIT ? line : `${line.slice(0, LINE_LIMIT - 1)}…`;
}

export function groupReply(group: TodayGroup): Reply {
  const overdue = group.items.filter((i) => i.overdue).length;
  const shown = group.items.slice(0, SHOWN_PER_GROUP);
  const more = group.items.length - shown.length;
  const title = `${group.title}: ${group.items.length}${overdue ? `, ${overdue} overdue` : ''}`;
  const items = [
    ...shown.map((i) => clip(i.overdue ? `OVERDUE · ${i.line}` : i.line)),
    ...(more > 0 ? [`and ${more} more: ${group.listCommand}`] : []),
  ];
  const actions = shown.slice(0, BUTTONED_PER_GROUP).flatMap((i) => i.actions);
  return {
    visibility: 'private',
    summary: title,
    sections: [{ kind: 'list', title, items }],
    ...(actions.length ? { actions } : {}),
  };
}

/** The whole view: the header, then each group that has something in it. */
export function todayReplies(header: TodayHeader, groups: readonly TodayGroup[]): Reply[] {
  const waiting = groups.filter((g) => g.items.length > 0);
  const total = waiting.reduce((n, g) => n + g.items.length, 0);
  const overdue = waiting.reduce((n, g) => n + g.items.filter((i) => i.overdue).length, 0);
  const summary = total
    ? `${total} waiting for you${overdue ? `, ${overdue} overdue` : ''}.`
    : 'Nothing is waiting for you.';
  const sections: Section[] = [
    { kind: 'heading', text: header.title },
    { kind: 'text', text: summary },
    ...(header.figures ? [{ kind: 'list' as const, title: "Today's patient messages", items: header.figures }] : []),
    ...(header.tiers ? [{ kind: 'list' as const, title: 'Open complaints by tier', items: header.tiers }] : []),
  ];
  return [{ visibility: 'private', summary: `${header.title}: ${summary}`, sections }, ...waiting.map(groupReply)];
}

/** A button with the item's id in its label, so a row of them says which item each acts on. */
export function itemAction(id: string, label: string, value: string, style?: Action['style']): Action {
  return { id, label: `${label} ${value}`, value, ...(style ? { style } : {}) };
}
