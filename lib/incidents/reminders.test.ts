import { describe, expect, it } from "vitest";
import { formatDurationMs, reminderDue, reminderPolicy, type ReminderSubject } from "./reminders";

const MIN = 60_000;
const policy = reminderPolicy(30 * MIN, 60 * MIN, 240 * MIN);
const last = new Date("2026-12-01T02:00:00.000Z");
const at = (ms: number) => new Date(last.getTime() + ms);
const inc = (over: Partial<ReminderSubject> = {}): ReminderSubject => ({ id: "i1", severity: "P1", status: "Investigating", lastUpdateAt: last, ...over });

describe("update reminders", () => {
  it("P1: not due 1 ms before 30 min, due exactly at 30 min", () => {
    expect(reminderDue(inc(), policy, at(30 * MIN - 1))).toBeNull();
    expect(reminderDue(inc(), policy, at(30 * MIN))).toMatchObject({ slot: 1, dueAt: at(30 * MIN) });
    expect(reminderDue(inc(), policy, at(30 * MIN + 1))).toMatchObject({ slot: 1 });
  });

  it("uses each severity's interval (P2 60 min, P3/P4 the default)", () => {
    expect(reminderDue(inc({ severity: "P2" }), policy, at(60 * MIN - 1))).toBeNull();
    expect(reminderDue(inc({ severity: "P2" }), policy, at(60 * MIN))).toMatchObject({ slot: 1 });
    for (const severity of ["P3", "P4"] as const) {
      expect(reminderDue(inc({ severity }), policy, at(240 * MIN - 1))).toBeNull();
      expect(reminderDue(inc({ severity }), policy, at(240 * MIN))).toMatchObject({ slot: 1 });
    }
  });

  it("reminds once per interval: the same slot keeps its key, the next interval gets a new one", () => {
    const a = reminderDue(inc(), policy, at(31 * MIN))!;
    const b = reminderDue(inc(), policy, at(59 * MIN))!;
    const c = reminderDue(inc(), policy, at(60 * MIN))!;
    expect(a.dedupeKey).toBe(b.dedupeKey);
    expect(c.slot).toBe(2);
    expect(c.dedupeKey).not.toBe(a.dedupeKey);
  });

  it("an update restarts the interval (new key)", () => {
    const later = at(45 * MIN);
    expect(reminderDue(inc({ lastUpdateAt: later }), policy, at(60 * MIN))).toBeNull();
    const due = reminderDue(inc({ lastUpdateAt: later }), policy, at(75 * MIN))!;
    expect(due.dedupeKey).not.toBe(reminderDue(inc(), policy, at(75 * MIN))!.dedupeKey);
  });

  it("never reminds about a resolved incident", () => {
    expect(reminderDue(inc({ status: "Resolved" }), policy, at(24 * 60 * MIN))).toBeNull();
  });

  it("formats durations", () => {
    expect(formatDurationMs(null)).toBe("—");
    expect(formatDurationMs(45_000)).toBe("45 s");
    expect(formatDurationMs(3 * MIN + 5000)).toBe("3 min 5 s");
    expect(formatDurationMs(30 * MIN)).toBe("30 min");
    expect(formatDurationMs(65 * MIN)).toBe("1 h 5 min");
    expect(formatDurationMs(26 * 60 * MIN)).toBe("1 d 2 h");
  });
});
