import { describe, expect, it } from "vitest";
import { DAY_MS, describeDay, formatUptime, uptimeSeries, weightedUnionMs } from "./uptime";

const now = new Date("2026-11-22T12:00:00Z");
const at = (s: string) => new Date(s);

describe("weightedUnionMs", () => {
  it("never double counts overlaps; the heaviest weight wins", () => {
    expect(weightedUnionMs([{ from: 0, to: 100, weight: 1 }, { from: 50, to: 150, weight: 1 }])).toBe(150);
    expect(weightedUnionMs([{ from: 0, to: 100, weight: 0.3 }, { from: 50, to: 100, weight: 1 }])).toBe(50 * 0.3 + 50);
    expect(weightedUnionMs([])).toBe(0);
  });
  it("is independent of order", () => {
    const a = [{ from: 10, to: 40, weight: 0.3 }, { from: 0, to: 20, weight: 1 }, { from: 30, to: 90, weight: 1 }];
    expect(weightedUnionMs(a)).toBe(weightedUnionMs([...a].reverse()));
  });
});

describe("uptimeSeries", () => {
  it("is 100 % with 90 data days and no incidents", () => {
    const s = uptimeSeries({ componentId: "c", incidents: [], now });
    expect(s.days).toHaveLength(90);
    expect(s.days.at(-1)?.date).toBe("2026-11-22");
    expect(s.days[0].date).toBe("2026-08-25");
    expect(s.uptimePercent).toBe(100);
  });

  it("counts a P1 (major outage) fully and a P2 (partial) at 30 %", () => {
    const p1 = uptimeSeries({ componentId: "c", now, incidents: [{ componentIds: ["c"], severity: "P1", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-21T11:00:00Z") }] });
    const day = p1.days.find((d) => d.date === "2026-11-21");
    expect(day?.downtimeMs).toBe(3_600_000);
    expect(day?.worst).toBe("major_outage");
    const p2 = uptimeSeries({ componentId: "c", now, incidents: [{ componentIds: ["c"], severity: "P2", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-21T11:00:00Z") }] });
    expect(p2.days.find((d) => d.date === "2026-11-21")?.downtimeMs).toBeCloseTo(0.3 * 3_600_000);
    const p3 = uptimeSeries({ componentId: "c", now, incidents: [{ componentIds: ["c"], severity: "P3", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-21T11:00:00Z") }] });
    expect(p3.days.find((d) => d.date === "2026-11-21")).toMatchObject({ downtimeMs: 0, worst: "degraded_performance" });
    expect(p3.uptimePercent).toBe(100);
    // observed = 89 full days + 12 h today
    const observed = 89 * DAY_MS + 12 * 3_600_000;
    expect(p1.uptimePercent).toBeCloseTo(100 * (1 - 3_600_000 / observed), 10);
  });

  it("splits an incident across UTC midnight and runs an open one until now", () => {
    const s = uptimeSeries({ componentId: "c", now, incidents: [{ componentIds: ["c"], severity: "P1", start: at("2026-11-21T23:00:00Z"), end: null }] });
    expect(s.days.find((d) => d.date === "2026-11-21")?.downtimeMs).toBe(3_600_000);
    expect(s.days.find((d) => d.date === "2026-11-22")?.downtimeMs).toBe(12 * 3_600_000);
  });

  it("ignores other components' incidents and incidents older than the window", () => {
    const s = uptimeSeries({
      componentId: "c",
      now,
      incidents: [
        { componentIds: ["other"], severity: "P1", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-21T11:00:00Z") },
        { componentIds: ["c"], severity: "P1", start: at("2026-01-01T10:00:00Z"), end: at("2026-01-02T11:00:00Z") },
      ],
    });
    expect(s.uptimePercent).toBe(100);
  });

  it("marks days before the component existed as without data and excludes them", () => {
    const s = uptimeSeries({ componentId: "c", now, since: at("2026-11-21T00:00:00Z"), incidents: [{ componentIds: ["c"], severity: "P1", start: at("2026-11-21T00:00:00Z"), end: at("2026-11-21T06:00:00Z") }] });
    expect(s.days.filter((d) => d.hasData)).toHaveLength(2);
    expect(s.uptimePercent).toBeCloseTo(100 * (1 - 6 / 36), 10);
  });

  it("exactly at the boundary: an incident ending at midnight adds nothing to the next day", () => {
    const s = uptimeSeries({ componentId: "c", now, incidents: [{ componentIds: ["c"], severity: "P1", start: at("2026-11-21T22:00:00Z"), end: at("2026-11-22T00:00:00Z") }] });
    expect(s.days.find((d) => d.date === "2026-11-22")).toMatchObject({ downtimeMs: 0, worst: "operational" });
  });
});

describe("a young component (issue 14)", () => {
  it("a 38-second P1 on a component created ten minutes ago: only those ten minutes are observed, the other 89 days are no data", () => {
    const since = new Date(now.getTime() - 10 * 60_000);
    const s = uptimeSeries({ componentId: "c", now, since, incidents: [{ componentIds: ["c"], severity: "P1", start: new Date(now.getTime() - 60_000), end: new Date(now.getTime() - 22_000) }] });
    expect(s.dataDays).toBe(1);
    expect(s.days.filter((d) => !d.hasData)).toHaveLength(89);
    expect(s.uptimePercent).toBeCloseTo(100 * (1 - 38 / 600), 10);
    expect(describeDay(s.days.at(-1)!)).toBe("2026-11-22: major outage, 1 min weighted downtime, 1 incident");
  });
  it("uses the configured partial-outage weight", () => {
    const s = uptimeSeries({ componentId: "c", now, partialWeight: 0.5, incidents: [{ componentIds: ["c"], severity: "P2", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-21T11:00:00Z") }] });
    expect(s.days.find((d) => d.date === "2026-11-21")?.downtimeMs).toBe(1_800_000);
  });
});

describe("the same availability as the KPI page (issue 14)", () => {
  const H = 3_600_000;
  it("an update's component status overrides the severity's from its time on", () => {
    // P1 10:00–12:00, "degraded" from 11:00: 1 h major outage, then nothing counted
    const s = uptimeSeries({ componentId: "c", now, incidents: [{ componentIds: ["c"], severity: "P1", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-21T12:00:00Z"), statuses: [{ at: at("2026-11-21T11:00:00Z"), status: "degraded_performance" }] }] });
    const day = s.days.find((d) => d.date === "2026-11-21")!;
    expect(day.downtimeMs).toBe(H);
    expect(day.worst).toBe("major_outage");
    // and an update raising a P3 to a partial outage counts 30 %
    const up = uptimeSeries({ componentId: "c", now, incidents: [{ componentIds: ["c"], severity: "P3", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-21T12:00:00Z"), statuses: [{ at: at("2026-11-21T11:00:00Z"), status: "partial_outage" }] }] });
    expect(up.days.find((d) => d.date === "2026-11-21")!.downtimeMs).toBeCloseTo(0.3 * H, 6);
  });

  it("maintenance is excluded from downtime and observed time, and said in the tooltip", () => {
    const s = uptimeSeries({
      componentId: "c",
      now,
      since: at("2026-11-21T00:00:00Z"),
      incidents: [{ componentIds: ["c"], severity: "P1", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-21T12:00:00Z") }],
      maintenance: [{ componentIds: ["c"], from: at("2026-11-21T11:00:00Z"), to: at("2026-11-21T13:00:00Z") }, { componentIds: ["other"], from: at("2026-11-21T00:00:00Z"), to: at("2026-11-21T23:00:00Z") }],
    });
    const day = s.days.find((d) => d.date === "2026-11-21")!;
    expect(day).toMatchObject({ downtimeMs: H, maintenanceMs: 2 * H, incidents: 1 });
    // observed: 24 h − 2 h on the 21st, 12 h on the 22nd
    expect(s.uptimePercent).toBeCloseTo(100 * (1 - 1 / 34), 10);
    expect(describeDay(day)).toBe("2026-11-21: major outage, 1 h 0 min weighted downtime, 1 incident, 2 h 0 min maintenance (not counted)");
  });

  it("matches the KPI availability for the same window", async () => {
    const { availability } = await import("@/lib/kpis/availability");
    const { incidentSegments } = await import("./uptime");
    const incidents = [
      { componentIds: ["c"], severity: "P2" as const, start: at("2026-11-20T22:00:00Z"), end: at("2026-11-21T03:00:00Z"), statuses: [{ at: at("2026-11-21T01:00:00Z"), status: "major_outage" as const }] },
      { componentIds: ["c"], severity: "P1" as const, start: at("2026-11-22T11:00:00Z"), end: null },
    ];
    const maintenance = [{ componentIds: ["c"], from: at("2026-11-21T02:00:00Z"), to: at("2026-11-21T04:00:00Z") }];
    const since = at("2026-11-10T06:00:00Z");
    const s = uptimeSeries({ componentId: "c", now, since, incidents, maintenance });
    const kpi = availability({
      components: [{ id: "c", name: "C", group: "G", createdAt: since }],
      segments: incidents.flatMap((i, k) => incidentSegments(i, "c", String(k), now.getTime())),
      maintenance: maintenance.map((m) => ({ componentId: "c", from: m.from, to: m.to })),
      period: { from: new Date(now.getTime() - 90 * DAY_MS), to: now },
      now,
    });
    expect(s.uptimePercent).toBeCloseTo(kpi.overall.availability!, 10);
  });
});

describe("labels", () => {
  it("truncates rather than rounds up to 100 %", () => {
    expect(formatUptime(99.999)).toBe("99.99 %");
    expect(formatUptime(100)).toBe("100.00 %");
    expect(formatUptime(null)).toBe("no data");
  });
  it("describes a day for the tooltip", () => {
    expect(describeDay({ date: "2026-11-21", downtimeMs: 4_320_000, worst: "major_outage", hasData: true })).toBe("2026-11-21: major outage, 1 h 12 min weighted downtime");
    expect(describeDay({ date: "2026-11-21", downtimeMs: 0, worst: "operational", hasData: true })).toBe("2026-11-21: no incidents");
    expect(describeDay({ date: "2026-11-21", downtimeMs: 0, worst: "operational", hasData: false })).toBe("2026-11-21: no data");
  });
});
