import { describe, expect, it } from "vitest";
import { isTimeZone, nextHandoff, onCallAt, shiftsFor, type ScheduleRotation } from "./schedule";

const members = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, position: i }));
const rot = (over: Partial<ScheduleRotation>): ScheduleRotation => ({
  id: "r",
  name: "R",
  role: "SRE",
  shiftMinutes: 1440,
  handoffMinuteUtc: 540,
  anchorAt: new Date("2026-03-20T12:00:00Z"),
  timeZone: "Europe/Berlin",
  members: members(3),
  ...over,
});
const iso = (d: Date) => d.toISOString();

describe("rotations in a time zone (DST-safe)", () => {
  it("daily shifts in Europe/Berlin start at 09:00 local across the March change (CET → CEST)", () => {
    // 2027-03-28: clocks go 02:00 → 03:00
    const r = rot({ anchorAt: new Date("2027-03-26T12:00:00Z") });
    const res = shiftsFor(r, [], new Date("2027-03-26T08:00:00Z"), new Date("2027-03-30T07:00:00Z"));
    if (!res.ok) throw new Error("expected shifts");
    expect(res.shifts.map((s) => [s.userId, iso(s.start), iso(s.end)])).toEqual([
      ["u0", "2027-03-26T08:00:00.000Z", "2027-03-27T08:00:00.000Z"],
      ["u1", "2027-03-27T08:00:00.000Z", "2027-03-28T07:00:00.000Z"], // 23 h
      ["u2", "2027-03-28T07:00:00.000Z", "2027-03-29T07:00:00.000Z"],
      ["u0", "2027-03-29T07:00:00.000Z", "2027-03-30T07:00:00.000Z"],
    ]);
  });

  it("and across the October change (CEST → CET): the shift over it lasts 25 h", () => {
    // 2026-10-25: clocks go 03:00 → 02:00
    const r = rot({ anchorAt: new Date("2026-10-23T12:00:00Z") });
    const res = shiftsFor(r, [], new Date("2026-10-24T07:00:00Z"), new Date("2026-10-26T08:00:00Z"));
    if (!res.ok) throw new Error("expected shifts");
    expect(res.shifts.map((s) => [s.userId, iso(s.start), iso(s.end)])).toEqual([
      ["u1", "2026-10-24T07:00:00.000Z", "2026-10-25T08:00:00.000Z"], // 25 h
      ["u2", "2026-10-25T08:00:00.000Z", "2026-10-26T08:00:00.000Z"],
    ]);
    // one millisecond before and at the wall-clock handoff
    expect(onCallAt(r, [], new Date("2026-10-25T07:59:59.999Z"))).toMatchObject({ userId: "u1", nextHandoffAt: new Date("2026-10-25T08:00:00Z") });
    expect(onCallAt(r, [], new Date("2026-10-25T08:00:00Z"))).toMatchObject({ userId: "u2" });
  });

  it("weekly and N-day shifts keep the wall-clock handoff months later", () => {
    const weekly = rot({ shiftMinutes: 7 * 1440, anchorAt: new Date("2026-01-05T12:00:00Z"), members: members(25) });
    // winter: 09:00 CET = 08:00Z; summer: 09:00 CEST = 07:00Z
    expect(iso(nextHandoff(weekly, new Date("2026-01-06T00:00:00Z")))).toBe("2026-01-12T08:00:00.000Z");
    expect(iso(nextHandoff(weekly, new Date("2026-07-01T00:00:00Z")))).toBe("2026-07-06T07:00:00.000Z");
    // 26 weeks after the anchor week: member 26 mod 25 = 1
    expect(onCallAt(weekly, [], new Date("2026-07-06T07:00:00Z"))).toMatchObject({ userId: "u1" });
    expect(onCallAt(weekly, [], new Date("2026-07-06T06:59:59Z"))).toMatchObject({ userId: "u0" });

    const threeDays = rot({ shiftMinutes: 3 * 1440, handoffMinuteUtc: 18 * 60 + 30, anchorAt: new Date("2027-03-25T12:00:00Z"), members: members(2) });
    const res = shiftsFor(threeDays, [], new Date("2027-03-25T17:30:00Z"), new Date("2027-03-31T16:30:00Z"));
    if (!res.ok) throw new Error("expected shifts");
    expect(res.shifts.map((s) => [s.userId, iso(s.start), iso(s.end)])).toEqual([
      ["u0", "2027-03-25T17:30:00.000Z", "2027-03-28T16:30:00.000Z"], // 18:30 CET → 18:30 CEST
      ["u1", "2027-03-28T16:30:00.000Z", "2027-03-31T16:30:00.000Z"],
    ]);
  });

  it("before the anchor the cycle runs backwards; UTC and sub-day shifts stay fixed-length", () => {
    const r = rot({ anchorAt: new Date("2026-10-26T12:00:00Z") });
    expect(onCallAt(r, [], new Date("2026-10-25T08:00:00Z"))).toMatchObject({ userId: "u2", until: new Date("2026-10-26T08:00:00Z") });
    const utc = rot({ timeZone: "UTC", anchorAt: new Date("2026-10-23T00:00:00Z") });
    expect(iso(nextHandoff(utc, new Date("2026-10-25T05:00:00Z")))).toBe("2026-10-25T09:00:00.000Z");
    const twelveHours = rot({ shiftMinutes: 720, anchorAt: new Date("2026-10-23T00:00:00Z") });
    expect(iso(nextHandoff(twelveHours, new Date("2026-10-25T05:00:00Z")))).toBe("2026-10-25T09:00:00.000Z");
  });

  it("a handoff in the skipped spring hour starts at the first valid instant", () => {
    const r = rot({ handoffMinuteUtc: 2 * 60 + 30, anchorAt: new Date("2027-03-27T12:00:00Z") });
    const at = nextHandoff(r, new Date("2027-03-27T12:00:00Z"));
    expect(at.getTime()).toBeGreaterThanOrEqual(new Date("2027-03-28T01:00:00Z").getTime()); // 03:00 CEST
    expect(at.getTime()).toBeLessThanOrEqual(new Date("2027-03-28T01:30:00Z").getTime());
  });

  it("knows IANA zones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
