import { describe, expect, it } from "vitest";
import { envSchema, escalationSteps } from "@/lib/env";
import { defaultPolicy, escalationState, rolesForTarget, type EscalationPolicy } from "./escalation";
import { resolvePolicy } from "./policy";

const policy: EscalationPolicy = defaultPolicy([15 * 60_000, 30 * 60_000, 60 * 60_000]);
const declaredAt = new Date("2026-03-01T10:00:00.000Z");
const at = (min: number, sec = 0, ms = 0) => new Date(declaredAt.getTime() + min * 60_000 + sec * 1000 + ms);
const open = { declaredAt, acknowledgedAt: null, resolvedAt: null, severity: "P3" };

describe("escalationState", () => {
  it("level 1 is due at declaration", () => {
    expect(escalationState(open, policy, declaredAt)).toEqual({ level: 1, due: [1], nextLevel: 2, nextLevelAt: at(15), stopped: false });
  });

  it("nothing is due before declaration", () => {
    expect(escalationState(open, policy, at(0, 0, -1))).toMatchObject({ level: 0, due: [], nextLevel: 1, nextLevelAt: declaredAt });
  });

  it("14:59.999 is still level 1; 15:00.000 is level 2", () => {
    expect(escalationState(open, policy, at(14, 59, 999))).toMatchObject({ level: 1, due: [1], nextLevel: 2, nextLevelAt: at(15) });
    expect(escalationState(open, policy, at(15))).toMatchObject({ level: 2, due: [1, 2], nextLevel: 3, nextLevelAt: at(30) });
  });

  it("reaches levels 3 and 4 at +30 and +60, then has no next level", () => {
    expect(escalationState(open, policy, at(29, 59, 999))).toMatchObject({ level: 2, nextLevel: 3 });
    expect(escalationState(open, policy, at(30))).toMatchObject({ level: 3, due: [1, 2, 3], nextLevel: 4, nextLevelAt: at(60) });
    expect(escalationState(open, policy, at(60))).toEqual({ level: 4, due: [1, 2, 3, 4], nextLevel: null, nextLevelAt: null, stopped: false });
    expect(escalationState(open, policy, at(600))).toMatchObject({ level: 4, nextLevel: null });
  });

  it("acknowledging at 20 min stops level 3 (and 4) forever", () => {
    const acked = { ...open, acknowledgedAt: at(20) };
    expect(escalationState(acked, policy, at(19))).toMatchObject({ level: 2, nextLevel: 3, stopped: false });
    expect(escalationState(acked, policy, at(20))).toEqual({ level: 2, due: [1, 2], nextLevel: null, nextLevelAt: null, stopped: true });
    expect(escalationState(acked, policy, at(45))).toMatchObject({ level: 2, due: [1, 2], stopped: true });
    expect(escalationState(acked, policy, at(120))).toMatchObject({ level: 2, due: [1, 2], nextLevel: null });
  });

  it("an acknowledgement exactly at a threshold stops that level", () => {
    expect(escalationState({ ...open, acknowledgedAt: at(15) }, policy, at(16))).toMatchObject({ due: [1], stopped: true });
    expect(escalationState({ ...open, acknowledgedAt: at(14, 59, 999) }, policy, at(16))).toMatchObject({ due: [1] });
    expect(escalationState({ ...open, acknowledgedAt: at(15, 0, 1) }, policy, at(16))).toMatchObject({ due: [1, 2] });
  });

  it("resolving stops it too, whichever of ack/resolve came first", () => {
    expect(escalationState({ ...open, resolvedAt: at(31) }, policy, at(90))).toMatchObject({ level: 3, due: [1, 2, 3], nextLevel: null, stopped: true });
    expect(escalationState({ ...open, acknowledgedAt: at(40), resolvedAt: at(10) }, policy, at(90))).toMatchObject({ level: 1, stopped: true });
  });

  it("works with second-scale thresholds (e2e uses 3s,6s,9s)", () => {
    const fast: EscalationPolicy = defaultPolicy([3000, 6000, 9000]);
    expect(escalationState(open, fast, at(0, 2, 999))).toMatchObject({ level: 1, nextLevelAt: at(0, 3) });
    expect(escalationState(open, fast, at(0, 9))).toMatchObject({ level: 4, nextLevel: null });
  });

  it("each level's due time follows the policy", () => {
    expect(resolvePolicy(policy, open, declaredAt).levels.map((l) => l.dueAt)).toEqual([at(0), at(15), at(30), at(60)]);
  });
});

describe("rolesForTarget (component owner resolution)", () => {
  const levels = policy.ladder.levels;
  it("levels 1, 2 and 4 page fixed roles", () => {
    expect(rolesForTarget(levels[0].target, ["DBA"])).toEqual(["SRE"]);
    expect(rolesForTarget(levels[1].target, ["DBA"])).toEqual(["SYSADMIN"]);
    expect(rolesForTarget(levels[3].target, ["DBA"])).toEqual(["ARCHITECT"]);
  });

  it("level 3 pages each distinct owner role of the affected components", () => {
    expect(rolesForTarget(levels[2].target, ["NETWORK"])).toEqual(["NETWORK"]);
    expect(rolesForTarget(levels[2].target, ["NETWORK", "DBA", "NETWORK"])).toEqual(["DBA", "NETWORK"]);
  });

  it("level 3 without components falls back to the primary (SRE) rotation", () => {
    expect(rolesForTarget(levels[2].target, [])).toEqual(["SRE"]);
  });

  it("named people are no role: the human escalation pages the people themselves", () => {
    expect(rolesForTarget(levels[4].target, ["DBA"])).toEqual([]);
  });
});

describe("policy from the environment", () => {
  it("parses OPSGATE_ESCALATION_STEPS with s/m/h units", () => {
    expect(escalationSteps(envSchema.parse({ OPSGATE_ESCALATION_STEPS: "15m,30m,60m" }))).toEqual([900_000, 1_800_000, 3_600_000]);
    expect(escalationSteps(envSchema.parse({ OPSGATE_ESCALATION_STEPS: "3s,6s,1h" }))).toEqual([3000, 6000, 3_600_000]);
  });
});
