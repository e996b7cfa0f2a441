import { describe, expect, it } from "vitest";
import { incidentTimings, renderIncidentBlock } from "./block";

describe("incident block", () => {
  it("renders the template lines in order, ETA in UTC", () => {
    const text = renderIncidentBlock({
      title: "Database connection errors",
      severity: "P1",
      status: "Investigating",
      impact: "Checkout fails\nfor some users",
      currentAction: "Failing over to the replica",
      eta: new Date("2026-12-01T03:00:00Z"),
      commanderName: "Sam Reliability",
      componentNames: ["PostgreSQL cluster"],
    });
    expect(text.split("\n")).toEqual([
      "INCIDENT: Database connection errors",
      "SEVERITY: P1",
      "STATUS: Investigating",
      "IMPACT: Checkout fails for some users (affected: PostgreSQL cluster)",
      "CURRENT_ACTION: Failing over to the replica",
      "ETA: 2026-12-01 03:00 UTC",
      "COMMANDER: Sam Reliability",
    ]);
  });

  it("shows a dash for a missing ETA or commander", () => {
    const text = renderIncidentBlock({ title: "t", severity: "P4", status: "Fixing", impact: "i", currentAction: "a", eta: null, commanderName: null });
    expect(text).toContain("ETA: —");
    expect(text).toContain("COMMANDER: —");
  });

  it("computes MTTA and MTTR from the stored timestamps", () => {
    const declaredAt = new Date("2026-12-01T02:00:00Z");
    expect(incidentTimings({ declaredAt, acknowledgedAt: null, resolvedAt: null })).toEqual({ mttaMs: null, mttrMs: null });
    expect(incidentTimings({ declaredAt, acknowledgedAt: new Date("2026-12-01T02:03:00Z"), resolvedAt: new Date("2026-12-01T02:42:00Z") })).toEqual({ mttaMs: 180_000, mttrMs: 42 * 60_000 });
  });
});
