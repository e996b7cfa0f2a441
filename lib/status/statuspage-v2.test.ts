import { describe, expect, it } from "vitest";
import type { PublicStatusData } from "./public-types";
import { fixture } from "./__fixtures__/public-data";
import { buildV2, buildV2ById, INCIDENT_STATUS_V2, iso, maintenanceStatus, monitoringAt, overallIndicator, SEVERITY_IMPACT, V2_INCIDENT_PATH, V2_MAINTENANCE_PATH, V2_NAMES } from "./statuspage-v2";
import { v2IncidentDocumentSchema, v2MaintenanceDocumentSchema, V2_SCHEMAS } from "./statuspage-v2-schema";

const t = (s: string) => new Date(s);

describe("v2 mapping", () => {
  it("maps incident statuses and severities as the issue specifies", () => {
    expect(INCIDENT_STATUS_V2).toEqual({ Investigating: "investigating", Identified: "identified", Fixing: "identified", Resolved: "resolved" });
    expect(SEVERITY_IMPACT).toEqual({ P1: "critical", P2: "major", P3: "minor", P4: "none" });
  });

  it("writes timestamps with an explicit offset", () => {
    expect(iso(t("2026-11-22T10:00:00Z"))).toBe("2026-11-22T10:00:00.000Z");
  });

  it("maintenance status by window, at the exact boundaries", () => {
    const m = { windowStart: t("2026-11-22T11:00:00Z"), windowEnd: t("2026-11-22T13:00:00Z") };
    expect(maintenanceStatus(m, new Date(m.windowStart.getTime() - 1))).toBe("scheduled");
    expect(maintenanceStatus(m, m.windowStart)).toBe("in_progress");
    expect(maintenanceStatus(m, new Date(m.windowEnd.getTime() - 1))).toBe("in_progress");
    expect(maintenanceStatus(m, m.windowEnd)).toBe("completed");
  });

  it("every document validates against Atlassian's shape, with the page block", () => {
    const docs = buildV2(fixture());
    for (const name of V2_NAMES) {
      const r = V2_SCHEMAS[name].safeParse(docs[name]);
      expect(r.success, `${name}: ${r.success ? "" : JSON.stringify(r.error.issues.slice(0, 3))}`).toBe(true);
      expect(docs[name].page).toMatchObject({ id: "opsgate", time_zone: "Etc/UTC", url: "http://localhost:3000/status" });
    }
  });

  it("summary: groups as group components, unresolved incidents, active+upcoming maintenance, blended status", () => {
    const s = buildV2(fixture())["summary.json"];
    expect(s.components.map((c) => [c.id, c.group, c.group_id])).toEqual([
      ["group-application", true, null],
      ["a", false, "group-application"],
      ["b", false, "group-application"],
      ["group-network", true, null],
      ["c", false, "group-network"],
    ]);
    expect(s.components[0]).toMatchObject({ status: "partial_outage", components: ["a", "b"] });
    expect(s.components[1].description).toBe("Edge API");
    expect(s.components[2].description).toBeNull();
    expect(s.incidents.map((i) => [i.id, i.status, i.impact, i.resolved_at, i.monitoring_at])).toEqual([["inc1", "identified", "major", null, null]]);
    expect(s.incidents[0].incident_updates.map((u) => u.status)).toEqual(["identified", "investigating"]);
    expect(s.incidents[0].shortlink).toBe("http://localhost:3000/status/incidents/inc1");
    expect(s.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([["now", "in_progress"], ["next", "scheduled"]]);
    expect(s.status).toEqual({ indicator: "major", description: "Partial System Outage" });
  });

  it("lists: incidents.json has resolved ones with resolved_at; maintenance lists split by time", () => {
    const d = buildV2(fixture());
    expect(d["incidents.json"].incidents.find((i) => i.id === "inc0")).toMatchObject({ status: "resolved", impact: "none", resolved_at: "2026-11-01T11:00:00.000Z" });
    expect(d["scheduled-maintenances/active.json"].scheduled_maintenances.map((m) => m.id)).toEqual(["now"]);
    expect(d["scheduled-maintenances/upcoming.json"].scheduled_maintenances.map((m) => m.id)).toEqual(["next"]);
    expect(d["scheduled-maintenances.json"].scheduled_maintenances.map((m) => m.id)).toEqual(["next", "now", "past"]);
    expect(d["scheduled-maintenances.json"].scheduled_maintenances.find((m) => m.id === "past")).toMatchObject({ status: "completed", impact: "maintenance" });
  });
});

describe("v2 details (issue 16)", () => {
  it("maintenance updates use scheduled / in_progress / completed, newest first, each once its moment passed", () => {
    const d = buildV2(fixture())["scheduled-maintenances.json"].scheduled_maintenances;
    const byId = Object.fromEntries(d.map((m) => [m.id, m]));
    expect(byId.next.incident_updates.map((u) => [u.status, u.created_at])).toEqual([["scheduled", "2026-11-10T00:00:00.000Z"]]);
    expect(byId.now.incident_updates.map((u) => [u.status, u.created_at])).toEqual([
      ["in_progress", "2026-11-22T11:00:00.000Z"],
      ["scheduled", "2026-11-10T00:00:00.000Z"],
    ]);
    expect(byId.past.incident_updates.map((u) => u.status)).toEqual(["completed", "in_progress", "scheduled"]);
    for (const m of d) for (const u of m.incident_updates) expect(["scheduled", "in_progress", "verifying", "completed"]).toContain(u.status);
    expect(byId.past.incident_updates[0].affected_components).toEqual([{ code: "b", name: "Comp b", old_status: "under_maintenance", new_status: "operational" }]);
    expect(byId.past.incident_updates[1].affected_components).toEqual([{ code: "b", name: "Comp b", old_status: "operational", new_status: "under_maintenance" }]);
    expect(byId.past.incident_updates[2].affected_components).toBeNull();
  });

  it("a cancelled window is completed (Statuspage has no cancelled), its last update says why; it leaves upcoming/active", () => {
    const data = fixture();
    const now = data.maintenances.find((m) => m.id === "now")!;
    Object.assign(now, { cancelledAt: new Date("2026-11-22T11:30:00Z"), cancelReason: "Rolled back early." });
    const next = data.maintenances.find((m) => m.id === "next")!;
    Object.assign(next, { cancelledAt: new Date("2026-11-21T00:00:00Z"), cancelReason: null });
    const d = buildV2(data);
    expect(d["scheduled-maintenances/active.json"].scheduled_maintenances).toEqual([]);
    expect(d["scheduled-maintenances/upcoming.json"].scheduled_maintenances).toEqual([]);
    const all = Object.fromEntries(d["scheduled-maintenances.json"].scheduled_maintenances.map((m) => [m.id, m]));
    expect(all.now).toMatchObject({ status: "completed", resolved_at: "2026-11-22T11:30:00.000Z" });
    expect(all.now.incident_updates.map((u) => [u.status, u.body])).toEqual([
      ["completed", "This scheduled maintenance has been cancelled. Rolled back early."],
      ["in_progress", "Scheduled maintenance is currently in progress."],
      ["scheduled", "Patching: Brief blips\nScheduled for 2026-11-22 11:00 – 2026-11-22 13:00 UTC."],
    ]);
    expect(all.now.incident_updates[0].affected_components).toEqual([{ code: "b", name: "Comp b", old_status: "under_maintenance", new_status: "operational" }]);
    // cancelled before it started: never in progress, nothing changed for the components
    expect(all.next.incident_updates.map((u) => [u.status, u.affected_components])).toEqual([
      ["completed", null],
      ["scheduled", null],
    ]);
    for (const m of Object.values(all)) expect(V2_SCHEMAS["scheduled-maintenances.json"].shape.scheduled_maintenances.element.safeParse(m).success).toBe(true);
  });

  it("affected_components: severity's status first, then each explicit status; an update that changes nothing has null", () => {
    const data = fixture();
    const inc = buildV2(data)["summary.json"].incidents[0];
    expect(inc.incident_updates.map((u) => [u.id, u.affected_components])).toEqual([
      ["u2", [{ code: "a", name: "Comp a", old_status: "partial_outage", new_status: "degraded_performance" }]],
      ["u1", [{ code: "a", name: "Comp a", old_status: "operational", new_status: "partial_outage" }]],
    ]);
    data.activeIncidents[0] = { ...data.activeIncidents[0], updates: [{ id: "u3", status: "Identified", body: "same", componentStatus: null, createdAt: new Date("2026-11-22T11:00:00Z") }, ...data.activeIncidents[0].updates] };
    const again = buildV2(data)["summary.json"].incidents[0];
    expect(again.incident_updates[0]).toMatchObject({ id: "u3", affected_components: null });
    const resolved = buildV2(data)["incidents.json"].incidents.find((i) => i.id === "inc0")!;
    expect(resolved.incident_updates[0].affected_components).toEqual([{ code: "a", name: "Comp a", old_status: "operational", new_status: "degraded_performance" }]);
  });

  it("a component's position is the same in components.json, in summary, and inside incidents and maintenances", () => {
    const d = buildV2(fixture());
    const pos = new Map(d["components.json"].components.map((c) => [c.id, c.position]));
    expect(new Set(pos.values()).size).toBe(pos.size);
    const copies = [...d["summary.json"].incidents.flatMap((i) => i.components), ...d["scheduled-maintenances.json"].scheduled_maintenances.flatMap((m) => m.components)];
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) expect(c.position, c.id).toBe(pos.get(c.id));
    expect(d["summary.json"].components.map((c) => c.position)).toEqual(d["components.json"].components.map((c) => c.position));
  });

  it("monitoring_at is the first update whose status maps to monitoring (none does in the issue-2 mapping)", () => {
    const updates = fixture().activeIncidents[0].updates;
    expect(monitoringAt(updates)).toBeNull();
    expect(buildV2(fixture())["summary.json"].incidents[0].monitoring_at).toBeNull();
    const mapsFixing = { ...INCIDENT_STATUS_V2, Fixing: "monitoring" as const };
    expect(monitoringAt(updates, mapsFixing)).toEqual(new Date("2026-11-22T10:30:00Z"));
    const later = { id: "u9", status: "Fixing" as const, body: "", componentStatus: null, createdAt: new Date("2026-11-22T11:30:00Z") };
    expect(monitoringAt([later, ...updates], mapsFixing)).toEqual(new Date("2026-11-22T10:30:00Z"));
  });

  it("serves every incident and window by id as {page, incident} / {page, scheduled_maintenance}, matching the lists", () => {
    const data = fixture();
    const byPath = buildV2ById(data);
    const lists = buildV2(data);
    expect([...byPath.keys()].sort()).toEqual(
      ["/api/v2/incidents/inc0.json", "/api/v2/incidents/inc1.json", "/api/v2/scheduled-maintenances/next.json", "/api/v2/scheduled-maintenances/now.json", "/api/v2/scheduled-maintenances/past.json"],
    );
    for (const [path, doc] of byPath) {
      const schema = V2_INCIDENT_PATH.test(path) ? v2IncidentDocumentSchema : v2MaintenanceDocumentSchema;
      const r = schema.safeParse(doc);
      expect(r.success, `${path}: ${r.success ? "" : JSON.stringify(r.error.issues.slice(0, 3))}`).toBe(true);
    }
    expect((byPath.get("/api/v2/incidents/inc1.json") as { incident: unknown }).incident).toEqual(lists["incidents.json"].incidents.find((i) => i.id === "inc1"));
    expect((byPath.get("/api/v2/scheduled-maintenances/now.json") as { scheduled_maintenance: unknown }).scheduled_maintenance).toEqual(lists["scheduled-maintenances.json"].scheduled_maintenances.find((m) => m.id === "now"));
    expect(V2_INCIDENT_PATH.exec("/api/v2/incidents/unresolved.json")?.[1]).toBe("unresolved"); // the fixed names are matched first (public-routes)
    expect(V2_MAINTENANCE_PATH.test("/api/v2/scheduled-maintenances/x/y.json")).toBe(false);
  });
});

