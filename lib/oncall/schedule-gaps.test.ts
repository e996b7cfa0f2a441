import { describe, expect, it } from "vitest";
import { gapHorizon, gapsFor, newlyUncovered, onCallAt, shiftsFor, type ScheduleRotation } from "./schedule";

const D = (iso: string) => new Date(iso);
// daily at 09:00 UTC from 2026-01-01: alice, bob, carol, alice, …
const rotation = (inactive: string[] = [], over: Partial<ScheduleRotation> = {}): ScheduleRotation => ({
  id: "r1",
  name: "SRE primary",
  role: "SRE",
  shiftMinutes: 1440,
  handoffMinuteUtc: 540,
  anchorAt: D("2026-01-01T09:00:00.000Z"),
  members: ["alice", "bob", "carol"].map((userId, position) => ({ userId, position, active: !inactive.includes(userId) })),
  ...over,
});

describe("deactivated members are gaps, never on call (issue 13)", () => {
  it("onCallAt never returns a deactivated member: the instant is an inactive_member gap with its end", () => {
    expect(onCallAt(rotation(["bob"]), [], D("2026-01-02T12:00:00Z"))).toMatchObject({
      ok: false,
      error: { code: "inactive_member" },
      gap: { userId: "bob", until: D("2026-01-03T09:00:00Z"), nextHandoffAt: D("2026-01-03T09:00:00Z") },
    });
    // exactly at the handoff the next (active) member holds it; 1 ms before, still the gap
    expect(onCallAt(rotation(["bob"]), [], D("2026-01-03T09:00:00Z"))).toMatchObject({ ok: true, userId: "carol" });
    expect(onCallAt(rotation(["bob"]), [], D("2026-01-03T08:59:59.999Z"))).toMatchObject({ ok: false });
    // members without the flag count as active (older callers)
    expect(onCallAt({ ...rotation(), members: [{ userId: "x", position: 0 }] }, [], D("2026-01-02T12:00:00Z"))).toMatchObject({ ok: true, userId: "x" });
  });

  it("an override by an active person covers the gap; an override held by a deactivated person is a gap itself", () => {
    const cover = { id: "o1", userId: "dave", startsAt: D("2026-01-02T09:00:00Z"), endsAt: D("2026-01-03T09:00:00Z") };
    expect(onCallAt(rotation(["bob"]), [cover], D("2026-01-02T12:00:00Z"))).toMatchObject({ ok: true, userId: "dave", source: "override" });
    expect(onCallAt(rotation(), [{ ...cover, active: false }], D("2026-01-02T12:00:00Z"))).toMatchObject({ ok: false, error: { code: "inactive_member" }, gap: { userId: "dave" } });
  });

  it("shiftsFor marks inactive segments, and only those", () => {
    const res = shiftsFor(rotation(["bob"]), [], D("2026-01-01T09:00:00Z"), D("2026-01-04T09:00:00Z"));
    if (!res.ok) throw new Error(res.error.message);
    expect(res.shifts.map((s) => [s.userId, s.inactive ?? false])).toEqual([
      ["alice", false],
      ["bob", true],
      ["carol", false],
    ]);
  });

  it("gapsFor lists the uncovered intervals, merging one person's consecutive segments, minus overrides", () => {
    const from = D("2026-01-01T00:00:00Z");
    const to = D("2026-01-08T00:00:00Z");
    expect(gapsFor(rotation(["bob"]), [], from, to)).toEqual([
      { start: D("2026-01-02T09:00:00Z"), end: D("2026-01-03T09:00:00Z"), reason: "inactive_member", userId: "bob" },
      { start: D("2026-01-05T09:00:00Z"), end: D("2026-01-06T09:00:00Z"), reason: "inactive_member", userId: "bob" },
    ]);
    const solo = rotation(["alice"], { members: [{ userId: "alice", position: 0, active: false }] });
    expect(gapsFor(solo, [], from, to)).toEqual([{ start: from, end: to, reason: "inactive_member", userId: "alice" }]);
    const cover = { id: "o1", userId: "dave", startsAt: D("2026-01-02T12:00:00Z"), endsAt: D("2026-01-03T09:00:00Z") };
    expect(gapsFor(rotation(["bob"]), [cover], from, D("2026-01-04T00:00:00Z"))).toEqual([{ start: D("2026-01-02T09:00:00Z"), end: D("2026-01-02T12:00:00Z"), reason: "inactive_member", userId: "bob" }]);
    expect(gapsFor(rotation(), [], from, to)).toEqual([]);
    expect(gapsFor(rotation([], { members: [] }), [], from, to)).toEqual([{ start: from, end: to, reason: "no_members", userId: null }]);
    expect(gapsFor(rotation(["bob"]), [], to, from)).toEqual([]);
  });

  it("newlyUncovered keeps only what the earlier gaps did not already cover", () => {
    const g = (a: string, b: string) => ({ start: D(a), end: D(b) });
    expect(newlyUncovered([g("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")], [])).toEqual([g("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")]);
    expect(newlyUncovered([g("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")], [g("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")])).toEqual([]);
    expect(newlyUncovered([g("2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z")], [g("2026-01-01T12:00:00Z", "2026-01-02T00:00:00Z")])).toEqual([
      g("2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z"),
      g("2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"),
    ]);
    expect(newlyUncovered([g("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")], [g("2025-12-01T00:00:00Z", "2027-01-01T00:00:00Z")])).toEqual([]);
  });

  it("the checked horizon is a full cycle of the rotation, at least 14 days", () => {
    const now = D("2026-01-01T00:00:00Z");
    expect(gapHorizon(rotation(), now)).toEqual(D("2026-01-15T00:00:00Z"));
    const big = { shiftMinutes: 10_080, members: Array.from({ length: 25 }, (_, i) => ({ userId: `u${i}`, position: i })) };
    expect(gapHorizon(big, now).getTime() - now.getTime()).toBe(26 * 7 * 86_400_000);
  });
});
