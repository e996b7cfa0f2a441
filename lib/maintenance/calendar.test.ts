import { describe, expect, it } from "vitest";
import { calendarRange, itemsOnDay, overlappingWork, parseCalendarDate, startOfUtcWeek, type CalendarItem } from "./calendar";

const t = (iso: string) => new Date(iso);
const item = (key: string, start: string, end: string, componentIds: string[], kind: CalendarItem["kind"] = "maintenance"): CalendarItem => ({ key, kind, label: key, href: `/${key}`, start: t(start), end: t(end), componentIds });

describe("calendarRange", () => {
  it("a week runs Monday to Sunday in UTC", () => {
    const r = calendarRange("week", t("2026-12-03T23:30:00Z")); // a Thursday
    expect(r.from.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(r.to.toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(r.days).toHaveLength(7);
    expect(r.prev.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(startOfUtcWeek(t("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(startOfUtcWeek(t("2026-12-06T23:59:59Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });
  it("a month covers whole weeks around it", () => {
    const r = calendarRange("month", t("2026-12-15T00:00:00Z"));
    expect(r.from.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(r.to.toISOString()).toBe("2027-01-04T00:00:00.000Z");
    expect(r.days).toHaveLength(35);
    expect(r.next.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(r.prev.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    // February 2027 starts on a Monday and has exactly 4 weeks
    expect(calendarRange("month", t("2027-02-10T00:00:00Z")).days).toHaveLength(28);
  });
});

describe("itemsOnDay", () => {
  it("includes items touching the day, excludes one ending exactly at midnight", () => {
    const items = [item("late", "2026-12-01T22:00Z", "2026-12-02T02:00Z", []), item("ends-at-midnight", "2026-11-30T22:00Z", "2026-12-01T00:00Z", []), item("early", "2026-12-01T01:00Z", "2026-12-01T02:00Z", [])];
    expect(itemsOnDay(items, t("2026-12-01T00:00Z")).map((i) => i.key)).toEqual(["early", "late"]);
    expect(itemsOnDay(items, t("2026-12-02T00:00Z")).map((i) => i.key)).toEqual(["late"]);
  });
});

describe("overlappingWork", () => {
  it("flags both sides of an overlap on a shared component, not touching or unrelated work", () => {
    const items = [
      item("mw1", "2026-12-01T02:00Z", "2026-12-01T04:00Z", ["lb"]),
      item("cr1", "2026-12-01T03:00Z", "2026-12-01T05:00Z", ["lb"], "change"),
      item("mw2", "2026-12-01T04:00Z", "2026-12-01T05:00Z", ["dns"]),
      item("mw3", "2026-12-01T05:00Z", "2026-12-01T06:00Z", ["lb"]),
    ];
    const clashes = overlappingWork(items);
    expect(Object.fromEntries(clashes)).toEqual({ mw1: ["cr1"], cr1: ["mw1"] });
  });
  it("exempts pairs that are the same work (a change and its linked window)", () => {
    const items = [item("mw1", "2026-12-01T02:00Z", "2026-12-01T04:00Z", ["lb"]), item("cr1", "2026-12-01T02:00Z", "2026-12-01T04:00Z", ["lb"], "change")];
    expect(overlappingWork(items, () => true).size).toBe(0);
  });
});

describe("parseCalendarDate", () => {
  it("reads YYYY-MM-DD as a UTC day and falls back otherwise", () => {
    const fallback = t("2026-01-01T00:00Z");
    expect(parseCalendarDate("2026-12-03", fallback).toISOString()).toBe("2026-12-03T00:00:00.000Z");
    expect(parseCalendarDate("junk", fallback)).toBe(fallback);
    expect(parseCalendarDate(undefined, fallback)).toBe(fallback);
  });
});
