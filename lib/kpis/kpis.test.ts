import { describe, expect, it } from "vitest";
import { availability, availabilitySeries, componentAvailability } from "./availability";
import { changeSuccess } from "./change-success";
import { costEfficiency, periodMonths } from "./cost";
import { figure, TARGETS } from "./figure";
import { infrastructureAsCode } from "./iac";
import { presetPeriod, previousPeriod, weekBuckets } from "./period";

const at = (s: string) => new Date(s);
const H = 3_600_000;
const MIN = 60_000;
const period = { from: at("2026-11-01T00:00:00Z"), to: at("2026-11-11T00:00:00Z") }; // 10 days
const now = at("2026-11-20T00:00:00Z");
const comp = (id: string, group = "Core", createdAt = at("2026-01-01T00:00:00Z")) => ({ id, name: id.toUpperCase(), group, createdAt });
const TEN_DAYS = 10 * 24 * H;

describe("availability", () => {
  it("no data: a component created after the period is not observed (null, not 100 %)", () => {
    const a = availability({ components: [comp("c", "Core", at("2026-11-15T00:00:00Z"))], segments: [], maintenance: [], period, now });
    expect(a.components[0]).toMatchObject({ observedMs: 0, availability: null, errorBudgetLeftMs: null });
    expect(a.overall.availability).toBeNull();
  });

  it("counts only the part of an incident inside the period (crossing the start edge)", () => {
    const a = availability({
      components: [comp("c")],
      segments: [{ componentId: "c", incidentId: "i1", from: at("2026-10-31T23:00:00Z"), to: at("2026-11-01T01:00:00Z"), status: "major_outage" }],
      maintenance: [],
      period,
      now,
    });
    expect(a.components[0].downtimeMs).toBe(H);
    expect(a.components[0].availability).toBeCloseTo(100 * (1 - H / TEN_DAYS), 10);
    expect(a.components[0].incidentIds).toEqual(["i1"]);
  });

  it("an open incident runs until now, never past the period end", () => {
    const a = availability({
      components: [comp("c")],
      segments: [{ componentId: "c", incidentId: "i1", from: at("2026-11-10T22:00:00Z"), to: null, status: "major_outage" }],
      maintenance: [],
      period,
      now: at("2026-11-10T23:00:00Z"),
    });
    expect(a.components[0].downtimeMs).toBe(H);
    expect(a.components[0].observedMs).toBe(TEN_DAYS - H);
  });

  it("overlapping incidents on one component never double count; the worst status wins", () => {
    const a = availability({
      components: [comp("c")],
      segments: [
        { componentId: "c", incidentId: "i1", from: at("2026-11-02T10:00:00Z"), to: at("2026-11-02T12:00:00Z"), status: "major_outage" },
        { componentId: "c", incidentId: "i2", from: at("2026-11-02T11:00:00Z"), to: at("2026-11-02T13:00:00Z"), status: "major_outage" },
        { componentId: "c", incidentId: "i3", from: at("2026-11-02T11:00:00Z"), to: at("2026-11-02T14:00:00Z"), status: "partial_outage" },
      ],
      maintenance: [],
      period,
      now,
    });
    // 10–13 major (3 h) + 13–14 partial (0.3 h)
    expect(a.components[0].downtimeMs).toBeCloseTo(3 * H + 0.3 * H, 6);
    expect(a.components[0].worst).toBe("major_outage");
  });

  it("weights partial outages by the configured weight and degraded performance by 0", () => {
    const seg = (status: "partial_outage" | "degraded_performance") => [{ componentId: "c", incidentId: "i", from: at("2026-11-02T00:00:00Z"), to: at("2026-11-02T10:00:00Z"), status }];
    expect(availability({ components: [comp("c")], segments: seg("partial_outage"), maintenance: [], period, now, partialWeight: 0.5 }).components[0].downtimeMs).toBe(5 * H);
    expect(availability({ components: [comp("c")], segments: seg("degraded_performance"), maintenance: [], period, now }).components[0]).toMatchObject({ downtimeMs: 0, availability: 100 });
  });

  it("maintenance overlapping an outage: the overlap is excluded from downtime and observed time, and reported separately", () => {
    const a = availability({
      components: [comp("c")],
      segments: [{ componentId: "c", incidentId: "i", from: at("2026-11-03T10:00:00Z"), to: at("2026-11-03T12:00:00Z"), status: "major_outage" }],
      maintenance: [{ componentId: "c", from: at("2026-11-03T11:00:00Z"), to: at("2026-11-03T13:00:00Z") }],
      period,
      now,
    });
    expect(a.components[0]).toMatchObject({ downtimeMs: H, maintenanceMs: 2 * H, observedMs: TEN_DAYS - 2 * H });
  });

  it("groups and overall weight components by observed time; the error budget is what the target still allows", () => {
    const a = availability({
      components: [comp("a", "Core"), comp("b", "Core"), comp("x", "Edge")],
      segments: [{ componentId: "a", incidentId: "i", from: at("2026-11-05T00:00:00Z"), to: at("2026-11-05T00:30:00Z"), status: "major_outage" }],
      maintenance: [],
      period,
      now,
    });
    const core = a.groups.find((g) => g.group === "Core")!;
    expect(core.availability).toBeCloseTo(100 * (1 - (30 * MIN) / (2 * TEN_DAYS)), 10);
    expect(a.overall.availability).toBeCloseTo(100 * (1 - (30 * MIN) / (3 * TEN_DAYS)), 10);
    // 99.9 % of 10 days allows 14.4 min; 30 min spent → 15.6 min overspent
    expect(a.components[0].errorBudgetLeftMs).toBeCloseTo(14.4 * MIN - 30 * MIN, 3);
    expect(a.components[0].errorBudgetLeftPercent).toBeCloseTo((100 * (14.4 - 30)) / 14.4, 6);
    expect(a.groups.find((g) => g.group === "Edge")!.errorBudgetLeftPercent).toBeCloseTo(100, 10);
  });

  it("the sweep is independent of segment order", () => {
    const segs = [
      { from: 0, to: 40, status: "partial_outage" as const },
      { from: 10, to: 20, status: "major_outage" as const },
      { from: 30, to: 90, status: "major_outage" as const },
    ];
    const run = (s: typeof segs) => componentAvailability({ from: 0, to: 100, segments: s, maintenance: [{ from: 80, to: 95 }], partialWeight: 0.3 });
    expect(run(segs)).toEqual(run([...segs].reverse()));
    expect(run(segs).downtimeMs).toBeCloseTo(10 * 0.3 + 10 + 10 * 0.3 + 50, 10);
  });
});

