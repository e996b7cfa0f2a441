import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

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

const GENESIS = "0".repeat(64);

function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(",")}}`;
}

/** The hash of one row, chained to the previous row's hash. */
export function auditHash(prevHash: string, row: { at: Date; actorId: string | null; actorLabel: string; action: string; entity: string; entityId: string; data: unknown }) {
  const body = canonical({ ...row, at: row.at.toISOString(), prevHash });
  return createHash("sha256").update(body).digest("hex");
}

function label(actor: AuditActor) {
  return "system" in actor ? `system:${actor.system}` : (actor.email ?? actor.name ?? actor.id);
}

/** Normalises data to plain JSON (Dates → ISO strings) so the stored row hashes the same on read. */
function toJson(data: Record<string, unknown> | undefined): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(data ?? {})) as Prisma.InputJsonObject;
}

/**
 * Appends one audit row inside the caller's transaction. A transaction-scoped
 * advisory lock serialises writers so the hash chain stays linear.
 */
export async function audit(tx: Tx, entry: AuditEntry) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS;
  const at = entry.at ?? new Date();
  const row = {
    at,
    actorId: "system" in entry.actor ? null : entry.actor.id,
    actorLabel: label(entry.actor),
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    data: toJson(entry.data),
  };
  return tx.auditLog.create({ data: { ...row, prevHash, hash: auditHash(prevHash, row) } });
}

export type AuditVerification = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: string; reason: string };

/** Recomputes the whole chain; any edited, removed or reordered row breaks it. */
export async function verifyAuditChain(client: Pick<Tx, "auditLog"> = db): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let cursor: bigint | undefined;
  let rows = 0;
  for (;;) {
    const batch = await client.auditLog.findMany({
      orderBy: { id: "asc" },
      take: 1000,
      ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!batch.length) return { ok: true, rows };
    for (const r of batch) {
      rows++;
      if (r.prevHash !== prevHash) return { ok: false, rows, brokenAt: String(r.id), reason: "prevHash does not match the previous row" };
      const expected = auditHash(prevHash, { at: r.at, actorId: r.actorId, actorLabel: r.actorLabel, action: r.action, entity: r.entity, entityId: r.entityId, data: r.data });
      if (expected !== r.hash) return { ok: false, rows, brokenAt: String(r.id), reason: "row content does not match its hash" };
      prevHash = r.hash;
    }
    cursor = batch[batch.length - 1].id;
  }
}
