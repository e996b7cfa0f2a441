import { describe, expect, it } from "vitest";
import { addBusinessDays, parseRequiredSeverities, postmortemReminderDue, postmortemRequired } from "./due";

const d = (s: string) => new Date(s);

describe("addBusinessDays", () => {
  it("skips the weekend: Wednesday + 5 business days is next Wednesday", () => {
    expect(addBusinessDays(d("2026-12-02T13:00:00Z"), 5).toISOString()).toBe("2026-12-09T13:00:00.000Z");
  });
  it("Friday + 1 is Monday, same time of day", () => {
    expect(addBusinessDays(d("2026-12-04T23:59:59.999Z"), 1).toISOString()).toBe("2026-12-07T23:59:59.999Z");
  });
  it("a Saturday or Sunday start counts from Monday 00:00 UTC", () => {
    expect(addBusinessDays(d("2026-12-05T10:00:00Z"), 5).toISOString()).toBe("2026-12-14T00:00:00.000Z");
    expect(addBusinessDays(d("2026-12-06T23:00:00Z"), 1).toISOString()).toBe("2026-12-08T00:00:00.000Z");
  });
  it("0 days on a weekday is the same instant; on a weekend, Monday 00:00", () => {
    expect(addBusinessDays(d("2026-12-02T13:00:00Z"), 0).toISOString()).toBe("2026-12-02T13:00:00.000Z");
    expect(addBusinessDays(d("2026-12-05T13:00:00Z"), 0).toISOString()).toBe("2026-12-07T00:00:00.000Z");
  });
  it("uses UTC days: a Friday 23:30 UTC start is Friday even where it is already Saturday", () => {
    expect(addBusinessDays(d("2026-12-04T23:30:00Z"), 5).toISOString()).toBe("2026-12-11T23:30:00.000Z");
  });
  it("refuses negative or fractional days", () => {
    expect(() => addBusinessDays(d("2026-12-02T00:00:00Z"), -1)).toThrow(RangeError);
    expect(() => addBusinessDays(d("2026-12-02T00:00:00Z"), 1.5)).toThrow(RangeError);
  });
});

describe("postmortemRequired", () => {
  it("P1 and P2 by default, configurable", () => {
    expect(["P1", "P2", "P3", "P4"].map((s) => postmortemRequired(s as "P1"))).toEqual([true, true, false, false]);
    expect(postmortemRequired("P3", { requiredFor: ["P1", "P2", "P3"], dueBusinessDays: 5 })).toBe(true);
    expect(postmortemRequired("P1", { requiredFor: [], dueBusinessDays: 5 })).toBe(false);
  });
  it("parses the env list and refuses unknown severities", () => {
    expect(parseRequiredSeverities(" p1, P2 ,P2")).toEqual(["P1", "P2"]);
    expect(parseRequiredSeverities("")).toEqual([]);
    expect(() => parseRequiredSeverities("P1,P5")).toThrow(/P5/);
  });
});

describe("postmortemReminderDue", () => {
  const due = d("2026-12-09T13:00:00Z");
  const pm = { id: "pm1", status: "Draft" as const, dueAt: due };
  it("nothing before the last 24 h", () => {
    expect(postmortemReminderDue(pm, new Date(due.getTime() - 86_400_001))).toBeNull();
  });
  it("due-soon exactly 24 h before, once (same key)", () => {
    const a = postmortemReminderDue(pm, new Date(due.getTime() - 86_400_000));
    const b = postmortemReminderDue(pm, new Date(due.getTime() - 1));
    expect(a).toEqual({ kind: "due-soon", dedupeKey: "postmortem-reminder:pm1:due-soon" });
    expect(b).toEqual(a);
  });
  it("overdue at the due instant, a new key each day", () => {
    expect(postmortemReminderDue(pm, due)?.dedupeKey).toBe("postmortem-reminder:pm1:overdue:0");
    expect(postmortemReminderDue(pm, new Date(due.getTime() + 86_400_000 - 1))?.dedupeKey).toBe("postmortem-reminder:pm1:overdue:0");
    expect(postmortemReminderDue(pm, new Date(due.getTime() + 86_400_000))?.dedupeKey).toBe("postmortem-reminder:pm1:overdue:1");
  });
  it("a published postmortem is never reminded", () => {
    expect(postmortemReminderDue({ ...pm, status: "Published" }, new Date(due.getTime() + 5 * 86_400_000))).toBeNull();
  });
});
