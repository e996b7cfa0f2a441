/**
 * Availability per component, per group and overall (pure).
 *
 * Input is the component status history that incidents produce: one segment
 * per incident and status (the severity's status from declaration, then each
 * update's explicit component status), plus maintenance windows. At any
 * instant the worst status of a component's overlapping segments applies,
 * so overlapping incidents never double count. Weights: major_outage 1,
 * partial_outage `partialWeight` (default 0.3, OPSGATE_KPI_PARTIAL_WEIGHT),
 * everything else 0. Maintenance time is excluded from both the observed time
 * and the downtime (an outage inside a window does not count) and reported
 * separately. Time before the component existed and after `now` is not observed.
 * Groups and overall: 1 − Σ downtime / Σ observed time over their components.
 */
import { STATUS_RANK, type ComponentStatusValue } from "@/lib/status/derive-status";
import { observedEnd, type Period } from "@/lib/kpis/period";

export const AVAILABILITY_TARGET = 99.9;

export type StatusSegment = { componentId: string; incidentId: string; from: Date; to: Date | null; status: ComponentStatusValue };
export type MaintenanceSpan = { componentId: string; from: Date; to: Date };
export type AvailabilityComponent = { id: string; name: string; group: string; createdAt: Date };

export type AvailabilityRow = {
  observedMs: number;
  downtimeMs: number;
  maintenanceMs: number;
  /** percent, null when nothing was observed */
  availability: number | null;
  /** downtime the target still allows in this period (negative: overspent) */
  errorBudgetLeftMs: number | null;
  /** share of the budget left, percent */
  errorBudgetLeftPercent: number | null;
};
export type ComponentAvailability = AvailabilityRow & {
  id: string;
  name: string;
  group: string;
  worst: ComponentStatusValue;
  incidentIds: string[];
};
export type Availability = { components: ComponentAvailability[]; groups: (AvailabilityRow & { group: string })[]; overall: AvailabilityRow };

function row(observedMs: number, downtimeMs: number, maintenanceMs: number, target: number): AvailabilityRow {
  if (observedMs <= 0) return { observedMs: 0, downtimeMs, maintenanceMs, availability: null, errorBudgetLeftMs: null, errorBudgetLeftPercent: null };
  const allowed = (1 - target / 100) * observedMs;
  const left = allowed - downtimeMs;
  return {
    observedMs,
    downtimeMs,
    maintenanceMs,
    availability: Math.max(0, 100 * (1 - downtimeMs / observedMs)),
    errorBudgetLeftMs: left,
    errorBudgetLeftPercent: allowed > 0 ? (100 * left) / allowed : null,
  };
}

/** One component's window: a sweep over the segment and maintenance edges (O(n log n)). */
export function componentAvailability(input: {
  from: number;
  to: number;
  segments: { from: number; to: number; status: ComponentStatusValue }[];
  maintenance: { from: number; to: number }[];
  partialWeight: number;
}) {
  const { from, to } = input;
  type Edge = { t: number; d: 1 | -1; kind: "major" | "partial" | "maint" | "other" };
  const edges: Edge[] = [];
  let worst: ComponentStatusValue = "operational";
  const push = (a: number, b: number, kind: Edge["kind"]) => {
    const f = Math.max(a, from);
    const t = Math.min(b, to);
    if (t <= f) return false;
    edges.push({ t: f, d: 1, kind }, { t, d: -1, kind });
    return true;
  };
  for (const s of input.segments) {
    const kind = s.status === "major_outage" ? "major" : s.status === "partial_outage" ? "partial" : "other";
    if (push(s.from, s.to, kind) && STATUS_RANK[s.status] > STATUS_RANK[worst]) worst = s.status;
  }
  for (const m of input.maintenance) push(m.from, m.to, "maint");
  edges.sort((a, b) => a.t - b.t);
  const active = { major: 0, partial: 0, maint: 0, other: 0 };
  let down = 0;
  let maint = 0;
  let prev = from;
  for (const e of edges) {
    const len = e.t - prev;
    if (len > 0) {
      if (active.maint > 0) maint += len;
      else if (active.major > 0) down += len;
      else if (active.partial > 0) down += len * input.partialWeight;
    }
    active[e.kind] += e.d;
    prev = e.t;
  }
  const span = Math.max(0, to - from);
  return { observedMs: span - maint, downtimeMs: down, maintenanceMs: maint, worst: worst === "operational" && maint > 0 ? ("under_maintenance" as const) : worst };
}

export function availability(input: {
  components: AvailabilityComponent[];
  segments: StatusSegment[];
  maintenance: MaintenanceSpan[];
  period: Period;
  now: Date;
  partialWeight?: number;
  target?: number;
}): Availability {
  const target = input.target ?? AVAILABILITY_TARGET;
  const partialWeight = input.partialWeight ?? 0.3;
  const end = observedEnd(input.period, input.now);
  const nowMs = input.now.getTime();
  const segs = new Map<string, StatusSegment[]>();
  for (const s of input.segments) (segs.get(s.componentId) ?? segs.set(s.componentId, []).get(s.componentId)!).push(s);
  const maint = new Map<string, MaintenanceSpan[]>();
  for (const m of input.maintenance) (maint.get(m.componentId) ?? maint.set(m.componentId, []).get(m.componentId)!).push(m);

  const components = input.components.map((c): ComponentAvailability => {
    const from = Math.max(input.period.from.getTime(), c.createdAt.getTime());
    const mine = segs.get(c.id) ?? [];
    const r = componentAvailability({
      from,
      to: end,
      segments: mine.map((s) => ({ from: s.from.getTime(), to: s.to ? s.to.getTime() : nowMs, status: s.status })),
      maintenance: (maint.get(c.id) ?? []).map((m) => ({ from: m.from.getTime(), to: m.to.getTime() })),
      partialWeight,
    });
    const incidentIds = [...new Set(mine.filter((s) => (s.to ? s.to.getTime() : nowMs) > from && s.from.getTime() < end).map((s) => s.incidentId))];
    return { id: c.id, name: c.name, group: c.group, worst: r.worst, incidentIds, ...row(r.observedMs, r.downtimeMs, r.maintenanceMs, target) };
  });

  const sum = (rows: ComponentAvailability[]) =>
    row(
      rows.reduce((s, r) => s + r.observedMs, 0),
      rows.reduce((s, r) => s + r.downtimeMs, 0),
      rows.reduce((s, r) => s + r.maintenanceMs, 0),
      target,
    );
  const byGroup = new Map<string, ComponentAvailability[]>();
  for (const c of components) (byGroup.get(c.group) ?? byGroup.set(c.group, []).get(c.group)!).push(c);
  return { components, groups: [...byGroup].map(([group, rows]) => ({ group, ...sum(rows) })), overall: sum(components) };
}
