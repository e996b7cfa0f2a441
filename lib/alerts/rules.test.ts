import { describe, expect, it } from "vitest";
import { heartbeatMissedSince } from "./check-heartbeats";
import { createRateLimiter } from "./rate-limit";
import { componentsForAlert, highestSeverity, incidentFromAlerts, resolutionNote, severityFor, suppressingWindow } from "./rules";
import type { NormalizedAlert } from "./payloads";

const now = new Date("2026-12-02T10:00:00.000Z");
const alert = (over: Partial<NormalizedAlert>): NormalizedAlert => ({
  fingerprint: "f",
  status: "firing",
  startsAt: now,
  endsAt: null,
  labels: {},
  annotations: {},
  summary: "s",
  description: null,
  severity: null,
  generatorURL: null,
  ...over,
});

describe("severity", () => {
  it("default map, case-insensitive; custom entries override; unknown is P3", () => {
    expect(severityFor("critical")).toBe("P1");
    expect(severityFor("ERROR")).toBe("P2");
    expect(severityFor("major")).toBe("P2");
    expect(severityFor("warning")).toBe("P3");
    expect(severityFor("info")).toBe("P4");
    expect(severityFor(undefined)).toBe("P3");
    expect(severityFor("page", { page: "P1" })).toBe("P1");
    expect(severityFor("warning", { warning: "P2" })).toBe("P2");
    expect(severityFor("warning", { warning: "P9" })).toBe("P3");
    expect(highestSeverity(["P3", "P1", "P4"])).toBe("P1");
  });
});

describe("components", () => {
  const comps = [
    { id: "db", name: "Database", alertMatchers: [] },
    { id: "web", name: "Web", alertMatchers: [{ name: "job", value: "nginx|haproxy", isRegex: true }] },
    { id: "q", name: "Queue", alertMatchers: [{ name: "team", value: "msg" }, { name: "env", value: "prod" }] },
  ];
  it("component/service label by name, matchers (all must match, anchored regex), else defaults", () => {
    expect(componentsForAlert({ component: "database" }, comps, ["d"])).toEqual(["db"]);
    expect(componentsForAlert({ service: "Web" }, comps, ["d"])).toEqual(["web"]);
    expect(componentsForAlert({ job: "haproxy" }, comps, ["d"])).toEqual(["web"]);
    expect(componentsForAlert({ job: "haproxy2" }, comps, ["d"])).toEqual(["d"]);
    expect(componentsForAlert({ team: "msg" }, comps, ["d"])).toEqual(["d"]);
    expect(componentsForAlert({ team: "msg", env: "prod" }, comps, ["d"])).toEqual(["q"]);
    expect(componentsForAlert({ component: "nope" }, comps, ["d", "d"])).toEqual(["d"]);
  });
  it("a window suppresses only while active (half-open) and only if it covers every component", () => {
    const w = { id: "w", number: 7, windowStart: new Date("2026-12-02T09:00:00Z"), windowEnd: now, componentIds: ["db", "web"] };
    expect(suppressingWindow(["db"], [w], new Date(now.getTime() - 1))?.number).toBe(7);
    expect(suppressingWindow(["db"], [w], now)).toBeNull();
    expect(suppressingWindow(["db"], [w], new Date("2026-12-02T08:59:59.999Z"))).toBeNull();
    expect(suppressingWindow(["db", "q"], [w], new Date("2026-12-02T09:30:00Z"))).toBeNull();
    expect(suppressingWindow([], [w], new Date("2026-12-02T09:30:00Z"))).toBeNull();
  });
});

describe("incident texts", () => {
  it("title from summary else alertname; impact from description; detection = earliest start", () => {
    const a = alert({ annotations: { summary: "Disk full" }, description: "95% used", severity: "warning", startsAt: new Date("2026-12-02T09:50:00Z") });
    const b = alert({ labels: { alertname: "CPUHigh" }, severity: "critical", startsAt: new Date("2026-12-02T09:40:00Z") });
    const head = incidentFromAlerts([a, b], "prom", {});
    expect(head).toMatchObject({ title: "Disk full", severity: "P1", detectedAt: new Date("2026-12-02T09:40:00Z") });
    expect(head.impact).toContain("95% used");
    expect(incidentFromAlerts([b], "prom", {}).title).toBe("CPUHigh");
  });
  it("the resolution note names the alerts and their times", () => {
    const note = resolutionNote([{ summary: "Disk full", fingerprint: "abc", startsAt: new Date("2026-12-02T09:50:00Z"), endsAt: new Date("2026-12-02T09:55:00Z") }], now);
    expect(note).toContain("Disk full (abc): 2026-12-02T09:50:00.000Z → 2026-12-02T09:55:00.000Z");
  });
});

describe("heartbeat and rate limit", () => {
  it("missed exactly at the interval, not 1 ms before", () => {
    const hb = { lastPingAt: new Date("2026-12-02T09:59:00Z"), createdAt: new Date("2026-12-01T00:00:00Z"), heartbeatIntervalSec: 60 };
    expect(heartbeatMissedSince(hb, new Date("2026-12-02T09:59:59.999Z"))).toBeNull();
    expect(heartbeatMissedSince(hb, now)).toEqual(now);
    expect(heartbeatMissedSince({ ...hb, lastPingAt: null }, now)).toEqual(new Date("2026-12-01T00:01:00Z"));
  });
  it("fixed window per key with Retry-After to the window's end", () => {
    const take = createRateLimiter(() => 2);
    const t = new Date("2026-12-02T10:00:15.000Z");
    expect(take("k", t).ok).toBe(true);
    expect(take("k", t).ok).toBe(true);
    expect(take("k", t)).toEqual({ ok: false, retryAfterSec: 45 });
    expect(take("other", t).ok).toBe(true);
    expect(take("k", new Date("2026-12-02T10:01:00.000Z")).ok).toBe(true);
  });
});
