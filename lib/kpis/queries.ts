import "server-only";
/**
 * Reads for the KPIs. The heavy parts are SQL: only rows overlapping the
 * period are fetched, status segments are built from incidents and their
 * component-status updates with window functions, and change outcomes are
 * counted with GROUP BY. The figures themselves come from the pure functions.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import type { AvailabilityComponent, MaintenanceSpan, StatusSegment } from "@/lib/kpis/availability";
import type { ChangeOutcomeRow } from "@/lib/kpis/change-success";
import type { CostRow } from "@/lib/kpis/cost";
import type { IacComponentRow } from "@/lib/kpis/iac";
import type { Period } from "@/lib/kpis/period";
import { WEEK_EPOCH_MS, WEEK_MS } from "@/lib/kpis/period";
import type { ResponseStats, ResponseTimes } from "@/lib/kpis/response-times";
import type { DurationStats } from "@/lib/kpis/stats";
import type { ComponentStatusValue, SeverityValue } from "@/lib/status/derive-status";
import { statusFromLabel } from "@/lib/changes/state-machine";

export type KpiFilter = { componentId?: string; group?: string; severity?: SeverityValue };

export async function listKpiComponents(f: KpiFilter): Promise<(AvailabilityComponent & IacComponentRow)[]> {
  return db.component.findMany({
    where: { ...(f.componentId ? { id: f.componentId } : {}), ...(f.group ? { group: f.group } : {}) },
    orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, group: true, createdAt: true, iacManaged: true, iacRepository: true },
  });
}

const componentIn = (ids: string[]) => (ids.length ? Prisma.sql`IN (${Prisma.join(ids)})` : Prisma.sql`IN (NULL)`);

/** Status segments of the given components overlapping [from, to), clipped to it. `scoped`: false when every component is asked for (no filter to apply). */
export async function listStatusSegments(componentIds: string[], p: Period, now: Date, severity?: SeverityValue, scoped = true): Promise<StatusSegment[]> {
  const sev = severity ? Prisma.sql`AND i.severity = ${severity}::"Severity"` : Prisma.empty;
  const incScope = scoped ? Prisma.sql`AND EXISTS (SELECT 1 FROM "IncidentComponent" x WHERE x."incidentId" = i.id AND x."componentId" ${componentIn(componentIds)})` : Prisma.empty;
  const icScope = scoped ? Prisma.sql`AND ic."componentId" ${componentIn(componentIds)}` : Prisma.empty;
  const rows = await db.$queryRaw<{ componentId: string; incidentId: string; f: Date; t: Date; status: ComponentStatusValue }[]>`
    WITH inc AS (
      SELECT i.id, i.severity, i."declaredAt" AS s, LEAST(COALESCE(i."resolvedAt", ${now}), ${now}) AS e
      FROM "Incident" i
      WHERE i."declaredAt" < ${p.to} AND (i."resolvedAt" IS NULL OR i."resolvedAt" > ${p.from}) ${sev} ${incScope}
    ), marks AS (
      SELECT id, s AS at, 0 AS k, CASE severity WHEN 'P1' THEN 'major_outage' WHEN 'P2' THEN 'partial_outage' WHEN 'P3' THEN 'degraded_performance' ELSE 'operational' END AS status, e FROM inc
      UNION ALL
      SELECT u."incidentId", u."createdAt", 1, u."componentStatus"::text, inc.e
      FROM "IncidentUpdate" u JOIN inc ON inc.id = u."incidentId"
      WHERE u."componentStatus" IS NOT NULL AND u."createdAt" < inc.e
    ), seg AS (
      SELECT id, status, at AS f, LEAD(at, 1, e) OVER (PARTITION BY id ORDER BY at, k) AS t FROM marks
    )
    SELECT ic."componentId", seg.id AS "incidentId", GREATEST(seg.f, ${p.from}) AS f, LEAST(seg.t, ${p.to}) AS t, seg.status
    FROM seg JOIN "IncidentComponent" ic ON ic."incidentId" = seg.id ${icScope}
    WHERE seg.t > ${p.from} AND seg.f < ${p.to} AND seg.t > seg.f AND seg.status IN ('major_outage', 'partial_outage', 'degraded_performance')`;
  return rows.map((r) => ({ componentId: r.componentId, incidentId: r.incidentId, from: r.f, to: r.t, status: r.status }));
}

export async function listMaintenanceSpans(componentIds: string[], p: Period): Promise<MaintenanceSpan[]> {
  const rows = await db.$queryRaw<{ componentId: string; f: Date; t: Date }[]>`
    SELECT mc."componentId", GREATEST(w."windowStart", ${p.from}) AS f, LEAST(w."windowEnd", ${p.to}) AS t
    FROM "MaintenanceWindow" w JOIN "MaintenanceComponent" mc ON mc."windowId" = w.id
    WHERE w."windowStart" < ${p.to} AND w."windowEnd" > ${p.from} AND mc."componentId" ${componentIn(componentIds)}`;
  return rows.map((r) => ({ componentId: r.componentId, from: r.f, to: r.t }));
}

