import { describe, expect, it } from "vitest";
import { escalationPolicyDocumentSchema } from "./policy-schemas";
import { defaultPolicy, policyTable, resolvePolicy, type EscalationPolicy } from "./policy";

const MIN = 60_000;
const declaredAt = new Date("2026-03-01T10:00:00.000Z");
const at = (min: number, ms = 0) => new Date(declaredAt.getTime() + min * MIN + ms);
const open = (severity: string, componentGroups: string[] = []) => ({ declaredAt, acknowledgedAt: null, resolvedAt: null, severity, componentGroups });
const named = (p: EscalationPolicy): EscalationPolicy => ({ ...p, ladder: { ...p.ladder, levels: p.ladder.levels.map((l) => (l.target.kind === "people" ? { ...l, target: { kind: "people", userIds: ["boss"], emails: [] } } : l)) } });

describe("resolvePolicy", () => {
  it("the seed's ladder: +0/15/30/60, human escalation at +90 for P1/P2 only once someone is named", () => {
    expect(resolvePolicy(defaultPolicy(), open("P1"), at(0)).levels.map((l) => l.offsetMs / MIN)).toEqual([0, 15, 30, 60]);
    const p = named(defaultPolicy());
    expect(resolvePolicy(p, open("P2"), at(90)).levels.map((l) => [l.level, l.offsetMs / MIN, l.due])).toEqual([[1, 0, true], [2, 15, true], [3, 30, true], [4, 60, true], [5, 90, true]]);
    expect(resolvePolicy(p, open("P3"), at(90)).levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    expect(resolvePolicy(p, open("P1"), at(90, -1)).state).toMatchObject({ level: 4, nextLevel: 5, nextLevelAt: at(90) });
  });

  it("a per-severity override applies to that severity only (P1 faster)", () => {
    const base = defaultPolicy();
    const p: EscalationPolicy = { ...base, severityOverrides: { P1: { ...base.ladder, levels: base.ladder.levels.map((l, i) => ({ ...l, delayMinutes: i * 5 })) } } };
    expect(resolvePolicy(p, open("P1"), at(5)).state).toMatchObject({ due: [1, 2], nextLevel: 3, nextLevelAt: at(10) });
    expect(resolvePolicy(p, open("P1"), at(5)).source).toBe("severity:P1");
    expect(resolvePolicy(p, open("P2"), at(5)).state).toMatchObject({ due: [1], nextLevel: 2, nextLevelAt: at(15) });
  });

  it("a group override wins over the severity override", () => {
    const base = defaultPolicy();
    const fast = { ...base.ladder, levels: [base.ladder.levels[0], { ...base.ladder.levels[3], delayMinutes: 1 }] };
    const p: EscalationPolicy = { ...base, severityOverrides: { P1: base.ladder }, groupOverrides: [{ group: "Database", ladder: fast }] };
    const r = resolvePolicy(p, open("P1", ["Network", "Database"]), at(1));
    expect(r.source).toBe("group:Database");
    expect(r.state.due).toEqual([1, 2]);
  });

  it("repeats the ladder K times, numbering levels by position", () => {
    const base = defaultPolicy();
    const p: EscalationPolicy = { ...base, ladder: { ...base.ladder, repeat: 2, repeatAfterMinutes: 30 } };
    // cycle = 90 (the latest level, human escalation included) + 30 = 120 min; level 5 (human, nobody named) is skipped but keeps its number
    const levels = resolvePolicy(p, open("P3"), at(0)).levels;
    expect(levels.map((l) => [l.level, l.offsetMs / MIN])).toEqual([[1, 0], [2, 15], [3, 30], [4, 60], [6, 120], [7, 135], [8, 150], [9, 180], [11, 240], [12, 255], [13, 270], [14, 300]]);
    expect(levels[4].label).toBe("SRE on call (primary) (repeat 1)");
  });

  it("acknowledging stops every later level, repeats included", () => {
    const base = defaultPolicy();
    const p: EscalationPolicy = { ...base, ladder: { ...base.ladder, repeat: 1 } };
    const r = resolvePolicy(p, { ...open("P3"), acknowledgedAt: at(125) }, at(400));
    expect(r.state).toEqual({ level: 6, due: [1, 2, 3, 4, 6], nextLevel: null, nextLevelAt: null, stopped: true });
  });

  it("policyTable holds the same levels per severity as resolvePolicy", () => {
    const p = named(defaultPolicy());
    const t = policyTable(p);
    const rows = t.variants.map((v, i) => [v, t.severities[i], t.levels[i], t.offsetsMs[i]]);
    expect(rows.filter((r) => r[1] === "P1").map((r) => r[2])).toEqual([1, 2, 3, 4, 5]);
    expect(rows.filter((r) => r[1] === "P4").map((r) => r[2])).toEqual([1, 2, 3, 4]);
  });

  it("the document schema accepts the default and refuses a level before the one above it", () => {
    expect(escalationPolicyDocumentSchema.safeParse(defaultPolicy()).success).toBe(true);
    const bad = defaultPolicy();
    bad.ladder.levels[2].delayMinutes = 1;
    const r = escalationPolicyDocumentSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["ladder", "levels", 2, "delayMinutes"]);
  });
});
