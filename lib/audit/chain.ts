import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The audit log's tamper evidence, as plain functions (no database, no env):
 * the key and the rows are arguments, so every rule here is unit-tested.
 *
 * Rows form AUDIT_SHARDS parallel chains instead of one, so concurrent
 * audited writes do not queue behind a single lock (lib/audit/index.ts claims
 * a free shard per transaction). Each row stores its shard, its position
 * `seq` in that chain and the previous row's `hash`; its own `hash` is an
 * HMAC-SHA256 keyed by OPSGATE_AUDIT_KEY over all of that and the row's id and
 * content. Without the key nobody (the database owner included) can forge,
 * edit, reorder or re-chain a row; deleting the newest rows of a chain is
 * caught against a signed checkpoint (per shard: the head's id and seq, and
 * its hash inside the signature) kept outside the database.
 *
 * Rows written before the key existed (shard null) keep their plain SHA-256
 * chain, accepted only before the first HMAC row; a checkpoint anchors its head too.
 */
export const AUDIT_SHARDS = 32;

/** Sorted-key JSON: the same bytes for the same value, whatever the key order. */
export function canonical(value: unknown): string {
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(",")}}`;
}

export type AuditContent = { at: Date; actorId: string | null; actorLabel: string; action: string; entity: string; entityId: string; data: unknown };
export type ChainRow = AuditContent & { id: bigint; prevHash: string; hash: string; shard: number | null; seq: bigint | null };

/** The hash of a row of the legacy single chain (before OPSGATE_AUDIT_KEY): SHA-256, no secret. */
export function legacyHash(prevHash: string, row: AuditContent): string {
  const { at, actorId, actorLabel, action, entity, entityId, data } = row; // exactly the fields the old lib/audit.ts hashed
  const body = canonical({ at: at.toISOString(), actorId, actorLabel, action, entity, entityId, data, prevHash });
  return createHash("sha256").update(body).digest("hex");
}

/** The HMAC of a sharded row: its id, place in its chain, predecessor and content. */
export function rowMac(key: Buffer, row: AuditContent & { id: bigint; shard: number; seq: bigint; prevHash: string }): string {
  const body = canonical({
    v: 2,
    id: row.id,
    shard: row.shard,
    seq: row.seq,
    prevHash: row.prevHash,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    data: row.data,
  });
  return createHmac("sha256", key).update("opsgate-audit-row\n").update(body).digest("hex");
}

function sameHex(a: string, b: string) {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

type Head = { id: bigint; seq: bigint; hash: string };

/**
 * Checks rows fed in ascending id order, one at a time (the table can be far
 * larger than memory). `push` returns why a row is bad, or null.
 */
export function createChainVerifier(key: Buffer) {
  const heads = new Map<number, Head>();
  let legacy: { count: number; id: bigint; hash: string } | null = null;
  let lastId: bigint | null = null;
  return {
    push(row: ChainRow): string | null {
      if (lastId !== null && row.id <= lastId) return "rows are out of order";
      lastId = row.id;
      if (row.shard === null || row.seq === null) {
        if (row.shard !== null || row.seq !== null) return "row has a shard without a position (or the reverse)";
        // Unkeyed rows are only the history from before the key: one after the first HMAC row is a forgery (a downgrade).
        if (heads.size) return "unkeyed (legacy SHA-256) row after the HMAC chains began: rows were rewritten without the key";
        if (row.prevHash !== (legacy?.hash ?? "0".repeat(64))) return "legacy row does not follow the previous row (a row before it was removed or reordered)";
        if (!sameHex(legacyHash(row.prevHash, row), row.hash)) return "legacy row's content does not match its hash";
        legacy = { count: (legacy?.count ?? 0) + 1, id: row.id, hash: row.hash };
        return null;
      }
      if (!Number.isInteger(row.shard) || row.shard < 0 || row.shard >= AUDIT_SHARDS) return "row names no valid shard";
      const head = heads.get(row.shard);
      const expectedSeq = (head?.seq ?? 0n) + 1n;
      if (row.seq !== expectedSeq) return `row is #${row.seq} of shard ${row.shard}, expected #${expectedSeq} (rows were removed or reordered)`;
      if (row.prevHash !== (head?.hash ?? "")) return `row does not follow row ${head?.id ?? "(none)"} of shard ${row.shard} (a row before it was removed or changed)`;
      if (!sameHex(rowMac(key, { ...row, shard: row.shard, seq: row.seq }), row.hash)) return "row's content does not match its HMAC: it was changed, or OPSGATE_AUDIT_KEY is not the key it was written with";
      heads.set(row.shard, { id: row.id, seq: row.seq, hash: row.hash });
      return null;
    },
    heads: () => heads,
    legacy: () => legacy,
  };
}

