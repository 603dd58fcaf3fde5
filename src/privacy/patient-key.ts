import { createHmac } from 'node:crypto';

/**
 * Index keys for a patient reference: a keyed hash of its normalised form, so store keys (which
 * are never encrypted) hold no patient data, while the same patient always lands on the same key.
 */
export function patientKeyer(secret: string | Buffer): (patientRef: string) => string {
  return (patientRef) =>
    createHmac('sha256', secret).update(patientRef.normalize('NFKC').trim().toLowerCase()).digest('hex').slice(0, 40);
}
