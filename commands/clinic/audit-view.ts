import type { CommandContext } from '../../src/chat/command.js';
import { reply, type Reply, type Section } from '../../src/chat/reply.js';
import { describeError, errorCodeOf } from '../../src/errors.js';
import type { AuditEntry, AuditListing, AuditRead, AuditedRead } from '../../src/privacy/audit.js';
import { clinicTime } from '../shared/format.js';
import { shownId } from '../../src/chat/ids.js';

/** Words for the audit trail: the "not shown" answer and the `/tact audit` listing. */

/**
 * Shows a restricted record only once its read is in the audit trail. When the trail cannot be
 * written, the person gets "not shown" instead of the record: an unrecorded read is what the trail
 * exists to prevent.
 */
export async function afterAudit(
  ctx: CommandContext,
  read: Omit<AuditRead, 'actor'>,
  show: () => Promise<Reply[]> | Reply[],
): Promise<Reply[]> {
  try {
    await ctx.services.audit.record({ ...read, actor: ctx.actor.id });
  } catch (error) {
    const code = errorCodeOf(error);
    ctx.services.logger.error('audit write failed: the read was refused', {
      code,
      read: read.read,
      error: describeError(error),
    });
    return [notShown(code)];
  }
  return show();
}

function notShown(code: string): Reply {
  return reply.private(
    `Not shown: Tact could not record this read in the audit trail (${code}), and restricted records are shown only once their read is recorded. Nothing was changed; try again in a moment, and tell your admin if it keeps happening.`,
  );
}

const READ_WORDS: Record<AuditedRead, string> = {
  'complaint.show': 'opened complaint',
  'complaint.list': 'listed complaints',
  'complaint.trends': 'read complaint trends',
  'complaint.letter': 'drafted a letter for complaint',
  'complaint.history': "read a patient's complaint history",
  'complaint.export': 'exported complaints',
  'media.show': 'opened press inquiry',
  'media.list': 'listed press inquiries',
  'media.claim': 'claimed press inquiry',
  'alias.list': 'listed the aliases',
  'audit.list': 'read the audit trail',
};

/** How many record ids one line names before it counts the rest. */
const IDS_PER_LINE = 6;

export function auditLine(entry: AuditEntry, zone: string): string {
  const shown = entry.records.slice(0, IDS_PER_LINE);
  const rest = entry.records.length - shown.length + (entry.more ?? 0);
  const records = shown.length
    ? ` ${shown.join(', ')}${rest ? ` and ${rest} more` : ''}`
    : rest
      ? ` (${rest} records)`
      : '';
  const period = entry.days ? ` (last ${entry.days} days)` : '';
  return `${clinicTime(entry.at, zone)} · ${shownId(entry.actor)} · ${READ_WORDS[entry.read]}${records}${period}`;
}

export function auditSections(listing: AuditListing, days: number, zone: string): Section[] {
  const total = listing.entries.length + listing.more;
  const title = `Reads of restricted records, last ${days} days: ${total}`;
  const items = listing.entries.map((e) => auditLine(e, zone));
  if (listing.more) items.push(`…and ${listing.more} older; narrow the period, e.g. /tact audit 1d`);
  return [
    { kind: 'heading', text: title },
    { kind: 'list', items: items.length ? items : ['none'] },
    { kind: 'text', text: 'Newest first. Each line: when (clinic time), who (their chat user id), what they read.' },
  ];
}
