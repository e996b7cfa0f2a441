/**
 * The KPI report: every figure for a period and its previous period, the
 * tables behind them and weekly series. The page, `GET /api/v1/kpis`, its CSV
 * and the /metrics gauges all read this one function (through the short-lived
 * cache in cache.ts), so they agree. The heavy lifting is SQL (queries.ts):
 * MTTA/MTTR/detection aggregates with percentile_cont, change outcomes by
 * GROUP BY; availability is one sweep per component over all periods at once.
 */
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { cachedKpis } from "@/lib/kpis/cache";
import { availabilitySeries, type Availability } from "@/lib/kpis/availability";
import { changeSuccess, type ChangeSuccess } from "@/lib/kpis/change-success";
import { costEfficiency, type CostEfficiency } from "@/lib/kpis/cost";
import { figure, msToMinutes, TARGETS, type Figure } from "@/lib/kpis/figure";
import { infrastructureAsCode, type Iac } from "@/lib/kpis/iac";
import { presetPeriod, previousPeriod, weekBuckets, weekIndex, type Period } from "@/lib/kpis/period";
import { aggregateResponses, countChangeOutcomes, countFiledChanges, listCostRows, listKpiComponents, listMaintenanceSpans, listStatusSegments, type KpiFilter } from "@/lib/kpis/queries";
import type { ResponseTimes } from "@/lib/kpis/response-times";
import { kpiQuerySchema, type KpiQuery } from "@/lib/kpis/schemas";
import type { DurationStats } from "@/lib/kpis/stats";
import { parseInput } from "@/lib/validation";

export type WeeklyPoint = { week: string; availability: number | null; mttaMinutes: number | null; mttrMinutes: number | null; changeSuccess: number | null; incidents: number };
export type KpiReport = {
  period: { from: string; to: string; preset: string | null };
  previous: { from: string; to: string };
  filters: KpiFilter;
  partialWeight: number;
  figures: Figure[];
  availability: Availability;
  response: ResponseTimes;
  changes: ChangeSuccess & { componentNames: Record<string, string> };
  detection: DurationStats & { incidentIds: string[] };
  iac: Iac;
  cost: CostEfficiency;
  weekly: WeeklyPoint[];
};

export function resolvePeriod(q: Pick<KpiQuery, "from" | "to" | "period">, now: Date): Period {
  if (q.from && q.to) return { from: q.from, to: q.to };
  return presetPeriod(q.period ?? "30d", now);
}

export async function computeKpis(q: Pick<KpiQuery, "from" | "to" | "period" | "componentId" | "group" | "severity">, now: Date): Promise<KpiReport> {
  const period = resolvePeriod(q, now);
  const prev = previousPeriod(period);
  const both: Period = { from: prev.from, to: period.to };
  const periods = { current: period, previous: prev };
  const filter: KpiFilter = { componentId: q.componentId, group: q.group, severity: q.severity };
  const scoped = !!(q.componentId || q.group);
  const partialWeight = getEnv().OPSGATE_KPI_PARTIAL_WEIGHT;
  const components = await listKpiComponents(filter);
  const ids = components.map((c) => c.id);
  const [segments, maintenance, responses, outcomeRows, filed, costRows, prevCostRows] = await Promise.all([
    listStatusSegments(ids, both, now, q.severity, scoped),
    listMaintenanceSpans(ids, both),
    aggregateResponses(ids, periods, now, filter),
    countChangeOutcomes(ids, periods, scoped),
    countFiledChanges(ids, periods, scoped),
    listCostRows(period, q.group),
    listCostRows(prev, q.group),
  ]);
  // One sweep per component gives the previous period, the current one and each of its weeks.
  const weeks = weekBuckets(period);
  const [before, cur, ...weeklyAvailability] = availabilitySeries({ components, segments, maintenance, periods: [prev, period, ...weeks], now, partialWeight, incidentIdsFor: [1] });
  const response = responses.current;
  const prevResponse = responses.previous;
  const detection = responses.detection;
  const outcomes = outcomeRows.filter((o) => o.current);
  const changes = changeSuccess(outcomes);
  const prevChanges = changeSuccess(outcomeRows.filter((o) => !o.current));
  const iac = infrastructureAsCode({ components, changes: filed.current });
  const prevIac = infrastructureAsCode({ components, changes: filed.previous });
  const cost = costEfficiency({ rows: costRows, period });
  const prevCost = costEfficiency({ rows: prevCostRows, period: prev });

  const figures = [
    figure({ key: "availability", label: "Availability", unit: "percent", target: TARGETS.availability, actual: cur.overall.availability, previous: before.overall.availability }),
    figure({ key: "mtta", label: "Mean time to acknowledge", unit: "minutes", target: TARGETS.mtta, actual: msToMinutes(response.mtta.meanMs), previous: msToMinutes(prevResponse.mtta.meanMs) }),
    figure({ key: "mttr", label: "Mean time to recovery", unit: "minutes", target: TARGETS.mttr, actual: msToMinutes(response.mttr.meanMs), previous: msToMinutes(prevResponse.mttr.meanMs) }),
    figure({ key: "change_success", label: "Change success rate", unit: "percent", target: TARGETS.changeSuccess, actual: changes.rate, previous: prevChanges.rate }),
    figure({ key: "detection", label: "Incident detection time", unit: "minutes", target: TARGETS.detection, actual: msToMinutes(detection.meanMs), previous: msToMinutes(responses.previousDetection.meanMs) }),
    figure({ key: "iac_components", label: "Components managed as code", unit: "percent", target: TARGETS.iacComponents, actual: iac.componentShare, previous: null }),
    figure({ key: "iac_changes", label: "Changes filed by pipelines", unit: "percent", target: TARGETS.iacChanges, actual: iac.changeShare, previous: prevIac.changeShare }),
    figure({ key: "cost_yoy", label: "Cost change year over year", unit: "percent", target: TARGETS.costYoy, actual: cost.yoyPercent, previous: prevCost.yoyPercent }),
  ];

  const weekly = weeks.map((w, k): WeeklyPoint => {
    const wk = weekIndex(w.from.getTime());
    const r = responses.weeks.get(wk);
    const cs = changeSuccess(outcomes.filter((o) => o.week === wk));
    return {
      week: w.from.toISOString().slice(0, 10),
      availability: weeklyAvailability[k]?.overall.availability ?? null,
      mttaMinutes: msToMinutes(r?.mtta.meanMs ?? null),
      mttrMinutes: msToMinutes(r?.mttr.meanMs ?? null),
      changeSuccess: cs.rate,
      incidents: r?.declared ?? 0,
    };
  });

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString(), preset: q.from ? null : (q.period ?? "30d") },
    previous: { from: prev.from.toISOString(), to: prev.to.toISOString() },
    filters: filter,
    partialWeight,
    figures,
    availability: cur,
    response,
    changes: { ...changes, componentNames: Object.fromEntries(components.map((c) => [c.id, c.name])) },
    detection,
    iac,
    cost,
    weekly,
  };
}

/** For the page and the API: every signed-in role reads the KPIs. */
export async function getKpiReport({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "kpis.read");
  const q = parseInput(kpiQuerySchema, input);
  return { query: q, report: await cachedKpis(q, now, computeKpis) };
}

/** The same report through the cache, for readers that have no actor (the /metrics gauges). */
export function cachedKpiReport(q: Parameters<typeof computeKpis>[0], now: Date): Promise<KpiReport> {
  return cachedKpis(q, now, computeKpis);
}
