import { describe, expect, it } from "vitest";
import { dueRules, nextRuleDueAt, ntfyPriority } from "./rules";

const at = new Date("2026-05-01T03:00:00.000Z");
const min = (m: number, ms = 0) => new Date(at.getTime() + m * 60_000 + ms);
const rules = [
  { id: "slack", contactMethodId: "c3", delayMinutes: 5 },
  { id: "push", contactMethodId: "c1", delayMinutes: 0 },
  { id: "email", contactMethodId: "c2", delayMinutes: 2 },
];

describe("dueRules", () => {
  it("immediately push, after 2 min email, after 5 min Slack (boundaries inclusive of the due instant)", () => {
    expect(dueRules({ at, stoppedAt: null }, rules, min(0)).map((r) => r.id)).toEqual(["push"]);
    expect(dueRules({ at, stoppedAt: null }, rules, min(2, -1)).map((r) => r.id)).toEqual(["push"]);
    expect(dueRules({ at, stoppedAt: null }, rules, min(2)).map((r) => r.id)).toEqual(["push", "email"]);
    expect(dueRules({ at, stoppedAt: null }, rules, min(5)).map((r) => r.id)).toEqual(["push", "email", "slack"]);
  });

  it("stops at the acknowledgement: a rule due at or after it never fires", () => {
    expect(dueRules({ at, stoppedAt: min(2) }, rules, min(10)).map((r) => r.id)).toEqual(["push"]);
    expect(dueRules({ at, stoppedAt: min(2, 1) }, rules, min(10)).map((r) => r.id)).toEqual(["push", "email"]);
    // an acknowledgement "in the future" of now is not known yet
    expect(dueRules({ at, stoppedAt: min(20) }, rules, min(5)).map((r) => r.id)).toEqual(["push", "email", "slack"]);
  });

  it("nextRuleDueAt is the next rule's instant, none once stopped", () => {
    expect(nextRuleDueAt({ at, stoppedAt: null }, rules, min(1))).toEqual(min(2));
    expect(nextRuleDueAt({ at, stoppedAt: null }, rules, min(5))).toBeNull();
    expect(nextRuleDueAt({ at, stoppedAt: min(1) }, rules, min(1))).toBeNull();
  });

  it("maps severities to ntfy priorities", () => {
    expect(["P1", "P2", "P3", undefined].map(ntfyPriority)).toEqual(["5", "4", "3", "3"]);
  });
});
