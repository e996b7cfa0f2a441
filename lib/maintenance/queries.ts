import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MaintenanceFilter } from "@/lib/maintenance/schemas";
import {
  conflicts,
  maintenancePhase,
  notificationState,
  renderNotice,
  type MaintenancePhase,
  type MaintenanceTypeValue,
  type NoticeContent,
  type NotificationState,
  type RollbackValue,
} from "@/lib/maintenance/window";
import { whoIsOnCallWith } from "@/lib/oncall/queries";
import { ONCALL_ROLES } from "@/lib/auth/permissions";
import { STATUS_LABEL } from "@/lib/changes/state-machine";

/** The database stores "Not Available" but Prisma's enum key is NotAvailable: map once, here. */
export const rollbackFromDb = (v: "Available" | "NotAvailable"): RollbackValue => (v === "NotAvailable" ? "Not Available" : "Available");
export const rollbackToDb = (v: RollbackValue): "Available" | "NotAvailable" => (v === "Not Available" ? "NotAvailable" : "Available");

/** Prisma's ChangeStatus keys → the user-facing values of SPEC.md. */

export const windowSelect = {
  id: true,
  number: true,
  title: true,
  windowStart: true,
  windowEnd: true,
  type: true,
  impact: true,
  rollback: true,
  contact: true,
  notifiedAt: true,
  noticeChangedAt: true,
  cancelledAt: true,
  cancelReason: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
  components: { select: { component: { select: { id: true, name: true, group: true, position: true, ownerRole: true, public: true } } } },
  changes: { select: { change: { select: { id: true, number: true, description: true, status: true, requesterId: true } } } },
} satisfies Prisma.MaintenanceWindowSelect;

export type WindowRow = Prisma.MaintenanceWindowGetPayload<{ select: typeof windowSelect }>;

