import { describe, expect, it } from "vitest";
import { nextDelayMs } from "./start";

describe("nextDelayMs", () => {
  const now = new Date("2026-12-02T10:00:00.000Z");
  it("wakes at the next due instant when sooner than the interval", () => {
    expect(nextDelayMs(5000, now, new Date(now.getTime() + 1200))).toBe(1200);
    expect(nextDelayMs(5000, now, new Date(now.getTime() + 9000))).toBe(5000);
    expect(nextDelayMs(5000, now, null)).toBe(5000);
  });
  it("a due instant already past runs again soon, never in a busy loop", () => {
    expect(nextDelayMs(5000, now, new Date(now.getTime() - 10_000))).toBe(50);
    expect(nextDelayMs(5000, now, now)).toBe(50);
  });
});
