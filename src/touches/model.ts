import { z } from 'zod';
import { recordIds } from '../ids.js';

/**
 * A personal touch (`T-n`): an occasion a staff member wants to mark for a patient, reminded to its
 * owner on the day with a draft note they send themselves (Tact never writes to a patient).
 * - `thank-you`: after a first visit, due two days after it is recorded;
 * - `event`: a wish the day before something in the patient's life (a wedding, a red-carpet night);
 * - `birthday`: month and day only, never a year; recurs yearly (Feb 29 falls on Feb 28 in other years).
 */
export const TOUCH_KINDS = ['thank-you', 'event', 'birthday'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const TOUCH_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TouchStatus = (typeof TOUCH_STATUSES)[number];

export const TOUCH_LIMITS = { note: 200 } as const;

export const MonthDay = z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });
export type MonthDay = z.infer<typeof MonthDay>;

export const Touch = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  kind: z.enum(TOUCH_KINDS),
  patientRef: z.string(),
  /** what the clinic typed (the event's name, the thank-you's note), redacted; empty when nothing */
  note: z.string(),
  /** the local date (`yyyy-MM-dd`) the current reminder is for: the thank-you day, the event, this year's birthday */
  occasionDate: z.string(),
  /** a birthday: month and day, never a year */
  birthday: MonthDay.optional(),
  /** the next reminder */
  dueAt: z.iso.datetime(),
  owner: z.string(),
  createdAt: z.iso.datetime(),
  status: z.enum(TOUCH_STATUSES),
  history: z.array(z.object({ at: z.iso.datetime(), by: z.string(), what: z.string() })),
});
export type Touch = z.infer<typeof Touch>;

export const TOUCH_IDS = recordIds('T');
export const touchId = TOUCH_IDS.format;
