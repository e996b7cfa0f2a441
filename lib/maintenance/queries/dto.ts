import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  maintenancePhase,
  notificationState,
  renderNotice,
  type MaintenancePhase,
  type MaintenanceTypeValue,
  type NoticeContent,
  type NotificationState,
  type RollbackValue,
} from "@/lib/maintenance/window";
import { STATUS_LABEL } from "@/lib/changes/state-machine";

/** The database stores "Not Available" but Prisma's enum key is NotAvailable: map once, here. */
export const rollbackFromDb = (v: "Available" | "NotAvailable"): RollbackValue => (v === "NotAvailable" ? "Not Available" : "Available");
export const rollbackToDb = (v: RollbackValue): "Available" | "NotAvailable" => (v === "Not Available" ? "NotAvailable" : "Available");

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