type StatsRow = { cur: boolean; severity: SeverityValue | null; wk: number | null; gs: number; gw: number; declared: number; det_ids: string[] | null } & Record<`${"ack" | "res" | "det"}_${"n" | "mean" | "median" | "p90"}`, number | null>;
const stats = (r: StatsRow, k: "ack" | "res" | "det"): DurationStats => ({ count: Number(r[`${k}_n`]), meanMs: r[`${k}_mean`], medianMs: r[`${k}_median`], p90Ms: r[`${k}_p90`] });
const EMPTY: DurationStats = { count: 0, meanMs: null, medianMs: null, p90Ms: null };
const SEVERITIES: SeverityValue[] = ["P1", "P2", "P3", "P4"];
export type ResponseAggregates = {
  current: ResponseTimes;
  previous: ResponseTimes;
  detection: DurationStats & { incidentIds: string[] };
  previousDetection: DurationStats;
  /** MTTA/MTTR and count per week of the current period, by weekIndex */
  weeks: Map<number, ResponseStats>;
};

/**
 * MTTA, MTTR and detection time in one SQL pass (mean, and median/p90 with
 * percentile_cont): for the incidents declared in the current and the previous
 * period, overall, by severity and by week. An acknowledgement or resolution
 * stamped after `now` has not happened yet; a detection time below 0 (clock skew) counts as 0.
 */
