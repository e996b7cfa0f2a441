/**
 * A component's status is derived, never assigned: the worst of its open
 * incidents (severity mapped, or the status an update set explicitly), else
 * "under_maintenance" while a maintenance window covers it, else operational.
 * Component.status in the database is a cache of this function
 * (refreshed by `refreshComponentStatuses`).
 */
export const COMPONENT_STATUSES = ["operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage"] as const;
export type ComponentStatusValue = (typeof COMPONENT_STATUSES)[number];
export type SeverityValue = "P1" | "P2" | "P3" | "P4";

/** What people read for each status (dashboard badges, forms, the public page and feeds). */
export const COMPONENT_STATUS_LABELS: Record<ComponentStatusValue, string> = {
  operational: "Operational",
  under_maintenance: "Under maintenance",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};

/** How bad a status is (higher is worse): the one ranking every "worst of" uses. */
export const STATUS_RANK: Record<ComponentStatusValue, number> = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };

export const SEVERITY_STATUS: Record<SeverityValue, ComponentStatusValue> = {
  P1: "major_outage",
  P2: "partial_outage",
  P3: "degraded_performance",
  P4: "operational",
};

export type OpenIncidentInput = { severity: SeverityValue; /** the latest explicit status from an update, if any */ override?: ComponentStatusValue | null };

/** The worst of some statuses (operational for none). */
export function worstStatus(statuses: readonly ComponentStatusValue[]): ComponentStatusValue {
  return statuses.reduce<ComponentStatusValue>((w, s) => (STATUS_RANK[s] > STATUS_RANK[w] ? s : w), "operational");
}

export function deriveComponentStatus(input: { openIncidents: OpenIncidentInput[]; inMaintenance: boolean }): ComponentStatusValue {
  const fromIncidents = worstStatus(input.openIncidents.map((i) => i.override ?? SEVERITY_STATUS[i.severity]));
  if (fromIncidents !== "operational") return fromIncidents;
  return input.inMaintenance ? "under_maintenance" : "operational";
}

/**
 * The statuses a new incident of `severity` can leave its components in,
 * from their current (cached) status: the derived status is the worst of the
 * open incidents, and a new incident without an explicit status adds only
 * its severity's status, which beats maintenance. So the new status is the
 * worse of the two, and only the components that get worse change. Pure.
 */
export function statusesBelow(severity: SeverityValue): ComponentStatusValue[] {
  const target = SEVERITY_STATUS[severity];
  if (target === "operational") return [];
  return COMPONENT_STATUSES.filter((s) => STATUS_RANK[s] < STATUS_RANK[target]);
}

