import "server-only";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { AUDIT_SHARDS, checkpointMatches, parseCheckpoint, signCheckpoint, type AuditCheckpoint, type CheckpointHead, type CheckpointLegacy } from "@/lib/audit/chain";
import { auditKey } from "@/lib/audit/key";

export const AUDIT_CHECKPOINT_FILE = "audit-checkpoint.json";

/** OPSGATE_AUDIT_CHECKPOINT_DIR's checkpoint file, else the data directory's. */
export function auditCheckpointPath(dir: string = getEnv().OPSGATE_AUDIT_CHECKPOINT_DIR ?? getEnv().OPSGATE_DATA_DIR): string {
  return path.join(path.resolve(dir), AUDIT_CHECKPOINT_FILE);
}

/** The latest checkpoint in `file` (default: the data directory's), null when there is none. Throws when it is unreadable. */
export function readAuditCheckpoint(file: string = auditCheckpointPath()): AuditCheckpoint | null {
  if (!existsSync(file)) return null;
  return parseCheckpoint(readFileSync(file, "utf8"));
}

type Client = Pick<typeof db, "$queryRaw">;

/** Each chain's newest row and the legacy chain's (count, newest row), read in one snapshot-free pass of index lookups. */
async function currentHeads(client: Client): Promise<{ heads: CheckpointHead[]; legacy: CheckpointLegacy | null }> {
  const rows = await client.$queryRaw<{ shard: number; id: bigint; seq: bigint; hash: string }[]>`
    SELECT s AS shard, a.id, a.seq, a.hash
    FROM generate_series(0, ${AUDIT_SHARDS - 1}::integer) AS s
    JOIN LATERAL (SELECT id, seq, hash FROM "AuditLog" WHERE "shard" = s ORDER BY id DESC LIMIT 1) AS a ON true`;
  const [legacy] = await client.$queryRaw<{ count: bigint; id: bigint | null; hash: string | null }[]>`
    SELECT count(*) AS count, max(id) AS id, (SELECT hash FROM "AuditLog" WHERE "shard" IS NULL ORDER BY id DESC LIMIT 1) AS hash
    FROM "AuditLog" WHERE "shard" IS NULL`;
  return {
    heads: rows.map((r) => ({ shard: r.shard, id: BigInt(r.id), seq: BigInt(r.seq), hash: r.hash })),
    legacy: legacy && legacy.id !== null && legacy.hash ? { count: Number(legacy.count), id: BigInt(legacy.id), hash: legacy.hash } : null,
  };
}

/** Finds the rows a checkpoint names again and says whether they are still what it signed. */
async function stillHolds(client: Client, key: Buffer, cp: AuditCheckpoint): Promise<boolean> {
  const ids = [...cp.heads.map((h) => BigInt(h[2])), ...(cp.legacy ? [BigInt(cp.legacy[1])] : [])];
  if (!ids.length) return checkpointMatches(key, cp, [], null);
  const rows = await client.$queryRaw<{ id: bigint; shard: number | null; seq: bigint | null; hash: string }[]>`
    SELECT id, "shard", seq, hash FROM "AuditLog" WHERE id = ANY(${ids}::bigint[])`;
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const heads: CheckpointHead[] = [];
  for (const [shard, seq, id] of cp.heads) {
    const r = byId.get(id);
    if (!r || r.shard !== shard || r.seq === null || BigInt(r.seq) !== BigInt(seq)) return false;
    heads.push({ shard, seq: BigInt(seq), id: BigInt(id), hash: r.hash });
  }
  let legacy: CheckpointLegacy | null = null;
  if (cp.legacy) {
    const r = byId.get(cp.legacy[1]);
    if (!r || r.shard !== null) return false;
    legacy = { count: cp.legacy[0], id: BigInt(r.id), hash: r.hash };
  }
  return checkpointMatches(key, cp, heads, legacy);
}

export type CheckpointOutcome = { written: boolean; checkpoint?: AuditCheckpoint; problem?: string };

/**
 * The periodic signed checkpoint (job "audit-checkpoint"): every chain's head,
 * the row count and the time, HMAC-signed, written to the data directory
 * (atomically, mode 0600) and as a log line, so a copy lives outside the
 * database. A checkpoint never replaces one whose rows are gone or changed:
 * then it logs an error and keeps the old file, which `audit:verify` reports.
 */
export async function writeAuditCheckpoint(now: Date, opts: { client?: Client; key?: Buffer; file?: string } = {}): Promise<CheckpointOutcome> {
  const client = opts.client ?? db;
  const key = opts.key ?? auditKey();
  const file = opts.file ?? auditCheckpointPath();
  let previous: AuditCheckpoint | null = null;
  try {
    previous = readAuditCheckpoint(file);
  } catch (err) {
    const problem = `the audit checkpoint ${file} is unreadable; not replacing it`;
    log.error({ err, file }, problem);
    return { written: false, problem };
  }
  if (previous && !(await stillHolds(client, key, previous))) {
    const problem = `the audit log no longer contains the rows of the checkpoint of ${previous.at} (rows deleted or changed, another database, or another OPSGATE_AUDIT_KEY); keeping that checkpoint: run npm run audit:verify`;
    log.error({ file, checkpoint: previous }, problem);
    return { written: false, problem };
  }
  const { heads, legacy } = await currentHeads(client);
  if (!heads.length && !legacy) return { written: false };
  const checkpoint = signCheckpoint(key, now, heads, legacy);
  if (previous && previous.rows === checkpoint.rows && JSON.stringify(previous.heads) === JSON.stringify(checkpoint.heads)) return { written: false, checkpoint: previous };
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  log.info({ auditCheckpoint: checkpoint }, "audit checkpoint");
  return { written: true, checkpoint };
}
