/**
 * The KPI report: every figure for a period and its previous period, the
 * tables behind them and weekly series. The page, `GET /api/v1/kpis`, its CSV
 * and the /metrics gauges all read this one function, so they agree.
 */
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { availability, type Availability } from "@/lib/kpis/availability";
import { changeSuccess, type ChangeSuccess } from "@/lib/kpis/change-success";
import { costEfficiency, type CostEfficiency } from "@/lib/kpis/cost";
import { detectionTime } from "@/lib/kpis/detection";
import { figure, msToMinutes, TARGETS, type Figure } from "@/lib/kpis/figure";
import { infrastructureAsCode, type Iac } from "@/lib/kpis/iac";
import { presetPeriod, previousPeriod, weekBuckets, type Period } from "@/lib/kpis/period";
import { countChangeOutcomes, countFiledChanges, listCostRows, listDeclaredIncidents, listKpiComponents, listMaintenanceSpans, listStatusSegments, type KpiFilter } from "@/lib/kpis/queries";
import { responseTimes, type ResponseTimes } from "@/lib/kpis/response-times";
import { kpiQuerySchema, type KpiQuery } from "@/lib/kpis/schemas";
import type { DurationStats } from "@/lib/kpis/stats";
import { parseInput } from "@/lib/validation";
import { millisecondsInDay } from "date-fns/constants";

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
  const filter: KpiFilter = { componentId: q.componentId, group: q.group, severity: q.severity };
  const partialWeight = getEnv().OPSGATE_KPI_PARTIAL_WEIGHT;
  const components = await listKpiComponents(filter);
  const ids = components.map((c) => c.id);
  const [segments, maintenance, incidents, outcomes, prevOutcomes, filed, prevFiled, costRows, prevCostRows] = await Promise.all([
    listStatusSegments(ids, both, now, q.severity),
    listMaintenanceSpans(ids, both),
    listDeclaredIncidents(ids, both, filter),
    countChangeOutcomes(ids, period),
    countChangeOutcomes(ids, prev),
    countFiledChanges(ids, period),
    countFiledChanges(ids, prev),
    listCostRows(period, q.group),
    listCostRows(prev, q.group),
  ]);
  const avail = (p: Period) => availability({ components, segments, maintenance, period: p, now, partialWeight });
  const cur = avail(period);
  const before = avail(prev);
  const response = responseTimes({ rows: incidents, period, now });
  const prevResponse = responseTimes({ rows: incidents, period: prev, now });
  const detection = detectionTime({ rows: incidents, period, now });
  const prevDetection = detectionTime({ rows: incidents, period: prev, now });
  const changes = changeSuccess(outcomes);
  const prevChanges = changeSuccess(prevOutcomes);
  const iac = infrastructureAsCode({ components, changes: filed });
  const prevIac = infrastructureAsCode({ components, changes: prevFiled });
  const cost = costEfficiency({ rows: costRows, period });
  const prevCost = costEfficiency({ rows: prevCostRows, period: prev });

  const figures = [
    figure({ key: "availability", label: "Availability", unit: "percent", target: TARGETS.availability, actual: cur.overall.availability, previous: before.overall.availability }),
    figure({ key: "mtta", label: "Mean time to acknowledge", unit: "minutes", target: TARGETS.mtta, actual: msToMinutes(response.mtta.meanMs), previous: msToMinutes(prevResponse.mtta.meanMs) }),
    figure({ key: "mttr", label: "Mean time to recovery", unit: "minutes", target: TARGETS.mttr, actual: msToMinutes(response.mttr.meanMs), previous: msToMinutes(prevResponse.mttr.meanMs) }),
    figure({ key: "change_success", label: "Change success rate", unit: "percent", target: TARGETS.changeSuccess, actual: changes.rate, previous: prevChanges.rate }),
    figure({ key: "detection", label: "Incident detection time", unit: "minutes", target: TARGETS.detection, actual: msToMinutes(detection.meanMs), previous: msToMinutes(prevDetection.meanMs) }),
    figure({ key: "iac_components", label: "Components managed as code", unit: "percent", target: TARGETS.iacComponents, actual: iac.componentShare, previous: null }),
    figure({ key: "iac_changes", label: "Changes filed by pipelines", unit: "percent", target: TARGETS.iacChanges, actual: iac.changeShare, previous: prevIac.changeShare }),
    figure({ key: "cost_yoy", label: "Cost change year over year", unit: "percent", target: TARGETS.costYoy, actual: cost.yoyPercent, previous: prevCost.yoyPercent }),
  ];

  const weekly = weekBuckets(period).map((w): WeeklyPoint => {
    const r = responseTimes({ rows: incidents, period: w, now });
    const weekKey = new Date(w.from.getTime() - ((w.from.getUTCDay() + 6) % 7) * millisecondsInDay).toISOString().slice(0, 10);
    const cs = changeSuccess(outcomes.filter((o) => o.week.toISOString().slice(0, 10) === weekKey));
    return {
      week: w.from.toISOString().slice(0, 10),
      availability: avail(w).overall.availability,
      mttaMinutes: msToMinutes(r.mtta.meanMs),
      mttrMinutes: msToMinutes(r.mttr.meanMs),
      changeSuccess: cs.rate,
      incidents: r.declared,
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
  return { query: q, report: await computeKpis(q, now) };
}