export async function aggregateResponses(componentIds: string[], periods: { current: Period; previous: Period }, now: Date, f: KpiFilter): Promise<ResponseAggregates> {
  const { current, previous } = periods;
  const sev = f.severity ? Prisma.sql`AND i.severity = ${f.severity}::"Severity"` : Prisma.empty;
  const scope = f.componentId || f.group ? Prisma.sql`AND EXISTS (SELECT 1 FROM "IncidentComponent" x WHERE x."incidentId" = i.id AND x."componentId" ${componentIn(componentIds)})` : Prisma.empty;
  const ms = (a: Prisma.Sql, b: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${a} - ${b})::float8 * 1000)`;
  const agg = (k: string) => Prisma.raw(`count(${k})::int AS ${k}_n, avg(${k}) AS ${k}_mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${k}) AS ${k}_median, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${k}) AS ${k}_p90`);
  const rows = await db.$queryRaw<StatsRow[]>`
    WITH r AS (
      SELECT i.id, i.severity::text AS severity, i."declaredAt" >= ${current.from} AS cur,
             floor((extract(epoch FROM i."declaredAt")::float8 * 1000 - ${WEEK_EPOCH_MS}) / ${WEEK_MS})::int AS wk,
             CASE WHEN i."acknowledgedAt" <= ${now} THEN ${ms(Prisma.sql`i."acknowledgedAt"`, Prisma.sql`i."declaredAt"`)} END AS ack,
             CASE WHEN i."resolvedAt" <= ${now} THEN ${ms(Prisma.sql`i."resolvedAt"`, Prisma.sql`i."declaredAt"`)} END AS res,
             CASE WHEN i."alertStartedAt" IS NOT NULL THEN greatest(0, ${ms(Prisma.sql`i."declaredAt"`, Prisma.sql`i."alertStartedAt"`)}) END AS det
      FROM "Incident" i
      WHERE i."declaredAt" >= ${previous.from} AND i."declaredAt" < ${current.to} AND i."declaredAt" <= ${now} ${sev} ${scope}
    )
    SELECT cur, severity, wk, GROUPING(severity)::int AS gs, GROUPING(wk)::int AS gw, count(*)::int AS declared,
           ${agg("ack")}, ${agg("res")}, ${agg("det")},
           CASE WHEN GROUPING(severity) = 1 AND GROUPING(wk) = 1 THEN array_agg(id ORDER BY id) FILTER (WHERE det IS NOT NULL) END AS det_ids
    FROM r GROUP BY GROUPING SETS ((cur), (cur, severity), (cur, wk))`;
  const responseStats = (r: StatsRow | undefined): ResponseStats => {
    if (!r) return { mtta: EMPTY, mttr: EMPTY, declared: 0, unacknowledged: 0, unresolved: 0 };
    const mtta = stats(r, "ack");
    const mttr = stats(r, "res");
    return { mtta, mttr, declared: r.declared, unacknowledged: r.declared - mtta.count, unresolved: r.declared - mttr.count };
  };
  const times = (cur: boolean): ResponseTimes => ({
    ...responseStats(rows.find((r) => r.cur === cur && r.gs === 1 && r.gw === 1)),
    bySeverity: SEVERITIES.map((severity) => ({ severity, ...responseStats(rows.find((r) => r.cur === cur && r.gs === 0 && r.severity === severity)) })),
  });
  const total = (cur: boolean) => rows.find((r) => r.cur === cur && r.gs === 1 && r.gw === 1);
  const cur = total(true);
  const prev = total(false);
  return {
    current: times(true),
    previous: times(false),
    detection: { ...(cur ? stats(cur, "det") : EMPTY), incidentIds: cur?.det_ids ?? [] },
    previousDetection: prev ? stats(prev, "det") : EMPTY,
    weeks: new Map(rows.filter((r) => r.cur && r.gw === 0 && r.gs === 1).map((r) => [Number(r.wk), responseStats(r)])),
  };
}

/**
 * Changes that reached an outcome in the period, counted per component, type,
 * outcome and week. A finished change is never edited again, so its
 * `updatedAt` is when it finished.
 */
export async function countChangeOutcomes(componentIds: string[], periods: { current: Period; previous: Period }, scoped = true): Promise<(ChangeOutcomeRow & { current: boolean; week: number })[]> {
  const { current, previous } = periods;
  const scope = scoped ? Prisma.sql`AND "componentId" ${componentIn(componentIds)}` : Prisma.empty;
  const rows = await db.$queryRaw<{ componentId: string; type: ChangeOutcomeRow["type"]; kind: NonNullable<ChangeOutcomeRow["kind"]>; status: string; cur: boolean; wk: number; n: bigint }[]>`
    SELECT "componentId", type::text AS type, kind::text AS kind, status::text AS status, "updatedAt" >= ${current.from} AS cur,
           floor((extract(epoch FROM "updatedAt")::float8 * 1000 - ${WEEK_EPOCH_MS}) / ${WEEK_MS})::int AS wk, count(*) AS n
    FROM "ChangeRequest"
    WHERE status IN ('Completed', 'Failed', 'Rolled back') AND "updatedAt" >= ${previous.from} AND "updatedAt" < ${current.to} ${scope}
    GROUP BY 1, 2, 3, 4, 5, 6`;
  return rows.map((r) => ({ componentId: r.componentId, type: r.type, kind: r.kind, status: statusFromLabel(r.status) as ChangeOutcomeRow["status"], current: r.cur, week: r.wk, count: Number(r.n) }));
}

/** Changes filed in the period, and how many of them through an API token. */
export async function countFiledChanges(componentIds: string[], periods: { current: Period; previous: Period }, scoped = true): Promise<Record<"current" | "previous", { total: number; viaToken: number }>> {
  const { current, previous } = periods;
  const scope = scoped ? Prisma.sql`AND "componentId" ${componentIn(componentIds)}` : Prisma.empty;
  const [r] = await db.$queryRaw<{ total: number; via: number; ptotal: number; pvia: number }[]>`
    SELECT count(*) FILTER (WHERE "createdAt" >= ${current.from})::int AS total, count("filedByTokenId") FILTER (WHERE "createdAt" >= ${current.from})::int AS via,
           count(*) FILTER (WHERE "createdAt" < ${current.from})::int AS ptotal, count("filedByTokenId") FILTER (WHERE "createdAt" < ${current.from})::int AS pvia
    FROM "ChangeRequest"
    WHERE "createdAt" >= ${previous.from} AND "createdAt" < ${current.to} ${scope}`;
  return { current: { total: r.total, viaToken: r.via }, previous: { total: r.ptotal, viaToken: r.pvia } };
}

/** Cost rows of the period's months and the same months a year earlier. */
export async function listCostRows(p: Period, group?: string): Promise<CostRow[]> {
  const from = new Date(Date.UTC(p.from.getUTCFullYear() - 1, p.from.getUTCMonth(), 1));
  const rows = await db.costEntry.findMany({
    where: { month: { gte: from, lt: p.to }, ...(group ? { group } : {}) },
    select: { group: true, month: true, amountCents: true },
  });
  return rows.map((r) => ({ group: r.group, month: r.month, amountCents: Number(r.amountCents) }));
}

export async function listCostEntries(group?: string) {
  const rows = await db.costEntry.findMany({
    where: group ? { group } : {},
    orderBy: [{ month: "desc" }, { group: "asc" }],
    take: 500,
    select: { id: true, group: true, month: true, amountCents: true, currency: true, note: true, updatedAt: true },
  });
  return rows.map(({ amountCents, ...r }) => ({ ...r, month: r.month.toISOString().slice(0, 7), amount: Number(amountCents) / 100 }));
}

/** Choices for the /kpis filter form. */
export async function listKpiFilterOptions() {
  const components = await db.component.findMany({ orderBy: [{ group: "asc" }, { name: "asc" }], select: { id: true, name: true, group: true } });
  return { components, groups: [...new Set(components.map((c) => c.group))] };
}
