import { describe, expect, it } from "vitest";
import type { ScheduleRotation } from "./schedule";
import { holdsInterval, swapTransition, type SwapAction, type SwapStatus } from "./swap-rules";

const D = (iso: string) => new Date(iso);
// alice holds 2026-01-01 09:00 → 01-02 09:00, bob the next day, alternating
const rotation: ScheduleRotation = {
  id: "r1",
  name: "SRE primary",
  role: "SRE",
  shiftMinutes: 1440,
  handoffMinuteUtc: 540,
  anchorAt: D("2026-01-01T09:00:00.000Z"),
  members: [
    { userId: "alice", position: 0 },
    { userId: "bob", position: 1 },
  ],
};

describe("holdsInterval", () => {
  it("accepts a whole shift and any part of it, up to the handoff instant (half-open)", () => {
    expect(holdsInterval(rotation, [], "alice", D("2026-01-01T09:00:00Z"), D("2026-01-02T09:00:00Z"), "you")).toBeNull();
    expect(holdsInterval(rotation, [], "alice", D("2026-01-01T12:00:00Z"), D("2026-01-01T18:00:00Z"), "you")).toBeNull();
  });

  it("refuses an interval reaching 1 ms into someone else's shift, naming it", () => {
    expect(holdsInterval(rotation, [], "alice", D("2026-01-01T09:00:00Z"), D("2026-01-02T09:00:00.001Z"), "you")).toMatch(/^You are not on call 2026-01-02 09:00/);
    expect(holdsInterval(rotation, [], "alice", D("2026-01-01T08:59:59.999Z"), D("2026-01-01T10:00:00Z"), "they")).toMatch(/^They are not on call/);
  });

  it("refuses an interval an override covers, even when the override is the person's own", () => {
    const ov = { id: "o1", userId: "alice", startsAt: D("2026-01-01T12:00:00Z"), endsAt: D("2026-01-01T13:00:00Z") };
    expect(holdsInterval(rotation, [ov], "alice", D("2026-01-01T09:00:00Z"), D("2026-01-02T09:00:00Z"), "you")).toMatch(/covered by an override/);
    expect(holdsInterval(rotation, [ov], "alice", D("2026-01-01T13:00:00Z"), D("2026-01-02T09:00:00Z"), "you")).toBeNull();
  });

  it("reports an empty rotation instead of throwing", () => {
    expect(holdsInterval({ ...rotation, members: [] }, [], "alice", D("2026-01-01T09:00:00Z"), D("2026-01-02T09:00:00Z"), "you")).toMatch(/no members/);
  });
});

describe("swapTransition", () => {
  const now = D("2026-01-01T10:00:00Z");
  const swap = (status: SwapStatus = "pending", endsAt = D("2026-01-02T09:00:00Z")) => ({ status, proposerId: "alice", recipientId: "bob", endsAt });
  const actor = (id: string, canManageOthers = false) => ({ id, canManageOthers });

  it("the full table: who may do what to a pending swap", () => {
    const cases: [SwapAction, string, boolean, boolean][] = [
      ["accept", "bob", false, true],
      ["decline", "bob", false, true],
      ["cancel", "bob", false, false],
      ["accept", "alice", false, false],
      ["decline", "alice", false, false],
      ["cancel", "alice", false, true],
      ["accept", "carol", true, false], // managing others' swaps is cancelling them, never answering for the recipient
      ["decline", "carol", true, false],
      ["cancel", "carol", true, true],
      ["cancel", "carol", false, false],
    ];
    for (const [action, who, manage, ok] of cases) expect(swapTransition(swap(), action, actor(who, manage), now).ok, `${who} ${action}`).toBe(ok);
    expect(swapTransition(swap(), "accept", actor("bob"), now)).toEqual({ ok: true, next: "accepted" });
    expect(swapTransition(swap(), "decline", actor("bob"), now)).toEqual({ ok: true, next: "declined" });
    expect(swapTransition(swap(), "cancel", actor("alice"), now)).toEqual({ ok: true, next: "cancelled" });
  });

  it("nothing moves a decided swap", () => {
    for (const status of ["accepted", "declined", "cancelled"] as const)
      for (const [action, who] of [["accept", "bob"], ["decline", "bob"], ["cancel", "alice"]] as const)
        expect(swapTransition(swap(status), action, actor(who), now)).toMatchObject({ ok: false, code: "conflict", reason: `This swap is already ${status}` });
  });

  it("a swap cannot be accepted once the shift has ended (at the end instant exactly), but can still be declined", () => {
    const end = D("2026-01-02T09:00:00Z");
    expect(swapTransition(swap("pending", end), "accept", actor("bob"), new Date(end.getTime() - 1)).ok).toBe(true);
    expect(swapTransition(swap("pending", end), "accept", actor("bob"), end)).toMatchObject({ ok: false, code: "conflict" });
    expect(swapTransition(swap("pending", end), "decline", actor("bob"), end).ok).toBe(true);
  });
});
