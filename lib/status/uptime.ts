/**
 * 90-day uptime per component from incident history (pure).
 *
 * Each incident contributes the interval [start, end) (end = now while open)
 * with a weight from the component status its severity maps to:
 *   major_outage (P1) 1.0 — counts fully as downtime
 *   partial_outage (P2) 0.3 — counts 30 % (Atlassian Statuspage's weighting)
 *   degraded_performance (P3), P4, maintenance 0 — shown on the bar, not downtime
 * An incident update that sets a component status overrides the severity's
 * status from that moment (e.g. "degraded" while recovering), exactly as on
 * the KPI page; time inside a published maintenance window is excluded from
 * both downtime and observed time. Overlapping incidents never double count:
 * at any instant the heaviest weight applies. Per-day downtime is in
 * milliseconds within that UTC day. The days are computed by the KPI
 * availability function (`availabilitySeries` in lib/kpis), so the status
 * page and the KPI page agree.
 */
import { millisecondsInDay } from "date-fns/constants";
import { availabilitySeries, type StatusSegment } from "@/lib/kpis/availability";
import { COMPONENT_STATUS_LABELS, SEVERITY_STATUS, type ComponentStatusValue, type SeverityValue } from "@/lib/status/derive-status";

export const DAY_MS = millisecondsInDay;

export const DOWNTIME_WEIGHT: Record<ComponentStatusValue, number> = {
  major_outage: 1,
  partial_outage: 0.3,
  degraded_performance: 0,
  under_maintenance: 0,
  operational: 0,
};

/** `statuses`: the component statuses its updates set, in time order (each overrides the severity's from its `at`). */
export type UptimeIncident = { componentIds: string[]; severity: SeverityValue; start: Date; end: Date | null; statuses?: { at: Date; status: ComponentStatusValue }[] };
export type UptimeMaintenance = { componentIds: string[]; from: Date; to: Date };

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
  /** time inside maintenance windows that day (excluded from the uptime) */
  maintenanceMs?: number;
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

/** An incident's status segments: the severity's status from `start`, then each update's status until the next (or the end). */
export function incidentSegments(i: UptimeIncident, componentId: string, incidentId: string, nowMs: number): StatusSegment[] {
  const end = Math.min(i.end ? i.end.getTime() : nowMs, nowMs);
  const marks = [{ at: i.start.getTime(), status: SEVERITY_STATUS[i.severity] }, ...(i.statuses ?? []).map((u) => ({ at: Math.max(u.at.getTime(), i.start.getTime()), status: u.status })).filter((u) => u.at < end)];
  return marks
    .map((m, k) => ({ componentId, incidentId, from: new Date(m.at), to: new Date(k + 1 < marks.length ? marks[k + 1].at : end), status: m.status }))
    .filter((s) => s.to.getTime() > s.from.getTime());
}

/**
 * The last `days` UTC days up to and including today's (partial) day.
 * `since` (the component's creation) marks earlier days as "no data"; they
 * are excluded from the percentage. Percentage: 100 × (1 − downtime / observed time).
 */
export function uptimeSeries(input: { componentId: string; incidents: UptimeIncident[]; maintenance?: UptimeMaintenance[]; now: Date; days?: number; since?: Date; partialWeight?: number }): UptimeSeries {
  const n = input.days ?? 90;
  const nowMs = input.now.getTime();
  const todayStart = utcDayStart(input.now);
  const sinceMs = input.since ? input.since.getTime() : -Infinity;
  const windowStart = todayStart - (n - 1) * DAY_MS;
  const mine = input.incidents.filter((i) => i.componentIds.includes(input.componentId) && Math.min(i.end ? i.end.getTime() : nowMs, nowMs) > windowStart);
  const segments = mine.flatMap((i, k) => incidentSegments(i, input.componentId, String(k), nowMs));
  const maintenance = (input.maintenance ?? []).filter((m) => m.componentIds.includes(input.componentId)).map((m) => ({ componentId: input.componentId, from: m.from, to: m.to }));
  const dayStarts = Array.from({ length: n }, (_, k) => todayStart - (n - 1 - k) * DAY_MS);
  const periods = dayStarts.map((d) => ({ from: new Date(d), to: new Date(Math.min(d + DAY_MS, nowMs)) }));
  const component = { id: input.componentId, name: "", group: "", createdAt: new Date(Number.isFinite(sinceMs) ? sinceMs : windowStart) };
  const perDay = availabilitySeries({ components: [component], segments, maintenance, periods, now: input.now, partialWeight: input.partialWeight ?? DOWNTIME_WEIGHT.partial_outage });
  let observed = 0;
  let down = 0;
  const days = dayStarts.map((dayFrom, k): UptimeDay => {
    const date = new Date(dayFrom).toISOString().slice(0, 10);
    if (Math.max(dayFrom, sinceMs) >= periods[k].to.getTime()) return { date, downtimeMs: 0, worst: "operational", hasData: false, incidents: 0, maintenanceMs: 0 };
    const c = perDay[k].components[0];
    observed += c.observedMs;
    down += c.downtimeMs;
    return { date, downtimeMs: c.downtimeMs, worst: c.worst, hasData: true, incidents: c.incidentIds.length, maintenanceMs: c.maintenanceMs };
  });
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
  const maint = day.maintenanceMs ? `, ${duration(day.maintenanceMs)} maintenance (not counted)` : "";
  const count = (day.incidents ? `, ${day.incidents} incident${day.incidents === 1 ? "" : "s"}` : "") + maint;
  if (day.worst === "operational") return `${day.date}: ${day.incidents ? `operational${count}` : `no incidents${maint}`}`;
  const label = COMPONENT_STATUS_LABELS[day.worst].toLowerCase();
  return day.downtimeMs > 0 ? `${day.date}: ${label}, ${duration(day.downtimeMs)} weighted downtime${count}` : `${day.date}: ${label}, no downtime counted${count}`;
}

function duration(ms: number): string {
  const mins = Math.round(ms / 60_000);
  return mins >= 60 ? `${Math.floor(mins / 60)} h ${mins % 60} min` : `${mins} min`;
}
