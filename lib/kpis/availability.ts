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
import type { Period } from "@/lib/kpis/period";

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

/**
 * One component's time line cut into consecutive intervals [cuts[k], cuts[k+1]):
 * a single sweep over the segment, maintenance and cut edges (O(n log n)),
 * however many intervals (the weekly series costs one pass, not one per week).
 */
export function componentSweep(input: {
  cuts: number[];
  segments: { from: number; to: number; status: ComponentStatusValue }[];
  maintenance: { from: number; to: number }[];
  partialWeight: number;
}) {
  const { cuts } = input;
  const n = Math.max(0, cuts.length - 1);
  const from = cuts[0] ?? 0;
  const to = cuts[n] ?? 0;
  type Edge = { t: number; d: 1 | -1; kind: "major" | "partial" | "maint" | "other" };
  const edges: Edge[] = [];
  const down = new Array<number>(n).fill(0);
  const maint = new Array<number>(n).fill(0);
  const worst = new Array<ComponentStatusValue>(n).fill("operational");
  // The interval holding instant t (cuts ascending): binary search.
  const bucketOf = (t: number) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cuts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const push = (a: number, b: number, kind: Edge["kind"]) => {
    const f = Math.max(a, from);
    const t = Math.min(b, to);
    if (t <= f) return null;
    edges.push({ t: f, d: 1, kind }, { t, d: -1, kind });
    return [f, t] as const;
  };
  for (const s of input.segments) {
    const kind = s.status === "major_outage" ? "major" : s.status === "partial_outage" ? "partial" : "other";
    const span = push(s.from, s.to, kind);
    if (!span) continue;
    for (let k = bucketOf(span[0]); k < n && cuts[k] < span[1]; k++) if (STATUS_RANK[s.status] > STATUS_RANK[worst[k]]) worst[k] = s.status;
  }
  for (const m of input.maintenance) push(m.from, m.to, "maint");
  edges.sort((a, b) => a.t - b.t);
  const active = { major: 0, partial: 0, maint: 0, other: 0 };
  let prev = from;
  let k = 0;
  // Adds [prev, t) to the intervals it spans under the current state.
  const advance = (t: number) => {
    while (prev < t) {
      while (k < n - 1 && cuts[k + 1] <= prev) k++;
      const end = Math.min(t, cuts[k + 1]);
      const len = end - prev;
      if (active.maint > 0) maint[k] += len;
      else if (active.major > 0) down[k] += len;
      else if (active.partial > 0) down[k] += len * input.partialWeight;
      prev = end;
    }
  };
  for (const e of edges) {
    advance(e.t);
    active[e.kind] += e.d;
  }
  return Array.from({ length: n }, (_, i) => ({
    observedMs: Math.max(0, cuts[i + 1] - cuts[i]) - maint[i],
    downtimeMs: down[i],
    maintenanceMs: maint[i],
    worst: worst[i] === "operational" && maint[i] > 0 ? ("under_maintenance" as const) : worst[i],
  }));
}

/** One component's window [from, to): `componentSweep` with a single interval. */
export function componentAvailability(input: {
  from: number;
  to: number;
  segments: { from: number; to: number; status: ComponentStatusValue }[];
  maintenance: { from: number; to: number }[];
  partialWeight: number;
}) {
  if (input.to <= input.from) return { observedMs: 0, downtimeMs: 0, maintenanceMs: 0, worst: "operational" as ComponentStatusValue };
  return componentSweep({ cuts: [input.from, input.to], segments: input.segments, maintenance: input.maintenance, partialWeight: input.partialWeight })[0];
}

/**
 * Availability for several periods at once (e.g. the previous period, the
 * current one, and its weeks; they may overlap): one sweep per component over
 * the elementary intervals between all their edges, summed per period. Each
 * period gets exactly what `availability()` gives for it alone.
 * `incidentIdsFor`: the periods (by index) whose incident lists are wanted (default all).
 */
export function availabilitySeries(input: {
  components: AvailabilityComponent[];
  segments: StatusSegment[];
  maintenance: MaintenanceSpan[];
  periods: Period[];
  now: Date;
  partialWeight?: number;
  target?: number;
  incidentIdsFor?: number[];
}): Availability[] {
  const target = input.target ?? AVAILABILITY_TARGET;
  const partialWeight = input.partialWeight ?? 0.3;
  const nowMs = input.now.getTime();
  const wantIds = new Set(input.incidentIdsFor ?? input.periods.map((_, k) => k));
  const segs = new Map<string, StatusSegment[]>();
  for (const s of input.segments) (segs.get(s.componentId) ?? segs.set(s.componentId, []).get(s.componentId)!).push(s);
  const maint = new Map<string, MaintenanceSpan[]>();
  for (const m of input.maintenance) (maint.get(m.componentId) ?? maint.set(m.componentId, []).get(m.componentId)!).push(m);

  const perPeriod: ComponentAvailability[][] = input.periods.map(() => []);
  for (const c of input.components) {
    const created = c.createdAt.getTime();
    // Not observed before the component existed nor after now: every edge is clamped into [created, now].
    const clamp = (t: number) => Math.min(Math.max(t, created), Math.max(created, nowMs));
    const spans = input.periods.map((p) => [clamp(p.from.getTime()), clamp(p.to.getTime())] as const);
    const cuts = [...new Set(spans.flat())].sort((x, y) => x - y);
    const mine = (segs.get(c.id) ?? []).map((s) => ({ incidentId: s.incidentId, from: s.from.getTime(), to: s.to ? s.to.getTime() : nowMs, status: s.status }));
    const parts = componentSweep({ cuts, segments: mine, maintenance: (maint.get(c.id) ?? []).map((m) => ({ from: m.from.getTime(), to: m.to.getTime() })), partialWeight });
    spans.forEach(([from, end], k) => {
      let observed = 0;
      let down = 0;
      let mnt = 0;
      let worst: ComponentStatusValue = "operational";
      for (let i = cuts.indexOf(from); i >= 0 && i < parts.length && cuts[i] < end; i++) {
        observed += parts[i].observedMs;
        down += parts[i].downtimeMs;
        mnt += parts[i].maintenanceMs;
        if (STATUS_RANK[parts[i].worst] > STATUS_RANK[worst]) worst = parts[i].worst;
      }
      const incidentIds = wantIds.has(k) ? [...new Set(mine.filter((s) => s.to > from && s.from < end).map((s) => s.incidentId))] : [];
      perPeriod[k].push({ id: c.id, name: c.name, group: c.group, worst, incidentIds, ...row(observed, down, mnt, target) });
    });
  }
  const sum = (rows: ComponentAvailability[]) =>
    row(
      rows.reduce((s, r) => s + r.observedMs, 0),
      rows.reduce((s, r) => s + r.downtimeMs, 0),
      rows.reduce((s, r) => s + r.maintenanceMs, 0),
      target,
    );
  return perPeriod.map((components) => {
    const byGroup = new Map<string, ComponentAvailability[]>();
    for (const c of components) (byGroup.get(c.group) ?? byGroup.set(c.group, []).get(c.group)!).push(c);
    return { components, groups: [...byGroup].map(([group, rows]) => ({ group, ...sum(rows) })), overall: sum(components) };
  });
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
  const { period, ...rest } = input;
  return availabilitySeries({ ...rest, periods: [period] })[0];
}
