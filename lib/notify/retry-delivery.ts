import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { deliverDue } from "@/lib/jobs/deliver-due";
import { log } from "@/lib/log";
import { retryDeliverySchema } from "@/lib/notify/schemas";
import { parseInput } from "@/lib/validation";

/**
 * "Retry now" (ARCHITECT): a failed message gets a fresh set of attempts; a
 * pending one waiting out its backoff becomes due at once. The worker (or the
 * caller, with deliverDue({ids})) then delivers it. Delivered ones conflict.
 */
export async function retryDelivery({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "deliveries.retry");
  const { id } = parseInput(retryDeliverySchema, input);
  return db.$transaction(async (tx) => {
    const msg = await tx.outboxMessage.findUnique({ where: { id }, select: { id: true, status: true, attempts: true, lastError: true } });
    if (!msg) throw new NotFoundError("Delivery");
    if (msg.status === "delivered") throw new ConflictError("This message was already delivered");
    const data = msg.status === "failed" ? { status: "pending" as const, attempts: 0, nextAttemptAt: now } : { nextAttemptAt: now };
    // Guard on the state we read, so a worker finishing meanwhile is not overwritten.
    const { count } = await tx.outboxMessage.updateMany({ where: { id, status: msg.status, attempts: msg.attempts }, data });
    if (count !== 1) throw new ConflictError("The message changed while retrying; reload and try again");
    await audit(tx, { actor, action: "delivery.retried", entity: "OutboxMessage", entityId: id, data: { previousStatus: msg.status, previousAttempts: msg.attempts, lastError: msg.lastError }, at: now });
    return { id, status: "pending" as const };
  });
}

/** Retry, then deliver this one message at once (the "Retry now" button shows the outcome). */
export async function retryDeliveryNow({ actor, input }: { actor: Actor; input: unknown }) {
  const { id } = await retryDelivery({ actor, input });
  await deliverDue(new Date(), { ids: [id] }).catch((err: unknown) => log.error({ err, outboxId: id }, "retry delivery crashed"));
  const row = await db.outboxMessage.findUnique({ where: { id }, select: { status: true, lastError: true } });
  return { id, status: row?.status ?? "pending", lastError: row?.lastError ?? null };
}
