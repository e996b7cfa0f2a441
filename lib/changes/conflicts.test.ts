import { describe, expect, it } from "vitest";
import { conflictConfirmation, conflictsOf, relation, type WorkItem } from "./conflicts";

const d = (h: number) => new Date(Date.UTC(2026, 11, 1, h));
const item = (key: string, start: number, end: number, componentIds: string[], kind: WorkItem["kind"] = "change"): WorkItem => ({ key, id: key, number: 1, kind, label: key, start: d(start), end: d(end), componentIds });
const deps = [["portal", "pg"]] as const;

describe("relation", () => {
  it("same component, or a direct dependency in either direction; nothing else", () => {
    expect(relation(["pg"], ["pg", "x"], [])).toBe("same component (pg)");
    expect(relation(["portal"], ["pg"], deps)).toBe("portal depends on pg");
    expect(relation(["pg"], ["portal"], deps)).toBe("portal depends on pg");
    expect(relation(["portal"], ["api"], [...deps, ["api", "pg"]])).toBeNull(); // two dependents of one component are not related
  });
});

describe("conflictsOf", () => {
  const subject = item("cr:a", 2, 4, ["portal"]);
  it("half-open overlap: touching edges do not conflict", () => {
    expect(conflictsOf(subject, [item("cr:b", 4, 6, ["portal"]), item("cr:c", 0, 2, ["portal"])], deps)).toEqual([]);
    expect(conflictsOf(subject, [item("cr:b", 3, 6, ["portal"])], deps).map((c) => c.id)).toEqual(["cr:b"]);
  });
  it("finds windows and changes on a component it depends on, skips its own linked window and unrelated work", () => {
    const others = [item("mw:1", 1, 3, ["pg"], "maintenance"), item("mw:own", 2, 4, ["portal"], "maintenance"), item("cr:z", 2, 4, ["dns"]), item("cr:a", 2, 4, ["portal"])];
    const out = conflictsOf(subject, others, deps, new Set(["mw:own"]));
    expect(out).toEqual([{ kind: "maintenance", id: "mw:1", number: 1, label: "mw:1", start: d(1).toISOString(), end: d(3).toISOString(), reason: "portal depends on pg" }]);
  });
});

describe("conflictConfirmation", () => {
  it("needs a reason only when there are conflicts", () => {
    expect(conflictConfirmation([], undefined)).toEqual({ ok: true, confirmed: false });
    const c = conflictsOf(item("cr:a", 2, 4, ["pg"]), [item("cr:b", 3, 5, ["pg"])], []);
    expect(conflictConfirmation(c, " ")).toMatchObject({ ok: false, message: expect.stringMatching(/confirm with a reason/) });
    expect(conflictConfirmation(c, "Same team, sequenced")).toEqual({ ok: true, confirmed: true });
  });
});
