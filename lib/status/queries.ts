import "server-only";
/**
 * The only reads behind the public status page, feeds, badge and v2 JSON.
 * Every query `select`s exactly the public fields and maps them to the
 * narrow types in public-types.ts. Rules (SPEC §3, API.md "Public"):
 *  - a component is public when Component.public;
 *  - an incident is public once it has at least one published update
 *    (IncidentUpdate.public) AND touches at least one public component; only
 *    published updates are shown, and only its public components; never
 *    author, commander, declarer or internal text;
 *  - a maintenance window is public once its notification was sent
 *    (notifiedAt) and it touches at least one public component.
 */
import { db, type Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ComponentStatusValue, SeverityValue } from "@/lib/status/derive-status";
import type { IncidentStatusValue, MaintenanceTypeValue, PageInfo, PublicIncident, PublicMaintenance, PublicStatusData } from "@/lib/status/public-types";
import { DAY_MS } from "@/lib/status/uptime";

export const HISTORY_PAGE_SIZE = 25;
const RECENT_LIMIT = 50;

export function pageInfo(): PageInfo {
  const env = getEnv();
  const base = (env.OPSGATE_PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return { id: env.OPSGATE_STATUS_PAGE_ID, name: env.OPSGATE_STATUS_PAGE_NAME, url: `${base}/status` };
}

/** Touches at least one public component: incidents and windows on internal components only never appear (issue 11, hole 12). */
export const onPublicComponent = { components: { some: { component: { public: true } } } } as const;
const publicIncident = { updates: { some: { public: true } }, ...onPublicComponent } as const;

const incidentSelect = {
  id: true,
  number: true,
  title: true,
  severity: true,
  status: true,
  declaredAt: true,
  resolvedAt: true,
  components: { where: { component: { public: true } }, select: { componentId: true } },
  updates: {
    where: { public: true },
    orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
    select: { id: true, status: true, message: true, impact: true, currentAction: true, componentStatus: true, createdAt: true },
  },
} satisfies Prisma.IncidentSelect;

type IncidentRow = {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  declaredAt: Date;
  resolvedAt: Date | null;
  components: { componentId: string }[];
  updates: { id: string; status: string; message: string; impact: string | null; currentAction: string | null; componentStatus: string | null; createdAt: Date }[];
};

function updateBody(u: IncidentRow["updates"][number]): string {
  const lines = [u.message.trim()];
  if (u.impact?.trim()) lines.push(`Impact: ${u.impact.trim()}`);
  if (u.currentAction?.trim()) lines.push(`Current action: ${u.currentAction.trim()}`);
  return lines.filter(Boolean).join("\n");
}

function toPublicIncident(r: IncidentRow): PublicIncident {
  const resolved = r.status === "Resolved";
  const resolvedAt = resolved ? (r.resolvedAt ?? r.updates[0]?.createdAt ?? r.declaredAt) : null;
  const latest = Math.max(r.declaredAt.getTime(), r.updates[0]?.createdAt.getTime() ?? 0, resolvedAt?.getTime() ?? 0);
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    severity: r.severity as SeverityValue,
    status: r.status as IncidentStatusValue,
    declaredAt: r.declaredAt,
    updatedAt: new Date(latest),
    resolvedAt,
    componentIds: r.components.map((c) => c.componentId),
    updates: r.updates.map((u) => ({ id: u.id, status: u.status as IncidentStatusValue, body: updateBody(u), componentStatus: (u.componentStatus as ComponentStatusValue | null) ?? null, createdAt: u.createdAt })),
  };
}

const maintenanceSelect = {
  id: true,
  number: true,
  title: true,
  type: true,
  impact: true,
  windowStart: true,
  windowEnd: true,
  notifiedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  cancelledAt: true,
  cancelReason: true,
  components: { where: { component: { public: true } }, select: { componentId: true } },
} satisfies Prisma.MaintenanceWindowSelect;

/** Everything the hot public responses need, in one consistent read. */
export async function loadPublicStatus(now: Date): Promise<PublicStatusData> {
  const since90 = new Date(now.getTime() - 90 * DAY_MS);
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  const [components, active, recent, uptime, windows, historyTotal, uptimeWindows] = await Promise.all([
    listPublicComponents(),
    db.incident.findMany({ where: { ...publicIncident, status: { not: "Resolved" } }, orderBy: { declaredAt: "desc" }, select: incidentSelect }),
    db.incident.findMany({ where: publicIncident, orderBy: [{ declaredAt: "desc" }, { id: "desc" }], take: RECENT_LIMIT, select: incidentSelect }),
    db.incident.findMany({
      where: { ...publicIncident, declaredAt: { lte: now }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: since90 } }] },
      select: {
        severity: true,
        status: true,
        declaredAt: true,
        resolvedAt: true,
        components: { where: { component: { public: true } }, select: { componentId: true } },
        // Update-level component status overrides, as the current status and the KPI availability use them.
        updates: { where: { componentStatus: { not: null }, createdAt: { lte: now } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { createdAt: true, componentStatus: true } },
      },
    }),
    db.maintenanceWindow.findMany({
      where: { notifiedAt: { not: null }, windowEnd: { gte: since30 }, ...onPublicComponent },
      orderBy: [{ windowStart: "asc" }, { id: "asc" }],
      select: maintenanceSelect,
    }),
    db.incident.count({ where: publicIncident }),
    // Published maintenance of the uptime bars' 90 days: excluded from their uptime, as on the KPI page.
    db.maintenanceWindow.findMany({
      where: { notifiedAt: { not: null }, windowStart: { lte: now }, windowEnd: { gte: since90 }, ...onPublicComponent },
      select: { windowStart: true, windowEnd: true, components: { where: { component: { public: true } }, select: { componentId: true } } },
    }),
  ]);
  return {
    page: pageInfo(),
    now,
    components,
    activeIncidents: active.map(toPublicIncident),
    recentIncidents: recent.map(toPublicIncident),
    maintenances: windows.map(toPublicMaintenance),
    uptimeIncidents: uptime.map((u) => ({
      componentIds: u.components.map((c) => c.componentId),
      severity: u.severity as SeverityValue,
      start: u.declaredAt,
      end: u.status === "Resolved" ? (u.resolvedAt ?? u.declaredAt) : null,
      statuses: u.updates.map((x) => ({ at: x.createdAt, status: x.componentStatus as ComponentStatusValue })),
    })),
    uptimeMaintenance: uptimeWindows.map((w) => ({ componentIds: w.components.map((c) => c.componentId), from: w.windowStart, to: w.windowEnd })),
    historyTotal,
    partialWeight: getEnv().OPSGATE_KPI_PARTIAL_WEIGHT,
    emailSubscriptions: !!getEnv().SMTP_URL,
  };
}

