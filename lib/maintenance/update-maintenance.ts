import "server-only";
import { syncWindowSilences } from "@/lib/alerts/silences";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ConflictError, GateBlockedError, NotFoundError, ValidationError } from "@/lib/errors";
import { checkChangeLinks, loadComponents } from "@/lib/maintenance/links";
import { notifyLinked } from "@/lib/maintenance/notify-linked";
import { defaultContact, getMaintenance, noticeContent, rollbackToDb, windowSelect } from "@/lib/maintenance/queries";
import { idSchema, updateMaintenanceSchema } from "@/lib/maintenance/schemas";
import { noticeChanged, windowRuleErrors, type NoticeContent } from "@/lib/maintenance/window";
import { refreshComponentStatuses } from "@/lib/status/refresh";
import { parseInput } from "@/lib/validation";

/**
 * Edits a window (body carries `version`; a stale one is a 409 and writes
 * nothing). An edit after notifying that changes what the notification says
 * sets `noticeChangedAt`, which offers a "Rescheduled" notice; `notifiedAt`
 * stays (the stakeholders were notified, of the earlier version).
 */
export async function updateMaintenance({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "maintenance.update");
  const { id } = parseInput(idSchema, input);
  const data = parseInput(updateMaintenanceSchema, input);
  return db.$transaction(async (tx) => {
    const row = await tx.maintenanceWindow.findUnique({ where: { id }, select: windowSelect });
    if (!row) throw new NotFoundError("Maintenance window");
    if (row.version !== data.version) throw new ConflictError();
    if (row.cancelledAt) throw new GateBlockedError("This window is cancelled; schedule a new one instead", { window: "cancelled" });

    const windowStart = data.windowStart ?? row.windowStart;
    const windowEnd = data.windowEnd ?? row.windowEnd;
    const ruleErrors = windowRuleErrors({ windowStart, windowEnd });
    if (ruleErrors) throw new ValidationError(ruleErrors);

    const beforeComponents = row.components.map((c) => c.component.id);
    const afterComponents = data.componentIds ?? beforeComponents;
    const components = data.componentIds ? await loadComponents(tx, data.componentIds) : row.components.map((c) => c.component);
    const beforeChanges = row.changes.map((c) => c.change.id);
    const links = await checkChangeLinks(tx, beforeChanges, data.changeIds ?? beforeChanges);

    const before = noticeContent(row);
    const after: NoticeContent = {
      windowStart,
      windowEnd,
      components: components.map((c) => c.name),
      type: data.type ?? before.type,
      impact: data.impact ?? before.impact,
      rollback: data.rollback ?? before.rollback,
      contact: data.contact === "" ? await defaultContact(windowStart, tx) : (data.contact ?? before.contact),
    };
    const contentChanged = noticeChanged(before, after);

    // The version in the WHERE makes a concurrent edit lose cleanly (0 rows → 409).
    const claimed = await tx.maintenanceWindow.updateMany({
      where: { id, version: data.version },
      data: {
        title: data.title,
        windowStart,
        windowEnd,
        type: after.type,
        impact: after.impact,
        rollback: rollbackToDb(after.rollback),
        contact: after.contact,
        version: { increment: 1 },
        ...(contentChanged && row.notifiedAt && !row.noticeChangedAt ? { noticeChangedAt: now } : {}),
      },
    });
    if (claimed.count !== 1) throw new ConflictError();

    if (data.componentIds) {
      await tx.maintenanceComponent.deleteMany({ where: { windowId: id, componentId: { notIn: afterComponents } } });
      await tx.maintenanceComponent.createMany({ data: afterComponents.map((componentId) => ({ windowId: id, componentId })), skipDuplicates: true });
    }
    if (links.removed.length) await tx.changeMaintenance.deleteMany({ where: { windowId: id, changeId: { in: links.removed.map((c) => c.id) } } });
    if (links.added.length) await tx.changeMaintenance.createMany({ data: links.added.map((c) => ({ windowId: id, changeId: c.id })), skipDuplicates: true });

    const changedFields = (["title", "windowStart", "windowEnd", "componentIds", "type", "impact", "rollback", "contact", "changeIds"] as const).filter((k) => data[k] !== undefined);
    await audit(tx, {
      actor,
      action: "maintenance.updated",
      entity: "MaintenanceWindow",
      entityId: id,
      data: {
        fields: changedFields,
        version: data.version + 1,
        noticeChanged: contentChanged,
        renotifyNeeded: contentChanged && !!row.notifiedAt,
        windowStart,
        windowEnd,
        componentIds: afterComponents,
        linked: links.added.map((c) => c.id),
        unlinked: links.removed.map((c) => c.id),
      },
    });
    await notifyLinked(tx, actor, { id, number: row.number, title: data.title ?? row.title }, links, now);
    await syncWindowSilences(tx, [id], now);
    await refreshComponentStatuses(tx, now, [...new Set([...beforeComponents, ...afterComponents])]);
    return getMaintenance(id, now, tx);
  });
}
