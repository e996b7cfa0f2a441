import "server-only";
import { randomInt } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_SHARDS, rowMac } from "@/lib/audit/chain";
import { auditKey } from "@/lib/audit/key";

export { verifyAuditChain, type AuditVerification } from "@/lib/audit/verify";
export { writeAuditCheckpoint, readAuditCheckpoint, auditCheckpointPath } from "@/lib/audit/checkpoint";

/** Who did it: a user, or the system (ticker, worker, seed). */
export type AuditActor = { id: string; email?: string; name?: string } | { system: string };

export type AuditEntry = {
  actor: AuditActor;
  action: string; // area.pastTense, e.g. "change.approved"
  entity: string; // e.g. "ChangeRequest"
  entityId: string;
  data?: Record<string, unknown>;
  at?: Date;
};

function label(actor: AuditActor) {
  return "system" in actor ? `system:${actor.system}` : (actor.email ?? actor.name ?? actor.id);
}

/** Normalises data to plain JSON (Dates → ISO strings) so the stored row hashes the same on read. */
function toJson(data: Record<string, unknown> | undefined): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(data ?? {})) as Prisma.InputJsonObject;
}

/** The shard each open transaction writes to: a second audit row of a transaction extends the same chain. */
const claimed = new WeakMap<object, number>();

/**
 * Appends one audit row inside the caller's transaction (lib/audit/chain.ts).
 * `audit_claim_shard` (migration 20261204010000) gives the transaction a chain
 * no other open transaction holds (a transaction-scoped advisory lock per
 * shard, tried from a random start, so writers only wait when every shard is
 * busy), the chain's last row and the new row's id; the row's HMAC covers all
 * of it.
 */
export async function audit(tx: Tx, entry: AuditEntry) {
  const key = auditKey();
  const preferred = claimed.get(tx) ?? null;
  const [claim] = await tx.$queryRaw<{ claimed_shard: number; audit_id: bigint; prev_hash: string | null; prev_seq: bigint | null }[]>`
    SELECT * FROM "audit_claim_shard"(${preferred}::integer, ${randomInt(AUDIT_SHARDS)}::integer, ${AUDIT_SHARDS}::integer)`;
  claimed.set(tx, claim.claimed_shard);
  const row = {
    id: BigInt(claim.audit_id),
    at: entry.at ?? new Date(),
    actorId: "system" in entry.actor ? null : entry.actor.id,
    actorLabel: label(entry.actor),
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    data: toJson(entry.data),
    shard: claim.claimed_shard,
    seq: (claim.prev_seq === null ? 0n : BigInt(claim.prev_seq)) + 1n,
    prevHash: claim.prev_hash ?? "",
  };
  return tx.auditLog.create({ data: { ...row, hash: rowMac(key, row) } });
}
