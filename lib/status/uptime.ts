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
 */
import { SEVERITY_STATUS, type ComponentStatusValue, type SeverityValue } from "@/lib/status/derive-status";

export const DAY_MS = 86_400_000;

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
};

export type UptimeSeries = { days: UptimeDay[]; uptimePercent: number | null };

const RANK: Record<ComponentStatusValue, number> = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };

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
export function uptimeSeries(input: { componentId: string; incidents: UptimeIncident[]; now: Date; days?: number; since?: Date }): UptimeSeries {
  const n = input.days ?? 90;
  const nowMs = input.now.getTime();
  const todayStart = utcDayStart(input.now);
  const sinceMs = input.since ? input.since.getTime() : -Infinity;
  const mine = input.incidents
    .filter((i) => i.componentIds.includes(input.componentId))
    .map((i) => ({ from: i.start.getTime(), to: Math.min(i.end ? i.end.getTime() : nowMs, nowMs), status: SEVERITY_STATUS[i.severity] }));
  const days: UptimeDay[] = [];
  let observed = 0;
  let down = 0;
  for (let d = n - 1; d >= 0; d--) {
    const dayFrom = todayStart - d * DAY_MS;
    const dayTo = Math.min(dayFrom + DAY_MS, nowMs);
    const from = Math.max(dayFrom, sinceMs);
    const date = new Date(dayFrom).toISOString().slice(0, 10);
    if (from >= dayTo) {
      days.push({ date, downtimeMs: 0, worst: "operational", hasData: false });
      continue;
    }
    const clipped = mine
      .map((i) => ({ from: Math.max(i.from, from), to: Math.min(i.to, dayTo), weight: DOWNTIME_WEIGHT[i.status], status: i.status }))
      .filter((i) => i.to > i.from);
    const downtimeMs = weightedUnionMs(clipped);
    const worst = clipped.reduce<ComponentStatusValue>((w, i) => (RANK[i.status] > RANK[w] ? i.status : w), "operational");
    observed += dayTo - from;
    down += downtimeMs;
    days.push({ date, downtimeMs, worst, hasData: true });
  }
  const uptimePercent = observed > 0 ? Math.max(0, 100 * (1 - down / observed)) : null;
  return { days, uptimePercent };
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
  if (day.worst === "operational") return `${day.date}: no incidents`;
  const label = day.worst.replace(/_/g, " ");
  const mins = Math.round(day.downtimeMs / 60_000);
  const dur = mins >= 60 ? `${Math.floor(mins / 60)} h ${mins % 60} min` : `${mins} min`;
  return day.downtimeMs > 0 ? `${day.date}: ${label}, ${dur} weighted downtime` : `${day.date}: ${label}, no downtime counted`;
}
