/**
 * Atlassian Statuspage public API v2 shapes, built from the narrow public
 * data (pure). Every nullable key is present as null; timestamps are ISO 8601
 * UTC ending in `Z`, as Statuspage's own UTC pages; every response carries the `page` block.
 * Component groups are emitted as Statuspage does: a component with
 * `group: true` and `components: [child ids]`; children carry `group_id`.
 */
import { maintenancePhase } from "@/lib/maintenance/window";
import { SEVERITY_STATUS, STATUS_RANK, worstStatus, type ComponentStatusValue, type SeverityValue } from "@/lib/status/derive-status";
import type { IncidentStatusValue, PageInfo, PublicComponent, PublicIncident, PublicMaintenance, PublicStatusData, PublicUpdate } from "@/lib/status/public-types";

export type V2Impact = "none" | "minor" | "major" | "critical";
export type V2Indicator = V2Impact | "maintenance";
export type V2IncidentStatus = "investigating" | "identified" | "monitoring" | "resolved" | "postmortem";
export type V2MaintenanceStatus = "scheduled" | "in_progress" | "verifying" | "completed";

export const INCIDENT_STATUS_V2: Record<IncidentStatusValue, V2IncidentStatus> = {
  Investigating: "investigating",
  Identified: "identified",
  Fixing: "identified",
  Resolved: "resolved",
};

export const SEVERITY_IMPACT: Record<SeverityValue, V2Impact> = { P1: "critical", P2: "major", P3: "minor", P4: "none" };

export const INDICATOR_DESCRIPTION: Record<V2Indicator, string> = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major Service Outage",
  maintenance: "Service Under Maintenance",
};

/** What a component's status contributes to the page indicator. */
const COMPONENT_INDICATOR: Record<ComponentStatusValue, V2Indicator> = {
  operational: "none",
  under_maintenance: "maintenance",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};

/** Indicators rank as the component statuses they stand for (STATUS_RANK, the one ranking). */
const INDICATOR_RANK = Object.fromEntries(Object.entries(COMPONENT_INDICATOR).map(([status, indicator]) => [indicator, STATUS_RANK[status as ComponentStatusValue]])) as Record<V2Indicator, number>;

/** `2026-11-22T10:00:00.000Z` (Statuspage clients parse the UTC `Z` form; `+00:00` broke strict ones). */
export function iso(d: Date): string {
  return d.toISOString();
}
const isoOrNull = (d: Date | null | undefined) => (d ? iso(d) : null);

/**
 * Overall indicator: the worst of the unresolved incidents' impacts and the
 * components' statuses; "maintenance" only when nothing is worse.
 */
export function overallIndicator(input: { components: { status: ComponentStatusValue }[]; activeIncidents: { severity: SeverityValue }[]; maintenanceInProgress?: boolean }): { indicator: V2Indicator; description: string } {
  const all: V2Indicator[] = [
    ...input.components.map((c) => COMPONENT_INDICATOR[c.status]),
    ...input.activeIncidents.map((i) => SEVERITY_IMPACT[i.severity]),
    ...(input.maintenanceInProgress ? (["maintenance"] as const) : []),
  ];
  const indicator = all.reduce<V2Indicator>((w, s) => (INDICATOR_RANK[s] > INDICATOR_RANK[w] ? s : w), "none");
  return { indicator, description: INDICATOR_DESCRIPTION[indicator] };
}

/** Statuspage has no "cancelled": a cancelled window is `completed` (its last update says it was cancelled). "verifying" is never reported. */
export function maintenanceStatus(m: { windowStart: Date; windowEnd: Date; cancelledAt?: Date | null }, now: Date): V2MaintenanceStatus {
  const phase = maintenancePhase(m, now);
  return phase === "cancelled" ? "completed" : phase;
}

