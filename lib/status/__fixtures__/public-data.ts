/** A small public data set for unit tests of the pure renderers. */
import type { PublicStatusData } from "../public-types";

export const now = new Date("2026-11-22T12:00:00Z");
const t = (s: string) => new Date(s);

export function fixture(): PublicStatusData {
  const comp = (id: string, group: string, status: PublicStatusData["components"][number]["status"]) => ({
    id, name: `Comp ${id}`, group, description: id === "a" ? "Edge API" : "", status, position: 0, createdAt: t("2026-01-01T00:00:00Z"), updatedAt: t("2026-11-20T00:00:00Z"),
  });
  const incident = {
    id: "inc1", number: 1, title: "API errors", severity: "P2" as const, status: "Fixing" as const, declaredAt: t("2026-11-22T10:00:00Z"), updatedAt: t("2026-11-22T10:30:00Z"), resolvedAt: null,
    componentIds: ["a"], updates: [
      { id: "u2", status: "Fixing" as const, body: "Rolling back", componentStatus: "degraded_performance" as const, createdAt: t("2026-11-22T10:30:00Z") },
      { id: "u1", status: "Investigating" as const, body: "Looking", componentStatus: null, createdAt: t("2026-11-22T10:00:00Z") },
    ],
  };
  const resolved = { ...incident, id: "inc0", number: 0, status: "Resolved" as const, severity: "P4" as const, resolvedAt: t("2026-11-01T11:00:00Z"), declaredAt: t("2026-11-01T10:00:00Z"), updatedAt: t("2026-11-01T11:00:00Z") };
  const mw = (id: string, start: string, end: string) => ({ id, number: 1, title: `MW ${id}`, type: "Patching" as const, impact: "Brief blips", windowStart: t(start), windowEnd: t(end), notifiedAt: t("2026-11-10T00:00:00Z"), createdAt: t("2026-11-09T00:00:00Z"), updatedAt: t("2026-11-10T00:00:00Z"), version: 1, cancelledAt: null as Date | null, cancelReason: null as string | null, componentIds: ["b"] });
  return {
    page: { id: "opsgate", name: "OpsGate", url: "http://localhost:3000/status" },
    now,
    components: [comp("a", "Application", "partial_outage"), comp("b", "Application", "under_maintenance"), comp("c", "Network", "operational")],
    activeIncidents: [incident],
    recentIncidents: [incident, resolved],
    maintenances: [mw("past", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z"), mw("now", "2026-11-22T11:00:00Z", "2026-11-22T13:00:00Z"), mw("next", "2026-11-25T00:00:00Z", "2026-11-25T02:00:00Z")],
    uptimeIncidents: [],
    historyTotal: 2,
  };
}