/** Components in a stable display order (group position, then name). */
export function sortedComponents(row: Pick<WindowRow, "components">) {
  return row.components.map((c) => c.component).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

export function noticeContent(row: WindowRow): NoticeContent {
  return {
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    components: sortedComponents(row).map((c) => c.name),
    type: row.type as MaintenanceTypeValue,
    impact: row.impact,
    rollback: rollbackFromDb(row.rollback),
    contact: row.contact,
  };
}

export type ConflictDto = { id: string; number: number; title: string; windowStart: string; windowEnd: string; sharedComponentIds: string[] };

export type MaintenanceDto = {
  id: string;
  number: number;
  title: string;
  windowStart: string;
  windowEnd: string;
  componentIds: string[];
  components: { id: string; name: string }[];
  type: MaintenanceTypeValue;
  impact: string;
  rollback: RollbackValue;
  contact: string;
  changeIds: string[];
  changes: { id: string; number: number; description: string; status: string }[];
  phase: MaintenancePhase;
  notifiedAt: string | null;
  noticeChangedAt: string | null;
  notification: NotificationState;
  notice: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  conflicts: ConflictDto[];
  version: number;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
};

type ConflictCandidate = { id: string; number: number; title: string; windowStart: Date; windowEnd: Date; componentIds: string[] };

/** Candidate windows that may conflict with any of `rows`: overlapping their overall span and sharing a component. */
async function conflictCandidates(client: Tx, rows: Pick<WindowRow, "windowStart" | "windowEnd" | "components">[]): Promise<ConflictCandidate[]> {
  if (!rows.length) return [];
  const componentIds = [...new Set(rows.flatMap((r) => r.components.map((c) => c.component.id)))];
  if (!componentIds.length) return [];
  const from = new Date(Math.min(...rows.map((r) => r.windowStart.getTime())));
  const to = new Date(Math.max(...rows.map((r) => r.windowEnd.getTime())));
  const found = await client.maintenanceWindow.findMany({
    // a cancelled window no longer occupies its slot
    where: { windowStart: { lt: to }, windowEnd: { gt: from }, cancelledAt: null, components: { some: { componentId: { in: componentIds } } } },
    select: { id: true, number: true, title: true, windowStart: true, windowEnd: true, components: { select: { componentId: true } } },
    orderBy: [{ windowStart: "asc" }, { id: "asc" }],
  });
  return found.map(({ components, ...w }) => ({ ...w, componentIds: components.map((c) => c.componentId) }));
}

function conflictsOf(row: WindowRow, candidates: ConflictCandidate[]): ConflictDto[] {
  const me = { id: row.id, windowStart: row.windowStart, windowEnd: row.windowEnd, componentIds: row.components.map((c) => c.component.id) };
  return conflicts(me, candidates).map(({ window: w, sharedComponentIds }) => ({
    id: w.id,
    number: w.number,
    title: w.title,
    windowStart: w.windowStart.toISOString(),
    windowEnd: w.windowEnd.toISOString(),
    sharedComponentIds,
  }));
}

export function toMaintenanceDto(row: WindowRow, now: Date, conflictList: ConflictDto[]): MaintenanceDto {
  const state = notificationState(row);
  const components = sortedComponents(row);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    componentIds: components.map((c) => c.id),
    components: components.map((c) => ({ id: c.id, name: c.name })),
    type: row.type as MaintenanceTypeValue,
    impact: row.impact,
    rollback: rollbackFromDb(row.rollback),
    contact: row.contact,
    changeIds: row.changes.map((c) => c.change.id),
    changes: row.changes
      .map((c) => ({ id: c.change.id, number: c.change.number, description: c.change.description, status: STATUS_LABEL[c.change.status] }))
      .sort((a, b) => a.number - b.number),
    phase: maintenancePhase(row, now),
    notifiedAt: row.notifiedAt?.toISOString() ?? null,
    noticeChangedAt: row.noticeChangedAt?.toISOString() ?? null,
    notification: state,
    notice: row.cancelledAt ? renderNotice(noticeContent(row), "Cancelled", row.cancelReason) : renderNotice(noticeContent(row), state === "needs_renotify" ? "Rescheduled" : "Scheduled"),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    conflicts: conflictList,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One window with its conflicts; usable inside a transaction (pass `tx`). */
export async function getMaintenance(id: string, now: Date = new Date(), client: Tx = db): Promise<MaintenanceDto> {
  const row = await client.maintenanceWindow.findUnique({ where: { id }, select: windowSelect });
  if (!row) throw new NotFoundError("Maintenance window");
  return toMaintenanceDto(row, now, conflictsOf(row, await conflictCandidates(client, [row])));
}

/** Where-clause and order for the list filters: upcoming and active soonest first, past most recent first. */
function listShape(phase: MaintenanceFilter | undefined, now: Date) {
  const asc: Prisma.MaintenanceWindowOrderByWithRelationInput[] = [{ windowStart: "asc" }, { id: "asc" }];
  const desc: Prisma.MaintenanceWindowOrderByWithRelationInput[] = [{ windowStart: "desc" }, { id: "desc" }];
  switch (phase) {
    case "upcoming":
      return { where: { windowStart: { gt: now }, cancelledAt: null }, orderBy: asc };
    case "active":
      return { where: { windowStart: { lte: now }, windowEnd: { gt: now }, cancelledAt: null }, orderBy: asc };
    case "past":
      return { where: { OR: [{ windowEnd: { lte: now } }, { cancelledAt: { not: null } }] }, orderBy: desc };
    default:
      return { where: {}, orderBy: desc };
  }
}

export async function listMaintenance(opts: { phase?: MaintenanceFilter; component?: string; limit: number; cursor?: string }, now: Date = new Date()) {
  const shape = listShape(opts.phase, now);
  const where: Prisma.MaintenanceWindowWhereInput = { ...shape.where, ...(opts.component ? { components: { some: { componentId: opts.component } } } : {}) };
  const rows = await db.maintenanceWindow.findMany({
    where,
    orderBy: shape.orderBy,
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: windowSelect,
  });
  const page = rows.slice(0, opts.limit);
  const candidates = await conflictCandidates(db, page);
  return {
    data: page.map((r) => toMaintenanceDto(r, now, conflictsOf(r, candidates))),
    nextCursor: rows.length > opts.limit ? page[page.length - 1].id : null,
  };
}

/** The default CONTACT: the SRE on call at `at` (SPEC.md §4 "the on-call team"). */
export async function defaultContact(at: Date, client: Tx = db): Promise<string> {
  const sre = await whoIsOnCallWith(client, ONCALL_ROLES.primary, at).catch(() => null);
  return sre ? `On-call: ${sre.name}` : "SRE on-call team";
}

/** Components for the AFFECTED multi-select. */
export function listComponentOptions() {
  return db.component.findMany({ orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true, group: true } });
}

/** Change requests a window may be linked to (open ones), plus any ids asked for explicitly. */
export async function listLinkableChanges(include: string[] = []) {
  const rows = await db.changeRequest.findMany({
    where: { OR: [{ status: { in: ["Draft", "Submitted", "Approved", "Scheduled", "InProgress"] } }, ...(include.length ? [{ id: { in: include } }] : [])] },
    orderBy: { number: "desc" },
    take: 200,
    select: { id: true, number: true, description: true, status: true, componentId: true, component: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, number: r.number, description: r.description, status: STATUS_LABEL[r.status], componentId: r.componentId, component: r.component.name }));
}

/**
 * The change calendar's data for [from, to): changes with a planned time in
 * Approved/Scheduled/In progress and every maintenance window, as calendar
 * items, plus the (change, window) links that make two items the same work.
 */
export async function getCalendar(from: Date, to: Date) {
  const [changes, windows] = await Promise.all([
    db.changeRequest.findMany({
      where: {
        status: { in: ["Approved", "Scheduled", "InProgress"] },
        plannedStart: { not: null, lt: to },
        OR: [{ plannedEnd: { gt: from } }, { plannedEnd: null, plannedStart: { gte: new Date(from.getTime() - 3_600_000) } }],
      },
      orderBy: { plannedStart: "asc" },
      take: 500,
      select: { id: true, number: true, description: true, status: true, componentId: true, plannedStart: true, plannedEnd: true, component: { select: { name: true } } },
    }),
    db.maintenanceWindow.findMany({
      where: { windowStart: { lt: to }, windowEnd: { gt: from } },
      orderBy: { windowStart: "asc" },
      take: 500,
      select: { id: true, number: true, title: true, windowStart: true, windowEnd: true, components: { select: { componentId: true } }, changes: { select: { changeId: true } } },
    }),
  ]);
  const items = [
    ...changes.flatMap((c) =>
      c.plannedStart
        ? [
            {
              key: `cr:${c.id}`,
              kind: "change" as const,
              label: `CR-${c.number} ${c.description} (${c.component.name}, ${STATUS_LABEL[c.status]})`,
              href: `/changes/${c.id}`,
              start: c.plannedStart,
              // a change planned without an end occupies its first hour on the calendar
              end: c.plannedEnd ?? new Date(c.plannedStart.getTime() + 3_600_000),
              componentIds: [c.componentId],
            },
          ]
        : [],
    ),
    ...windows.map((w) => ({
      key: `mw:${w.id}`,
      kind: "maintenance" as const,
      label: `MW-${w.number} ${w.title}`,
      href: `/maintenance/${w.id}`,
      start: w.windowStart,
      end: w.windowEnd,
      componentIds: w.components.map((c) => c.componentId),
    })),
  ];
  const links = new Set(windows.flatMap((w) => w.changes.map((c) => `cr:${c.changeId}|mw:${w.id}`)));
  return { items, links };
}

const HISTORY_LABELS: Record<string, string> = {
  "maintenance.created": "Scheduled the window",
  "maintenance.updated": "Edited the window",
  "maintenance.notified": "Sent the notification",
  "maintenance.cancelled": "Cancelled the window",
};

/** The window's history from the audit log (who did what, when), oldest first. */
export async function listMaintenanceHistory(id: string) {
  const rows = await db.auditLog.findMany({
    where: { entity: "MaintenanceWindow", entityId: id },
    orderBy: { id: "asc" },
    take: 200,
    select: { id: true, at: true, action: true, actorLabel: true, actor: { select: { name: true } }, data: true },
  });
  return rows.map((r) => {
    const data = (r.data ?? {}) as { kind?: string; fields?: string[]; reason?: string };
    const detail =
      r.action === "maintenance.notified"
        ? ` (${data.kind ?? "Scheduled"})`
        : r.action === "maintenance.updated" && data.fields?.length
          ? ` (${data.fields.join(", ")})`
          : r.action === "maintenance.cancelled" && data.reason
            ? `: ${data.reason}`
            : "";
    return { id: String(r.id), at: r.at.toISOString(), who: r.actor?.name ?? r.actorLabel, what: `${HISTORY_LABELS[r.action] ?? r.action}${detail}` };
  });
}
