import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { defaultPolicy } from "./policy";
import { formatOffset, previewEscalation, type PreviewRotation } from "./preview";

const rot = (id: string, role: Role, members: string[], overrides: PreviewRotation["overrides"] = []): PreviewRotation => ({
  id,
  name: id,
  role,
  shiftMinutes: 1440,
  handoffMinuteUtc: 540,
  anchorAt: new Date("2026-01-01T09:00:00.000Z"),
  members: members.map((userId, position) => ({ userId, position })),
  overrides,
});
const policy = defaultPolicy([15 * 60_000, 30 * 60_000, 60 * 60_000]);

describe("previewEscalation", () => {
  const rotations = new Map<Role, PreviewRotation>([
    ["SRE", rot("sre", "SRE", ["sam", "riley"])],
    ["SYSADMIN", rot("sys", "SYSADMIN", ["sid", "sasha"])],
    ["DBA", rot("dba", "DBA", ["dana"], [{ id: "o1", userId: "nia", startsAt: new Date("2026-01-01T09:00:00.000Z"), endsAt: new Date("2026-01-01T10:00:00.000Z") }])],
    ["ARCHITECT", rot("arch", "ARCHITECT", ["ada"])],
  ]);

  it("evaluates each level at its own instant, across the 09:00 handoff and an override", () => {
    const steps = previewEscalation(rotations, ["DBA"], new Date("2026-01-01T08:50:00.000Z"), policy, { severity: "P3" });
    expect(steps.map((s) => [s.level, s.role, s.userId, s.viaOverride])).toEqual([
      [1, "SRE", "riley", false], // 08:50: the previous day's shift (position 1)
      [2, "SYSADMIN", "sid", false], // 09:05: after the handoff
      [3, "DBA", "nia", true], // 09:20: inside the override
      [4, "ARCHITECT", "ada", false], // 09:50
    ]);
    expect(steps[2].at.toISOString()).toBe("2026-01-01T09:20:00.000Z");
  });

  it("reports gaps instead of failing: no rotation for the role, or an empty rotation", () => {
    const gaps = new Map(rotations);
    gaps.delete("ARCHITECT");
    gaps.set("SYSADMIN", rot("sys", "SYSADMIN", []));
    const steps = previewEscalation(gaps, ["NETWORK"], new Date("2026-01-01T12:00:00.000Z"), policy, { severity: "P3" });
    expect(steps.find((s) => s.level === 2)).toMatchObject({ userId: null, gap: expect.stringContaining("no members") });
    expect(steps.find((s) => s.level === 3)).toMatchObject({ role: "NETWORK", userId: null, gap: "No rotation for NETWORK" });
    expect(steps.find((s) => s.level === 4)).toMatchObject({ userId: null, gap: "No rotation for ARCHITECT" });
  });
});

describe("formatOffset", () => {
  it("shows minutes, or seconds for sub-minute test thresholds", () => {
    expect([0, 15 * 60_000, 3000].map(formatOffset)).toEqual(["+0 min", "+15 min", "+3 s"]);
  });
});

describe("previewEscalation follows the edited policy", () => {
  const rotations = new Map<Role, PreviewRotation>([
    ["SRE", rot("sre", "SRE", ["sam"])],
    ["SYSADMIN", rot("sys", "SYSADMIN", ["sid"])],
    ["ARCHITECT", rot("arch", "ARCHITECT", ["ada"])],
  ]);
  const base = defaultPolicy();
  const withBoss = { ...base, ladder: { ...base.ladder, levels: base.ladder.levels.map((l) => (l.target.kind === "people" ? { ...l, target: { kind: "people" as const, userIds: ["boss", "gone"], emails: [] } } : l)) } };
  const people = new Map([["boss", { role: "VIEWER" as Role, active: true }], ["gone", { role: "ARCHITECT" as Role, active: false, name: "Gone" }]]);

  it("P1 reaches the named people at +90; P3 does not; a deactivated person is a gap", () => {
    const p1 = previewEscalation(rotations, ["SYSADMIN"], new Date("2026-01-01T12:00:00.000Z"), withBoss, { severity: "P1", people });
    expect(p1.filter((s) => s.level === 5).map((s) => [s.offsetMs / 60_000, s.targetKey, s.userId, s.gap])).toEqual([
      [90, "user:boss", "boss", null],
      [90, "user:gone", null, "Gone is deactivated"],
    ]);
    expect(previewEscalation(rotations, ["SYSADMIN"], new Date("2026-01-01T12:00:00.000Z"), withBoss, { severity: "P3", people }).map((s) => s.level)).toEqual([1, 2, 3, 4]);
  });

  it("a P1 override with a repeat changes offsets and adds the repeated levels", () => {
    const fast = { ...base, severityOverrides: { P1: { levels: [{ ...base.ladder.levels[0] }, { ...base.ladder.levels[1], delayMinutes: 5 }], repeat: 1, repeatAfterMinutes: 10 } } };
    const steps = previewEscalation(rotations, [], new Date("2026-01-01T12:00:00.000Z"), fast, { severity: "P1" });
    expect(steps.map((s) => [s.level, s.offsetMs / 60_000, s.userId])).toEqual([[1, 0, "sam"], [2, 5, "sid"], [3, 15, "sam"], [4, 20, "sid"]]);
  });

  it("an on-call person who was deactivated is shown as a gap", () => {
    const steps = previewEscalation(rotations, [], new Date("2026-01-01T12:00:00.000Z"), base, { severity: "P3", inactiveUserIds: new Set(["sid"]) });
    expect(steps.find((s) => s.level === 2)).toMatchObject({ userId: null, gap: "The person on call is deactivated" });
  });
});