function toPublicMaintenance(w: {
  id: string;
  number: number;
  title: string;
  type: string;
  impact: string;
  windowStart: Date;
  windowEnd: Date;
  notifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  cancelledAt: Date | null;
  cancelReason: string | null;
  components: { componentId: string }[];
}): PublicMaintenance {
  return {
    id: w.id,
    number: w.number,
    title: w.title,
    type: w.type as MaintenanceTypeValue,
    impact: w.impact,
    windowStart: w.windowStart,
    windowEnd: w.windowEnd,
    notifiedAt: w.notifiedAt ?? w.createdAt,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    version: w.version,
    cancelledAt: w.cancelledAt,
    cancelReason: w.cancelReason,
    componentIds: w.components.map((c) => c.componentId),
  };
}

/** One page of the public incident history, newest first (1-based page). */
export async function listPublicIncidents(page: number, perPage = HISTORY_PAGE_SIZE): Promise<PublicIncident[]> {
  const rows = await db.incident.findMany({
    where: publicIncident,
    orderBy: [{ declaredAt: "desc" }, { id: "desc" }],
    skip: (Math.max(1, page) - 1) * perPage,
    take: perPage,
    select: incidentSelect,
  });
  return rows.map(toPublicIncident);
}

/** A public incident, or null when it does not exist or nothing about it was published. */
export async function getPublicIncident(id: string, client: Tx = db): Promise<PublicIncident | null> {
  const row = await client.incident.findFirst({ where: { id, ...publicIncident }, select: incidentSelect });
  return row ? toPublicIncident(row) : null;
}

/** A public maintenance window (notified, on a public component), or null. */
export async function getPublicMaintenance(id: string, client: Tx = db): Promise<PublicMaintenance | null> {
  const row = await client.maintenanceWindow.findFirst({ where: { id, notifiedAt: { not: null }, ...onPublicComponent }, select: maintenanceSelect });
  return row ? toPublicMaintenance(row) : null;
}

/** The page indicator inputs now (public components, unresolved public incidents, a window in progress), read in `client`. */
export async function publicIndicatorInputs(client: Tx, now: Date) {
  // One after the other: `client` may be an interactive transaction.
  const components = await client.component.findMany({ where: { public: true }, select: { status: true } });
  const active = await client.incident.findMany({ where: { ...publicIncident, status: { not: "Resolved" } }, select: { severity: true } });
  const inMaintenance = await client.maintenanceWindow.count({ where: { notifiedAt: { not: null }, windowStart: { lte: now }, windowEnd: { gt: now }, cancelledAt: null, ...onPublicComponent } });
  return {
    components: components.map((c) => ({ status: c.status as ComponentStatusValue })),
    activeIncidents: active.map((i) => ({ severity: i.severity as SeverityValue })),
    maintenanceInProgress: inMaintenance > 0,
  };
}

/**
 * A cheap fingerprint of everything public: changes whenever a public row
 * (or a row that could become public) is written. Polled every second by the
 * snapshot refresher; one round trip of index-only aggregates.
 */
export async function publicVersion(): Promise<string> {
  const rows = await db.$queryRaw<{ v: string }[]>`
    SELECT concat_ws('|',
      (SELECT count(*)::text || ':' || coalesce(max("updatedAt")::text, '') FROM "Component"),
      (SELECT count(*)::text || ':' || coalesce(max("updatedAt")::text, '') FROM "Incident"),
      (SELECT count(*)::text || ':' || coalesce(max("createdAt")::text, '') FROM "IncidentUpdate" WHERE "public"),
      (SELECT count(*)::text || ':' || coalesce(max("updatedAt")::text, '') || ':' || count("notifiedAt")::text FROM "MaintenanceWindow"),
      (SELECT count(*)::text FROM "MaintenanceComponent"),
      (SELECT count(*)::text FROM "IncidentComponent")
    ) AS v`;
  return rows[0]?.v ?? "";
}

const componentSelect = { id: true, name: true, group: true, description: true, status: true, position: true, createdAt: true, updatedAt: true } as const;

export async function listPublicComponents(client: Tx = db) {
  const rows = await client.component.findMany({ where: { public: true }, orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }], select: componentSelect });
  return rows.map((c) => ({ ...c, status: c.status as ComponentStatusValue }));
}

export function countPublicIncidents() {
  return db.incident.count({ where: publicIncident });
}
