import { createHmac } from 'node:crypto';
import { cleanLine } from './text.js';

/**
 * Index keys for a patient reference: a keyed hash of its normalised form, so store keys (which
 * are never encrypted) hold no patient data, while the same patient always lands on the same key,
 * however the reference was typed (the inbound clean-up's folding, then case).
 */
export function patientKeyer(secret: string | Buffer): (patientRef: string) => string {
  return (patientRef) =>
    createHmac('sha256', secret).update(cleanLine(patientRef).toLowerCase()).digest('hex').slice(0, 40);
}
