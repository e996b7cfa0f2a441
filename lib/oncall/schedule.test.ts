import { describe, expect, it } from "vitest";
import { effectiveAnchor, nextHandoff, onCallAt, overlaps, shiftsFor, type ScheduleRotation } from "./schedule";

const D = (iso: string) => new Date(iso);
const rotation = (over: Partial<ScheduleRotation> = {}): ScheduleRotation => ({
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
  ...over,
});
const who = (r: ScheduleRotation, at: string, ovs = [] as Parameters<typeof onCallAt>[1]) => {
  const res = onCallAt(r, ovs, D(at));
  if (!res.ok) throw new Error(res.error.message);
  return res.userId;
};

describe("onCallAt at handoff boundaries", () => {
  it("hands off at exactly 09:00:00.000 UTC, not 1 ms before", () => {
    const r = rotation();
    expect(who(r, "2026-01-01T09:00:00.000Z")).toBe("alice");
    expect(who(r, "2026-01-02T08:59:59.999Z")).toBe("alice");
    expect(who(r, "2026-01-02T09:00:00.000Z")).toBe("bob");
    expect(who(r, "2026-01-03T08:59:59.999Z")).toBe("bob");
    expect(who(r, "2026-01-03T09:00:00.000Z")).toBe("alice");
  });

  it("extends backwards before the anchor", () => {
    const r = rotation();
    expect(who(r, "2026-01-01T08:59:59.999Z")).toBe("bob");
    expect(who(r, "2025-12-31T09:00:00.000Z")).toBe("bob");
    expect(who(r, "2025-12-30T09:00:00.000Z")).toBe("alice");
  });

  it("orders members by position, not array order", () => {
    const r = rotation({ members: [{ userId: "bob", position: 5 }, { userId: "alice", position: 1 }] });
    expect(who(r, "2026-01-01T10:00:00.000Z")).toBe("alice");
  });

  it("reports the next handoff and the end of the current segment", () => {
    const res = onCallAt(rotation(), [], D("2026-01-05T08:59:59.999Z"));
    expect(res).toMatchObject({ ok: true, nextHandoffAt: D("2026-01-05T09:00:00.000Z"), until: D("2026-01-05T09:00:00.000Z") });
    expect(nextHandoff(rotation(), D("2026-01-05T09:00:00.000Z"))).toEqual(D("2026-01-06T09:00:00.000Z"));
  });

  it("takes the time of day from handoffMinuteUtc and the date from anchorAt", () => {
    const r = rotation({ handoffMinuteUtc: 600, anchorAt: D("2026-01-01T00:00:00.000Z") });
    expect(new Date(effectiveAnchor(r)).toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(who(r, "2026-01-02T09:59:59.999Z")).toBe("alice");
    expect(who(r, "2026-01-02T10:00:00.000Z")).toBe("bob");
  });

  it("supports shifts shorter than a day (12 h)", () => {
    const r = rotation({ shiftMinutes: 720 });
    expect(who(r, "2026-01-01T20:59:59.999Z")).toBe("alice");
    expect(who(r, "2026-01-01T21:00:00.000Z")).toBe("bob");
    expect(who(r, "2026-01-02T09:00:00.000Z")).toBe("alice");
  });
});

describe("overrides", () => {
  const ov = { id: "o1", userId: "carol", startsAt: D("2026-01-01T13:00:00.000Z"), endsAt: D("2026-01-02T15:00:00.000Z") };

  it("an override starting and ending mid-shift replaces exactly its range", () => {
    const r = rotation();
    expect(who(r, "2026-01-01T12:59:59.999Z", [ov])).toBe("alice");
    expect(who(r, "2026-01-01T13:00:00.000Z", [ov])).toBe("carol");
    expect(who(r, "2026-01-02T09:00:00.000Z", [ov])).toBe("carol");
    expect(who(r, "2026-01-02T14:59:59.999Z", [ov])).toBe("carol");
    expect(who(r, "2026-01-02T15:00:00.000Z", [ov])).toBe("bob");
  });

  it("onCallAt reports when the override ends and when the next one starts", () => {
    const r = rotation();
    expect(onCallAt(r, [ov], D("2026-01-01T14:00:00.000Z"))).toMatchObject({ source: "override", overrideId: "o1", until: ov.endsAt });
    expect(onCallAt(r, [ov], D("2026-01-01T10:00:00.000Z"))).toMatchObject({ source: "rotation", until: ov.startsAt });
  });

  it("shiftsFor splits shifts around an override and clips to the window", () => {
    const res = shiftsFor(rotation(), [ov], D("2026-01-01T00:00:00.000Z"), D("2026-01-03T12:00:00.000Z"));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.shifts.map((s) => [s.userId, s.source, s.start.toISOString(), s.end.toISOString()])).toEqual([
      ["bob", "rotation", "2026-01-01T00:00:00.000Z", "2026-01-01T09:00:00.000Z"],
      ["alice", "rotation", "2026-01-01T09:00:00.000Z", "2026-01-01T13:00:00.000Z"],
      ["carol", "override", "2026-01-01T13:00:00.000Z", "2026-01-02T15:00:00.000Z"],
      ["bob", "rotation", "2026-01-02T15:00:00.000Z", "2026-01-03T09:00:00.000Z"],
      ["alice", "rotation", "2026-01-03T09:00:00.000Z", "2026-01-03T12:00:00.000Z"],
    ]);
  });

  it("segments are contiguous and cover the window exactly", () => {
    const from = D("2026-02-01T03:17:00.000Z");
    const to = D("2026-03-01T00:00:00.000Z");
    const ovs = [ov, { id: "o2", userId: "dave", startsAt: D("2026-02-10T09:00:00.000Z"), endsAt: D("2026-02-10T09:00:00.001Z") }];
    const res = shiftsFor(rotation(), ovs, from, to);
    if (!res.ok) throw new Error("unexpected");
    expect(res.shifts[0].start).toEqual(from);
    expect(res.shifts.at(-1)!.end).toEqual(to);
    for (let i = 1; i < res.shifts.length; i++) expect(res.shifts[i].start).toEqual(res.shifts[i - 1].end);
    expect(res.shifts.find((s) => s.userId === "dave")).toMatchObject({ start: D("2026-02-10T09:00:00.000Z"), end: D("2026-02-10T09:00:00.001Z") });
  });

  it("tolerates overlapping overrides (first one wins the overlap)", () => {
    const a = { id: "a", userId: "carol", startsAt: D("2026-01-01T10:00:00.000Z"), endsAt: D("2026-01-01T14:00:00.000Z") };
    const b = { id: "b", userId: "dave", startsAt: D("2026-01-01T12:00:00.000Z"), endsAt: D("2026-01-01T16:00:00.000Z") };
    expect(who(rotation(), "2026-01-01T13:00:00.000Z", [b, a])).toBe("carol");
    expect(who(rotation(), "2026-01-01T14:00:00.000Z", [b, a])).toBe("dave");
  });
});