export function groupId(group: string): string {
  return `group-${group.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

export type V2Page = { id: string; name: string; url: string; time_zone: "Etc/UTC"; updated_at: string };

export type V2Component = {
  id: string;
  name: string;
  status: ComponentStatusValue;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  components?: string[];
};

export type V2AffectedComponent = { code: string; name: string; old_status: ComponentStatusValue; new_status: ComponentStatusValue };

export type V2IncidentUpdate = {
  id: string;
  status: V2IncidentStatus | V2MaintenanceStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: V2AffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
};

export type V2Incident = {
  id: string;
  name: string;
  status: V2IncidentStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: V2Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: V2IncidentUpdate[];
  components: V2Component[];
};

export type V2ScheduledMaintenance = Omit<V2Incident, "status" | "impact"> & {
  status: V2MaintenanceStatus;
  impact: "maintenance";
  scheduled_for: string;
  scheduled_until: string;
};

export type V2Status = { indicator: V2Indicator; description: string };

/** The page's updated_at: the latest public moment in the data. */
export function pageUpdatedAt(data: PublicStatusData): Date {
  let t = 0;
  for (const c of data.components) t = Math.max(t, c.updatedAt.getTime());
  for (const i of data.recentIncidents) t = Math.max(t, i.updatedAt.getTime());
  for (const m of data.maintenances) t = Math.max(t, m.updatedAt.getTime());
  return new Date(t || data.now.getTime());
}

export function toV2Page(page: PageInfo, updatedAt: Date): V2Page {
  return { id: page.id, name: page.name, url: page.url, time_zone: "Etc/UTC", updated_at: iso(updatedAt) };
}

export function toV2Component(c: PublicComponent, pageId: string): V2Component {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position: c.position,
    description: c.description ? c.description : null,
    showcase: true,
    start_date: c.createdAt.toISOString().slice(0, 10),
    group_id: groupId(c.group),
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  };
}

/** Groups (as group components) followed by their members, in page order. */
export function toV2Components(components: PublicComponent[], pageId: string): V2Component[] {
  const groups = new Map<string, PublicComponent[]>();
  for (const c of components) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const out: V2Component[] = [];
  let position = 0;
  for (const [name, members] of groups) {
    const worst = worstStatus(members.map((c) => c.status));
    const created = new Date(Math.min(...members.map((c) => c.createdAt.getTime())));
    const updated = new Date(Math.max(...members.map((c) => c.updatedAt.getTime())));
    out.push({
      id: groupId(name),
      name,
      status: worst,
      created_at: iso(created),
      updated_at: iso(updated),
      position: ++position,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: members.map((c) => c.id),
    });
    for (const c of members) out.push({ ...toV2Component(c, pageId), position: ++position });
  }
  return out;
}

/** Component id → its `position` in components.json: the copy inside an incident or maintenance carries the same number. */
export type V2Positions = Map<string, number>;

export function v2Positions(components: PublicComponent[], pageId = ""): V2Positions {
  return new Map(toV2Components(components, pageId).map((c) => [c.id, c.position]));
}

function componentsOf(ids: string[], byId: Map<string, PublicComponent>, pageId: string, positions: V2Positions): V2Component[] {
  return ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [{ ...toV2Component(c, pageId), position: positions.get(id) ?? c.position }] : [];
  });
}

function affected(ids: string[], byId: Map<string, PublicComponent>, from: ComponentStatusValue, to: ComponentStatusValue): V2AffectedComponent[] | null {
  if (from === to) return null;
  const list = ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [{ code: c.id, name: c.name, old_status: from, new_status: to }] : [];
  });
  return list.length ? list : null;
}

/**
 * What each published update did to the incident's components, as
 * Statuspage's `affected_components`: the first one takes them from
 * operational to the update's explicit status (else the severity's), a later
 * explicit status moves them on, resolving returns them to operational; an
 * update that changed nothing has null. Keyed by update id (pure).
 */
export function affectedComponentsTrail(i: Pick<PublicIncident, "severity" | "componentIds" | "updates">, byId: Map<string, PublicComponent>): Map<string, V2AffectedComponent[] | null> {
  const out = new Map<string, V2AffectedComponent[] | null>();
  let current: ComponentStatusValue = "operational";
  [...i.updates].reverse().forEach((u, k) => {
    const next: ComponentStatusValue = u.status === "Resolved" ? "operational" : (u.componentStatus ?? (k === 0 ? SEVERITY_STATUS[i.severity] : current));
    out.set(u.id, affected(i.componentIds, byId, current, next));
    current = next;
  });
  return out;
}

/**
 * `monitoring_at`: when the incident first entered the status that maps to
 * Statuspage's `monitoring` (earliest published update with it), else null.
 * With the mapping of issue 2 (Identified and Fixing → identified) no OpsGate
 * status maps to monitoring, so it stays null unless the mapping changes.
 */
export function monitoringAt(updates: PublicUpdate[], mapping: Record<IncidentStatusValue, V2IncidentStatus> = INCIDENT_STATUS_V2): Date | null {
  let at: Date | null = null;
  for (const u of updates) if (mapping[u.status] === "monitoring" && (!at || u.createdAt < at)) at = u.createdAt;
  return at;
}

export function incidentLink(page: PageInfo, id: string): string {
  return `${page.url.replace(/\/$/, "")}/incidents/${id}`;
}

export function toV2Incident(i: PublicIncident, page: PageInfo, byId: Map<string, PublicComponent>, positions: V2Positions = v2Positions([...byId.values()])): V2Incident {
  const status = INCIDENT_STATUS_V2[i.status];
  const trail = affectedComponentsTrail(i, byId);
  return {
    id: i.id,
    name: i.title,
    status,
    created_at: iso(i.declaredAt),
    updated_at: iso(i.updatedAt),
    monitoring_at: isoOrNull(monitoringAt(i.updates)),
    resolved_at: status === "resolved" ? isoOrNull(i.resolvedAt ?? i.updatedAt) : null,
    impact: SEVERITY_IMPACT[i.severity],
    shortlink: incidentLink(page, i.id),
    started_at: iso(i.declaredAt),
    page_id: page.id,
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: INCIDENT_STATUS_V2[u.status],
      body: u.body,
      incident_id: i.id,
      created_at: iso(u.createdAt),
      updated_at: iso(u.createdAt),
      display_at: iso(u.createdAt),
      affected_components: trail.get(u.id) ?? null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: componentsOf(i.componentIds, byId, page.id, positions),
  };
}

/**
 * A window's timeline as Statuspage maintenance updates, newest first:
 * `scheduled` when it was announced, `in_progress` at its start and
 * `completed` at its end, each only once that moment has passed; a cancelled
 * window ends with a `completed` update at its cancellation saying so (pure).
 */
export function maintenanceUpdates(m: PublicMaintenance, byId: Map<string, PublicComponent>, now: Date): V2IncidentUpdate[] {
  const when = `${iso(m.windowStart).slice(0, 16).replace("T", " ")} – ${iso(m.windowEnd).slice(0, 16).replace("T", " ")} UTC`;
  const steps: { key: V2MaintenanceStatus; at: Date; body: string; affected: V2AffectedComponent[] | null }[] = [
    { key: "scheduled", at: m.notifiedAt, body: `${m.type}: ${m.impact}\nScheduled for ${when}.`, affected: null },
  ];
  const cancelled = m.cancelledAt && m.cancelledAt <= now ? m.cancelledAt : null;
  const started = now >= m.windowStart && (!cancelled || cancelled > m.windowStart);
  if (started) steps.push({ key: "in_progress", at: m.windowStart, body: "Scheduled maintenance is currently in progress.", affected: affected(m.componentIds, byId, "operational", "under_maintenance") });
  if (cancelled) {
    const body = `This scheduled maintenance has been cancelled.${m.cancelReason ? ` ${m.cancelReason}` : ""}`;
    steps.push({ key: "completed", at: cancelled, body, affected: started ? affected(m.componentIds, byId, "under_maintenance", "operational") : null });
  } else if (now >= m.windowEnd) {
    steps.push({ key: "completed", at: m.windowEnd, body: "The scheduled maintenance has been completed.", affected: affected(m.componentIds, byId, "under_maintenance", "operational") });
  }
  return steps.reverse().map((st) => ({
    id: `${m.id}-${st.key}`,
    status: st.key,
    body: st.body,
    incident_id: m.id,
    created_at: iso(st.at),
    updated_at: iso(st.at),
    display_at: iso(st.at),
    affected_components: st.affected,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));
}

export function toV2Maintenance(m: PublicMaintenance, page: PageInfo, byId: Map<string, PublicComponent>, now: Date, positions: V2Positions = v2Positions([...byId.values()])): V2ScheduledMaintenance {
  const status = maintenanceStatus(m, now);
  return {
    id: m.id,
    name: m.title,
    status,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    monitoring_at: null,
    resolved_at: status === "completed" ? iso(m.cancelledAt && m.cancelledAt <= now ? m.cancelledAt : m.windowEnd) : null,
    impact: "maintenance",
    shortlink: `${page.url.replace(/\/$/, "")}#maintenance-${m.id}`,
    started_at: iso(m.windowStart),
    page_id: page.id,
    scheduled_for: iso(m.windowStart),
    scheduled_until: iso(m.windowEnd),
    incident_updates: maintenanceUpdates(m, byId, now),
    components: componentsOf(m.componentIds, byId, page.id, positions),
  };
}

