/**
 * 90-day uptime per component from incident history (pure).
 *
 * Each incident contributes the interval [start, end) (end = now while open)
 * with a weight from the component status its severity maps to:
 *   major_outage (P1) 1.0 — counts fully as downtime
 *   partial_outage (P2) 0.3 — counts 30 % (Atlassian Statuspage's weighting)
 *   degraded_performance (P3), P4, maintenance 0 — shown on the bar, not downtime
 * Overlapping incidents never double count: at any instant the heaviest
 * weight applies. Per-day downtime is in milliseconds within that UTC day.
 * Each day is computed by the KPI availability function (lib/kpis), so the
 * status page and the KPI page agree.
 */
import { millisecondsInDay } from "date-fns/constants";
import { componentAvailability } from "@/lib/kpis/availability";
import { COMPONENT_STATUS_LABELS, SEVERITY_STATUS, type ComponentStatusValue, type SeverityValue } from "@/lib/status/derive-status";

export const DAY_MS = millisecondsInDay;

export const DOWNTIME_WEIGHT: Record<ComponentStatusValue, number> = {
  major_outage: 1,
  partial_outage: 0.3,
  degraded_performance: 0,
  under_maintenance: 0,
  operational: 0,
};

export type UptimeIncident = { componentIds: string[]; severity: SeverityValue; start: Date; end: Date | null };

export type UptimeDay = {
  /** YYYY-MM-DD (UTC) */
  date: string;
  /** weighted downtime in ms within the day */
  downtimeMs: number;
  /** the worst status seen that day (operational when none) */
  worst: ComponentStatusValue;
  /** false for days before the component existed or in the future */
  hasData: boolean;
  /** incidents touching the component that day */
  incidents?: number;
};

export type UptimeSeries = { days: UptimeDay[]; uptimePercent: number | null; /** days with data (fewer than `days` for a young component) */ dataDays: number };

/** Start of the UTC day containing `d`. */
export function utcDayStart(d: Date): number {
  return Math.floor(d.getTime() / DAY_MS) * DAY_MS;
}

/** Weighted length of the union of intervals, the heaviest weight winning where they overlap. */
export function weightedUnionMs(intervals: { from: number; to: number; weight: number }[]): number {
  const points = new Set<number>();
  for (const i of intervals) if (i.to > i.from) points.add(i.from).add(i.to);
  const sorted = [...points].sort((a, b) => a - b);
  let total = 0;
  for (let k = 0; k + 1 < sorted.length; k++) {
    const a = sorted[k];
    const b = sorted[k + 1];
    let w = 0;
    for (const i of intervals) if (i.from <= a && i.to >= b && i.weight > w) w = i.weight;
    total += w * (b - a);
  }
  return total;
}

/**
 * The last `days` UTC days up to and including today's (partial) day.
 * `since` (the component's creation) marks earlier days as without data;
 * they are excluded from the percentage. Percentage: 100 × (1 − downtime / observed time).
 */
export function uptimeSeries(input: { componentId: string; incidents: UptimeIncident[]; now: Date; days?: number; since?: Date; partialWeight?: number }): UptimeSeries {
  const n = input.days ?? 90;
  const nowMs = input.now.getTime();
  const todayStart = utcDayStart(input.now);
  const sinceMs = input.since ? input.since.getTime() : -Infinity;
  const windowStart = todayStart - (n - 1) * DAY_MS;
  const mine = input.incidents
    .filter((i) => i.componentIds.includes(input.componentId))
    .map((i) => ({ from: i.start.getTime(), to: Math.min(i.end ? i.end.getTime() : nowMs, nowMs), status: SEVERITY_STATUS[i.severity] }))
    .filter((i) => i.to > windowStart);
  const days: UptimeDay[] = [];
  let observed = 0;
  let down = 0;
  for (let d = n - 1; d >= 0; d--) {
    const dayFrom = todayStart - d * DAY_MS;
    const dayTo = Math.min(dayFrom + DAY_MS, nowMs);
    const from = Math.max(dayFrom, sinceMs);
    const date = new Date(dayFrom).toISOString().slice(0, 10);
    if (from >= dayTo) {
      days.push({ date, downtimeMs: 0, worst: "operational", hasData: false, incidents: 0 });
      continue;
    }
    const today = mine.filter((i) => i.to > from && i.from < dayTo);
    const r = componentAvailability({ from, to: dayTo, segments: today, maintenance: [], partialWeight: input.partialWeight ?? DOWNTIME_WEIGHT.partial_outage });
    observed += r.observedMs;
    down += r.downtimeMs;
    days.push({ date, downtimeMs: r.downtimeMs, worst: r.worst, hasData: true, incidents: today.length });
  }
  const uptimePercent = observed > 0 ? Math.max(0, 100 * (1 - down / observed)) : null;
  return { days, uptimePercent, dataDays: days.filter((d) => d.hasData).length };
}

/** "99.95 %" style label with two decimals, truncated (never rounds 99.999 up to 100.00). */
export function formatUptime(p: number | null): string {
  if (p === null) return "no data";
  const t = Math.floor(p * 100) / 100;
  return `${t.toFixed(2)} %`;
}

/** Human text for one day's tooltip, e.g. "2026-11-20: 1 h 12 min partial outage". */
export function describeDay(day: UptimeDay): string {
  if (!day.hasData) return `${day.date}: no data`;
  const count = day.incidents ? `, ${day.incidents} incident${day.incidents === 1 ? "" : "s"}` : "";
  if (day.worst === "operational") return `${day.date}: ${day.incidents ? `operational${count}` : "no incidents"}`;
  const label = COMPONENT_STATUS_LABELS[day.worst].toLowerCase();
  const mins = Math.round(day.downtimeMs / 60_000);
  const dur = mins >= 60 ? `${Math.floor(mins / 60)} h ${mins % 60} min` : `${mins} min`;
  return day.downtimeMs > 0 ? `${day.date}: ${label}, ${dur} weighted downtime${count}` : `${day.date}: ${label}, no downtime counted${count}`;
}
