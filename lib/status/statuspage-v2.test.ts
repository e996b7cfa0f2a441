import { describe, expect, it } from "vitest";
import type { PublicStatusData } from "./public-types";
import { fixture } from "./__fixtures__/public-data";
import { buildV2, INCIDENT_STATUS_V2, iso, maintenanceStatus, overallIndicator, SEVERITY_IMPACT, V2_NAMES } from "./statuspage-v2";
import { V2_SCHEMAS } from "./statuspage-v2-schema";

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
