import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { GateBlockedError, NotFoundError } from "@/lib/errors";
import { notify } from "@/lib/jobs/outbox";
import { publishMaintenanceNotice } from "@/lib/maintenance/publish";
import { getMaintenance, noticeContent, sortedComponents, windowSelect, type MaintenanceDto } from "@/lib/maintenance/queries";
import { idSchema } from "@/lib/maintenance/schemas";
import { maintenancePhase, renderNotice, type NoticeKind } from "@/lib/maintenance/window";
import { parseInput } from "@/lib/validation";

export type NotifyResult = { sent: boolean; kind: NoticeKind | null; recipients: number; window: MaintenanceDto };

/**
 * Sends the Maintenance Notification (POST /maintenance/{id}/notify).
 * Idempotent: when the current content was already notified nothing is sent.
 * After an edit that changed the notice (noticeChangedAt), the next call
 * sends "Rescheduled".
 * Recipients: holders of the affected components' owner roles and the
 * requesters of linked changes (in-app, email, webhooks), plus public
 * subscribers through publishMaintenanceNotice. Sets `notifiedAt`, which is
 * what marks "Stakeholders notified" on every linked change.
 */
export async function notifyMaintenance({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }): Promise<NotifyResult> {
  assertCan(actor, "maintenance.notify");
  const { id } = parseInput(idSchema, input);
  return db.$transaction(async (tx) => {
    const row = await tx.maintenanceWindow.findUnique({ where: { id }, select: windowSelect });
    if (!row) throw new NotFoundError("Maintenance window");
    // idempotent: sent, and not edited since → nothing to send
    if (row.notifiedAt && !row.noticeChangedAt) return { sent: false, kind: null, recipients: 0, window: await getMaintenance(id, now, tx) };
    if (maintenancePhase(row, now) === "cancelled") throw new GateBlockedError("This window is cancelled; there is nothing to announce", { window: "cancelled" });
    if (maintenancePhase(row, now) === "completed") throw new GateBlockedError("This window has already ended; there is nothing to announce", { window: "completed" });

    // Claim the send: of two concurrent calls only one still finds the state it read.
    const claimed = await tx.maintenanceWindow.updateMany({
      where: { id, version: row.version, notifiedAt: row.notifiedAt, noticeChangedAt: row.noticeChangedAt },
      data: { notifiedAt: now, noticeChangedAt: null },
    });
    if (claimed.count !== 1) return { sent: false, kind: null, recipients: 0, window: await getMaintenance(id, now, tx) };

    const kind: NoticeKind = row.notifiedAt ? "Rescheduled" : "Scheduled";
    const text = renderNotice(noticeContent(row), kind);
    const components = sortedComponents(row);
    const ownerRoles = [...new Set(components.map((c) => c.ownerRole))];
    const owners = await tx.user.findMany({ where: { role: { in: ownerRoles }, active: true }, select: { id: true } });
    const recipients = [...new Set([...owners.map((u) => u.id), ...row.changes.map((c) => c.change.requesterId)])];
    const event = kind === "Scheduled" ? "maintenance.scheduled" : "maintenance.rescheduled";
    await notify(
      tx,
      recipients,
      {
        title: `Maintenance ${kind.toLowerCase()}: ${row.title} (MW-${row.number})`,
        body: text,
        link: `/maintenance/${id}`,
        event,
        data: { windowId: id, number: row.number, kind, windowStart: row.windowStart, windowEnd: row.windowEnd, componentIds: components.map((c) => c.id), changeIds: row.changes.map((c) => c.change.id) },
        // one notice per content version: a retried call can never send twice
        dedupeKey: `maintenance:${id}:notice:v${row.version}`,
      },
      now,
    );
    const published = await publishMaintenanceNotice(
      tx,
      { windowId: id, number: row.number, title: row.title, kind, text, windowStart: row.windowStart, windowEnd: row.windowEnd, publicComponentIds: components.filter((c) => c.public).map((c) => c.id) },
      now,
    );
    await audit(tx, { actor, action: "maintenance.notified", entity: "MaintenanceWindow", entityId: id, data: { kind, version: row.version, recipients: recipients.length, published, notice: text } });
    for (const c of row.changes) {
      await audit(tx, { actor, action: "change.stakeholders_notified", entity: "ChangeRequest", entityId: c.change.id, data: { windowId: id, windowNumber: row.number, kind } });
    }
    return { sent: true, kind, recipients: recipients.length, window: await getMaintenance(id, now, tx) };
  });
}
