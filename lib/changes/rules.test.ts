import { describe, expect, it } from "vitest";
import { approvalComplete, approverEligibility, freezeCheck, mayEdit, mayMove, missingApprovals, needsArchitect, type RuleApproval, type RuleChange } from "./rules";

const change: RuleChange = { requesterId: "req", ownerRole: "NETWORK", structural: false, riskLevel: "Medium" };
const yes = (approverId: string, approverRole: RuleApproval["approverRole"]): RuleApproval => ({ approverId, approverRole, decision: "approve" });

describe("approval rules", () => {
  it("nobody approves their own change, even an ARCHITECT", () => {
    expect(approverEligibility({ id: "req", role: "ARCHITECT" }, change, [])).toMatchObject({ ok: false, code: "forbidden" });
    expect(approverEligibility({ id: "req", role: "NETWORK" }, change, [])).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("the approver holds the owner role or is ARCHITECT", () => {
    expect(approverEligibility({ id: "n", role: "NETWORK" }, change, [])).toEqual({ ok: true });
    expect(approverEligibility({ id: "a", role: "ARCHITECT" }, change, [])).toEqual({ ok: true });
    for (const role of ["SYSADMIN", "DBA", "SRE", "AUTOMATION", "VIEWER"] as const) {
      expect(approverEligibility({ id: "x", role }, change, [])).toMatchObject({ ok: false, code: "forbidden" });
    }
  });

  it("one decision per person", () => {
    expect(approverEligibility({ id: "n", role: "NETWORK" }, change, [yes("n", "NETWORK")])).toMatchObject({ ok: false, code: "conflict" });
  });

  it("a normal change needs one approval", () => {
    expect(needsArchitect(change)).toBe(false);
    expect(approvalComplete(change, [])).toBe(false);
    expect(approvalComplete(change, [yes("n", "NETWORK")])).toBe(true);
    expect(approvalComplete(change, [yes("a", "ARCHITECT")])).toBe(true);
    expect(missingApprovals(change, [])).toHaveLength(1);
  });

  for (const variant of [{ structural: true, riskLevel: "Low" }, { structural: false, riskLevel: "High" }]) {
    it(`${variant.structural ? "structural" : "High risk"}: two people, one of them ARCHITECT`, () => {
      const c = { ...change, ...variant };
      expect(needsArchitect(c)).toBe(true);
      expect(approvalComplete(c, [yes("n", "NETWORK")])).toBe(false);
      expect(missingApprovals(c, [yes("n", "NETWORK")])).toEqual(["an ARCHITECT approval"]);
      expect(approvalComplete(c, [yes("a", "ARCHITECT")])).toBe(false);
      expect(missingApprovals(c, [yes("a", "ARCHITECT")])).toEqual([expect.stringContaining("second person")]);
      expect(approvalComplete(c, [yes("n", "NETWORK"), yes("n2", "NETWORK")])).toBe(false);
      expect(approvalComplete(c, [yes("n", "NETWORK"), yes("a", "ARCHITECT")])).toBe(true);
      expect(approvalComplete(c, [yes("a1", "ARCHITECT"), yes("a2", "ARCHITECT")])).toBe(true);
      expect(missingApprovals(c, [])).toHaveLength(2);
    });
  }

  it("rejections never count towards approval", () => {
    expect(approvalComplete(change, [{ approverId: "n", approverRole: "NETWORK", decision: "reject" }])).toBe(false);
  });
});

describe("who moves and edits a change", () => {
  it("requester, owner-role holder or ARCHITECT move it; submitting is the requester's or ARCHITECT's", () => {
    expect(mayMove({ id: "req", role: "AUTOMATION" }, change, "start")).toBe(true);
    expect(mayMove({ id: "n", role: "NETWORK" }, change, "start")).toBe(true);
    expect(mayMove({ id: "a", role: "ARCHITECT" }, change, "complete")).toBe(true);
    expect(mayMove({ id: "s", role: "SRE" }, change, "start")).toBe(false);
    expect(mayMove({ id: "n", role: "NETWORK" }, change, "submit")).toBe(false);
    expect(mayMove({ id: "req", role: "VIEWER" }, change, "cancel")).toBe(false);
  });

  it("requester or ARCHITECT edit", () => {
    expect(mayEdit({ id: "req", role: "AUTOMATION" }, change)).toBe(true);
    expect(mayEdit({ id: "a", role: "ARCHITECT" }, change)).toBe(true);
    expect(mayEdit({ id: "n", role: "NETWORK" }, change)).toBe(false);
  });
});

describe("change freeze", () => {
  const p1 = { number: 7, title: "Core switch down", severity: "P1" };
  it("P3/P4 do not freeze", () => {
    expect(freezeCheck([{ ...p1, severity: "P3" }, { ...p1, severity: "P4" }], { id: "n", role: "NETWORK" }, undefined)).toEqual({ ok: true, overridden: [] });
  });
  it("P1/P2 refuse, naming the incident", () => {
    const r = freezeCheck([p1], { id: "n", role: "NETWORK" }, "please");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("INC-7 (P1: Core switch down)");
  });
  it("an ARCHITECT overrides only with a reason", () => {
    expect(freezeCheck([p1], { id: "a", role: "ARCHITECT" }, undefined).ok).toBe(false);
    expect(freezeCheck([p1], { id: "a", role: "ARCHITECT" }, "  ").ok).toBe(false);
    expect(freezeCheck([p1], { id: "a", role: "ARCHITECT" }, "Fix is this change")).toEqual({ ok: true, overridden: [p1] });
  });
});