/** All eight v2 documents from one consistent data set. */
export function buildV2(data: PublicStatusData) {
  const page = toV2Page(data.page, pageUpdatedAt(data));
  const byId = new Map(data.components.map((c) => [c.id, c]));
  const positions = v2Positions(data.components, data.page.id);
  const maint = data.maintenances.map((m) => toV2Maintenance(m, data.page, byId, data.now, positions));
  const active = maint.filter((m) => m.status === "in_progress");
  const upcoming = maint.filter((m) => m.status === "scheduled");
  const status = overallIndicator({ components: data.components, activeIncidents: data.activeIncidents, maintenanceInProgress: active.length > 0 });
  const components = toV2Components(data.components, data.page.id);
  const unresolved = data.activeIncidents.map((i) => toV2Incident(i, data.page, byId, positions));
  const newestFirst = (a: V2ScheduledMaintenance, b: V2ScheduledMaintenance) => b.scheduled_for.localeCompare(a.scheduled_for);
  return {
    "summary.json": { page, components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming], status },
    "status.json": { page, status },
    "components.json": { page, components },
    "incidents.json": { page, incidents: data.recentIncidents.map((i) => toV2Incident(i, data.page, byId, positions)) },
    "incidents/unresolved.json": { page, incidents: unresolved },
    "scheduled-maintenances.json": { page, scheduled_maintenances: [...maint].sort(newestFirst).slice(0, 50) },
    "scheduled-maintenances/upcoming.json": { page, scheduled_maintenances: upcoming },
    "scheduled-maintenances/active.json": { page, scheduled_maintenances: active },
  } as const;
}

