import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import type { Reply, Section } from '../src/chat/reply.js';
import { TIERS } from '../src/complaints/model.js';
import { combineFigures, type PeriodFigures } from '../src/inquiries/figures.js';
import { CHANNEL_LABELS, PATIENT_CHANNELS } from '../src/inquiries/model.js';
import type { Services } from '../src/services.js';
import { formatDuration } from '../src/time/duration.js';
import { waited } from './inquiry.js';

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
    ...figures.byChannel.map((c) => `${CHANNEL_LABELS[c.channel]}: received ${c.received}, answered ${c.answered}`),
  ];
}

/** The clinic days before `day` that had opening hours, newest first, up to `count`. */
function clinicDaysBefore(services: Services, day: Date, count: number): string[] {
  const { timezone, businessHours } = services.settings.current();
  const result: string[] = [];
  for (let back = 1; back <= 14 && result.length < count; back += 1) {
    const candidate = addDays(new TZDate(day.getTime(), timezone), -back);
    if (businessHours[candidate.getDay()]) result.push(format(candidate, 'yyyy-MM-dd'));
  }
  return result;
}

export async function periodFigures(services: Services, days: number): Promise<PeriodFigures> {
  const { timezone } = services.settings.current();
  const now = new TZDate(services.clock.now().getTime(), timezone);
  const keys = Array.from({ length: days }, (_, i) => format(addDays(now, -i), 'yyyy-MM-dd'));
  return combineFigures(await Promise.all(keys.map((k) => services.inquiries.figures(k))));
}

export async function digestReply(services: Services, visibility: Reply['visibility']): Promise<Reply> {
  const settings = services.settings.current();
  const now = services.clock.now();
  const open = (await services.inquiries.open()).sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
  const lastDay = clinicDaysBefore(services, now, 1)[0];
  const figures = combineFigures(lastDay ? [await services.inquiries.figures(lastDay)] : []);
  const complaints = await services.complaints.openComplaints();
  const media = await services.media.open();

  // `open` is oldest first, so each group is too, and groups follow their oldest message.
  const waiting: Section[] = PATIENT_CHANNELS.map((channel) => ({ channel, items: open.filter((i) => i.channel === channel) }))
    .filter((group) => group.items.length > 0)
    .sort((a, b) => Date.parse(a.items[0]?.receivedAt ?? '') - Date.parse(b.items[0]?.receivedAt ?? ''))
    .map((group) => ({
      kind: 'list' as const,
      title: `${CHANNEL_LABELS[group.channel]} (${group.items.length})`,
      items: [
        ...group.items.slice(0, PER_CHANNEL).map((i) =>
          [i.id, i.patientRef ?? i.contact ?? 'sender not given', `waiting ${formatDuration(waited(i, services))}`, i.owner ? `owner ${i.owner}` : 'unclaimed', i.link ?? ''].filter(Boolean).join(' · '),
        ),
        ...(group.items.length > PER_CHANNEL ? [`…and ${group.items.length - PER_CHANNEL} more: /inquiry list`] : []),
      ],
    }));
  const tiers = TIERS.map((tier) => `${tier}: ${complaints.filter((c) => c.tier === tier).length}`);
  return {
    visibility,
    summary: `Daily digest: ${open.length} patient messages waiting`,
    sections: [
      { kind: 'heading', text: `Daily digest · ${format(new TZDate(now.getTime(), settings.timezone), 'EEE d MMM')}` },
      { kind: 'text', text: `Patient messages still waiting: ${open.length}${open.length ? ', oldest first' : ''}.` },
      ...waiting,
      { kind: 'list', title: `Last clinic day${lastDay ? ` (${lastDay})` : ''}`, items: figureLines(figures, settings.replySlaMs) },
      { kind: 'list', title: `Open complaints: ${complaints.length}`, items: tiers },
      { kind: 'list', title: `Open press inquiries: ${media.length}`, items: media.map((m) => `${m.id} · ${m.status}`) },
    ],
  };
}
