/**
 * Atlassian Statuspage public API v2 shapes, built from the narrow public
 * data (pure). Every nullable key is present as null; timestamps are ISO 8601
 * UTC ending in `Z`, as Statuspage's own UTC pages; every response carries the `page` block.
 * Component groups are emitted as Statuspage does: a component with
 * `group: true` and `components: [child ids]`; children carry `group_id`.
 */
import { maintenancePhase } from "@/lib/maintenance/window";
import { STATUS_RANK, worstStatus, type ComponentStatusValue, type SeverityValue } from "@/lib/status/derive-status";
import type { IncidentStatusValue, PageInfo, PublicComponent, PublicIncident, PublicMaintenance, PublicStatusData } from "@/lib/status/public-types";

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

export function maintenanceStatus(m: { windowStart: Date; windowEnd: Date }, now: Date): V2MaintenanceStatus {
  return maintenancePhase(m, now); // our phases are a subset of Statuspage's ("verifying" is never reported)
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

export type V2IncidentUpdate = {
  id: string;
  status: V2IncidentStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: { code: string; name: string; old_status: ComponentStatusValue; new_status: ComponentStatusValue }[] | null;
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

function componentsOf(ids: string[], byId: Map<string, PublicComponent>, pageId: string): V2Component[] {
  return ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [toV2Component(c, pageId)] : [];
  });
}

export function incidentLink(page: PageInfo, id: string): string {
  return `${page.url.replace(/\/$/, "")}/incidents/${id}`;
}

export function toV2Incident(i: PublicIncident, page: PageInfo, byId: Map<string, PublicComponent>): V2Incident {
  const status = INCIDENT_STATUS_V2[i.status];
  return {
    id: i.id,
    name: i.title,
    status,
    created_at: iso(i.declaredAt),
    updated_at: iso(i.updatedAt),
    monitoring_at: null,
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
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: componentsOf(i.componentIds, byId, page.id),
  };
}

export function toV2Maintenance(m: PublicMaintenance, page: PageInfo, byId: Map<string, PublicComponent>, now: Date): V2ScheduledMaintenance {
  const status = maintenanceStatus(m, now);
  const body = `${m.type}: ${m.impact}`;
  return {
    id: m.id,
    name: m.title,
    status,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    monitoring_at: null,
    resolved_at: status === "completed" ? iso(m.windowEnd) : null,
    impact: "maintenance",
    shortlink: `${page.url.replace(/\/$/, "")}#maintenance-${m.id}`,
    started_at: iso(m.windowStart),
    page_id: page.id,
    scheduled_for: iso(m.windowStart),
    scheduled_until: iso(m.windowEnd),
    incident_updates: [
      {
        id: `${m.id}-notice`,
        status: "identified",
        body,
        incident_id: m.id,
        created_at: iso(m.notifiedAt),
        updated_at: iso(m.notifiedAt),
        display_at: iso(m.notifiedAt),
        affected_components: null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
    ],
    components: componentsOf(m.componentIds, byId, page.id),
  };
}

/** All eight v2 documents from one consistent data set. */
export function buildV2(data: PublicStatusData) {
  const page = toV2Page(data.page, pageUpdatedAt(data));
  const byId = new Map(data.components.map((c) => [c.id, c]));
  const maint = data.maintenances.map((m) => toV2Maintenance(m, data.page, byId, data.now));
  const active = maint.filter((m) => m.status === "in_progress");
  const upcoming = maint.filter((m) => m.status === "scheduled");
  const status = overallIndicator({ components: data.components, activeIncidents: data.activeIncidents, maintenanceInProgress: active.length > 0 });
  const components = toV2Components(data.components, data.page.id);
  const unresolved = data.activeIncidents.map((i) => toV2Incident(i, data.page, byId));
  const newestFirst = (a: V2ScheduledMaintenance, b: V2ScheduledMaintenance) => b.scheduled_for.localeCompare(a.scheduled_for);
  return {
    "summary.json": { page, components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming], status },
    "status.json": { page, status },
    "components.json": { page, components },
    "incidents.json": { page, incidents: data.recentIncidents.map((i) => toV2Incident(i, data.page, byId)) },
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
