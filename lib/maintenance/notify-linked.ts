import "server-only";
import { audit, type AuditActor } from "@/lib/audit";
import type { Tx } from "@/lib/db/client";
import { notify } from "@/lib/jobs/outbox";

type ChangeRef = { id: string; number: number; requesterId: string };

/**
 * Records (on each change's own audit trail) that a window was linked or
 * unlinked, and tells the requesters: linking is what satisfies the change's
 * "Maintenance window scheduled" gate item.
 */
export async function notifyLinked(tx: Tx, actor: AuditActor, window: { id: string; number: number; title: string }, links: { added: ChangeRef[]; removed: ChangeRef[] }, now: Date) {
  for (const [list, verb] of [
    [links.added, "linked"],
    [links.removed, "unlinked"],
  ] as const) {
    for (const c of list) {
      await audit(tx, { actor, action: `change.maintenance_${verb}`, entity: "ChangeRequest", entityId: c.id, data: { windowId: window.id, windowNumber: window.number } });
      await notify(
        tx,
        [c.requesterId],
        {
          title: `MW-${window.number} ${verb} ${verb === "linked" ? "to" : "from"} CR-${c.number}`,
          body: `Maintenance window "${window.title}" was ${verb} ${verb === "linked" ? "to" : "from"} your change CR-${c.number}.`,
          link: `/changes/${c.id}`,
          event: `maintenance.${verb}`,
          data: { windowId: window.id, changeId: c.id },
          dedupeKey: `maintenance:${window.id}:${verb}:${c.id}:${now.getTime()}`,
        },
        now,
      );
    }
  }
}
