import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { markNotificationsReadSchema } from "@/lib/notify/schemas";
import { parseInput } from "@/lib/validation";

/** Marks the caller's unread notifications (all, or the given ids) read. Someone else's ids are silently not matched. */
export async function markNotificationsRead({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "notifications.read");
  const { ids } = parseInput(markNotificationsReadSchema, input ?? {});
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { userId: actor.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: now } });
    // Not a shared-data change, but cheap to record; skipped when nothing changed so polling clients add no noise.
    if (count > 0) await audit(tx, { actor, action: "notifications.marked_read", entity: "User", entityId: actor.id, data: { count, ...(ids ? { ids } : { all: true }) }, at: now });
    return { updated: count };
  });
}
