import "server-only";
import { syncWindowSilences } from "@/lib/alerts/silences";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ConflictError, GateBlockedError, NotFoundError } from "@/lib/errors";
import { notify } from "@/lib/jobs/outbox";
import { getMaintenance, noticeContent, sortedComponents, windowSelect } from "@/lib/maintenance/queries";
import { cancelMaintenanceSchema, idSchema } from "@/lib/maintenance/schemas";
import { cancelRuleError, maintenancePhase, renderNotice } from "@/lib/maintenance/window";
import { refreshComponentStatuses } from "@/lib/status/refresh";
import { parseInput } from "@/lib/validation";

/**
 * Cancels a scheduled or in-progress window (POST /maintenance/{id}/cancel,
 * body `{version, reason}`). From then on it is neither upcoming nor active:
 * its components leave "under maintenance", its alert silences expire, and it
 * no longer conflicts with other windows. Stakeholders (owners of its
 * components, requesters of linked changes) are told in app/email/webhooks;
 * if it was public (notified), the status page, feeds and v2 JSON show it
 * cancelled and status subscribers are told (sendSubscriberNotices).
 */
export async function cancelMaintenance({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "maintenance.cancel");
  const { id } = parseInput(idSchema, input);
  const data = parseInput(cancelMaintenanceSchema, input);
  return db.$transaction(async (tx) => {
    const row = await tx.maintenanceWindow.findUnique({ where: { id }, select: windowSelect });
    if (!row) throw new NotFoundError("Maintenance window");
    if (row.version !== data.version) throw new ConflictError();
    const refused = cancelRuleError(row, now);
    if (refused) throw new GateBlockedError(refused, { window: maintenancePhase(row, now) });

    const claimed = await tx.maintenanceWindow.updateMany({
      where: { id, version: data.version, cancelledAt: null },
      data: { cancelledAt: now, cancelReason: data.reason, version: { increment: 1 } },
    });
    if (claimed.count !== 1) throw new ConflictError();

    const components = sortedComponents(row);
    const text = renderNotice(noticeContent(row), "Cancelled", data.reason);
    const ownerRoles = [...new Set(components.map((c) => c.ownerRole))];
    const owners = await tx.user.findMany({ where: { role: { in: ownerRoles }, active: true }, select: { id: true } });
    const recipients = [...new Set([...owners.map((u) => u.id), ...row.changes.map((c) => c.change.requesterId)])];
    await notify(
      tx,
      recipients,
      {
        title: `Maintenance cancelled: ${row.title} (MW-${row.number})`,
        body: text,
        link: `/maintenance/${id}`,
        event: "maintenance.cancelled",
        data: { windowId: id, number: row.number, reason: data.reason, componentIds: components.map((c) => c.id), changeIds: row.changes.map((c) => c.change.id) },
        dedupeKey: `maintenance:${id}:cancelled`,
      },
      now,
    );
    await audit(tx, {
      actor,
      action: "maintenance.cancelled",
      entity: "MaintenanceWindow",
      entityId: id,
      at: now,
      data: { reason: data.reason, version: data.version + 1, phase: maintenancePhase(row, now), wasPublic: !!row.notifiedAt, recipients: recipients.length },
    });
    await syncWindowSilences(tx, [id], now);
    await refreshComponentStatuses(tx, now, components.map((c) => c.id));
    return getMaintenance(id, now, tx);
  });
}
