import "server-only";
import type { Tx } from "@/lib/db/client";
import { RateLimitedError } from "@/lib/errors";

/**
 * Fixed-window counters in the database (RateLimitEvent), so every instance
 * agrees. `hit` counts one request against each limit and throws
 * RateLimitedError when any limit is already used up (the refused request is
 * not counted, so a flood cannot extend its own block). Old rows of the same
 * keys are pruned on the way.
 */
export type Limit = { bucket: string; key: string; max: number; windowMs: number };

export async function hitRateLimits(tx: Tx, limits: Limit[], now: Date) {
  for (const l of limits) {
    const since = new Date(now.getTime() - l.windowMs);
    // one counter at a time per key: concurrent requests cannot all read "under the limit"
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${l.bucket}:${l.key}`}))`;
    await tx.rateLimitEvent.deleteMany({ where: { bucket: l.bucket, key: l.key, at: { lt: since } } });
    const used = await tx.rateLimitEvent.count({ where: { bucket: l.bucket, key: l.key, at: { gte: since, lte: now } } });
    if (used >= l.max) throw new RateLimitedError(undefined, Math.ceil(l.windowMs / 1000));
  }
  await tx.rateLimitEvent.createMany({ data: limits.map((l) => ({ bucket: l.bucket, key: l.key, at: now })) });
}
