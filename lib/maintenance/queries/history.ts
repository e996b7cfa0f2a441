import "server-only";
import { db } from "@/lib/db/client";

const HISTORY_LABELS: Record<string, string> = {
  "maintenance.created": "Scheduled the window",
  "maintenance.updated": "Edited the window",
  "maintenance.notified": "Sent the notification",
  "maintenance.cancelled": "Cancelled the window",
  "maintenance.ended_early": "Ended the window early (its change was over)",
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
