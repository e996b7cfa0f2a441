import { describe, expect, it } from "vitest";
import {
  cancelRuleError,
  conflicts,
  formatWindow,
  linkRuleError,
  maintenancePhase,
  noticeChanged,
  notificationState,
  overlaps,
  parseUtcDateTime,
  renderNotice,
  toUtcInputValue,
  windowRuleErrors,
  type NoticeContent,
} from "./window";

const t = (iso: string) => new Date(iso);
const win = (id: string, start: string, end: string, componentIds: string[]) => ({ id, windowStart: t(start), windowEnd: t(end), componentIds });

describe("windowRuleErrors", () => {
  it("accepts an end after the start", () => {
    expect(windowRuleErrors({ windowStart: t("2026-12-01T02:00Z"), windowEnd: t("2026-12-01T04:00Z") })).toBeNull();
    expect(windowRuleErrors({ windowStart: t("2026-12-01T02:00:00.000Z"), windowEnd: t("2026-12-01T02:00:00.001Z") })).toBeNull();
  });
  it("refuses an end equal to or before the start, on the end field", () => {
    expect(windowRuleErrors({ windowStart: t("2026-12-01T02:00Z"), windowEnd: t("2026-12-01T02:00Z") })).toEqual({ windowEnd: "The window must end after it starts" });
    expect(windowRuleErrors({ windowStart: t("2026-12-01T02:00Z"), windowEnd: t("2026-12-01T01:59Z") })).toHaveProperty("windowEnd");
  });
  it("refuses invalid dates", () => {
    expect(windowRuleErrors({ windowStart: new Date(NaN), windowEnd: t("2026-12-01T02:00Z") })).toHaveProperty("windowStart");
    expect(windowRuleErrors({ windowStart: t("2026-12-01T02:00Z"), windowEnd: new Date(NaN) })).toHaveProperty("windowEnd");
  });
});

describe("overlaps (half-open)", () => {
  const a = win("a", "2026-12-01T02:00Z", "2026-12-01T04:00Z", []);
  it("touching windows do not overlap, in either order", () => {
    const b = win("b", "2026-12-01T04:00Z", "2026-12-01T05:00Z", []);
    expect(overlaps(a, b)).toBe(false);
    expect(overlaps(b, a)).toBe(false);
  });
  it("1 ms of shared time is an overlap", () => {
    const b = win("b", "2026-12-01T03:59:59.999Z", "2026-12-01T05:00Z", []);
    expect(overlaps(a, b)).toBe(true);
    expect(overlaps(b, a)).toBe(true);
  });
  it("containment and identity overlap", () => {
    expect(overlaps(a, win("b", "2026-12-01T02:30Z", "2026-12-01T03:00Z", []))).toBe(true);
    expect(overlaps(a, a)).toBe(true);
  });
  it("disjoint windows do not overlap", () => {
    expect(overlaps(a, win("b", "2026-12-02T02:00Z", "2026-12-02T04:00Z", []))).toBe(false);
  });
});

describe("conflicts", () => {
  const a = win("a", "2026-12-01T02:00Z", "2026-12-01T04:00Z", ["lb", "dns"]);
  it("flags overlapping windows that share a component, with the shared ones", () => {
    const b = win("b", "2026-12-01T03:00Z", "2026-12-01T05:00Z", ["dns", "db"]);
    expect(conflicts(a, [b])).toEqual([{ window: b, sharedComponentIds: ["dns"] }]);
    // symmetric: each window sees the other
    expect(conflicts(b, [a]).map((c) => c.window.id)).toEqual(["a"]);
  });
  it("ignores overlap without a shared component, shared components without overlap, touching windows and itself", () => {
    const others = [
      win("other-component", "2026-12-01T03:00Z", "2026-12-01T05:00Z", ["db"]),
      win("later", "2026-12-02T03:00Z", "2026-12-02T05:00Z", ["lb"]),
      win("touching", "2026-12-01T04:00Z", "2026-12-01T06:00Z", ["lb"]),
      win("touching-before", "2026-12-01T00:00Z", "2026-12-01T02:00Z", ["dns"]),
      a,
    ];
    expect(conflicts(a, others)).toEqual([]);
  });
});