describe("errors are results, not crashes", () => {
  it("an empty rotation is an error result", () => {
    const r = rotation({ members: [] });
    expect(onCallAt(r, [], D("2026-01-01T09:00:00.000Z"))).toMatchObject({ ok: false, error: { code: "empty_rotation" } });
    expect(shiftsFor(r, [], D("2026-01-01T00:00:00.000Z"), D("2026-01-02T00:00:00.000Z"))).toMatchObject({ ok: false, error: { code: "empty_rotation" } });
  });

  it("a zero shift length is an error result", () => {
    expect(onCallAt(rotation({ shiftMinutes: 0 }), [], D("2026-01-01T09:00:00.000Z"))).toMatchObject({ ok: false, error: { code: "invalid_shift_length" } });
  });

  it("an empty window has no shifts", () => {
    expect(shiftsFor(rotation(), [], D("2026-01-02T00:00:00.000Z"), D("2026-01-01T00:00:00.000Z"))).toEqual({ ok: true, shifts: [] });
  });
});

describe("overlaps", () => {
  it("is half-open: touching ranges do not overlap", () => {
    expect(overlaps(D("2026-01-01T00:00Z"), D("2026-01-02T00:00Z"), D("2026-01-02T00:00Z"), D("2026-01-03T00:00Z"))).toBe(false);
    expect(overlaps(D("2026-01-01T00:00Z"), D("2026-01-02T00:00Z"), D("2026-01-01T23:59:59.999Z"), D("2026-01-03T00:00Z"))).toBe(true);
  });
});
