import "server-only";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { sha256 } from "./links";
import { SYSTEM } from "./messages";

/** Confirms a subscription from the link in the confirmation email / webhook verification request. */
export async function confirmSubscription({ token: t, now = new Date() }: { token: string; now?: Date }) {
  if (!t) throw new NotFoundError("subscription");
  return db.$transaction(async (tx) => {
    const sub = await tx.statusSubscriber.findUnique({ where: { confirmTokenHash: sha256(t) } });
    if (!sub) throw new NotFoundError("subscription");
    await tx.statusSubscriber.update({ where: { id: sub.id }, data: { confirmedAt: now, confirmTokenHash: null, unsubscribedAt: null } });
    await audit(tx, { actor: SYSTEM, action: "status.subscriptionConfirmed", entity: "StatusSubscriber", entityId: sub.id, data: { kind: sub.kind } });
    return { id: sub.id, kind: sub.kind };
  });
}
