/**
 * Days of the week as clinics write them in business hours and the on-call rota: three-letter names,
 * ranges that may wrap over the weekend (`Fri-Mon`) and lists (`Mon,Wed`).
 */
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** A regular-expression source for a day list, to embed in a larger pattern. */
export const DAY_LIST = String.raw`[A-Za-z]{3}(?:\s*-\s*[A-Za-z]{3})?(?:\s*,\s*[A-Za-z]{3}(?:\s*-\s*[A-Za-z]{3})?)*`;

function dayIndex(name: string): number | undefined {
  const index = DAY_NAMES.indexOf(name.trim().toLowerCase() as (typeof DAY_NAMES)[number]);
  return index === -1 ? undefined : index;
}

/** The days a list names, 0 = Sunday as Date#getDay; undefined when a name is not a day. */
export function expandDays(spec: string): number[] | undefined {
  const days: number[] = [];
  for (const part of spec.split(',')) {
    const [from, to] = part.split('-').map(dayIndex);
    if (from === undefined || (part.includes('-') && to === undefined)) return undefined;
    for (let d = from; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === (to ?? from)) break;
    }
  }
  return days;
}
