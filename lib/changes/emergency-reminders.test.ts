import { describe, expect, it } from "vitest";
import { emergencyReminderDue } from "./emergency-reminders";

const startedAt = new Date("2026-12-01T10:00:00Z"); // deadline 2026-12-02T10:00Z
const at = (iso: string, approved = false) => emergencyReminderDue({ id: "c1", startedAt, approved }, new Date(iso));

describe("emergencyReminderDue", () => {
  it("is silent until 12 h before the deadline (1 ms before the slot)", () => {
    expect(at("2026-12-01T10:00:00Z")).toBeNull();
    expect(at("2026-12-01T21:59:59.999Z")).toBeNull();
  });
  it("reminds at exactly 12 h, 4 h and 1 h before, each slot with its own key", () => {
    expect(at("2026-12-01T22:00:00Z")).toMatchObject({ slot: "12h", overdue: false, dedupeKey: "change:c1:emergency-approval:12h" });
    expect(at("2026-12-02T05:59:59.999Z")?.slot).toBe("12h");
    expect(at("2026-12-02T06:00:00Z")?.slot).toBe("4h");
    expect(at("2026-12-02T09:00:00Z")?.slot).toBe("1h");
    expect(at("2026-12-02T09:59:59.999Z")).toMatchObject({ slot: "1h", deadline: new Date("2026-12-02T10:00:00Z") });
  });
  it("says overdue at the deadline, and nothing once approved", () => {
    expect(at("2026-12-02T10:00:00Z")).toMatchObject({ slot: "overdue", overdue: true });
    expect(at("2026-12-05T00:00:00Z")?.slot).toBe("overdue");
    expect(at("2026-12-02T09:30:00Z", true)).toBeNull();
  });
});
