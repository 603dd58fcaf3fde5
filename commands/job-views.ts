import type { JobViews } from '../src/jobs/views.js';
import { overdueStepReply } from './complaints/complaint-view.js';
import { digestReply } from './digest/digest.js';
import { weeklyDigestReply } from './digest/weekly.js';
import { followUpDue, followUpNudge } from './followups/followup-view.js';
import { touchReminder } from './touches/touch-view.js';
import { managerEscalation, threadNudge } from './inquiries/inquiry-view.js';
import { nudgeReply } from './media/media-view.js';
import { pageUnansweredReply, urgentPageReply } from './urgent/page-view.js';

/** The real words of the timed work, handed to the jobs by the composition root (and the job tests). */
export const jobViews: JobViews = {
  overdueStep: overdueStepReply,
  inquiryThreadNudge: threadNudge,
  inquiryEscalation: managerEscalation,
  mediaNudge: nudgeReply,
  urgentPage: urgentPageReply,
  pageUnanswered: pageUnansweredReply,
  followUpDue,
  followUpNudge,
  touchReminder,
  digest: (services) => digestReply(services, 'channel'),
  weeklyDigest: weeklyDigestReply,
};
