import { overlaps } from "@/lib/maintenance/window";
import { millisecondsInDay } from "date-fns/constants";

/**
 * The change calendar (forward schedule of change) as pure functions: the
 * days a week or month view shows (UTC, weeks start on Monday), which items
 * fall on a day, and which items overlap other work on the same component.
 */
export type CalendarView = "week" | "month";
export type CalendarItem = {
  key: string;
  kind: "change" | "maintenance";
  label: string;
  href: string;
  start: Date;
  end: Date;
  componentIds: string[];
};

const DAY = millisecondsInDay;
const utcMidnight = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
/** Monday 00:00 UTC of the week containing `d`. */
export function startOfUtcWeek(d: Date): Date {
  const day = utcMidnight(d);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
}

/** The days shown: 7 for a week, whole weeks covering the month for a month. `to` is exclusive. */
export function calendarRange(view: CalendarView, anchor: Date): { from: Date; to: Date; days: Date[]; prev: Date; next: Date } {
  if (view === "week") {
    const from = startOfUtcWeek(anchor);
    const days = Array.from({ length: 7 }, (_, i) => new Date(from.getTime() + i * DAY));
    return { from, to: new Date(from.getTime() + 7 * DAY), days, prev: new Date(from.getTime() - 7 * DAY), next: new Date(from.getTime() + 7 * DAY) };
  }
  const first = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), 1));
  const nextMonth = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() + 1, 1));
  const from = startOfUtcWeek(first);
  const to = new Date(startOfUtcWeek(new Date(nextMonth.getTime() - 1)).getTime() + 7 * DAY);
  const days = Array.from({ length: Math.round((to.getTime() - from.getTime()) / DAY) }, (_, i) => new Date(from.getTime() + i * DAY));
  return { from, to, days, prev: new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - 1, 1)), next: nextMonth };
}

/** Items whose [start, end) intersects the UTC day starting at `day`, earliest first. */
export function itemsOnDay<T extends CalendarItem>(items: readonly T[], day: Date): T[] {
  const span = { windowStart: day, windowEnd: new Date(day.getTime() + DAY) };
  return items.filter((i) => overlaps({ windowStart: i.start, windowEnd: i.end }, span)).sort((a, b) => a.start.getTime() - b.start.getTime() || a.key.localeCompare(b.key));
}

/**
 * Keys of items that overlap (half-open) another item on a shared component,
 * mapped to the keys they clash with. A change and the window linked to it
 * are the same work: pass `sameWork(a, b)` to exempt such pairs.
 */
export function overlappingWork(
  items: readonly CalendarItem[],
  sameWork: (a: CalendarItem, b: CalendarItem) => boolean = () => false,
  /** whether work on these components relates (default: a shared component; the page adds direct dependencies) */
  related: (a: string[], b: string[]) => boolean = (a, b) => a.some((c) => b.includes(c)),
): Map<string, string[]> {
  const clashes = new Map<string, string[]>();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      if (!related(a.componentIds, b.componentIds)) continue;
      if (!overlaps({ windowStart: a.start, windowEnd: a.end }, { windowStart: b.start, windowEnd: b.end })) continue;
      if (sameWork(a, b)) continue;
      clashes.set(a.key, [...(clashes.get(a.key) ?? []), b.key]);
      clashes.set(b.key, [...(clashes.get(b.key) ?? []), a.key]);
    }
  }
  return clashes;
}

/** `?date=YYYY-MM-DD` → that UTC day, else `fallback`. */
export function parseCalendarDate(value: string | undefined, fallback: Date): Date {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return fallback;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? fallback : d;
}
