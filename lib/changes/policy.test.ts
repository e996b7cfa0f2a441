import { describe, expect, it } from "vitest";
import { changePolicy, type PolicyChange } from "./policy";

const NOW = new Date("2026-06-01T12:00:00Z");
const change = (over: Partial<PolicyChange> = {}): PolicyChange => ({ status: "Submitted", requesterId: "req", ownerRole: "NETWORK", structural: false, riskLevel: "Low", approvals: [], ...over });

describe("changePolicy", () => {
  it("lets the owner role decide and the requester edit, and says why not to the others", () => {
    const owner = changePolicy({ id: "n", role: "NETWORK" }, change(), NOW);
    expect(owner).toMatchObject({ decide: true, edit: false, decideRefusal: null, overrideFreeze: false });
    expect(owner.editRefusal).toMatch(/requester/);
    const requester = changePolicy({ id: "req", role: "SRE" }, change(), NOW);
    expect(requester).toMatchObject({ decide: false, edit: true, editRefusal: null, decideRefusal: "You filed this change, so someone else approves it." });
    const other = changePolicy({ id: "d", role: "DBA" }, change(), NOW);
    expect(other.decide).toBe(false);
    expect(other.decideRefusal).toMatch(/owner role \(NETWORK\)/);
  });

  it("gives ARCHITECT (changes.approve_any, manage_any, override_freeze) every change", () => {
    const p = changePolicy({ id: "a", role: "ARCHITECT" }, change(), NOW);
    expect(p).toMatchObject({ decide: true, edit: true, overrideFreeze: true, tickReadiness: true });
    expect(p.transitions.length).toBeGreaterThan(0);
  });

  it("gives a VIEWER nothing and no decision hint (they never approve)", () => {
    const p = changePolicy({ id: "v", role: "VIEWER" }, change({ requesterId: "v" }), NOW);
    expect(p).toMatchObject({ decide: false, edit: false, transitions: [], tickReadiness: false, overrideFreeze: false, decideRefusal: null });
  });

  it("explains that a change past Submitted can no longer be edited", () => {
    expect(changePolicy({ id: "req", role: "SRE" }, change({ status: "Completed" }), NOW).editRefusal).toBe("A change that is Completed can no longer be edited.");
  });

  it("Standard: nobody decides; the requester schedules it once the gate holds", () => {
    const std = change({ kind: "Standard", gateHolds: true });
    const arch = changePolicy({ id: "a", role: "ARCHITECT" }, std, NOW);
    expect(arch.decide).toBe(false);
    expect(arch.decideRefusal).toMatch(/no human approval/);
    expect(changePolicy({ id: "req", role: "SRE" }, std, NOW).transitions).toEqual(["Scheduled", "Cancelled"]);
    expect(changePolicy({ id: "req", role: "SRE" }, change({ kind: "Standard", gateHolds: false }), NOW).transitions).toEqual(["Cancelled"]);
  });

  it("Emergency: the requester may start it while a P1/P2 is linked; an owner decides retroactively after the start", () => {
    expect(changePolicy({ id: "req", role: "SRE" }, change({ kind: "Emergency", linkedMajorIncident: true }), NOW).transitions).toContain("In progress");
    const started = change({ kind: "Emergency", status: "InProgress" });
    expect(changePolicy({ id: "n", role: "NETWORK" }, started, NOW).decide).toBe(true);
    expect(changePolicy({ id: "n", role: "NETWORK" }, { ...started, approvals: [{ approverId: "a", approverRole: "ARCHITECT", decision: "approve" }] }, NOW).decide).toBe(false);
  });
});
