import { describe, expect, it } from "vitest";
import { allowedTargetsForKind, decisionOpen, emergencyApprovalState, retroactiveDeadline, transitionForKind, type ChangeKind, type KindContext } from "./change-kinds";
import { CHANGE_EVENTS, CHANGE_STATUSES, transition, type ChangeEvent, type ChangeStatusKey } from "./state-machine";

const now = new Date("2026-12-02T10:00:00Z");
const next = (kind: ChangeKind, status: ChangeStatusKey, event: ChangeEvent, ctx: KindContext = {}) => {
  const r = transitionForKind(kind, { status }, event, ctx, now);
  return r.ok ? r.next : null;
};

describe("Normal change kind", () => {
  it("is exactly the base state machine for every state × event", () => {
    for (const s of CHANGE_STATUSES)
      for (const e of CHANGE_EVENTS) {
        const base = transition({ status: s }, e, now);
        expect(next("Normal", s, e, { gateHolds: true, linkedMajorIncident: true })).toBe(base.ok ? base.next : null);
      }
  });
});

describe("Standard change kind", () => {
  it("submit goes straight to Scheduled with the template approval when the gate holds", () => {
    expect(transitionForKind("Standard", { status: "Draft" }, "submit", { gateHolds: true }, now)).toEqual({ ok: true, next: "Scheduled", approvedBy: "template" });
  });
  it("submit waits in Submitted while gate items do not hold", () => {
    expect(transitionForKind("Standard", { status: "Draft" }, "submit", { gateHolds: false }, now)).toEqual({ ok: true, next: "Submitted" });
  });
  it("the template approves a Submitted change only once the gate holds", () => {
    expect(next("Standard", "Submitted", "approve", { gateHolds: false })).toBeNull();
    expect(transitionForKind("Standard", { status: "Submitted" }, "approve", { gateHolds: true }, now)).toEqual({ ok: true, next: "Approved", approvedBy: "template" });
  });
  it("a Submitted change is scheduled on the template's approval once the gate holds (e.g. after the window's notification)", () => {
    expect(transitionForKind("Standard", { status: "Submitted" }, "schedule", { gateHolds: true }, now)).toEqual({ ok: true, next: "Scheduled", approvedBy: "template" });
    const r = transitionForKind("Standard", { status: "Submitted" }, "schedule", { gateHolds: false }, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/do not hold yet/);
    expect(next("Normal", "Submitted", "schedule", { gateHolds: true })).toBeNull();
    expect(allowedTargetsForKind("Standard", "Submitted", { gateHolds: true }, now)).toEqual(["Scheduled", "Cancelled"]);
    expect(allowedTargetsForKind("Standard", "Submitted", { gateHolds: false }, now)).toEqual(["Cancelled"]);
  });
  it("no human decision is ever open on it", () => {
    for (const s of CHANGE_STATUSES) expect(decisionOpen("Standard", s, false)).toBe(false);
  });
  it("cannot be rejected by a human", () => {
    const r = transitionForKind("Standard", { status: "Submitted" }, "reject", {}, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/pre-approved/);
  });
  it("follows the base table after approval", () => {
    expect(next("Standard", "Scheduled", "start")).toBe("InProgress");
    expect(next("Standard", "InProgress", "complete")).toBe("Completed");
    expect(next("Standard", "Submitted", "start")).toBeNull();
  });
});

describe("Emergency change kind", () => {
  it("starts from Submitted or Approved only with a linked open P1/P2", () => {
    for (const s of ["Submitted", "Approved"] as const) {
      expect(next("Emergency", s, "start", { linkedMajorIncident: true })).toBe("InProgress");
      const r = transitionForKind("Emergency", { status: s }, "start", { linkedMajorIncident: false }, now);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/P1\/P2/);
    }
    expect(next("Emergency", "Draft", "start", { linkedMajorIncident: true })).toBeNull();
    expect(next("Emergency", "Scheduled", "start")).toBe("InProgress");
  });
  it("is approved retroactively after the start, keeping its status", () => {
    for (const s of ["InProgress", "Completed", "Failed", "RolledBack"] as const)
      expect(transitionForKind("Emergency", { status: s }, "approve", {}, now)).toEqual({ ok: true, next: s, retroactive: true });
    expect(next("Emergency", "Submitted", "approve")).toBe("Approved");
    expect(next("Emergency", "Cancelled", "approve")).toBeNull();
    expect(next("Emergency", "Rejected", "approve")).toBeNull();
  });
  it("a decision is open while Submitted, and after an unapproved start until the first approval", () => {
    expect(decisionOpen("Emergency", "Submitted", false)).toBe(true);
    expect(decisionOpen("Emergency", "InProgress", false)).toBe(true);
    expect(decisionOpen("Emergency", "InProgress", true)).toBe(false);
    expect(decisionOpen("Normal", "InProgress", false)).toBe(false);
    expect(allowedTargetsForKind("Emergency", "Submitted", { linkedMajorIncident: true }, now)).toEqual(["InProgress", "Cancelled"]);
    expect(allowedTargetsForKind("Emergency", "Submitted", { linkedMajorIncident: false }, now)).toEqual(["Cancelled"]);
  });
  it("retroactive approval is pending before 24 h and overdue at 24 h", () => {
    const started = new Date("2026-12-01T10:00:00Z");
    expect(retroactiveDeadline(started).toISOString()).toBe("2026-12-02T10:00:00.000Z");
    expect(emergencyApprovalState(started, null, new Date("2026-12-02T09:59:59.999Z"))).toBe("pending");
    expect(emergencyApprovalState(started, null, new Date("2026-12-02T10:00:00Z"))).toBe("overdue");
    expect(emergencyApprovalState(started, new Date("2026-12-01T12:00:00Z"), new Date("2026-12-03T00:00:00Z"))).toBe("approved");
  });
});
