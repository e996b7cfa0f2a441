import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

describe("the job registry", () => {
  it("registers every lib/jobs/<name>-job.ts, each under a name of its own", () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const start = readFileSync(path.join(dir, "start.ts"), "utf8");
    const defined = readdirSync(dir).filter((f) => f.endsWith("-job.ts"));
    expect(defined.length).toBeGreaterThanOrEqual(6);
    for (const f of defined) expect(start).toContain(`import("@/lib/jobs/${f.replace(/\.ts$/, "")}")`);
    const names = defined.map((f) => /name: "([^"]+)"/.exec(readFileSync(path.join(dir, f), "utf8"))?.[1]);
    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
