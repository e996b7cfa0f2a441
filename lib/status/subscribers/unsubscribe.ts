import "server-only";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { SYSTEM } from "./messages";

/** One-click unsubscribe (idempotent). */
export async function unsubscribe({ token: t, now = new Date() }: { token: string; now?: Date }) {
  if (!t) throw new NotFoundError("subscription");
  return db.$transaction(async (tx) => {
    const sub = await tx.statusSubscriber.findUnique({ where: { unsubscribeToken: t } });
    if (!sub) throw new NotFoundError("subscription");
    if (!sub.unsubscribedAt) {
      await tx.statusSubscriber.update({ where: { id: sub.id }, data: { unsubscribedAt: now } });
      await audit(tx, { actor: SYSTEM, action: "status.unsubscribed", entity: "StatusSubscriber", entityId: sub.id, data: { kind: sub.kind } });
    }
    return { id: sub.id };
  });
}