export type V2Documents = ReturnType<typeof buildV2>;
export type V2Name = keyof V2Documents;
export const V2_NAMES = Object.keys({
  "summary.json": 1,
  "status.json": 1,
  "components.json": 1,
  "incidents.json": 1,
  "incidents/unresolved.json": 1,
  "scheduled-maintenances.json": 1,
  "scheduled-maintenances/upcoming.json": 1,
  "scheduled-maintenances/active.json": 1,
} satisfies Record<V2Name, 1>) as V2Name[];

/** `/api/v2/incidents/{id}.json` and `/api/v2/scheduled-maintenances/{id}.json` paths (ids as our cuids). */
export const V2_INCIDENT_PATH = /^\/api\/v2\/incidents\/([A-Za-z0-9_-]{1,64})\.json$/;
export const V2_MAINTENANCE_PATH = /^\/api\/v2\/scheduled-maintenances\/([A-Za-z0-9_-]{1,64})\.json$/;

/** One incident as Statuspage serves it by id: `{page, incident}`. */
export function v2IncidentDocument(i: PublicIncident, data: Pick<PublicStatusData, "page" | "components">, updatedAt: Date) {
  const byId = new Map(data.components.map((c) => [c.id, c]));
  return { page: toV2Page(data.page, updatedAt), incident: toV2Incident(i, data.page, byId, v2Positions(data.components, data.page.id)) };
}

/** One maintenance as Statuspage serves it by id: `{page, scheduled_maintenance}`. */
export function v2MaintenanceDocument(m: PublicMaintenance, data: Pick<PublicStatusData, "page" | "components" | "now">, updatedAt: Date) {
  const byId = new Map(data.components.map((c) => [c.id, c]));
  return { page: toV2Page(data.page, updatedAt), scheduled_maintenance: toV2Maintenance(m, data.page, byId, data.now, v2Positions(data.components, data.page.id)) };
}

/** The per-id documents of everything in one data set, keyed by path (the snapshot's hot set). */
export function buildV2ById(data: PublicStatusData): Map<string, unknown> {
  const updatedAt = pageUpdatedAt(data);
  const out = new Map<string, unknown>();
  for (const i of [...data.activeIncidents, ...data.recentIncidents]) {
    const path = `/api/v2/incidents/${i.id}.json`;
    if (!out.has(path)) out.set(path, v2IncidentDocument(i, data, updatedAt));
  }
  for (const m of data.maintenances) out.set(`/api/v2/scheduled-maintenances/${m.id}.json`, v2MaintenanceDocument(m, data, updatedAt));
  return out;
}
