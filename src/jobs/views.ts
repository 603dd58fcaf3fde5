import type { Reply } from '../chat/reply.js';
import type { Complaint, Step } from '../complaints/model.js';
import type { FollowUp } from '../followups/model.js';
import type { Inquiry } from '../inquiries/model.js';
import type { MediaInquiry, NudgeKind } from '../media/model.js';
import type { Services } from '../services.js';
import type { TouchDraft } from '../touches/draft.js';
import type { Touch } from '../touches/model.js';
import type { EscalationLevelName, Page, PageRound } from '../urgent/model.js';

/** One round of an urgent page as its words need it: which page it is (from 1), the level, the round before. */
export interface PageRoundView {
  number: number;
  level: EscalationLevelName;
  /** the round before, whose people did not acknowledge */
  earlier: PageRound | undefined;
}

/**
 * The words the timed work posts. The jobs decide when and to whom; the chat layer (commands/)
 * owns how it reads, so the scheduler never imports the UI. The composition root passes the real
 * views; each job takes only the ones it posts.
 */
export interface JobViews {
  /**
   * to one person in the step's role: pathway step `number` (from 1) of a complaint is past its due
   * time; `stoodIn`: they are a manager told because nobody fills the role
   */
  overdueStep(complaint: Complaint, step: Step, number: number, to: string, routing: { stoodIn: boolean }): Reply;
  /**
   * in the message's thread: a patient message has waited its reply goal; `urgentGoalMs`: the
   * goal of a nervous patient (real time), for the words
   */
  inquiryThreadNudge(inquiry: Inquiry, waitedMs: number, urgentGoalMs?: number): Reply;
  /** to one manager: a patient message has waited twice its reply goal */
  inquiryEscalation(inquiry: Inquiry, to: string, waitedMs: number, urgentGoalMs?: number): Reply;
  /** to one person: a press inquiry is unclaimed, or near its deadline */
  mediaNudge(kind: NudgeKind, inquiry: MediaInquiry, to: string, zone: string, now: Date): Reply;
  /** to one person in the on-call chain: an urgent matter, with Acknowledge */
  urgentPage(page: Page, round: PageRoundView, to: string): Reply;
  /** to one manager: nobody acknowledged an urgent page and Tact stopped paging */
  pageUnanswered(page: Page, to: string): Reply;
  /** a follow-up has fallen due: where to post it is the job's choice (the inbox channel or the owner) */
  followUpDue(followUp: FollowUp, zone: string, now: Date): Reply;
  /** to one person: a due follow-up is still open after the reply goal (owner) or twice it (managers) */
  followUpNudge(followUp: FollowUp, kind: 'owner' | 'managers', to: string, waitedMs: number): Reply;
  /** to a touch's owner, on its day: the occasion and a draft note to send themselves */
  touchReminder(touch: Touch, draft: TouchDraft, zone: string): Reply;
  /** the daily digest for its channel; it reads what is open itself, so it is async */
  digest(services: Services): Promise<Reply>;
  /** the weekly digest with its charts (counts only: no patient reference, no message body) */
  weeklyDigest(services: Services): Promise<Reply>;
}
