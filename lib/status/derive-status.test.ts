import { describe, expect, it } from "vitest";
import { COMPONENT_STATUSES, deriveComponentStatus, SEVERITY_STATUS, statusesBelow, worstStatus, type OpenIncidentInput, type SeverityValue } from "./derive-status";

describe("deriveComponentStatus", () => {
  it("is operational with nothing open", () => {
    expect(deriveComponentStatus({ openIncidents: [], inMaintenance: false })).toBe("operational");
  });

  it("maps severities P1→major, P2→partial, P3→degraded, P4→no change", () => {
    const s = (severity: "P1" | "P2" | "P3" | "P4") => deriveComponentStatus({ openIncidents: [{ severity }], inMaintenance: false });
    expect([s("P1"), s("P2"), s("P3"), s("P4")]).toEqual(["major_outage", "partial_outage", "degraded_performance", "operational"]);
  });

  it("takes the worst of several incidents, in any order", () => {
    const a = deriveComponentStatus({ openIncidents: [{ severity: "P3" }, { severity: "P1" }, { severity: "P2" }], inMaintenance: false });
    const b = deriveComponentStatus({ openIncidents: [{ severity: "P1" }, { severity: "P3" }, { severity: "P2" }], inMaintenance: false });
    expect(a).toBe("major_outage");
    expect(b).toBe(a);
  });

  it("lets an update's explicit status override the severity mapping", () => {
    expect(deriveComponentStatus({ openIncidents: [{ severity: "P1", override: "degraded_performance" }], inMaintenance: false })).toBe("degraded_performance");
    expect(deriveComponentStatus({ openIncidents: [{ severity: "P4", override: "partial_outage" }], inMaintenance: false })).toBe("partial_outage");
  });

  it("shows maintenance only when no incident degrades the component", () => {
    expect(deriveComponentStatus({ openIncidents: [], inMaintenance: true })).toBe("under_maintenance");
    expect(deriveComponentStatus({ openIncidents: [{ severity: "P4" }], inMaintenance: true })).toBe("under_maintenance");
    expect(deriveComponentStatus({ openIncidents: [{ severity: "P3" }], inMaintenance: true })).toBe("degraded_performance");
  });

  it("worstStatus of nothing is operational", () => {
    expect(worstStatus([])).toBe("operational");
  });
});

describe("statusesBelow (a declaration's incremental component update)", () => {
  const severities: SeverityValue[] = ["P1", "P2", "P3", "P4"];
  const incidents: OpenIncidentInput[] = [...severities.map((severity) => ({ severity })), ...COMPONENT_STATUSES.map((override) => ({ severity: "P2" as const, override }))];

  it("gives the same status as a full recomputation, for every set of up to two open incidents, with and without maintenance", () => {
    const sets: OpenIncidentInput[][] = [[], ...incidents.map((i) => [i]), ...incidents.flatMap((a) => incidents.map((b) => [a, b]))];
    let checked = 0;
    for (const open of sets)
      for (const inMaintenance of [false, true])
        for (const severity of severities) {
          const cached = deriveComponentStatus({ openIncidents: open, inMaintenance });
          const full = deriveComponentStatus({ openIncidents: [...open, { severity }], inMaintenance });
          const incremental = statusesBelow(severity).includes(cached) ? SEVERITY_STATUS[severity] : cached;
          expect(incremental, `${JSON.stringify(open)} maintenance=${inMaintenance} + ${severity}`).toBe(full);
          checked++;
        }
    expect(checked).toBe((1 + incidents.length + incidents.length ** 2) * 2 * severities.length);
  });

  it("a P4 changes nothing; a P1 raises everything below a major outage", () => {
    expect(statusesBelow("P4")).toEqual([]);
    expect(statusesBelow("P1")).toEqual(["operational", "under_maintenance", "degraded_performance", "partial_outage"]);
  });
});
