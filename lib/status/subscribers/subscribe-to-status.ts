import "server-only";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/outbox";
import { hitRateLimits } from "@/lib/net/rate-limit";
import { parseInput } from "@/lib/validation";
import { sha256, token } from "./links";
import { confirmationMessage, SYSTEM } from "./messages";
import { subscribeSchema } from "./schemas";

const HOUR = 3_600_000;

/**
 * Anonymous subscribe, rate-limited per client IP and per target
 * (OPSGATE_SUBSCRIBE_MAX_PER_IP / _PER_TARGET per hour, 429 beyond).
 * Email and webhook alike start pending and receive ONE confirmation message:
 * the email carries the link, the webhook gets a verification request whose
 * `data.confirmUrl` the receiver must open. Nothing else is sent before that.
 * The answer is "pending" unless the subscription was already confirmed.
 */
export async function subscribeToStatus({ input, ip = "unknown", now = new Date() }: { input: unknown; ip?: string; now?: Date }) {
  const parsed = parseInput(subscribeSchema, input);
  const env = getEnv();
  // Without a mail server the confirmation could never arrive: say so instead of "check your email".
  if (parsed.kind === "email" && !env.SMTP_URL) throw new ValidationError({ target: "Email subscriptions are unavailable: no mail server is configured. Subscribe a webhook or follow the Atom feed." });
  return db.$transaction(async (tx) => {
    await hitRateLimits(
      tx,
      [
        { bucket: "subscribe:ip", key: ip, max: env.OPSGATE_SUBSCRIBE_MAX_PER_IP, windowMs: HOUR },
        { bucket: "subscribe:target", key: sha256(`${parsed.kind}:${parsed.target}`), max: env.OPSGATE_SUBSCRIBE_MAX_PER_TARGET, windowMs: HOUR },
      ],
      now,
    );
    const valid = parsed.componentIds.length
      ? (await tx.component.findMany({ where: { id: { in: parsed.componentIds }, public: true }, select: { id: true } })).map((c) => c.id)
      : [];
    const existing = await tx.statusSubscriber.findUnique({ where: { kind_target: { kind: parsed.kind, target: parsed.target } } });
    if (existing && existing.confirmedAt && !existing.unsubscribedAt) {
      const sub = await tx.statusSubscriber.update({ where: { id: existing.id }, data: { componentIds: valid } });
      await audit(tx, { actor: SYSTEM, action: "status.subscribed", entity: "StatusSubscriber", entityId: sub.id, data: { kind: sub.kind, components: valid.length } });
      return { id: sub.id, kind: sub.kind, state: "active" as const };
    }
    const confirm = token();
    const data = { componentIds: valid, confirmTokenHash: sha256(confirm), confirmedAt: null, unsubscribedAt: null };
    const sub = existing
      ? await tx.statusSubscriber.update({ where: { id: existing.id }, data })
      : await tx.statusSubscriber.create({ data: { ...data, kind: parsed.kind, target: parsed.target, unsubscribeToken: token() } });
    await enqueue(tx, [confirmationMessage(sub, confirm)], now);
    await audit(tx, { actor: SYSTEM, action: "status.subscriptionRequested", entity: "StatusSubscriber", entityId: sub.id, data: { kind: sub.kind, components: valid.length } });
    return { id: sub.id, kind: sub.kind, state: "pending" as const };
  });
}
