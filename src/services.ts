import type { Clock } from './clock.js';
import type { Outbound } from './chat/outbox.js';
import type { ComplaintService } from './complaints/service.js';
import type { NervousPatients } from './inquiries/nervous.js';
import type { FollowUpService } from './followups/service.js';
import type { InquiryService } from './inquiries/service.js';
import type { MediaService } from './media/service.js';
import type { AliasRegistry } from './privacy/aliases.js';
import type { AuditTrail } from './privacy/audit.js';
import type { Logger } from './log.js';
import type { Redactor } from './privacy/redactor.js';
import type { PromptLibrary } from './prompts.js';
import type { ReplyLibrary } from './reviews/replies.js';
import type { ReviewService } from './reviews/service.js';
import type { ClosureService } from './settings/closures.js';
import type { OnCallService } from './settings/on-call.js';
import type { SettingsService } from './settings/service.js';
import type { ClinicCalendar } from './time/clinic-calendar.js';
import type { Storage } from './storage.js';
import type { PageService } from './urgent/service.js';
import type { TouchService } from './touches/service.js';
import type { UrgentSigns } from './urgent/sign-list.js';

/** What commands may use. Built once in src/main.ts and passed to every adapter. */
export interface Services {
  clock: Clock;
  settings: SettingsService;
  /** the days the clinic is shut besides its weekly hours */
  closures: ClosureService;
  /** weekly hours less closures and public holidays: what reply goals, due times and the digest follow */
  calendar: ClinicCalendar;
  /** who is on call now, and who is paged in turn */
  onCall: OnCallService;
  complaints: ComplaintService;
  /** urgent pages to the person on call, until someone acknowledges */
  pages: PageService;
  /** the words that signal an emergency (built-in, TACT_URGENT_SIGNS_FILE, the clinic's own): `detect(text)` */
  signs: UrgentSigns;
  media: MediaService;
  reviews: ReviewService;
  /** the sentences review replies are built from, built-in and the clinic's own */
  replies: ReplyLibrary;
  inquiries: InquiryService;
  /** patients marked nervous after treatment, by keyed hash of their reference */
  nervous: NervousPatients;
  /** planned check-ins with patients (`F-n`), the channel each patient last used, after-care sets */
  followups: FollowUpService;
  /** personal touches (`T-n`): thank-yous, event wishes, birthdays, reminded to their owner on the day */
  touches: TouchService;
  /** messages no user request started, or that must land in a channel (notices); redacted */
  outbox: Outbound;
  aliases: AliasRegistry;
  /** who read which restricted record; written before the record is shown */
  audit: AuditTrail;
  prompts: PromptLibrary;
  redactor: Redactor;
  /** for work that finishes but must report a side failure (a notice that could not be posted) */
  logger: Logger;
  storage: Storage;
}
