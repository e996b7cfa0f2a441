import "server-only";
import { subHours } from "date-fns";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Pagination } from "@/lib/http/pagination";
import { getIncidentEscalation } from "@/lib/oncall/escalation-view";
import { whoIsOnCall } from "@/lib/oncall/queries";
import { incidentTimings, renderIncidentBlock } from "./block";
import type { ListIncidentsQuery } from "./schemas";
import { ONCALL_ROLES, rolesWith } from "@/lib/auth/permissions";
import { incidentPolicy } from "@/lib/incidents/policy";
import type { ReopenActor } from "@/lib/incidents/state-machine";
import { STATUS_LABEL } from "@/lib/changes/state-machine";

const userSelect = { id: true, name: true, email: true, role: true } as const;

const listSelect = {
  id: true,
  number: true,
  title: true,
  severity: true,
  status: true,
  impact: true,
  currentAction: true,
  eta: true,
  commanderId: true,
  commander: { select: userSelect },
  declaredById: true,
  declaredAt: true,
  alertStartedAt: true,
  source: true,
  previousIncidentId: true,
  acknowledgedAt: true,
  acknowledgedById: true,
  resolvedAt: true,
  resolution: true,
  lastUpdateAt: true,
  version: true,
  updatedAt: true,
  components: { select: { component: { select: { id: true, name: true, group: true, ownerRole: true, status: true } } } },
} satisfies Prisma.IncidentSelect;

type Row = Prisma.IncidentGetPayload<{ select: typeof listSelect }>;

/** API.md's incident shape (list items; the detail adds `updates` and `escalation`). */
function toIncident(r: Row) {
  const { mttaMs, mttrMs } = incidentTimings(r);
  const components = r.components.map((c) => c.component).sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    severity: r.severity,
    status: r.status,
    impact: r.impact,
    componentIds: components.map((c) => c.id),
    components,
    currentAction: r.currentAction,
    eta: r.eta?.toISOString() ?? null,
    commanderId: r.commanderId,
    commander: r.commander,
    declaredById: r.declaredById,
    declaredAt: r.declaredAt.toISOString(),
    alertStartedAt: r.alertStartedAt?.toISOString() ?? null,
    /** when the problem was detected: the earliest alert start (alert-opened, or entered by the declarer) */
    detectedAt: r.alertStartedAt?.toISOString() ?? null,
    source: r.source,
    previousIncidentId: r.previousIncidentId,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedById: r.acknowledgedById,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolution: r.resolution,
    lastUpdateAt: r.lastUpdateAt.toISOString(),
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    mttaMs,
    mttrMs,
  };
}
export type IncidentView = ReturnType<typeof toIncident>;

function whereOf(f: ListIncidentsQuery): Prisma.IncidentWhereInput {
  const and: Prisma.IncidentWhereInput[] = [];
  if (f.status?.length) {
    const statuses = f.status.flatMap((s) => (s === "open" ? (["Investigating", "Identified", "Fixing"] as const) : [s]));
    and.push({ status: { in: [...new Set(statuses)] } });
  }
  if (f.severity?.length) and.push({ severity: { in: f.severity } });
  if (f.component) and.push({ components: { some: { componentId: f.component } } });
  if (f.commander) and.push({ commanderId: f.commander });
  if (f.q) {
    const contains = { contains: f.q, mode: "insensitive" as const };
    const n = /^#?(\d{1,9})$/.exec(f.q);
    and.push({ OR: [{ title: contains }, { impact: contains }, { currentAction: contains }, { resolution: contains }, ...(n ? [{ number: Number(n[1]) }] : [])] });
  }
  return and.length ? { AND: and } : {};
}

/**
 * Open incidents first (most severe, then newest), then resolved ones
 * (newest first). The cursor names its phase ("o:" open, "r:" resolved) and
 * the last row's id, so pages never skip or repeat a row.
 */
export async function listIncidents(filters: ListIncidentsQuery, page: Pagination) {
  const where = whereOf(filters);
  const [phase, cursorId] = page.cursor?.includes(":") ? (page.cursor.split(":", 2) as [string, string]) : ["o", undefined];
  const after = (id: string | undefined): { cursor?: { id: string }; skip?: number } => (id ? { cursor: { id }, skip: 1 } : {});
  const rows: { row: Row; phase: "o" | "r" }[] = [];
  if (phase === "o") {
    const open = await db.incident.findMany({
      where: { AND: [where, { status: { not: "Resolved" } }] },
      orderBy: [{ severity: "asc" }, { declaredAt: "desc" }, { id: "desc" }],
      take: page.limit + 1,
      ...after(cursorId),
      select: listSelect,
    });
    rows.push(...open.map((row) => ({ row, phase: "o" as const })));
  }
  if (rows.length <= page.limit) {
    const resolved = await db.incident.findMany({
      where: { AND: [where, { status: "Resolved" }] },
      orderBy: [{ declaredAt: "desc" }, { id: "desc" }],
      take: page.limit + 1 - rows.length,
      ...(phase === "r" ? after(cursorId) : {}),
      select: listSelect,
    });
    rows.push(...resolved.map((row) => ({ row, phase: "r" as const })));
  }
  const data = rows.slice(0, page.limit);
  const last = data[data.length - 1];
  return { data: data.map((r) => toIncident(r.row)), nextCursor: rows.length > page.limit && last ? `${last.phase}:${last.row.id}` : null };
}