describe("maintenancePhase at the boundaries", () => {
  const w = { windowStart: t("2026-12-01T02:00:00.000Z"), windowEnd: t("2026-12-01T04:00:00.000Z") };
  it.each([
    ["2026-12-01T01:59:59.999Z", "scheduled"],
    ["2026-12-01T02:00:00.000Z", "in_progress"],
    ["2026-12-01T03:00:00.000Z", "in_progress"],
    ["2026-12-01T03:59:59.999Z", "in_progress"],
    ["2026-12-01T04:00:00.000Z", "completed"],
    ["2026-12-01T04:00:00.001Z", "completed"],
  ])("at %s it is %s", (now, phase) => {
    expect(maintenancePhase(w, t(now))).toBe(phase);
  });
});

describe("notificationState", () => {
  it("distinguishes never sent, sent, and edited after sending", () => {
    expect(notificationState({ notifiedAt: null, noticeChangedAt: null })).toBe("not_sent");
    expect(notificationState({ notifiedAt: t("2026-11-01T00:00Z"), noticeChangedAt: null })).toBe("sent");
    expect(notificationState({ notifiedAt: t("2026-11-01T00:00Z"), noticeChangedAt: t("2026-11-02T00:00Z") })).toBe("needs_renotify");
  });
});

const content: NoticeContent = {
  windowStart: t("2026-12-01T02:00Z"),
  windowEnd: t("2026-12-01T04:00Z"),
  components: ["Load balancers", "DNS"],
  type: "Upgrade",
  impact: "Brief connection resets during failover",
  rollback: "Available",
  contact: "On-call: Sam Reliability",
};

describe("renderNotice", () => {
  it("renders the template block", () => {
    expect(renderNotice(content)).toBe(
      [
        "MAINTENANCE: Scheduled",
        "WINDOW: 2026-12-01 02:00 – 04:00 UTC",
        "AFFECTED: Load balancers, DNS",
        "TYPE: Upgrade",
        "IMPACT: Brief connection resets during failover",
        "ROLLBACK: Available",
        "CONTACT: On-call: Sam Reliability",
      ].join("\n"),
    );
  });
  it("has a Rescheduled variant, keeps each field on one line and writes Not Available as is", () => {
    const text = renderNotice({ ...content, impact: "Line one\n  line two", rollback: "Not Available" }, "Rescheduled");
    expect(text.split("\n")[0]).toBe("MAINTENANCE: Rescheduled");
    expect(text).toContain("IMPACT: Line one line two");
    expect(text).toContain("ROLLBACK: Not Available");
    expect(text.split("\n")).toHaveLength(7);
  });
  it("shows both dates when the window crosses midnight UTC", () => {
    expect(formatWindow({ windowStart: t("2026-12-01T22:00Z"), windowEnd: t("2026-12-02T02:30Z") })).toBe("2026-12-01 22:00 – 2026-12-02 02:30 UTC");
  });
});

describe("noticeChanged", () => {
  it("is false for the same content (component order does not matter) and true for any shown field", () => {
    expect(noticeChanged(content, { ...content, components: ["DNS", "Load balancers"] })).toBe(false);
    expect(noticeChanged(content, { ...content, windowEnd: t("2026-12-01T05:00Z") })).toBe(true);
    expect(noticeChanged(content, { ...content, windowStart: t("2026-12-01T01:00Z") })).toBe(true);
    expect(noticeChanged(content, { ...content, components: ["DNS"] })).toBe(true);
    expect(noticeChanged(content, { ...content, type: "Patching" })).toBe(true);
    expect(noticeChanged(content, { ...content, impact: "None" })).toBe(true);
    expect(noticeChanged(content, { ...content, rollback: "Not Available" })).toBe(true);
    expect(noticeChanged(content, { ...content, contact: "Someone" })).toBe(true);
  });
});

