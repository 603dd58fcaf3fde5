import { TZDate } from '@date-fns/tz';
import { endOfDay, format } from 'date-fns';
import { z } from 'zod';
import { defineSubcommand, isAllowed, isManager, type CommandContext } from '../../src/chat/command.js';
import { shownId } from '../../src/chat/ids.js';
import type { Reply } from '../../src/chat/reply.js';
import { isOpen, ROLE_LABELS, TIERS, type Complaint } from '../../src/complaints/model.js';
import { stepRecipients } from '../../src/complaints/roles.js';
import { CHANNEL_LABELS, type Inquiry } from '../../src/inquiries/model.js';
import { isUnanswered } from '../../src/media/model.js';
import type { Services } from '../../src/services.js';
import { formatDuration } from '../../src/time/duration.js';
import { figureLines, periodFigures } from '../digest/digest.js';
import { urgentGoal } from '../inquiries/doctor.js';
import { waited } from '../inquiries/inquiry.js';
import { deadlineText } from '../media/media-view.js';
import { clinicTime } from '../shared/format.js';
import { ACK_ACTION } from '../urgent/page-view.js';
import { itemAction, todayReplies, type TodayGroup, type TodayItem } from './today-view.js';

/**
 * "Today" for one person: what they own and what is overdue, the same on the Slack Home tab and
 * from `/tact today` (Discord, the console). Managers also get today's figures and the open
 * complaints by tier; press inquiries are shown to the press team only; a complaint step shows its
 * id, text and due time, and only managers see whose complaint it is.
 */

interface Person {
  id: string;
  manager: boolean;
  press: boolean;
}

const byOverdueThenOldest = (a: { item: TodayItem; at: number }, b: { item: TodayItem; at: number }) =>
  Number(b.item.overdue) - Number(a.item.overdue) || a.at - b.at;

function ordered(entries: Array<{ item: TodayItem; at: number }>): TodayItem[] {
  return entries.sort(byOverdueThenOldest).map((e) => e.item);
}

/** Urgent pages: the ones paging this person now (managers: every one still paging). */
async function pagesGroup(services: Services, person: Person): Promise<TodayGroup> {
  const zone = services.settings.current().timezone;
  const open = await services.pages.open();
  const mine = open.filter((p) => person.manager || (p.rounds.at(-1)?.people ?? []).includes(person.id));
  return {
    title: 'Urgent pages waiting for an acknowledgement',
    listCommand: '/tact pages',
    items: mine.map((page) => ({
      line: `${page.id} · ${page.reasons.join('; ')} · since ${clinicTime(page.raisedAt, zone)}`,
      overdue: true,
      actions: [itemAction(ACK_ACTION, 'Acknowledge', page.id, 'danger')],
    })),
  };
}

function inquiryLine(inquiry: Inquiry, waitedMs: number): string {
  return [
    inquiry.id,
    CHANNEL_LABELS[inquiry.channel],
    inquiry.patientRef ?? inquiry.contact ?? 'sender not given',
    ...(inquiry.wantsDoctor ? ['wants the doctor'] : []),
    ...(inquiry.nervous ? ['nervous patient'] : []),
    `waiting ${formatDuration(waitedMs)}`,
    inquiry.owner ? 'yours' : 'unclaimed',
  ].join(' · ');
}

/** Patient messages the person owns, and those nobody has claimed yet. */
async function inquiriesGroup(services: Services, person: Person): Promise<TodayGroup> {
  const open = await services.inquiries.open();
  const goal = services.settings.current().replySlaMs;
  const now = services.clock.now().getTime();
  const entries = open
    .filter((i) => i.status !== 'answered' && (i.owner === person.id || !i.owner))
    .map((inquiry) => {
      // A nervous patient's goal runs in real time, every other in business time.
      const urgent = urgentGoal(inquiry, services);
      const received = Date.parse(inquiry.receivedAt);
      const waitedMs = waited(inquiry, services);
      const overdue = urgent === undefined ? waitedMs > goal : now - received > urgent;
      const actions = inquiry.owner
        ? [itemAction('inquiry.answer', 'Mark replied', inquiry.id, 'primary')]
        : [itemAction('inquiry.claim', 'Claim', inquiry.id), itemAction('inquiry.answer', 'Mark replied', inquiry.id)];
      return { item: { line: inquiryLine(inquiry, waitedMs), overdue, actions }, at: received };
    });
  return { title: 'Patient messages', listCommand: '/inquiry list', items: ordered(entries) };
}

