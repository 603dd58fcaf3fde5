import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import type { Reply, Section } from '../../src/chat/reply.js';
import { TIERS } from '../../src/complaints/model.js';
import type { FollowUp } from '../../src/followups/model.js';
import { combineFigures, type PeriodFigures } from '../../src/inquiries/figures.js';
import {
  CHANNEL_LABELS,
  PATIENT_CHANNELS,
  type DayFigures,
  type Inquiry,
  type PatientChannel,
} from '../../src/inquiries/model.js';
import type { Services } from '../../src/services.js';
import { hoursOn } from '../../src/time/business-hours.js';
import { formatDuration } from '../../src/time/duration.js';
import { waited } from '../inquiries/inquiry.js';
import { shownId } from '../../src/chat/ids.js';
import { clinicTime } from '../shared/format.js';
import { todaysTouches } from '../touches/touch-view.js';
import { pressLine } from '../media/media-view.js';

/**
 * The daily digest and the figures: what is still waiting (no message bodies, contacts masked),
 * how the last clinic day went, open complaints by tier, open press inquiries. Everything is read
 * from the open indexes and per-day counters, never from history.
 */
/** A digest people read: the oldest few per channel, and how many more wait. */
const PER_CHANNEL = 25;

export function figureLines(figures: PeriodFigures, slaMs: number): string[] {
  const share = figures.withinSlaShare === undefined ? 'n/a' : `${Math.round(figures.withinSlaShare * 100)}%`;
  return [
    `received ${figures.received}, answered ${figures.answered}`,
    `median first response: ${figures.medianResponseMinutes === undefined ? 'n/a' : `${figures.medianResponseMinutes} business min`}`,
    `answered within the ${formatDuration(slaMs)} goal: ${share}`,
    `missed the goal: ${figures.breaches}`,
    ...(figures.loggedAfter
      ? [
          `logged after the fact (/inquiry): ${figures.loggedAfter}${figures.untimed ? `; ${figures.untimed} answered without an arrival time, left out of the response times` : ''}`,
        ]
      : []),
    ...(figures.wantsDoctor ? [`wanted the doctor: ${figures.wantsDoctor}`] : []),
    ...(figures.nervous ? [`from nervous patients (urgent goal, real time): ${figures.nervous}`] : []),
    ...figures.byChannel.map((c) => `${CHANNEL_LABELS[c.channel]}: received ${c.received}, answered ${c.answered}`),
  ];
}

/** The clinic days before `day` that had opening hours, newest first, up to `count`. */
function clinicDaysBefore(services: Services, day: Date, count: number): string[] {
  const calendar = services.calendar.current();
  const result: string[] = [];
  for (let back = 1; back <= 14 && result.length < count; back += 1) {
    const candidate = format(addDays(new TZDate(day.getTime(), calendar.zone), -back), 'yyyy-MM-dd');
    if (hoursOn(calendar, candidate).length) result.push(candidate);
  }
  return result;
}

/** The last `days` clinic-zone dates, today first. */
function periodDates(services: Services, days: number): TZDate[] {
  const { timezone } = services.settings.current();
  const now = new TZDate(services.clock.now().getTime(), timezone);
  return Array.from({ length: days }, (_, i) => addDays(now, -i));
}

/** The last `days` clinic-zone dates (`yyyy-MM-dd`), today first. */
export function periodDays(services: Services, days: number): string[] {
  return periodDates(services, days).map((day) => format(day, 'yyyy-MM-dd'));
}

/** The per-day counters of the last `days` days in the clinic's zone, today first. */
export async function recentDays(
  services: Services,
  days: number,
): Promise<Array<{ day: TZDate; figures: DayFigures }>> {
  return Promise.all(
    periodDates(services, days).map(async (day) => ({
      day,
      figures: await services.inquiries.figures(format(day, 'yyyy-MM-dd')),
    })),
  );
}

export async function periodFigures(services: Services, days: number): Promise<PeriodFigures> {
  return combineFigures((await recentDays(services, days)).map((d) => d.figures));
}

