import { describe, expect, it } from "vitest";
import { freezeDecision, overlappingFreezes, overlaps, type FreezePeriod } from "./freeze-periods";

const t = (h: number) => new Date(Date.UTC(2026, 11, 20, h));
const iv = (a: number, b: number) => ({ start: t(a), end: t(b) });
const yearEnd: FreezePeriod = { id: "f1", name: "Year-end", reason: "Trading peak", start: t(10), end: t(14), componentGroup: null };
const launch: FreezePeriod = { id: "f2", name: "Launch", reason: "Product launch", start: t(12), end: t(16), componentGroup: "Portal" };

describe("half-open interval overlap", () => {
  it("touching edges do not overlap", () => {
    expect(overlaps(iv(8, 10), iv(10, 14))).toBe(false);
    expect(overlaps(iv(14, 16), iv(10, 14))).toBe(false);
  });
  it("one millisecond across an edge overlaps", () => {
    expect(overlaps({ start: t(8), end: new Date(t(10).getTime() + 1) }, iv(10, 14))).toBe(true);
    expect(overlaps({ start: new Date(t(14).getTime() - 1), end: t(16) }, iv(10, 14))).toBe(true);
  });
  it("containment and identity overlap; empty intervals never do", () => {
    expect(overlaps(iv(11, 12), iv(10, 14))).toBe(true);
    expect(overlaps(iv(8, 20), iv(10, 14))).toBe(true);
    expect(overlaps(iv(10, 14), iv(10, 14))).toBe(true);
    expect(overlaps(iv(12, 12), iv(10, 14))).toBe(false);
  });
});

describe("overlappingFreezes", () => {
  it("global freezes apply to every group, group freezes only to theirs", () => {
    expect(overlappingFreezes([launch, yearEnd], iv(13, 15), "Portal").map((f) => f.id)).toEqual(["f1", "f2"]);
    expect(overlappingFreezes([launch, yearEnd], iv(13, 15), "Data").map((f) => f.id)).toEqual(["f1"]);
    expect(overlappingFreezes([launch, yearEnd], iv(14, 15), "Data")).toEqual([]);
    expect(overlappingFreezes([launch, yearEnd], null, "Portal")).toEqual([]);
  });
});

describe("freezeDecision", () => {
  it("refuses a Normal or Standard change naming the freeze", () => {
    for (const kind of ["Normal", "Standard"] as const) {
      const d = freezeDecision(kind, [yearEnd], "because");
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.reason).toMatch(/Year-end.*Trading peak/);
    }
  });
  it("lets an Emergency change pass only with an override reason", () => {
    expect(freezeDecision("Emergency", [yearEnd], "Outage fix")).toEqual({ ok: true, overridden: [yearEnd] });
    const d = freezeDecision("Emergency", [yearEnd], "  ");
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/override reason/);
  });
  it("passes when nothing overlaps", () => {
    expect(freezeDecision("Normal", [], undefined)).toEqual({ ok: true, overridden: [] });
  });
});
