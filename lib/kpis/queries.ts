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
import type { ResponseRow } from "@/lib/kpis/response-times";
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

/** Status segments of the given components overlapping [from, to), clipped to it. */
export async function listStatusSegments(componentIds: string[], p: Period, now: Date, severity?: SeverityValue): Promise<StatusSegment[]> {
  const sev = severity ? Prisma.sql`AND i.severity = ${severity}::"Severity"` : Prisma.empty;
  const rows = await db.$queryRaw<{ componentId: string; incidentId: string; f: Date; t: Date; status: ComponentStatusValue }[]>`
    WITH inc AS (
      SELECT i.id, i.severity, i."declaredAt" AS s, LEAST(COALESCE(i."resolvedAt", ${now}), ${now}) AS e
      FROM "Incident" i
      WHERE i."declaredAt" < ${p.to} AND (i."resolvedAt" IS NULL OR i."resolvedAt" > ${p.from}) ${sev}
        AND EXISTS (SELECT 1 FROM "IncidentComponent" x WHERE x."incidentId" = i.id AND x."componentId" ${componentIn(componentIds)})
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
    FROM seg JOIN "IncidentComponent" ic ON ic."incidentId" = seg.id AND ic."componentId" ${componentIn(componentIds)}
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

/** Incidents declared in the period (MTTA, MTTR, detection time). */
export async function listDeclaredIncidents(componentIds: string[], p: Period, f: KpiFilter): Promise<(ResponseRow & { alertStartedAt: Date | null })[]> {
  const scoped = f.componentId || f.group;
  return db.incident.findMany({
    where: {
      declaredAt: { gte: p.from, lt: p.to },
      ...(f.severity ? { severity: f.severity } : {}),
      ...(scoped ? { components: { some: { componentId: { in: componentIds } } } } : {}),
    },
    select: { id: true, number: true, severity: true, declaredAt: true, acknowledgedAt: true, resolvedAt: true, alertStartedAt: true },
  });
}

/**
 * Changes that reached an outcome in the period, counted per component, type,
 * outcome and week. A finished change is never edited again, so its
 * `updatedAt` is when it finished.
 */
export async function countChangeOutcomes(componentIds: string[], p: Period): Promise<(ChangeOutcomeRow & { week: Date })[]> {
  const rows = await db.$queryRaw<{ componentId: string; type: ChangeOutcomeRow["type"]; kind: NonNullable<ChangeOutcomeRow["kind"]>; status: string; week: Date; n: bigint }[]>`
    SELECT "componentId", type::text AS type, kind::text AS kind, status::text AS status,
           date_trunc('week', "updatedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS week, count(*) AS n
    FROM "ChangeRequest"
    WHERE status IN ('Completed', 'Failed', 'Rolled back') AND "updatedAt" >= ${p.from} AND "updatedAt" < ${p.to}
      AND "componentId" ${componentIn(componentIds)}
    GROUP BY 1, 2, 3, 4, 5`;
  return rows.map((r) => ({ componentId: r.componentId, type: r.type, kind: r.kind, status: statusFromLabel(r.status) as ChangeOutcomeRow["status"], week: r.week, count: Number(r.n) }));
}

/** Changes filed in the period, and how many of them through an API token. */
export async function countFiledChanges(componentIds: string[], p: Period): Promise<{ total: number; viaToken: number }> {
  const [r] = await db.$queryRaw<{ total: bigint; via: bigint }[]>`
    SELECT count(*) AS total, count("filedByTokenId") AS via FROM "ChangeRequest"
    WHERE "createdAt" >= ${p.from} AND "createdAt" < ${p.to} AND "componentId" ${componentIn(componentIds)}`;
  return { total: Number(r.total), viaToken: Number(r.via) };
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
