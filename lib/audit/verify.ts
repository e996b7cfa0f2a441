import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { checkpointMatches, createChainVerifier, type AuditCheckpoint, type ChainRow, type CheckpointHead } from "@/lib/audit/chain";
import { readAuditCheckpoint } from "@/lib/audit/checkpoint";
import { auditKey } from "@/lib/audit/key";

/**
 * The verdict of `verifyAuditChain`, shaped for the CLI, GET /api/v1/audit and
 * the Settings page alike: `checked` rows were read; on failure `firstBadId`
 * is the first row found wrong (or the checkpoint's row that is missing) and
 * `reason` says what is wrong with it. `checkpoint` is the signed checkpoint
 * the tail was checked against (null: none found, so a deleted tail could go
 * unnoticed; `warning` says so).
 */
export type AuditVerification = {
  ok: boolean;
  checked: number;
  firstBadId?: string;
  reason?: string;
  checkpoint: { at: string; rows: number } | null;
  warning?: string;
};

type Options = {
  client?: Pick<Tx, "auditLog">;
  key?: Buffer;
  /** the checkpoint to check the tail against; default: the latest one in the data directory (null: none) */
  checkpoint?: AuditCheckpoint | null;
};

/**
 * Recomputes every chain (lib/audit/chain.ts) in id order, then checks that
 * each chain still reaches the head recorded in the latest signed checkpoint.
 * An edited, forged, removed or reordered row, rows deleted from the end, a
 * wrong OPSGATE_AUDIT_KEY or an edited checkpoint all make it fail.
 */
export async function verifyAuditChain(opts: Options = {}): Promise<AuditVerification> {
  const client = opts.client ?? db;
  const key = opts.key ?? auditKey();
  let cp: AuditCheckpoint | null;
  try {
    cp = opts.checkpoint === undefined ? readAuditCheckpoint() : opts.checkpoint;
  } catch (e) {
    return { ok: false, checked: 0, reason: `the audit checkpoint cannot be read: ${(e as Error).message}`, checkpoint: null };
  }
  const cpInfo = cp ? { at: cp.at, rows: cp.rows } : null;
  const wanted = new Set([...(cp?.heads ?? []).map((h) => h[2]), ...(cp?.legacy ? [cp.legacy[1]] : [])]);
  const found = new Map<string, ChainRow>();
  const verifier = createChainVerifier(key);
  let checked = 0;
  let legacyPosition = 0; // how many legacy rows up to and including the checkpoint's legacy head
  let cursor: bigint | undefined;
  for (;;) {
    const batch = await client.auditLog.findMany({
      orderBy: { id: "asc" },
      take: 1000,
      select: { id: true, at: true, actorId: true, actorLabel: true, action: true, entity: true, entityId: true, data: true, prevHash: true, hash: true, shard: true, seq: true },
      ...(cursor !== undefined ? { where: { id: { gt: cursor } } } : {}),
    });
    if (!batch.length) break;
    for (const r of batch) {
      checked++;
      const reason = verifier.push(r);
      if (reason) return { ok: false, checked, firstBadId: String(r.id), reason, checkpoint: cpInfo };
      if (wanted.has(String(r.id))) {
        found.set(String(r.id), r);
        if (r.shard === null) legacyPosition = verifier.legacy()?.count ?? 0;
      }
    }
    cursor = batch[batch.length - 1].id;
  }
  if (!cp) return { ok: true, checked, checkpoint: null, warning: "No audit checkpoint found: rows deleted from the end of the log cannot be detected." };

  const heads: CheckpointHead[] = [];
  for (const [shard, seq, id] of cp.heads) {
    const row = found.get(id);
    if (!row) return { ok: false, checked, firstBadId: id, reason: `row ${id} (#${seq} of shard ${shard}) of the checkpoint of ${cp.at} is missing: rows were deleted from the log`, checkpoint: cpInfo };
    if (row.shard !== shard || row.seq !== BigInt(seq)) return { ok: false, checked, firstBadId: id, reason: `row ${id} is no longer #${seq} of shard ${shard} as in the checkpoint of ${cp.at}`, checkpoint: cpInfo };
    heads.push({ shard, seq: BigInt(seq), id: row.id, hash: row.hash });
  }
  let legacy = null;
  if (cp.legacy) {
    const [count, id] = cp.legacy;
    const row = found.get(id);
    if (!row || row.shard !== null) return { ok: false, checked, firstBadId: id, reason: `legacy row ${id} of the checkpoint of ${cp.at} is missing: rows were deleted from the log`, checkpoint: cpInfo };
    if (legacyPosition !== count) return { ok: false, checked, firstBadId: id, reason: `the checkpoint of ${cp.at} counted ${count} legacy rows up to row ${id}, the log has ${legacyPosition}`, checkpoint: cpInfo };
    legacy = { count, id: row.id, hash: row.hash };
  }
  if (!checkpointMatches(key, cp, heads, legacy)) {
    return { ok: false, checked, reason: `the checkpoint of ${cp.at} does not match: it was edited, it belongs to another database, or OPSGATE_AUDIT_KEY is not the key it was signed with`, checkpoint: cpInfo };
  }
  return { ok: true, checked, checkpoint: cpInfo };
}