/** One incident with its timeline (newest first), escalation, block and MTTA/MTTR. */
/** One incident with its timeline; with an actor, `can` says what they may do with it (incidentPolicy). */
export async function getIncident(id: string, now: Date = new Date(), actor: ReopenActor | null = null) {
  const row = await db.incident.findUnique({
    where: { id },
    select: {
      ...listSelect,
      declaredBy: { select: userSelect },
      acknowledgedBy: { select: userSelect },
      alerts: {
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: 500,
        select: { id: true, integrationId: true, fingerprint: true, status: true, startsAt: true, endsAt: true, labels: true, summary: true, generatorURL: true, externalURL: true },
      },
      updates: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, status: true, impact: true, currentAction: true, eta: true, componentStatus: true, message: true, public: true, createdAt: true, author: { select: userSelect } },
      },
    },
  });
  if (!row) throw new NotFoundError("Incident");
  const base = toIncident(row);
  const escalation = await getIncidentEscalation(id, now);
  return {
    ...base,
    can: actor ? incidentPolicy(actor, row) : undefined,
    declaredBy: row.declaredBy,
    acknowledgedBy: row.acknowledgedBy,
    block: renderIncidentBlock({ ...row, commanderName: row.commander?.name, componentNames: base.components.map((c) => c.name) }),
    updates: row.updates.map((u) => ({
      id: u.id,
      status: u.status,
      impact: u.impact,
      currentAction: u.currentAction,
      eta: u.eta?.toISOString() ?? null,
      componentStatus: u.componentStatus,
      message: u.message,
      public: u.public,
      createdAt: u.createdAt.toISOString(),
      authorId: u.author.id,
      author: u.author,
    })),
    alerts: row.alerts.map((a) => ({ ...a, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt?.toISOString() ?? null, labels: a.labels as Record<string, string> })),
    escalation,
  };
}
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;

/**
 * "Suspect changes": changes in progress, or completed in the last 24 h, on
 * the incident's components, with their rollback plans (issue 5 §7).
 */
export async function listSuspectChanges(componentIds: string[], now: Date = new Date()) {
  if (!componentIds.length) return [];
  const rows = await db.changeRequest.findMany({
    where: {
      componentId: { in: componentIds },
      // issue 18: a deploy recorded in the last 24 h (pipeline deploy events, PagerDuty Change Events) makes its change a suspect too
      OR: [{ status: "InProgress" }, { status: "Completed", updatedAt: { gte: subHours(now, 24) } }, { deploys: { some: { at: { gte: subHours(now, 24), lte: now } } } }],
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 20,
    select: {
      id: true,
      number: true,
      type: true,
      description: true,
      status: true,
      rollbackPlan: true,
      plannedStart: true,
      plannedEnd: true,
      updatedAt: true,
      component: { select: { id: true, name: true } },
      requester: { select: { id: true, name: true } },
    },
  });
  return rows.map((r) => ({ ...r, status: STATUS_LABEL[r.status] }));
}

/**
 * A cheap fingerprint of everything the incident screens show: any incident
 * write bumps updatedAt, and the ticker's pages add rows. Clients poll it and
 * refresh when it changes. Also the open P1s for the dashboard banner.
 */
export async function getIncidentsLive() {
  const [inc, pages, p1] = await Promise.all([
    db.incident.aggregate({ _max: { updatedAt: true }, _count: { _all: true } }),
    db.escalationPage.aggregate({ _max: { at: true }, _count: { _all: true } }),
    db.incident.findMany({
      where: { severity: "P1", status: { not: "Resolved" } },
      orderBy: [{ declaredAt: "desc" }, { id: "desc" }],
      take: 20,
      select: { id: true, number: true, title: true, status: true, declaredAt: true },
    }),
  ]);
  const stamp = [inc._max.updatedAt?.getTime() ?? 0, inc._count._all, pages._max.at?.getTime() ?? 0, pages._count._all].join("-");
  return { stamp, openP1: p1.map((i) => ({ ...i, declaredAt: i.declaredAt.toISOString() })) };
}

/** Choices for the declare and filter forms. */
export async function getIncidentFormOptions(now: Date = new Date()) {
  const [components, engineers, onCall] = await Promise.all([
    db.component.findMany({ orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true, group: true, status: true, public: true } }),
    db.user.findMany({ where: { active: true, role: { in: rolesWith("oncall.serve") } }, orderBy: { name: "asc" }, select: userSelect }),
    whoIsOnCall(ONCALL_ROLES.primary, now),
  ]);
  return { components, engineers, defaultCommanderId: onCall?.id ?? null, onCall };
}