describe("overall indicator (blending)", () => {
  const c = (status: PublicStatusData["components"][number]["status"]) => ({ status });
  it("is none when all is well", () => {
    expect(overallIndicator({ components: [c("operational")], activeIncidents: [] })).toEqual({ indicator: "none", description: "All Systems Operational" });
  });
  it("takes the worst of component statuses and incident impacts", () => {
    expect(overallIndicator({ components: [c("degraded_performance")], activeIncidents: [] }).indicator).toBe("minor");
    expect(overallIndicator({ components: [c("partial_outage")], activeIncidents: [{ severity: "P3" }] }).indicator).toBe("major");
    expect(overallIndicator({ components: [c("operational")], activeIncidents: [{ severity: "P1" }] })).toEqual({ indicator: "critical", description: "Major Service Outage" });
    expect(overallIndicator({ components: [c("major_outage")], activeIncidents: [{ severity: "P4" }] }).indicator).toBe("critical");
  });
  it("shows maintenance only when nothing is worse", () => {
    expect(overallIndicator({ components: [c("under_maintenance")], activeIncidents: [] })).toEqual({ indicator: "maintenance", description: "Service Under Maintenance" });
    expect(overallIndicator({ components: [c("operational")], activeIncidents: [], maintenanceInProgress: true }).indicator).toBe("maintenance");
    expect(overallIndicator({ components: [c("under_maintenance"), c("degraded_performance")], activeIncidents: [] }).indicator).toBe("minor");
    expect(overallIndicator({ components: [], activeIncidents: [{ severity: "P4" }], maintenanceInProgress: true }).indicator).toBe("maintenance");
  });
});
