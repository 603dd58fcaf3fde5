import { z } from 'zod';
import { LIMITS } from '../../src/complaints/model.js';

/**
 * A patient reference as chat may show it: an alias, a chart number or a masked phone
 * (`***-***-0142`, which the redactor makes of a typed number). Two or more words made only of
 * letters read as a person's name and are refused (minimum necessary): aliases are one word.
 */
export const patientRef = z
  .string({ error: 'give a patient reference (alias or chart number) first' })
  .min(1, 'give a patient reference (alias or chart number) first')
  .max(
    LIMITS.patientRef,
    `the patient reference is longer than ${LIMITS.patientRef} characters; use an alias or chart number`,
  )
  .regex(
    /^[\p{L}\p{N}#*][\p{L}\p{N} ._#/*-]*$/u,
    'the patient reference may hold letters, digits, spaces and # . _ / - only',
  )
  .refine(
    (ref) => !/^\p{L}+(?:[ .'-]+\p{L}+)+$/u.test(ref.trim()),
    'that looks like a full name; use an alias (one word) or a chart number',
  );