describe("parseUtcDateTime", () => {
  it("reads a datetime-local value as UTC", () => {
    expect(parseUtcDateTime("2026-12-01T02:00")?.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(parseUtcDateTime("2026-12-01 02:00:30")?.toISOString()).toBe("2026-12-01T02:00:30.000Z");
  });
  it("honours an explicit zone", () => {
    expect(parseUtcDateTime("2026-12-01T02:00:00Z")?.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(parseUtcDateTime("2026-12-01T04:00:00+02:00")?.toISOString()).toBe("2026-12-01T02:00:00.000Z");
  });
  it("refuses what is not a date-time", () => {
    for (const bad of ["", "tomorrow", "2026-12-01", "2026-13-01T02:00", "2026-12-01T25:00"]) expect(parseUtcDateTime(bad)).toBeNull();
  });
  it("round-trips with toUtcInputValue", () => {
    const d = t("2026-12-01T02:05Z");
    expect(parseUtcDateTime(toUtcInputValue(d))?.getTime()).toBe(d.getTime());
    expect(toUtcInputValue(null)).toBe("");
  });
});

describe("linkRuleError", () => {
  it("allows linking open changes and unlinking changes not yet approved", () => {
    expect(linkRuleError([{ number: 1, status: "Draft" }, { number: 2, status: "InProgress" }], [{ number: 3, status: "Submitted" }, { number: 4, status: "Rejected" }])).toBeNull();
  });
  it("refuses linking closed changes", () => {
    for (const status of ["Completed", "Failed", "RolledBack", "Rejected", "Cancelled"]) expect(linkRuleError([{ number: 7, status }], [])).toMatch(/CR-7/);
  });
  it("refuses unlinking an approved (or later) change", () => {
    for (const status of ["Approved", "Scheduled", "InProgress", "Completed", "Failed", "RolledBack"]) expect(linkRuleError([], [{ number: 9, status }])).toMatch(/CR-9 was approved/);
  });
});

describe("cancellation", () => {
  const w = { windowStart: t("2026-12-01T02:00:00Z"), windowEnd: t("2026-12-01T04:00:00Z") };
  it("is cancelled from the cancel instant on, whatever the interval says", () => {
    const c = { ...w, cancelledAt: t("2026-12-01T03:00:00Z") };
    expect(maintenancePhase(c, t("2026-12-01T02:59:59.999Z"))).toBe("in_progress");
    expect(maintenancePhase(c, t("2026-12-01T03:00:00Z"))).toBe("cancelled");
    expect(maintenancePhase(c, t("2026-12-02T00:00:00Z"))).toBe("cancelled");
    expect(maintenancePhase({ ...w, cancelledAt: null }, t("2026-12-02T00:00:00Z"))).toBe("completed");
  });
  it("a scheduled or in-progress window may be cancelled; a cancelled or ended one may not", () => {
    expect(cancelRuleError(w, t("2026-11-30T00:00:00Z"))).toBeNull();
    expect(cancelRuleError(w, t("2026-12-01T03:59:59.999Z"))).toBeNull();
    expect(cancelRuleError(w, t("2026-12-01T04:00:00Z"))).toMatch(/already ended/);
    expect(cancelRuleError({ ...w, cancelledAt: t("2026-11-29T00:00:00Z") }, t("2026-11-30T00:00:00Z"))).toMatch(/already cancelled/);
  });
  it("the cancellation notice says so and carries the reason on one line", () => {
    const content: NoticeContent = { ...w, components: ["DB"], type: "Patching", impact: "x", rollback: "Available", contact: "y" };
    const text = renderNotice(content, "Cancelled", "Vendor\npostponed");
    expect(text.split("\n")[0]).toBe("MAINTENANCE: Cancelled");
    expect(text.split("\n").at(-1)).toBe("REASON: Vendor postponed");
    expect(renderNotice(content, "Scheduled", "ignored")).not.toContain("REASON");
  });
});
