import type { Command } from '../src/chat/command.js';
import { complaint } from './complaints/complaint.js';
import { followup } from './followups/followup.js';
import { inquiry } from './inquiries/inquiry.js';
import { media } from './media/media.js';
import { review } from './reviews/review.js';
import { tact } from './clinic/tact.js';
import { touch } from './touches/touch.js';

/** Every command Tact answers, listed explicitly: adapters register exactly these. */
export const commands: readonly Command[] = [complaint, media, inquiry, followup, touch, review, tact];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name.replace(/^\//, '').toLowerCase());
}
