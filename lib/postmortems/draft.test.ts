import { describe, expect, it } from "vitest";
import { buildTimeline, durations, renderPostmortemMarkdown, suspectChanges, type DraftSource } from "./draft";

const T = (m: number) => new Date(Date.UTC(2026, 11, 2, 10, 0) + m * 60_000);
const source: DraftSource = {
  number: 42,
  title: "DB errors",
  severity: "P1",
  impactStartedAt: T(-20),
  alertStartedAt: T(-5),
  declaredAt: T(0),
  acknowledgedAt: T(4),
  mitigatedAt: T(30),
  resolvedAt: T(90),
  updates: [
    { at: T(0), status: "Investigating", message: "Looking", public: true },
    { at: T(10), status: "Identified", message: "Bad index", public: false },
  ],
  pages: [{ at: T(0), level: 1, who: "Sam SRE" }],
  alerts: [{ at: T(-5), summary: "HighErrorRate" }],
  roles: [{ at: T(12), text: "Commander handed over to Ada: going off shift" }],
};

describe("buildTimeline", () => {
  it("orders every kind of entry oldest first; public updates add a status-page entry", () => {
    expect(buildTimeline(source).map((e) => e.kind)).toEqual(["impact_started", "alert", "declared", "page", "update", "status_page", "acknowledged", "update", "role", "mitigated", "resolved"]);
  });
  it("is independent of input order", () => {
    const shuffled = { ...source, updates: [...source.updates].reverse() };
    expect(buildTimeline(shuffled).map((e) => e.text)).toEqual(buildTimeline(source).map((e) => e.text));
  });
});

describe("durations", () => {
  it("measures detection, acknowledge, mitigate, resolve and the customer's view", () => {
    expect(durations(source)).toEqual({ detectionMs: 5 * 60_000, acknowledgeMs: 4 * 60_000, mitigateMs: 30 * 60_000, resolveMs: 90 * 60_000, customerImpactMs: 50 * 60_000 });
  });
  it("falls back to declared/resolved and leaves unknowns null", () => {
    const d = durations({ ...source, impactStartedAt: null, mitigatedAt: null, alertStartedAt: null, acknowledgedAt: null });
    expect(d).toEqual({ detectionMs: null, acknowledgeMs: null, mitigateMs: null, resolveMs: 90 * 60_000, customerImpactMs: 90 * 60_000 });
  });
});

describe("suspectChanges", () => {
  const start = T(0);
  const c = (id: string, componentId: string, status: string, completedAt: Date | null) => ({ id, componentId, status, completedAt });
  it("in progress, or completed within the 24 h before impact, on the incident's components", () => {
    const list = [
      c("inprog", "db", "InProgress", null),
      c("edge", "db", "Completed", new Date(start.getTime() - 24 * 3_600_000)),
      c("old", "db", "Completed", new Date(start.getTime() - 24 * 3_600_000 - 1)),
      c("after", "db", "Completed", new Date(start.getTime() + 1)),
      c("other", "net", "InProgress", null),
      c("failed", "db", "Failed", T(-10)),
    ];
    expect(suspectChanges(list, ["db"], start).map((x) => x.id)).toEqual(["inprog", "edge"]);
  });
});

describe("renderPostmortemMarkdown", () => {
  it("renders sections, durations, timeline and follow-ups; escapes table cells", () => {
    const md = renderPostmortemMarkdown({
      incident: { number: 42, title: "DB errors", severity: "P1" },
      status: "Draft",
      owner: "Sam SRE",
      dueAt: new Date("2026-12-09T11:30:00Z"),
      sections: { summary: "Primary failed over.", impact: "", rootCause: "Index", wentWell: "", wentWrong: "" },
      timeline: buildTimeline(source),
      durations: durations(source),
      components: ["Orders DB"],
      suspectChanges: [{ number: 7, description: "Add index | online" }],
      maintenance: [],
      followUps: [{ title: "Alert on\nreplica lag", owner: "Ada", dueAt: new Date("2026-12-20T00:00:00Z"), status: "Open", changeNumber: 8 }],
    });
    expect(md).toMatch(/^# Postmortem: \[P1\] #42 DB errors\n/);
    expect(md).toContain("- Due: 2026-12-09 11:30 UTC");
    expect(md).toContain("| Customer impact | 50 min |");
    expect(md).toContain("| Time to resolve | 1 h 30 min |");
    expect(md).toContain("## Summary\n\nPrimary failed over.");
    expect(md).toContain("## Impact\n\n_Not written yet._");
    expect(md).toContain("| 2026-12-02 09:40 UTC | Customer impact started |");
    expect(md).toContain("- CR #7: Add index \\| online");
    expect(md).toContain("| Alert on replica lag | Ada | 2026-12-20 | Open | CR #8 |");
    expect(md).toContain("## Maintenance windows\n\nNone.");
  });
});
