import { describe, expect, it } from "vitest";
import { afterFailure, BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs } from "./backoff";

describe("backoffMs", () => {
  it("doubles from 10 s per failed attempt (upper bound with random → 1)", () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, 1))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it("jitters within [d/2, d]", () => {
    expect(backoffMs(1, 0)).toBe(5_000);
    expect(backoffMs(1, 0.5)).toBe(7_500);
    expect(backoffMs(3, 0)).toBe(20_000);
    for (let i = 0; i < 200; i++) {
      const r = i / 200;
      const d = backoffMs(4, r);
      expect(d).toBeGreaterThanOrEqual(40_000);
      expect(d).toBeLessThanOrEqual(80_000);
    }
  });

  it("is capped at 1 h, also for absurd attempt counts", () => {
    expect(backoffMs(10, 1)).toBe(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** 9)); // 5120 s > cap
    expect(backoffMs(10, 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1_000, 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1_000, 0)).toBe(BACKOFF_CAP_MS / 2);
    expect(Number.isFinite(backoffMs(Number.MAX_SAFE_INTEGER, 1))).toBe(true);
  });

  it("treats attempts below 1 as the first retry and clamps random", () => {
    expect(backoffMs(0, 1)).toBe(10_000);
    expect(backoffMs(1, -3)).toBe(5_000);
    expect(backoffMs(1, 7)).toBe(10_000);
  });
});

describe("afterFailure", () => {
  const now = new Date("2026-03-01T12:00:00Z");

  it("schedules another try until the last allowed attempt", () => {
    expect(afterFailure(1, 8, now, 1)).toEqual({ status: "pending", nextAttemptAt: new Date(now.getTime() + 10_000) });
    expect(afterFailure(7, 8, now, 0)).toEqual({ status: "pending", nextAttemptAt: new Date(now.getTime() + 320_000) });
  });

  it("fails exactly at maxAttempts (and beyond)", () => {
    expect(afterFailure(8, 8, now, 0.3)).toEqual({ status: "failed" });
    expect(afterFailure(9, 8, now, 0.3)).toEqual({ status: "failed" });
    expect(afterFailure(1, 1, now, 0.3)).toEqual({ status: "failed" });
  });
});
