import { z } from 'zod';
import { defineSubcommand, isManager, type CommandContext } from '../../src/chat/command.js';
import { reply } from '../../src/chat/reply.js';
import { formatDuration } from '../../src/time/duration.js';
import { patientRef, refProblem } from '../shared/patient-ref.js';

/**
 * `/inquiry nervous <patient ref> [off]`: a patient who needs extra hand-holding after a treatment.
 * For TACT_NERVOUS_DAYS days their messages get the urgent reply goal (real time). Anyone may set
 * it; managers and the person who set it may clear it.
 */
export const nervous = defineSubcommand({
  name: 'nervous',
  summary: 'mark a patient as nervous after treatment (their messages get the urgent goal); add "off" to clear it',
  args: [
    { name: 'patient-ref', description: 'alias or chart number, never a full name', kind: 'word' },
    { name: 'off', description: 'optional: "off" clears the mark', kind: 'word', optional: true },
  ],
  schema: z.object({
    'patient-ref': patientRef,
    off: z.string().regex(/^off$/i, 'write "off" to clear the mark, or nothing to set it').optional(),
  }),
  async run(input, ctx) {
    const ref = input['patient-ref'];
    if (input.off) {
      const result = await ctx.services.nervous.clear(ref, ctx.actor.id, isManager(ctx));
      const words = {
        cleared: `${ref} is no longer marked nervous: their messages get the usual reply goal.`,
        'not-set': `${ref} is not marked nervous (or the mark has lapsed).`,
        'not-allowed': `Only a practice manager or the person who marked ${ref} can clear it.`,
      } as const;
      return [reply.private(words[result])];
    }
    const refused = refProblem(ref, undefined, ctx);
    if (refused) return [reply.private(refused)];
    await ctx.services.nervous.mark(ref, ctx.actor.id);
    return [reply.private(nervousMarkedWords(ref, ctx))];
  },
});

export function nervousMarkedWords(ref: string, ctx: CommandContext): string {
  const { urgentReplySlaMs, nervousDays } = ctx.services.settings.current();
  return `${ref} is marked nervous after treatment for ${nervousDays} days: their new messages get a ${formatDuration(urgentReplySlaMs)} reply goal, in real time. Clear it with /inquiry nervous ${ref} off.`;
}