/** A signed statement of how far every chain reached at `at`. Hashes are inside `sig`, not in the file. */
export type AuditCheckpoint = {
  v: 1;
  at: string;
  /** all rows: the sum of the heads' positions plus the legacy rows */
  rows: number;
  /** [shard, seq, id] of each chain's newest row */
  heads: [number, number, string][];
  /** [count, id of the newest row] of the legacy chain, if any */
  legacy: [number, string] | null;
  sig: string;
};

export type CheckpointHead = { shard: number; seq: bigint; id: bigint; hash: string };
export type CheckpointLegacy = { count: number; id: bigint; hash: string };

function checkpointBody(at: string, heads: CheckpointHead[], legacy: CheckpointLegacy | null) {
  const sorted = [...heads].sort((a, b) => a.shard - b.shard);
  return canonical({ v: 1, at, heads: sorted.map((h) => [h.shard, h.seq, h.id, h.hash]), legacy: legacy ? [legacy.count, legacy.id, legacy.hash] : null });
}

export function signCheckpoint(key: Buffer, at: Date, heads: CheckpointHead[], legacy: CheckpointLegacy | null): AuditCheckpoint {
  const iso = at.toISOString();
  const sorted = [...heads].sort((a, b) => a.shard - b.shard);
  return {
    v: 1,
    at: iso,
    rows: sorted.reduce((n, h) => n + Number(h.seq), 0) + (legacy?.count ?? 0),
    heads: sorted.map((h) => [h.shard, Number(h.seq), h.id.toString()]),
    legacy: legacy ? [legacy.count, legacy.id.toString()] : null,
    sig: createHmac("sha256", key).update("opsgate-audit-checkpoint\n").update(checkpointBody(iso, sorted, legacy)).digest("hex"),
  };
}

/** Whether `cp` was signed with `key` over exactly these rows (found again by their ids). */
export function checkpointMatches(key: Buffer, cp: AuditCheckpoint, heads: CheckpointHead[], legacy: CheckpointLegacy | null): boolean {
  const expected = createHmac("sha256", key).update("opsgate-audit-checkpoint\n").update(checkpointBody(cp.at, heads, legacy)).digest("hex");
  return sameHex(expected, cp.sig);
}

/** Parses a checkpoint from its file, or from a log line that carries it under `auditCheckpoint`. Throws when it is neither. */
export function parseCheckpoint(text: string): AuditCheckpoint {
  const lines = text.trim().split("\n").filter(Boolean);
  for (const line of lines.reverse()) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const cp = (value && typeof value === "object" && "auditCheckpoint" in value ? (value as { auditCheckpoint: unknown }).auditCheckpoint : value) as Partial<AuditCheckpoint>;
    if (cp && cp.v === 1 && typeof cp.at === "string" && typeof cp.sig === "string" && Array.isArray(cp.heads)) return cp as AuditCheckpoint;
  }
  try {
    const cp = JSON.parse(text) as Partial<AuditCheckpoint>;
    if (cp && cp.v === 1 && typeof cp.sig === "string" && Array.isArray(cp.heads)) return cp as AuditCheckpoint;
  } catch {
    /* fall through */
  }
  throw new Error("not an audit checkpoint (expected the JSON file or a log line with auditCheckpoint)");
}
