import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as POST_COSTS } from "../../app/api/v1/kpis/costs/route";
import { GET as GET_KPIS } from "../../app/api/v1/kpis/route";
import { GET as METRICS } from "../../app/metrics/route";
import { resetEnvCache } from "../../lib/env";
import type { KpiReport } from "../../lib/kpis/report";
import { resetMetricsCache } from "../../lib/metrics/collectors";
import { promtoolCheck } from "../support/prometheus";
import { at, history, MIN } from "./kpis-history";

/**
 * The /metrics KPI gauges (last 30 days) against hand-computed values. This
 * file has its own database, so the known history is all there is; the clock
 * is set to 2026-06-11T00:00Z (only Date is faked), making the gauges' 30-day
 * period 05-12 … 06-11. From kpis-history.ts, per component 30 days = 43,200 min:
 *  A: 60 min major + 60 min partial × 0.3 = 78 min down.
 *  B: INC3 05-31 23:00 – 06-01 01:00 fully inside (120 min) + INC4 00:00–00:30 (30; 00:30–01:00 is
 *     maintenance) = 150 min down, 60 min maintenance → observed 43,140 min.
 *  Availability 1 − 228 / 86,340; budget 0.001 × 86,340 = 86.34 min → left (86.34 − 228) / 86.34.
 *  MTTA [10, 20, 5, 5] → 10 min; MTTR [60, 120, 120, 60] → 90 min; detection 4 min (INC4 only).
 *  Changes 2 Completed, 1 Failed → 2/3; IaC 1 of 2 components, 0 of 3 changes via tokens;
 *  cost: June 2026 850 vs June 2025 1000 → −15 %.
 */
const TOKEN = "metrics-token-0123456789";
const NOW = at("2026-06-11T00:00:00Z");

function sample(text: string, name: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{period="30d"} `));
  return line ? Number(line.split(" ").at(-1)) : null;
}

describe("KPI figures on /metrics, the API and the CSV against hand-computed values", () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    process.env.OPSGATE_METRICS_TOKEN = TOKEN;
    resetEnvCache();
  });
  afterAll(() => {
    vi.useRealTimers();
    delete process.env.OPSGATE_METRICS_TOKEN;
    resetEnvCache();
  });

  it("every gauge, every figure of the 30-day report and its summary CSV agree with the hand-computed values", async () => {
    const h = await history();
    const posted = await POST_COSTS(
      new Request("http://t/api/v1/kpis/costs", {
        method: "POST",
        headers: { authorization: `Bearer ${h.tokens.architect}`, "content-type": "application/json" },
        body: JSON.stringify({ entries: [{ group: h.group, month: "2025-06", amount: 1000 }, { group: h.group, month: "2026-06", amount: 850 }] }),
      }),
    );
    expect(posted.status).toBe(201);
    resetMetricsCache();

    const hand: Record<string, number> = {
      availability: 100 * (1 - 228 / 86_340),
      mtta: 10,
      mttr: 90,
      change_success: 200 / 3,
      detection: 4,
      iac_components: 50,
      iac_changes: 0,
      cost_yoy: -15,
    };
    const res = await METRICS(new Request("http://t/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(promtoolCheck(text).status).toBe(0);
    expect(sample(text, "opsgate_kpi_availability_ratio")).toBeCloseTo(hand.availability / 100, 9);
    expect(sample(text, "opsgate_kpi_error_budget_remaining_ratio")).toBeCloseTo((86.34 - 228) / 86.34, 9);
    expect(sample(text, "opsgate_kpi_mtta_seconds")).toBeCloseTo(600, 6);
    expect(sample(text, "opsgate_kpi_mttr_seconds")).toBeCloseTo(5400, 6);
    expect(sample(text, "opsgate_kpi_change_success_ratio")).toBeCloseTo(2 / 3, 9);
    expect(sample(text, "opsgate_kpi_detection_seconds")).toBeCloseTo(240, 6);
    expect(sample(text, "opsgate_kpi_iac_components_ratio")).toBe(0.5);
    expect(sample(text, "opsgate_kpi_iac_changes_ratio")).toBe(0);
    expect(sample(text, "opsgate_kpi_cost_change_ratio")).toBeCloseTo(-0.15, 9);
    expect(text.split("\n").filter((l) => l.startsWith("opsgate_incidents_open{") && !l.endsWith(" 0"))).toEqual([]);

    const api = (qs: string) => GET_KPIS(new Request(`http://t/api/v1/kpis?${qs}`, { headers: { authorization: `Bearer ${h.tokens.viewer}` } }));
    const report = (await (await api("period=30d")).json()) as KpiReport;
    expect(report.period).toMatchObject({ from: "2026-05-12T00:00:00.000Z", to: "2026-06-11T00:00:00.000Z" });
    const csv = parse(await (await api("period=30d&format=csv&table=summary")).text(), { columns: true }) as Record<string, string>[];
    for (const [key, value] of Object.entries(hand)) {
      expect(report.figures.find((f) => f.key === key)!.actual, key).toBeCloseTo(value, 6);
      expect(Number(csv.find((r) => r.kpi === key)!.actual), `CSV ${key}`).toBeCloseTo(value, 3);
    }
    expect(report.response.mttr.medianMs! / MIN).toBeCloseTo(90, 6); // [60, 60, 120, 120]
    expect(report.response.mttr.p90Ms! / MIN).toBeCloseTo(120, 6);
    expect(report.response.mtta.medianMs! / MIN).toBeCloseTo(7.5, 6); // [5, 5, 10, 20]
    expect(report.response.mtta.p90Ms! / MIN).toBeCloseTo(17, 6); // 10 + 0.7 × 10
  });
});
