import "server-only";
import { syncWindowSilences } from "@/lib/alerts/silences";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { checkChangeLinks, loadComponents } from "@/lib/maintenance/links";
import { notifyLinked } from "@/lib/maintenance/notify-linked";
import { defaultContact, getMaintenance, rollbackToDb } from "@/lib/maintenance/queries";
import { createMaintenanceSchema } from "@/lib/maintenance/schemas";
import { refreshComponentStatuses } from "@/lib/status/refresh";
import { parseInput } from "@/lib/validation";

/**
 * Schedules a maintenance window (SPEC.md §4). The window rule (end after
 * start) runs in the schema; CONTACT defaults to the SRE on call at the
 * window's start. Linked changes get the window as their gate evidence.
 */
export async function createMaintenance({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "maintenance.create");
  const data = parseInput(createMaintenanceSchema, input);
  return db.$transaction(async (tx) => {
    await loadComponents(tx, data.componentIds);
    const links = await checkChangeLinks(tx, [], data.changeIds ?? []);
    const contact = data.contact || (await defaultContact(data.windowStart, tx));
    const created = await tx.maintenanceWindow.create({
      data: {
        title: data.title,
        windowStart: data.windowStart,
        windowEnd: data.windowEnd,
        type: data.type,
        impact: data.impact,
        rollback: rollbackToDb(data.rollback),
        contact,
        createdById: actor.id,
        components: { create: data.componentIds.map((componentId) => ({ componentId })) },
        changes: { create: links.added.map((c) => ({ changeId: c.id })) },
      },
      select: { id: true, number: true },
    });
    await audit(tx, {
      actor,
      action: "maintenance.created",
      entity: "MaintenanceWindow",
      entityId: created.id,
      data: { number: created.number, title: data.title, windowStart: data.windowStart, windowEnd: data.windowEnd, componentIds: data.componentIds, type: data.type, rollback: data.rollback, contact, changeIds: links.added.map((c) => c.id) },
    });
    await notifyLinked(tx, actor, { id: created.id, number: created.number, title: data.title }, links, now);
    await syncWindowSilences(tx, [created.id], now);
    await refreshComponentStatuses(tx, now, data.componentIds);
    return getMaintenance(created.id, now, tx);
  });
}
