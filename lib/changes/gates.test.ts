import { describe, expect, it } from "vitest";
import { approvalGate, describeWindow, missingApprovalItems, missingReadinessItems, readinessEvidenceError, readinessGate, type GateChange, type ReadinessCheckState } from "./gates";

const complete: GateChange = {
  type: "Modify",
  componentName: "Load balancers",
  description: "Upgrade firmware",
  justification: "Security fixes",
  timeline: new Date("2026-12-01T00:00:00Z"),
  impact: "Brief resets",
  riskLevel: "Medium",
  riskAssessment: "Tested in staging",
  rollbackPlan: "Reinstall the previous image",
  monitoring: "https://grafana.local/d/lb",
  windows: [{ number: 12, windowStart: new Date("2026-12-01T02:00:00Z"), windowEnd: new Date("2026-12-01T04:00:00Z"), notifiedAt: new Date("2026-11-20T08:00:00Z") }],
};

describe("Change Approval gate", () => {
  it("holds when every item is derived true, and says where each comes from", () => {
    const gate = approvalGate(complete);
    expect(gate.map((i) => i.key)).toEqual(["documented", "riskAssessed", "rollbackPlan", "windowScheduled", "stakeholdersNotified", "monitoringPrepared"]);
    expect(gate.every((i) => i.done && i.derived)).toBe(true);
    expect(gate.find((i) => i.key === "windowScheduled")!.detail).toBe("MW-12, 2026-12-01 02:00–04:00 UTC");
    expect(gate.find((i) => i.key === "stakeholdersNotified")!.detail).toContain("MW-12 notified 2026-11-20 08:00 UTC");
    expect(missingApprovalItems(complete)).toEqual([]);
  });

  it("documented needs every template field (blank text counts as missing)", () => {
    const g = approvalGate({ ...complete, impact: "   ", justification: null });
    const item = g.find((i) => i.key === "documented")!;
    expect(item.done).toBe(false);
    expect(item.detail).toBe("Missing: JUSTIFICATION, IMPACT");
    expect(approvalGate({ ...complete, timeline: null }).find((i) => i.key === "documented")!.done).toBe(false);
  });

  it("risk needs both level and assessment text", () => {
    expect(missingApprovalItems({ ...complete, riskLevel: null })).toEqual(["riskAssessed"]);
    expect(missingApprovalItems({ ...complete, riskAssessment: "" })).toEqual(["riskAssessed"]);
    expect(approvalGate({ ...complete, riskAssessment: null }).find((i) => i.key === "riskAssessed")!.detail).toContain("needs the assessment");
  });

  it("rollback and monitoring need text", () => {
    expect(missingApprovalItems({ ...complete, rollbackPlan: " ", monitoring: null })).toEqual(["rollbackPlan", "monitoringPrepared"]);
  });

  it("without a linked window neither the window nor the notification holds", () => {
    expect(missingApprovalItems({ ...complete, windows: [] })).toEqual(["windowScheduled", "stakeholdersNotified"]);
  });

  it("stakeholders are notified only when every linked window's notification was sent", () => {
    const second = { number: 13, windowStart: new Date("2026-12-02T22:00:00Z"), windowEnd: new Date("2026-12-03T01:00:00Z"), notifiedAt: null };
    const g = approvalGate({ ...complete, windows: [...complete.windows, second] });
    expect(g.find((i) => i.key === "windowScheduled")!.done).toBe(true);
    const n = g.find((i) => i.key === "stakeholdersNotified")!;
    expect(n.done).toBe(false);
    expect(n.detail).toBe("Notification not sent for MW-13");
  });

  it("describes a window crossing midnight with its end date", () => {
    expect(describeWindow({ number: 3, windowStart: new Date("2026-12-02T22:00:00Z"), windowEnd: new Date("2026-12-03T01:00:00Z"), notifiedAt: null })).toBe("MW-3, 2026-12-02 22:00–2026-12-03 01:00 UTC");
  });
});

describe("Production Readiness gate", () => {
  const at = new Date("2026-11-21T09:30:00Z");
  const all: ReadinessCheckState[] = (["provisioned", "securityHardened", "monitoringConfigured", "alertsDefined", "runbooks", "drTested"] as const).map((item) => ({
    item,
    done: true,
    evidence: item === "runbooks" ? "https://wiki.local/runbook" : "done",
    userName: "Ada",
    updatedAt: at,
  }));

  it("holds only with all six ticked; is never derived", () => {
    expect(missingReadinessItems(all)).toEqual([]);
    expect(readinessGate(all).every((i) => !i.derived)).toBe(true);
    expect(missingReadinessItems(all.slice(1))).toEqual(["provisioned"]);
    expect(missingReadinessItems([])).toHaveLength(6);
  });

  it("records who ticked or unticked and when", () => {
    expect(readinessGate(all)[0].detail).toBe("Ticked by Ada at 2026-11-21 09:30 UTC: done");
    const un = readinessGate([{ ...all[0], done: false, evidence: "" }])[0];
    expect(un).toMatchObject({ done: false, detail: "Unticked by Ada at 2026-11-21 09:30 UTC" });
  });

  it("needs evidence to tick, and a link for runbooks", () => {
    expect(readinessEvidenceError("provisioned", true, " ")).toMatch(/evidence/);
    expect(readinessEvidenceError("provisioned", true, "Terraform apply #42")).toBeUndefined();
    expect(readinessEvidenceError("runbooks", true, "wiki page")).toMatch(/link/);
    expect(readinessEvidenceError("runbooks", true, "ftp://x")).toMatch(/link/);
    expect(readinessEvidenceError("runbooks", true, "https://wiki.local/rb")).toBeUndefined();
    expect(readinessEvidenceError("runbooks", false, "")).toBeUndefined();
  });
});