/** Wants the doctor (and who triaged it) and nervous patients, marked; never the message itself. */
function careMarks(inquiry: Inquiry): string[] {
  const doctor = inquiry.wantsDoctor;
  return [
    ...(doctor
      ? [doctor.triagedBy ? `wants the doctor (triaged by ${shownId(doctor.triagedBy)})` : 'wants the doctor']
      : []),
    ...(inquiry.nervous ? ['nervous patient'] : []),
  ];
}

/** One channel's line of the digest: the oldest few waiting, and how many more. */
function waitingSection(
  services: Services,
  channel: PatientChannel,
  count: number,
  oldest: readonly Inquiry[],
): Section {
  return {
    kind: 'list',
    title: `${CHANNEL_LABELS[channel]} (${count})`,
    items: [
      ...oldest.map((i) =>
        [
          i.id,
          i.patientRef ?? i.contact ?? 'sender not given',
          ...careMarks(i),
          `waiting ${formatDuration(waited(i, services))}`,
          i.owner ? `owner ${shownId(i.owner)}` : 'unclaimed',
          i.link ?? '',
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      ...(count > oldest.length ? [`…and ${count - oldest.length} more: /inquiry list`] : []),
    ],
  };
}

/** Follow-ups that fell due and are not done: ids, patient references and owners, never the notes. */
function dueFollowUps(due: readonly FollowUp[], zone: string): Section {
  return {
    kind: 'list',
    title: `Follow-ups due: ${due.length}`,
    items: due.map((f) => `${f.id} · ${f.patientRef} · due ${clinicTime(f.dueAt, zone)} · owner ${shownId(f.owner)}`),
  };
}

export async function digestReply(services: Services, visibility: Reply['visibility']): Promise<Reply> {
  const settings = services.settings.current();
  const now = services.clock.now();
  // Counts and the oldest few per channel come from the per-channel open indexes, so the digest
  // reads what it shows (at most PER_CHANNEL records a channel), however many are open.
  const [total, channels] = await Promise.all([
    services.inquiries.openCount(),
    Promise.all(
      PATIENT_CHANNELS.map(async (channel) => ({
        channel,
        ...(await services.inquiries.openInChannel(channel, PER_CHANNEL)),
      })),
    ),
  ]);
  const lastDay = clinicDaysBefore(services, now, 1)[0];
  const figures = combineFigures(lastDay ? [await services.inquiries.figures(lastDay)] : []);
  const complaints = await services.complaints.openComplaints();
  const media = await services.media.open();
  const followUps = await services.followups.due(now);
  const touches = todaysTouches(
    await services.touches.remindingOn(
      format(new TZDate(now.getTime(), settings.timezone), 'yyyy-MM-dd'),
      settings.timezone,
    ),
  );

  const received = (i: Inquiry | undefined): number => Date.parse(i?.receivedAt ?? '');
  // Groups follow their oldest message; within a group, the shown ones are in the order received.
  const waiting = channels
    .filter((group) => group.count > 0)
    .map((group) => ({ ...group, oldest: [...group.oldest].sort((a, b) => received(a) - received(b)) }))
    .sort((a, b) => received(a.oldest[0]) - received(b.oldest[0]))
    .map((group) => waitingSection(services, group.channel, group.count, group.oldest));
  const tiers = TIERS.map((tier) => `${tier}: ${complaints.filter((c) => c.tier === tier).length}`);
  return {
    visibility,
    summary: `Daily digest: ${total} patient messages waiting`,
    sections: [
      { kind: 'heading', text: `Daily digest · ${format(new TZDate(now.getTime(), settings.timezone), 'EEE d MMM')}` },
      { kind: 'text', text: `Patient messages still waiting: ${total}${total ? ', oldest first' : ''}.` },
      ...waiting,
      ...(followUps.length ? [dueFollowUps(followUps, settings.timezone)] : []),
      ...(touches ? [touches] : []),
      {
        kind: 'list',
        title: `Last clinic day${lastDay ? ` (${lastDay})` : ''}`,
        items: figureLines(figures, settings.replySlaMs),
      },
      { kind: 'list', title: `Open complaints: ${complaints.length}`, items: tiers },
      {
        kind: 'list',
        title: `Open press inquiries: ${media.length}`,
        items: media.map((m) => pressLine(m, settings.timezone, now)),
      },
    ],
  };
}