describe("availabilitySeries (one sweep for the previous period, the period and its weeks)", () => {
  it("gives every period exactly what availability() gives it alone, on random histories", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const start = at("2026-10-22T00:00:00Z").getTime();
    const statuses = ["major_outage", "partial_outage", "degraded_performance"] as const;
    for (let round = 0; round < 25; round++) {
      const components = [comp("a"), comp("b", "Edge", new Date(start + rnd() * 15 * 24 * H)), comp("c", "Edge", at("2026-12-01T00:00:00Z"))];
      const segments = Array.from({ length: 30 }, (_, k) => {
        const from = start + rnd() * 25 * 24 * H;
        return { componentId: ["a", "b", "c"][k % 3], incidentId: `i${k}`, from: new Date(from), to: rnd() < 0.1 ? null : new Date(from + rnd() * 30 * H), status: statuses[k % 3] };
      });
      const maintenance = Array.from({ length: 6 }, (_, k) => {
        const from = start + rnd() * 25 * 24 * H;
        return { componentId: ["a", "b"][k % 2], from: new Date(from), to: new Date(from + rnd() * 5 * H) };
      });
      const prev = previousPeriod(period);
      const periods = [prev, period, ...weekBuckets(period)];
      const clock = rnd() < 0.5 ? now : at("2026-11-07T13:00:00Z"); // sometimes inside the period
      const series = availabilitySeries({ components, segments, maintenance, periods, now: clock, partialWeight: 0.3 });
      periods.forEach((p, k) => {
        const alone = availability({ components, segments, maintenance, period: p, now: clock, partialWeight: 0.3 });
        expect(series[k].overall.observedMs).toBeCloseTo(alone.overall.observedMs, 3);
        expect(series[k].overall.downtimeMs).toBeCloseTo(alone.overall.downtimeMs, 3);
        expect(series[k].overall.maintenanceMs).toBeCloseTo(alone.overall.maintenanceMs, 3);
        series[k].components.forEach((c, i) => {
          expect(c.worst).toBe(alone.components[i].worst);
          expect(c.incidentIds.sort()).toEqual(alone.components[i].incidentIds.sort());
          expect(c.downtimeMs).toBeCloseTo(alone.components[i].downtimeMs, 3);
        });
      });
    }
  });

  it("the weeks of a period add up to the period", () => {
    const segments = [{ componentId: "c", incidentId: "i", from: at("2026-11-01T22:00:00Z"), to: at("2026-11-02T03:00:00Z"), status: "major_outage" as const }];
    const [whole, ...weeks] = availabilitySeries({ components: [comp("c")], segments, maintenance: [], periods: [period, ...weekBuckets(period)], now });
    expect(weeks.map((w) => w.overall.downtimeMs)).toEqual([2 * H, 3 * H, 0]); // Sun 22:00–24:00, then Mon 00:00–03:00, then nothing
    expect(weeks.reduce((s, w) => s + w.overall.observedMs, 0)).toBe(whole.overall.observedMs);
    expect(whole.overall.downtimeMs).toBe(5 * H);
  });
});

