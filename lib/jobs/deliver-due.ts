import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { Prisma, type Channel } from "@/lib/generated/prisma/client";
import { afterFailure } from "@/lib/jobs/backoff";
import { log } from "@/lib/log";
import { createInAppNotification, DeliveryError, sendEmail, sendNtfy, sendSlack, sendWebhook } from "@/lib/notify/channels";

/**
 * Outbox delivery worker.
 *
 * Claim with a lease: one UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)
 * statement (its own short transaction) picks due pending rows, bumps
 * `attempts` and pushes `nextAttemptAt` to now + lease. Other instances skip
 * the locked rows while the statement runs and see them as not due after it
 * commits. Delivery then happens OUTSIDE any transaction (no row lock held
 * across a slow HTTP/SMTP call), and a second short write marks the row
 * delivered / retry-later / failed — only if `attempts` still equals the
 * claimed value (a fencing token: a worker whose lease ran out cannot
 * overwrite the newer claim).
 *
 * Crash safety (at-least-once): if an instance dies after claiming, the row
 * stays `pending` and becomes due again when the lease expires; nothing is
 * lost. A webhook or email can therefore arrive twice in that rare case; the
 * payload's `id` (stable across retries) lets receivers deduplicate. In-app
 * notifications are exactly-once: the Notification row and the "delivered"
 * mark are written in one transaction, guarded by the same fence.
 */

export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_BATCH_SIZE = 50;

export type DeliverOptions = {
  /** rows claimed per batch (default 50) */
  batchSize?: number;
  /** keep claiming while batches come back full, at most this many (default 10) */
  maxBatches?: number;
  /** how long a claim hides a row from other workers (default 5 min; must exceed the slowest delivery) */
  leaseMs?: number;
  /** default OPSGATE_OUTBOX_MAX_ATTEMPTS */
  maxAttempts?: number;
  /** parallel deliveries within a batch (default 8) */
  concurrency?: number;
  /** HTTP timeout for webhook/slack (default 5 s) */
  timeoutMs?: number;
  /** jitter source in [0, 1) (default Math.random) */
  random?: () => number;
  /** only these messages ("retry now" delivers one message at once) */
  ids?: string[];
};

export type DeliveryReport = { claimed: number; delivered: number; retried: number; failed: number; lostLease: number };

export type ClaimedMessage = { id: string; channel: Channel; target: string; subject: string; payload: unknown; attempts: number; createdAt: Date };

/** Claims up to `batchSize` due messages for this worker (see the module comment). */
export async function claimDue(now: Date, opts: Pick<DeliverOptions, "batchSize" | "leaseMs" | "ids"> = {}): Promise<ClaimedMessage[]> {
  const limit = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? DEFAULT_LEASE_MS));
  // Prisma's pg adapter sends a Date as UTC wall time without a zone ("2026-01-01 10:00:00.000"),
  // which is how the timestamp(3) columns store it: cast to timestamp, never timestamptz.
  const only = opts.ids ? Prisma.sql`AND id = ANY(${opts.ids}::text[])` : Prisma.empty;
  return db.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage" AS m
       SET "nextAttemptAt" = ${leaseUntil}::timestamp, attempts = m.attempts + 1
      FROM (
        SELECT id FROM "OutboxMessage"
         WHERE status = 'pending' AND "nextAttemptAt" <= ${now}::timestamp ${only}
         ORDER BY "nextAttemptAt"
         LIMIT ${limit}
           FOR UPDATE SKIP LOCKED
      ) AS due
     WHERE m.id = due.id
 RETURNING m.id, m.channel, m.target, m.subject, m.payload, m.attempts, m."createdAt"`;
}

type Outcome = "delivered" | "retried" | "failed" | "lostLease";

/** The fence: only the worker holding the current claim may record its outcome. */
const fence = (m: ClaimedMessage) => ({ id: m.id, status: "pending" as const, attempts: m.attempts });

async function deliverOne(m: ClaimedMessage, now: Date, opts: DeliverOptions, maxAttempts: number): Promise<Outcome> {
  try {
    if (m.channel === "in_app") {
      const ok = await db.$transaction(async (tx) => {
        const marked = await tx.outboxMessage.updateMany({ where: fence(m), data: { status: "delivered", deliveredAt: now, lastError: null } });
        if (marked.count !== 1) return false;
        await createInAppNotification(tx, m);
        return true;
      });
      return ok ? "delivered" : "lostLease";
    }
    if (m.channel === "webhook") await sendWebhook(m, { timeoutMs: opts.timeoutMs, now });
    else if (m.channel === "slack") await sendSlack(m, { timeoutMs: opts.timeoutMs });
    else if (m.channel === "ntfy") await sendNtfy(m, { timeoutMs: opts.timeoutMs });
    else if (m.channel === "alertmanager_silence") await (await import("@/lib/alerts/silences")).deliverSilence(m, { timeoutMs: opts.timeoutMs });
    else await sendEmail(m);
    const marked = await db.outboxMessage.updateMany({ where: fence(m), data: { status: "delivered", deliveredAt: now, lastError: null } });
    if (marked.count !== 1) {
      log.warn({ outboxId: m.id }, "outbox lease expired before delivery was recorded; the message may be delivered twice");
      return "lostLease";
    }
    return "delivered";
  } catch (err) {
    const lastError = (err instanceof DeliveryError ? err.message : `unexpected: ${(err as Error).message}`).slice(0, 1000);
    if (!(err instanceof DeliveryError)) log.error({ err, outboxId: m.id }, "outbox delivery crashed");
    const next = afterFailure(m.attempts, maxAttempts, now, (opts.random ?? Math.random)());
    const data = next.status === "failed" ? { status: "failed" as const, lastError } : { nextAttemptAt: next.nextAttemptAt, lastError };
    const marked = await db.outboxMessage.updateMany({ where: fence(m), data });
    if (marked.count !== 1) return "lostLease";
    log.warn({ outboxId: m.id, channel: m.channel, attempts: m.attempts, lastError, status: next.status }, "outbox delivery failed");
    return next.status === "failed" ? "failed" : "retried";
  }
}

async function inPool<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
  return out;
}

/**
 * Delivers every due outbox message (status pending, nextAttemptAt ≤ now).
 * Safe to run concurrently in several processes on one PostgreSQL.
 */
export async function deliverDue(now: Date = new Date(), opts: DeliverOptions = {}): Promise<DeliveryReport> {
  const maxAttempts = opts.maxAttempts ?? getEnv().OPSGATE_OUTBOX_MAX_ATTEMPTS;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const report: DeliveryReport = { claimed: 0, delivered: 0, retried: 0, failed: 0, lostLease: 0 };
  for (let batch = 0; batch < (opts.maxBatches ?? 10); batch++) {
    const claimed = await claimDue(now, { batchSize, leaseMs: opts.leaseMs, ids: opts.ids });
    report.claimed += claimed.length;
    const outcomes = await inPool(claimed, opts.concurrency ?? 8, (m) => deliverOne(m, now, opts, maxAttempts));
    for (const o of outcomes) report[o]++;
    if (claimed.length < batchSize) break;
  }
  return report;
}