/** Follow-ups the person owns due by the end of the clinic's day; managers also see everyone's overdue ones. */
async function followUpsGroup(services: Services, person: Person): Promise<TodayGroup> {
  const zone = services.settings.current().timezone;
  const now = services.clock.now();
  const endOfToday = endOfDay(new TZDate(now.getTime(), zone)).getTime();
  const open = await services.followups.open();
  const entries = open
    .filter((f) => f.status === 'open')
    .map((f) => ({ followUp: f, due: Date.parse(f.dueAt) }))
    .filter(({ followUp, due }) =>
      followUp.owner === person.id ? due <= endOfToday : person.manager && due <= now.getTime(),
    )
    .map(({ followUp, due }) => {
      const overdue = due <= now.getTime();
      const line = [
        followUp.id,
        followUp.patientRef,
        `${overdue ? 'due since' : 'due'} ${clinicTime(followUp.dueAt, zone)}`,
        followUp.channel === 'unknown' ? 'channel unknown' : CHANNEL_LABELS[followUp.channel],
        followUp.owner === person.id ? 'yours' : `owner ${shownId(followUp.owner)}`,
      ].join(' · ');
      const actions = [
        itemAction('followup.done', 'Done', followUp.id, 'primary'),
        itemAction('followup.snooze-hour', 'Snooze 1 h', followUp.id),
      ];
      return { item: { line, overdue, actions }, at: due };
    });
  return { title: 'Follow-ups due today', listCommand: '/followup list', items: ordered(entries) };
}

/**
 * Pathway steps not done whose role the person fills (managers: the steps that fall to the
 * managers). Staff see the step's text, id and due time; the patient and tier are managers' only.
 */
function stepsGroup(services: Services, person: Person, complaints: readonly Complaint[]): TodayGroup {
  const settings = services.settings.current();
  const zone = settings.timezone;
  const now = services.clock.now().getTime();
  const entries = complaints.flatMap((complaint) =>
    complaint.steps.flatMap((step, index) => {
      if (step.doneAt) return [];
      const { people, stoodIn } = stepRecipients(step.owner, settings);
      const managers = stoodIn || step.owner === 'manager' || step.owner === 'all-staff';
      if (!people.includes(person.id) && !(person.manager && managers)) return [];
      const due = Date.parse(step.due);
      const overdue = due <= now;
      const line = [
        `${complaint.id} step ${index + 1}`,
        step.text,
        `${overdue ? 'due since' : 'due'} ${clinicTime(step.due, zone)}`,
        ROLE_LABELS[step.owner],
        ...(person.manager ? [complaint.patientRef, complaint.tier] : []),
      ].join(' · ');
      return [{ item: { line, overdue, actions: [] }, at: due }];
    }),
  );
  return { title: 'Complaint steps for your role', listCommand: '/complaint list', items: ordered(entries) };
}

/** Press inquiries not yet answered: the spokesperson's and the managers' only; past deadlines marked. */
async function mediaGroup(services: Services): Promise<TodayGroup> {
  const zone = services.settings.current().timezone;
  const now = services.clock.now().getTime();
  const open = (await services.media.open()).filter((m) => isUnanswered(m.status));
  const entries = open.map((inquiry) => {
    const deadline = inquiry.deadline ? Date.parse(inquiry.deadline) : undefined;
    const overdue = deadline !== undefined && deadline <= now;
    const line = [
      inquiry.id,
      inquiry.outlet,
      inquiry.status === 'new' ? 'unclaimed' : `claimed by ${shownId(inquiry.owner ?? 'someone')}`,
      `deadline ${deadlineText(inquiry, zone, new Date(now))}`,
    ].join(' · ');
    const actions = inquiry.status === 'new' ? [itemAction('media.claim', 'Claim', inquiry.id, 'primary')] : [];
    return { item: { line, overdue, actions }, at: deadline ?? Date.parse(inquiry.createdAt) };
  });
  return { title: 'Press inquiries', listCommand: '/media list', items: ordered(entries) };
}

/** The view for the person in `ctx`, as replies (Slack renders them as one Home view). */
export async function todayView(ctx: CommandContext): Promise<Reply[]> {
  const { services } = ctx;
  const person: Person = { id: ctx.actor.id, manager: isManager(ctx), press: isAllowed(ctx, 'press') };
  const zone = services.settings.current().timezone;
  const complaints = await services.complaints.openComplaints();
  const groups = await Promise.all([
    pagesGroup(services, person),
    inquiriesGroup(services, person),
    followUpsGroup(services, person),
    Promise.resolve(
      stepsGroup(
        services,
        person,
        complaints.filter((c) => isOpen(c.status)),
      ),
    ),
    ...(person.press ? [mediaGroup(services)] : []),
  ]);
  const title = `Today · ${format(new TZDate(services.clock.now().getTime(), zone), 'EEE d MMM HH:mm')}`;
  if (!person.manager) return todayReplies({ title }, groups);
  const figures = figureLines(await periodFigures(services, 1), services.settings.current().replySlaMs);
  const tiers = TIERS.map((tier) => `${tier}: ${complaints.filter((c) => c.tier === tier).length}`);
  return todayReplies({ title, figures, tiers }, groups);
}

export const today = defineSubcommand({
  name: 'today',
  summary: 'what is yours and what is overdue: patient messages, follow-ups, complaint steps, urgent pages, press',
  args: [],
  schema: z.object({}),
  run: (_input, ctx) => todayView(ctx),
});