describe("change success", () => {
  it("Completed / (Completed + Failed + Rolled back), by component and type; nothing finished is no data", () => {
    const cs = changeSuccess([
      { componentId: "a", type: "New", status: "Completed", count: 18 },
      { componentId: "a", type: "Modify", status: "Failed", count: 1 },
      { componentId: "b", type: "Modify", status: "RolledBack", count: 1 },
    ]);
    expect(cs).toMatchObject({ completed: 18, failed: 1, rolledBack: 1, total: 20, rate: 90 });
    expect(cs.byComponent.find((c) => c.componentId === "a")?.rate).toBeCloseTo((100 * 18) / 19, 10);
    expect(cs.byType.find((t) => t.type === "Modify")?.rate).toBe(0);
    expect(changeSuccess([]).rate).toBeNull();
  });
  it("counts Emergency changes separately by kind (rows without a kind are Normal)", () => {
    const cs = changeSuccess([
      { componentId: "a", type: "Modify", status: "Completed", count: 9 },
      { componentId: "a", type: "Modify", kind: "Normal", status: "Failed", count: 1 },
      { componentId: "a", type: "Modify", kind: "Emergency", status: "Completed", count: 1 },
      { componentId: "a", type: "Modify", kind: "Emergency", status: "RolledBack", count: 1 },
    ]);
    expect(cs.rate).toBeCloseTo((100 * 10) / 12, 10);
    expect(cs.byKind).toEqual([
      { kind: "Emergency", completed: 1, failed: 0, rolledBack: 1, total: 2, rate: 50 },
      { kind: "Normal", completed: 9, failed: 1, rolledBack: 0, total: 10, rate: 90 },
    ]);
  });
});

describe("infrastructure as code", () => {
  it("shares of managed components and of changes filed through tokens", () => {
    const iac = infrastructureAsCode({
      components: [
        { id: "a", name: "A", iacManaged: true, iacRepository: "https://git.example.com/a" },
        { id: "b", name: "B", iacManaged: false, iacRepository: null },
      ],
      changes: { total: 4, viaToken: 3 },
    });
    expect(iac).toMatchObject({ componentShare: 50, changeShare: 75 });
    expect(iac.unmanaged.map((c) => c.id)).toEqual(["b"]);
    expect(infrastructureAsCode({ components: [], changes: { total: 0, viaToken: 0 } })).toMatchObject({ componentShare: null, changeShare: null });
  });
});

describe("cost efficiency", () => {
  it("compares the months starting in the period with the same months a year earlier, only where both exist", () => {
    const p = { from: at("2026-01-01T00:00:00Z"), to: at("2026-04-01T00:00:00Z") };
    expect(periodMonths(p)).toHaveLength(3);
    const m = (y: number, mo: number) => new Date(Date.UTC(y, mo, 1));
    const c = costEfficiency({
      period: p,
      rows: [
        { group: "Core", month: m(2025, 0), amountCents: 1000 },
        { group: "Core", month: m(2026, 0), amountCents: 800 },
        { group: "Core", month: m(2026, 1), amountCents: 5000 }, // no Feb 2025: left out
        { group: "Edge", month: m(2026, 0), amountCents: 100 },
      ],
    });
    expect(c.groups.find((g) => g.group === "Core")).toMatchObject({ currentCents: 800, previousCents: 1000, months: 1, yoyPercent: -20 });
    expect(c.groups.find((g) => g.group === "Edge")?.yoyPercent).toBeNull();
    expect(c.yoyPercent).toBe(-20);
  });
  it("a period starting mid-month leaves that month out", () => {
    expect(periodMonths({ from: at("2026-01-15T00:00:00Z"), to: at("2026-02-15T00:00:00Z") })).toEqual([2026 * 12 + 1]);
  });
});

describe("periods and figures", () => {
  it("previous period, presets and weekly buckets (Monday 00:00 UTC)", () => {
    expect(previousPeriod(period)).toEqual({ from: at("2026-10-22T00:00:00Z"), to: at("2026-11-01T00:00:00Z") });
    expect(presetPeriod("quarter", at("2026-11-20T10:00:00Z")).from).toEqual(at("2026-10-01T00:00:00Z"));
    expect(presetPeriod("7d", now).from).toEqual(at("2026-11-13T00:00:00Z"));
    const weeks = weekBuckets(period); // Sun 1 Nov … Tue 10 Nov
    expect(weeks.map((w) => w.from.toISOString().slice(0, 10))).toEqual(["2026-11-01", "2026-11-02", "2026-11-09"]);
    expect(weeks[2].to).toEqual(period.to);
  });
  it("red/green against the target; missing data is no_data; trend is the difference", () => {
    expect(figure({ key: "a", label: "A", unit: "percent", target: TARGETS.availability, actual: 99.9, previous: 99.5 })).toMatchObject({ state: "green", trend: expect.closeTo(0.4, 6) });
    expect(figure({ key: "m", label: "M", unit: "minutes", target: TARGETS.mttr, actual: 30, previous: null })).toMatchObject({ state: "red", trend: null });
    expect(figure({ key: "d", label: "D", unit: "minutes", target: TARGETS.detection, actual: null, previous: 3 }).state).toBe("no_data");
  });
});
